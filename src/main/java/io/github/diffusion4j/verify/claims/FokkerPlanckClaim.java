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
 * T7, the Fokker–Planck equation of the forward SDE {@code dz = f z dt + g dW},
 * {@code ∂_t p = −∇·(f z p) + ½ g² Δp}, divided by p:
 * <pre>
 *   ∂_t log p = −f d − f z·∇log p + ½ g² (Δ log p + ‖∇log p‖²)
 * </pre>
 * with ∂_t log p by a five-point difference in t, and f, g² from the schedule — independent of the probability-flow
 * velocity. Tolerance 10⁻⁵ relative, as for T6.
 */
final class FokkerPlanckClaim extends BaseClaim {

    static final double TOLERANCE = 1e-5;

    FokkerPlanckClaim() {
        super("T7", "∂_t p = −∇·(f z p) + ½ g² Δp for the forward SDE",
                "Øksendal 2003, §8.1; Song et al. 2021, Appendix D; docs/THEORY.md T7");
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
                    double[] z = truth.sample(t, n, context.seed() + 4);
                    double[] dt = Derivatives.timeDerivativeOfLogDensity(truth, t, z, n);
                    double[] score = new double[n * d];
                    double[] laplacian = new double[n];
                    truth.score(t, z, n, score);
                    truth.divergence(t, z, n, laplacian);
                    double f = s.drift(t);
                    double g2 = s.diffusionSquared(t);
                    for (int i = 0; i < n; i++) {
                        double drift = 0;
                        double squared = 0;
                        for (int a = 0; a < d; a++) {
                            drift += z[i * d + a] * score[i * d + a];
                            squared += score[i * d + a] * score[i * d + a];
                        }
                        double right = -f * d - f * drift + 0.5 * g2 * (laplacian[i] + squared);
                        double scale = Math.abs(dt[i]) + Math.abs(f * d) + Math.abs(f * drift)
                                + 0.5 * g2 * (Math.abs(laplacian[i]) + squared);
                        worst = Math.max(worst, Math.abs(dt[i] - right) / scale);
                    }
                }
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey(), worst, TOLERANCE));
            }
        }
        return worst(checks, "max relative residual", TOLERANCE);
    }
}
