package io.github.diffusion4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.IntegrationResult;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import org.junit.jupiter.api.Test;

/** The README's Java quick start, verbatim, runs and does what it says. */
class ReadmeQuickstartTest {

    @Test
    void quickStartRunsAsWritten() throws IOException {
        GaussianMixture data = BuiltinMixtures.ring8();
        NoiseSchedule vp = Schedules.byName("vp-linear");
        ScoreModel score = new MixtureScoreModel(data, vp);
        int n = 10_000;
        double[] z = new CounterNoise(1).normals(n, 2);
        IntegrationResult r = Integrator.of(Solvers.byName("dpm-solver++2m"), score, vp)
                .integrate(TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 20), z, n);
        MixtureMarginal p0 = data.marginal().setTime(vp, 1e-3);
        double[] logDensity = new double[n];
        p0.logDensity(z, n, logDensity);

        assertEquals(20, r.evaluations());
        double mean = 0;
        for (double v : logDensity) {
            mean += v / n;
        }
        // −H(p₀) for the ring of 8 (variance 0.04 per mode) is −1.70; 20 steps land close to it.
        assertTrue(mean > -2.0 && mean < -1.2, "mean log-density at the samples " + mean);
        String readme = Files.readString(Path.of("README.md"));
        for (String line : new String[] {
            "ScoreModel score = new MixtureScoreModel(data, vp);",
            "double[] z = new CounterNoise(1).normals(n, 2);",
            ".integrate(TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 20), z, n);",
            "p0.logDensity(z, n, logDensity);"}) {
            assertTrue(readme.contains(line), "README quick start no longer contains: " + line);
        }
    }
}
