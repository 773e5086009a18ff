package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * KL of ODE samplers from exact model densities. Intervals are 99.9% CLT intervals, so each containment check has a
 * false-alarm probability of 10⁻³ for its fixed seed.
 */
class FlowDensityTest {

    private static GaussianLaw law(GaussianMixture data, NoiseSchedule s, double t) {
        MixtureMarginal m = data.marginal().setTime(s, t);
        int d = data.dimension();
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        m.mean(mean);
        m.covariance(cov);
        return new GaussianLaw(mean, cov);
    }

    @Test
    void monteCarloKlAgreesWithTheExactGaussianKl() {
        GaussianMixture data = BuiltinMixtures.gauss2();
        NoiseSchedule vp = Schedules.byName("vp-linear");
        MixtureScoreModel model = new MixtureScoreModel(data, vp);
        for (String solver : new String[] {"euler", "dpm-solver++2m"}) {
            TimeGrid grid = TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 6);
            GaussianLaw start = law(data, vp, 1.0);
            GaussianLaw target = law(data, vp, 1e-3);
            double exact = ExactSolverLaw.propagate(Solvers.byName(solver), model, vp, grid, start)
                    .klDivergenceTo(target);
            int n = 20_000;
            double[] z = start.sample(n, 4);
            double[] startLog = new double[n];
            start.logDensity(z, n, startLog);
            FlowDensity.Samples samples = FlowDensity.push(Integrator.of(Solvers.byName(solver), model, vp), grid, z,
                    startLog, n);
            Estimate kl = FlowDensity.klDivergence(samples, target::logDensity, 0.999);
            assertTrue(kl.contains(exact), solver + ": MC " + kl + " vs exact " + exact);
            // For nearby laws Var[log p̂ − log p] ≈ 2 KL, so the standard error is ≈ √(2 KL / n): it resolves
            // Euler's KL (> 0.01) to a few per cent, and DPM-Solver++(2M)'s (~7e-4) only to about a third.
            assertEquals(Math.sqrt(2 * exact / n), kl.standardError(), 0.5 * Math.sqrt(2 * exact / n),
                    solver + ": standard error " + kl.standardError());
        }
    }

    @Test
    void klOfAMixtureSamplerShrinksWithTheStepsAndVanishesWhenConverged() {
        GaussianMixture data = BuiltinMixtures.bimodal1d();
        NoiseSchedule vp = Schedules.byName("vp-linear");
        MixtureScoreModel model = new MixtureScoreModel(data, vp);
        MixtureMarginal start = data.marginal().setTime(vp, 1.0);
        MixtureMarginal target = data.marginal().setTime(vp, 1e-3);
        int n = 20_000;
        double[] z = io.github.diffusion4j.testing.RandomMixtures.marginalPoints(data, start.alpha(), start.sigma(), n, 8);
        double[] startLog = new double[n];
        start.logDensity(z, n, startLog);
        Estimate[] kls = new Estimate[3];
        int[] steps = {8, 32, 400};
        for (int k = 0; k < 3; k++) {
            FlowDensity.Samples samples = FlowDensity.push(Integrator.of(Solvers.byName("heun"), model, vp),
                    TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, steps[k]), z, startLog, n);
            assertEquals(2L * steps[k], samples.evaluations());
            kls[k] = FlowDensity.klDivergence(samples, target::logDensity, 0.999);
        }
        assertTrue(kls[0].lower() > kls[1].upper(), "8 → 32 steps must lower the KL: " + kls[0] + " vs " + kls[1]);
        // Heun at 400 steps: discretisation error ≈ (8/400)² of the 8-step error; the true KL is below 10⁻⁵.
        assertTrue(kls[2].lower() < 1e-4 && kls[2].upper() > -1e-4, "converged sampler: KL ≈ 0, got " + kls[2]);
    }

    /**
     * Two independent routes to KL(p̂ ‖ p₀) for a coarse PF-ODE sampler on the ring of 8: exact model densities
     * (tangent mode) and the k-NN route (Kozachenko–Leonenko entropy of the same samples, exact cross-entropy). In
     * d = 2 at n = 40,000 the k-NN bias is far below its standard error (see {@link KozachenkoLeonenkoEntropy}), so
     * the two 99.9% intervals must overlap; the KL itself (0.39) is many standard errors from 0, so the agreement is
     * not two zeros.
     */
    @Test
    void exactDensityKlAgreesWithTheNearestNeighbourRoute() {
        GaussianMixture data = BuiltinMixtures.ring8();
        NoiseSchedule vp = Schedules.byName("vp-linear");
        MixtureScoreModel model = new MixtureScoreModel(data, vp);
        MixtureMarginal start = data.marginal().setTime(vp, 1.0);
        MixtureMarginal target = data.marginal().setTime(vp, 1e-3);
        int n = 40_000;
        double[] z = io.github.diffusion4j.testing.RandomMixtures.marginalPoints(data, start.alpha(), start.sigma(), n,
                11);
        double[] startLog = new double[n];
        start.logDensity(z, n, startLog);
        FlowDensity.Samples samples = FlowDensity.push(Integrator.of(Solvers.byName("euler"), model, vp),
                TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 12), z, startLog, n);
        Estimate exact = FlowDensity.klDivergence(samples, target::logDensity, 0.999);
        Estimate nearestNeighbour = new NearestNeighborKl(new KozachenkoLeonenkoEntropy(1).threads(2))
                .estimate(samples.points(), n, 2, target::logDensity, 0.999);
        System.out.println("KL(p̂ ‖ p₀), Euler 12 steps on ring8: exact density " + exact + ", k-NN " + nearestNeighbour);
        assertTrue(exact.lower() > 10 * exact.standardError(), "the sampler must be visibly off: " + exact);
        assertTrue(exact.lower() <= nearestNeighbour.upper() && nearestNeighbour.lower() <= exact.upper(),
                "exact-density " + exact + " vs k-NN " + nearestNeighbour);
    }

    @Test
    void gaussianLawSamplesAndDensity() {
        GaussianLaw law = new GaussianLaw(new double[] {1, -2}, new double[] {2, 0.5, 0.5, 1});
        double[] out = new double[1];
        law.logDensity(new double[] {1, -2}, 1, out);
        assertEquals(-0.5 * (2 * Math.log(2 * Math.PI) + Math.log(2 - 0.25)), out[0], 1e-14);
        double[] x = law.sample(50_000, 1);
        double mean0 = 0;
        double var1 = 0;
        for (int i = 0; i < 50_000; i++) {
            mean0 += x[2 * i] / 50_000;
            var1 += (x[2 * i + 1] + 2) * (x[2 * i + 1] + 2) / 50_000;
        }
        assertEquals(1.0, mean0, 4.5 * Math.sqrt(2.0 / 50_000));
        assertEquals(1.0, var1, 4.5 * Math.sqrt(2.0 / 50_000));
        double[] again = law.sample(3, 1);
        assertEquals(x[4], again[4], 0.0, "sample i depends only on (seed, i)");
    }
}
