package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.testing.RandomMixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The probability-flow likelihood against the closed-form marginal log-density (claim T9), and Hutchinson's estimator.
 * Statistical checks use 99.9% intervals (false-alarm probability 10⁻³ each, fixed seeds).
 */
class FlowLikelihoodTest {

    private static final GaussianMixture RING = BuiltinMixtures.ring8();
    private static final NoiseSchedule VP = Schedules.byName("vp-linear");

    @Test
    void exactDivergenceConvergesAtOrderFourToTheClosedForm() {
        MixtureScoreModel model = new MixtureScoreModel(RING, VP);
        MixtureMarginal start = RING.marginal().setTime(VP, 0.05);
        MixtureMarginal end = RING.marginal().setTime(VP, 1.0);
        int n = 20;
        double[] x = RandomMixtures.marginalPoints(RING, start.alpha(), start.sigma(), n, 3);
        double[] exact = new double[n];
        start.logDensity(x, n, exact);
        FlowLikelihood likelihood = new FlowLikelihood(model, VP, FlowLikelihood.Divergence.EXACT, 1, 0);
        // Error ratios per halving measured 28.8, 28.6, 20.1, 18.2, 17.2 from 16 to 512 steps: the slope approaches
        // 4 from above (an h⁵ term on this grid, non-uniform in t, decays slowly); 256–2048 steps are asymptotic.
        int[] steps = {256, 512, 1024, 2048};
        double[] errors = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            double[] out = new double[n];
            likelihood.logDensity(TimeGrid.uniformLogSnr(VP, 1.0, 0.05, steps[k]), x, n, end::logDensity, out);
            for (int i = 0; i < n; i++) {
                errors[k] = Math.max(errors[k], Math.abs(out[i] - exact[i]));
            }
        }
        double[] h = {1.0 / 256, 1.0 / 512, 1.0 / 1024, 1.0 / 2048};
        OrderFit fit = OrderFit.fit(h, errors, 0.95);
        assertEquals(4.0, fit.order(), 0.2, "RK4 on the augmented ODE; errors " + java.util.Arrays.toString(errors));
        assertTrue(errors[3] < 1e-9, "2048 steps reproduce log p to " + errors[3]);
    }

    @ParameterizedTest
    @EnumSource(value = FlowLikelihood.Divergence.class, names = {"RADEMACHER", "GAUSSIAN"})
    void hutchinsonIsUnbiased(FlowLikelihood.Divergence probe) {
        MixtureScoreModel model = new MixtureScoreModel(RING, VP);
        MixtureMarginal start = RING.marginal().setTime(VP, 0.05);
        MixtureMarginal end = RING.marginal().setTime(VP, 1.0);
        int n = 3000;
        double[] x = RandomMixtures.marginalPoints(RING, start.alpha(), start.sigma(), n, 4);
        TimeGrid grid = TimeGrid.uniformLogSnr(VP, 1.0, 0.05, 64);
        double[] exact = new double[n];
        new FlowLikelihood(model, VP, FlowLikelihood.Divergence.EXACT, 1, 0).logDensity(grid, x, n, end::logDensity,
                exact);
        double[] estimate = new double[n];
        new FlowLikelihood(model, VP, probe, 1, 11).logDensity(grid, x, n, end::logDensity, estimate);
        double[] difference = new double[n];
        for (int i = 0; i < n; i++) {
            difference[i] = estimate[i] - exact[i];
        }
        Estimate bias = Estimate.ofMean(difference, 0.999);
        assertTrue(bias.contains(0.0), probe + ": mean of (Hutchinson − exact) " + bias);
        assertTrue(bias.standardError() > 0, "the estimator must actually be random");
    }

    @Test
    void finiteDifferenceProductsMatchTheAnalyticJacobian() {
        // The same probes through vᵀ(∇s)v from the Hessian and from central differences: truncation O(ε²) with
        // ε ≈ 10⁻⁴ (1 + |z|) on a score varying on the scale √0.04 = 0.2 gives ~10⁻⁶ relative; tolerance 10⁻⁵.
        MixtureScoreModel model = new MixtureScoreModel(RING, VP);
        ScoreModel opaque = new ScoreModel() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void score(double t, double[] z, int from, int to, double[] out) {
                model.score(t, z, from, to, out);
            }
        };
        MixtureMarginal start = RING.marginal().setTime(VP, 0.05);
        MixtureMarginal end = RING.marginal().setTime(VP, 1.0);
        int n = 10;
        double[] x = RandomMixtures.marginalPoints(RING, start.alpha(), start.sigma(), n, 5);
        TimeGrid grid = TimeGrid.uniformLogSnr(VP, 1.0, 0.05, 32);
        double[] analytic = new double[n];
        double[] numeric = new double[n];
        new FlowLikelihood(model, VP, FlowLikelihood.Divergence.GAUSSIAN, 2, 7).logDensity(grid, x, n,
                end::logDensity, analytic);
        new FlowLikelihood(opaque, VP, FlowLikelihood.Divergence.GAUSSIAN, 2, 7).logDensity(grid, x, n,
                end::logDensity, numeric);
        for (int i = 0; i < n; i++) {
            assertEquals(analytic[i], numeric[i], 1e-5 * (1 + Math.abs(analytic[i])), "point " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Hutchinson.Probe.class)
    void hutchinsonVarianceMatchesTheFormula(Hutchinson.Probe probe) {
        // T9 at one Hessian: 40,000 probes. Mean within its 99.9% interval; the sample variance within 8% of the
        // formula (its relative standard error is √((κ − 1)/n) ≈ 1.5% for the kurtosis κ ≈ 9 of a Gaussian quadratic
        // form, so 8% is > 5 standard errors).
        MixtureMarginal p = RING.marginal().setTime(VP, 0.2);
        double[] z = {1.2, -0.7};
        double[] hessian = new double[4];
        p.hessian(z, 1, hessian);
        double trace = hessian[0] + hessian[3];
        int draws = 40_000;
        double[] v = new CounterNoise(13).normals(draws, 2);
        Hutchinson.toProbe(v, v.length, probe);
        double[] values = new double[draws];
        double[] vector = new double[2];
        for (int i = 0; i < draws; i++) {
            vector[0] = v[2 * i];
            vector[1] = v[2 * i + 1];
            values[i] = Hutchinson.quadraticForm(hessian, 0, 2, vector);
        }
        Estimate mean = Estimate.ofMean(values, 0.999);
        assertTrue(mean.contains(trace), probe + ": " + mean + " vs tr H = " + trace);
        double variance = mean.standardError() * mean.standardError() * draws;
        double expected = Hutchinson.variance(hessian, 0, 2, probe);
        assertEquals(expected, variance, 0.08 * expected, probe + " variance");
    }
}
