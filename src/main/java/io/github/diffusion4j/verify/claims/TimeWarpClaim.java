package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.ReparametrisedSchedule;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T12, time-warp invariance (Kingma et al. 2021, §5.1; Karras et al. 2022, §3; docs/THEORY.md T12): a schedule
 * {@code α'(τ) = c(τ) α(φ(τ))}, {@code σ'(τ) = c(τ) σ(φ(τ))} has the same SNR path as α, σ, its marginals are those
 * of {@code c(τ) z_{φ(τ)}}, and so its probability-flow map is the base's, conjugated by the rescaling:
 * <pre>
 *   Φ'_{τ₀→τ₁}(c(τ₀) z) = c(τ₁) Φ_{φ(τ₀)→φ(τ₁)}(z).
 * </pre>
 * Checked with φ(τ) = τ² and c(τ) = 1 + τ (a non-trivial clock and scale) on each main schedule, from 200 exact
 * samples at φ(τ₀), τ₀ = 0.95 (0.949 for the linear interpolant, whose α vanishes at 1), to τ₁ = 0.1, both flows
 * integrated by the context's adaptive RK45 at atol = rtol = 10⁻¹⁰ with the ground truth's exact score of each
 * schedule. Tolerance 10⁻⁶ of max(1, |z|): four orders above the integrators' tolerance (global error of an
 * error-per-step controlled method over ~100 steps); a schedule whose score is not that of its marginal, or a flow
 * that depends on more than the SNR path, differs at O(1).
 */
final class TimeWarpClaim extends BaseClaim {

    static final double TOLERANCE = 1e-6;
    private static final int POINTS = 200;
    private static final double INTEGRATOR_TOLERANCE = 1e-10;

    TimeWarpClaim() {
        super("T12", "A time-warped, rescaled schedule with the same SNR path has the same PF-ODE map, up to c(τ)",
                "Kingma et al. 2021, §5.1; Karras et al. 2022, §3; docs/THEORY.md T12");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                NoiseSchedule base = entry.getValue();
                double span = base.tMax() - base.tMin();
                NoiseSchedule warped = new ReparametrisedSchedule(base.name() + "∘τ²×(1+τ)", base, 0, 1,
                        u -> base.tMin() + span * u * u, u -> 2 * span * u, Math::log1p, u -> 1 / (1 + u));
                double tau0 = base.alpha(base.tMax()) > 0 ? 0.95 : 0.949;
                double tau1 = 0.1;
                double t0 = base.tMin() + span * tau0 * tau0;
                double t1 = base.tMin() + span * tau1 * tau1;
                GroundTruth baseTruth = context.groundTruth(problem.getValue(), base);
                GroundTruth warpedTruth = context.groundTruth(problem.getValue(), warped);
                double[] z = baseTruth.sample(t0, POINTS, context.seed() + 12);
                double[] w = z.clone();
                for (int i = 0; i < w.length; i++) {
                    w[i] *= 1 + tau0;
                }
                flow(context, baseTruth, TimeGrid.of(base, t0, t1), z);
                flow(context, warpedTruth, TimeGrid.of(warped, tau0, tau1), w);
                double worst = 0;
                for (int i = 0; i < z.length; i++) {
                    double expected = (1 + tau1) * z[i];
                    worst = Math.max(worst, Math.abs(w[i] - expected) / Math.max(1, Math.abs(expected)));
                }
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey(), worst, TOLERANCE));
            }
        }
        return worst(checks, "max relative difference of the endpoint maps", TOLERANCE);
    }

    private static void flow(VerificationContext context, GroundTruth truth, TimeGrid grid, double[] z) {
        Integrator.of(context.solver("rk45"), truth.scoreModel(), truth.schedule())
                .tolerances(INTEGRATOR_TOLERANCE, INTEGRATOR_TOLERANCE).integrate(grid, z, POINTS);
    }
}
