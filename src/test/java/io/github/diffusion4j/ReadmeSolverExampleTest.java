package io.github.diffusion4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.StepContext;
import io.github.diffusion4j.solve.TimeGrid;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The README's example solver ("Extending diffusion4j"), verbatim, is DDIM: same samples to rounding. */
class ReadmeSolverExampleTest {

    static final class ExponentialEuler extends Solver {
        ExponentialEuler() { super("my-ddim", 1, 2); }
        @Override public void step(StepContext c, double t0, double t1) {
            NoiseSchedule s = c.schedule();
            c.dataPrediction(t0, StepContext.STATE, 1);
            double ratio = s.sigma(t1) / s.sigma(t0);
            c.combine(StepContext.STATE, ratio, StepContext.STATE, s.alpha(t1) - ratio * s.alpha(t0), 1);
        }
    }

    @Test
    void theExampleSolverIsDdim() throws IOException {
        GaussianMixture data = BuiltinMixtures.ring8();
        NoiseSchedule vp = Schedules.byName("vp-linear");
        MixtureScoreModel score = new MixtureScoreModel(data, vp);
        int n = 500;
        double[] mine = data.sampleMarginal(vp, 1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(3), n);
        double[] ddim = mine.clone();
        TimeGrid grid = TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 15);
        Integrator.of(new ExponentialEuler(), score, vp).integrate(grid, mine, n);
        Integrator.of(Solvers.byName("ddim"), score, vp).integrate(grid, ddim, n);
        assertArrayEquals(ddim, mine, 1e-12);
        String readme = Files.readString(Path.of("README.md"));
        for (String line : new String[] {
            "c.dataPrediction(t0, StepContext.STATE, 1);",
            "double ratio = s.sigma(t1) / s.sigma(t0);",
            "c.combine(StepContext.STATE, ratio, StepContext.STATE, s.alpha(t1) - ratio * s.alpha(t0), 1);"}) {
            assertTrue(readme.contains(line), "README example no longer contains: " + line);
        }
    }
}
