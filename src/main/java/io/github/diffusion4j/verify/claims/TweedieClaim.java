package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.plot.ResidualPlot;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T1, Tweedie's formula: the posterior mean by conditioning equals {@code (z + σ² ∇log p_t(z))/α}, on every problem
 * and every schedule, at times spanning the domain (where α &gt; 0), at 200 exact samples of p_t each.
 *
 * <p>Tolerance 10⁻¹⁰ of {@code (|z| + σ²|s|)/α + |x̂₀|}, the magnitude of the terms the score route combines: both
 * routes are exact up to rounding, a few ε amplified by the conditioning of C_k (≤ 10³ on the built-in problems),
 * so ~10⁻¹³; any factor, sign or α-vs-α² error is O(1).
 */
final class TweedieClaim extends BaseClaim {

    static final double TOLERANCE = 1e-10;
    private static final int SAMPLES = 200;
    /** Times as fractions of the domain: both ends, near the data end, and a uniform sweep for the figure. */
    private static final double[] FRACTIONS = {0, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
        0.95, 1};

    TweedieClaim() {
        super("T1", "E[x₀|z_t] by conditioning equals (z + σ² ∇log p_t(z))/α (Tweedie)",
                "Efron 2011, eq. 2.8; Robbins 1956; docs/THEORY.md T1");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        ResidualPlot figure = new ResidualPlot("T1 Tweedie: posterior mean by conditioning vs by the score",
                "max relative residual");
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> schedule : context.allSchedules().entrySet()) {
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule.getValue());
                double[] times = Times.fractions(schedule.getValue(), FRACTIONS);
                double[] residuals = new double[times.length];
                for (int j = 0; j < times.length; j++) {
                    residuals[j] = residual(truth, times[j], context.seed() + 1);
                }
                double worst = Times.maxAbs(residuals, 0, residuals.length);
                checks.add(Check.atMost(problem.getKey() + " / " + schedule.getKey(), worst, TOLERANCE));
                if (context.schedules().containsKey(schedule.getKey())) {
                    figure.add(problem.getKey() + " / " + schedule.getKey(), times, residuals);
                }
            }
        }
        return worst(checks, "max relative residual", TOLERANCE).withFigure("residual-vs-t", figure);
    }

    /** The largest relative Tweedie residual over {@link #SAMPLES} exact samples of p_t; 0 where α(t) = 0. */
    private static double residual(GroundTruth truth, double t, long seed) {
        NoiseSchedule s = truth.schedule();
        double alpha = s.alpha(t);
        double sigma = s.sigma(t);
        if (alpha == 0) {
            return 0;
        }
        int n = SAMPLES;
        int d = truth.mixture().dimension();
        double[] z = truth.sample(t, n, seed);
        double[] score = new double[n * d];
        double[] mean = new double[n * d];
        truth.score(t, z, n, score);
        truth.posteriorMean(t, z, n, mean);
        double worst = 0;
        for (int i = 0; i < n * d; i++) {
            double tweedie = (z[i] + sigma * sigma * score[i]) / alpha;
            double scale = (Math.abs(z[i]) + sigma * sigma * Math.abs(score[i])) / alpha + Math.abs(mean[i]);
            worst = Math.max(worst, Math.abs(tweedie - mean[i]) / scale);
        }
        return worst;
    }
}
