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
 * T5: the probability-flow velocity {@code f z − ½ g² ∇log p_t} equals the flow-matching velocity
 * {@code α̇ x̂₀ + σ̇ ε̂} pointwise, on every problem and schedule, at times across the domain including both ends.
 *
 * <p>Tolerance 10⁻¹⁰ of {@code |f z| + ½ g² |s| + |u|}: the two routes share no arithmetic beyond the score, and
 * each is exact up to rounding of those terms.
 */
final class ScoreVelocityClaim extends BaseClaim {

    static final double TOLERANCE = 1e-10;

    ScoreVelocityClaim() {
        super("T5", "f z − ½ g² ∇log p_t(z) equals α̇ x̂₀ + σ̇ ε̂ pointwise (probability flow = flow matching)",
                "Song et al. 2021, eq. 13; Lipman et al. 2023; docs/THEORY.md T5");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int n = 200;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.allSchedules().entrySet()) {
                NoiseSchedule s = entry.getValue();
                GroundTruth truth = context.groundTruth(problem.getValue(), s);
                int d = problem.getValue().dimension();
                double worst = 0;
                for (double t : Times.fractions(s, 1e-3, 0.1, 0.5, 0.9, 0.999)) {
                    double[] z = truth.sample(t, n, context.seed() + 2);
                    double[] u = new double[n * d];
                    double[] flow = new double[n * d];
                    double[] score = new double[n * d];
                    truth.velocity(t, z, n, u);
                    truth.flowVelocity(t, z, n, flow);
                    truth.score(t, z, n, score);
                    double f = s.drift(t);
                    double g2 = s.diffusionSquared(t);
                    for (int i = 0; i < n * d; i++) {
                        double scale = Math.abs(f * z[i]) + 0.5 * g2 * Math.abs(score[i]) + Math.abs(flow[i]);
                        worst = Math.max(worst, Math.abs(u[i] - flow[i]) / scale);
                    }
                }
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey(), worst, TOLERANCE));
            }
        }
        return worst(checks, "max relative residual", TOLERANCE);
    }
}
