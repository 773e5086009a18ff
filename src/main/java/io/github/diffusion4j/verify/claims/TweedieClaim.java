package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
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

    TweedieClaim() {
        super("T1", "E[x₀|z_t] by conditioning equals (z + σ² ∇log p_t(z))/α (Tweedie)",
                "Efron 2011, eq. 2.8; Robbins 1956; THEORY.md T1");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int n = 200;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> schedule : context.allSchedules().entrySet()) {
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule.getValue());
                int d = problem.getValue().dimension();
                double worst = 0;
                for (double t : Times.fractions(schedule.getValue(), 0, 1e-3, 0.1, 0.5, 0.9, 1)) {
                    NoiseSchedule s = schedule.getValue();
                    double alpha = s.alpha(t);
                    double sigma = s.sigma(t);
                    if (alpha == 0) {
                        continue;
                    }
                    double[] z = truth.sample(t, n, context.seed() + 1);
                    double[] score = new double[n * d];
                    double[] mean = new double[n * d];
                    truth.score(t, z, n, score);
                    truth.posteriorMean(t, z, n, mean);
                    for (int i = 0; i < n * d; i++) {
                        double tweedie = (z[i] + sigma * sigma * score[i]) / alpha;
                        double scale = (Math.abs(z[i]) + sigma * sigma * Math.abs(score[i])) / alpha + Math.abs(mean[i]);
                        worst = Math.max(worst, Math.abs(tweedie - mean[i]) / scale);
                    }
                }
                checks.add(Check.atMost(problem.getKey() + " / " + schedule.getKey(), worst, TOLERANCE));
            }
        }
        return worst(checks, "max relative residual", TOLERANCE);
    }
}
