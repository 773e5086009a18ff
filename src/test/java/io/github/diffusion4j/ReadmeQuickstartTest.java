package io.github.diffusion4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.FlowDensity;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The README's Java quick start, verbatim, runs and prints what the README says. */
class ReadmeQuickstartTest {

    @Test
    void quickStartRunsAsWritten() throws IOException {
        GaussianMixture data = BuiltinMixtures.ring8();
        NoiseSchedule vp = Schedules.byName("vp-linear");
        ScoreModel score = new MixtureScoreModel(data, vp);
        int n = 10_000;
        double[] z = data.sampleMarginal(vp, 1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(1), n);
        double[] logP = new double[n];
        data.marginal().setTime(vp, 1.0).logDensity(z, n, logP);
        FlowDensity.Samples samples = FlowDensity.push(Integrator.of(Solvers.byName("dpm-solver++2m"), score, vp),
                TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 20), z, logP, n);
        Estimate kl = FlowDensity.klDivergence(samples, data.marginal().setTime(vp, 1e-3)::logDensity, 0.95);

        assertEquals(20, samples.evaluations());
        String printed = kl.toString();
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("// " + printed + " (95%)"), "README must show the printed KL " + printed);
        for (String line : new String[] {
            "ScoreModel score = new MixtureScoreModel(data, vp);",
            "double[] z = data.sampleMarginal(vp, 1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(1), n);",
            "data.marginal().setTime(vp, 1.0).logDensity(z, n, logP);",
            "TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 20), z, logP, n);",
            "Estimate kl = FlowDensity.klDivergence(samples, data.marginal().setTime(vp, 1e-3)::logDensity, 0.95);"}) {
            assertTrue(readme.contains(line), "README quick start no longer contains: " + line);
        }
    }
}
