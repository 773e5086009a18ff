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
 * T6, the continuity equation along the probability flow,
 * {@code ∂_t log p_t + ∇·u_t + u_t·∇log p_t = 0}, with every term from an independent route: ∂_t log p_t by a
 * five-point difference in t of the exact log-density, ∇·u_t by five-point differences in z of the library's velocity,
 * u_t from the library, ∇log p_t from the exact score.
 *
 * <p>Tolerance 10⁻⁵ of the terms' magnitude: the stencils use steps 10⁻³ of the distance to the domain's ends (t)
 * and 10⁻³ √c_min (z), so truncation is ~10⁻¹² relative and rounding ~10⁻¹⁰; a wrong factor in the velocity is O(1).
 */
final class ContinuityClaim extends BaseClaim {

    static final double TOLERANCE = 1e-5;

    ContinuityClaim() {
        super("T6", "∂_t log p_t + ∇·u_t + u_t·∇log p_t = 0 for the probability-flow velocity u_t",
                "Song et al. 2021, Appendix D.1; THEORY.md T6");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int n = 20;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                NoiseSchedule s = entry.getValue();
                GroundTruth truth = context.groundTruth(problem.getValue(), s);
                int d = problem.getValue().dimension();
                double worst = 0;
                for (double t : Times.fractions(s, 0.05, 0.3, 0.6, 0.9)) {
                    double[] z = truth.sample(t, n, context.seed() + 3);
                    double[] dt = Derivatives.timeDerivativeOfLogDensity(truth, t, z, n);
                    double[] divergence = Derivatives.divergenceOfVelocity(truth, t, z, n);
                    double[] u = new double[n * d];
                    double[] score = new double[n * d];
                    truth.velocity(t, z, n, u);
                    truth.score(t, z, n, score);
                    for (int i = 0; i < n; i++) {
                        double transport = 0;
                        for (int a = 0; a < d; a++) {
                            transport += u[i * d + a] * score[i * d + a];
                        }
                        double residual = dt[i] + divergence[i] + transport;
                        double scale = Math.abs(dt[i]) + Math.abs(divergence[i]) + Math.abs(transport) + 1e-300;
                        worst = Math.max(worst, Math.abs(residual) / scale);
                    }
                }
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey(), worst, TOLERANCE));
            }
        }
        return worst(checks, "max relative residual", TOLERANCE);
    }
}
