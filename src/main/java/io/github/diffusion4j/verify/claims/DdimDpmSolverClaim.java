package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * S2, DDIM (η = 0) is DPM-Solver-1 (Lu et al. 2022, §4.1 and Appendix: "DPM-Solver-1 is DDIM"): the updates
 * {@code z_s = (σ_s/σ_t) z + (α_s − α_t σ_s/σ_t) x̂₀} and {@code z_s = (α_s/α_t) z − σ_s(e^h − 1) ε̂} with
 * {@code h = λ½_s − λ½_t} are algebraically equal ({@code σ_s e^h = α_s σ_t/α_t}), so from the same points on the
 * same grid the two solvers of the context must agree to rounding: 500 exact samples of p_T, 25 log-SNR-uniform
 * steps to 10⁻² T, three problems × three schedules.
 *
 * <p>Tolerance 10⁻⁹ of max(1, |z|): each step differs by a few ε in the combination of terms of size |z|/α, and the
 * 25 steps of a contracting flow do not amplify it beyond ~10⁻¹²; a wrong coefficient is O(h).
 */
final class DdimDpmSolverClaim extends BaseClaim {

    static final double TOLERANCE = 1e-9;
    private static final int POINTS = 500;
    private static final int STEPS = 25;

    DdimDpmSolverClaim() {
        super("S2", "DDIM (η = 0) and DPM-Solver-1 produce the same samples", "Lu et al. 2022, §4.1; Song et al. "
                + "2021 (DDIM), eq. 13");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                NoiseSchedule schedule = entry.getValue();
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule);
                double start = schedule.reverseStart();
                TimeGrid grid = TimeGrid.uniformLogSnr(schedule, start, 1e-2 * schedule.tMax(), STEPS);
                double[] ddim = truth.sample(start, POINTS, context.seed() + 20);
                double[] dpm = ddim.clone();
                Integrator.of(context.solver("ddim"), truth.scoreModel(), schedule).integrate(grid, ddim, POINTS);
                Integrator.of(context.solver("dpm-solver-1"), truth.scoreModel(), schedule).integrate(grid, dpm,
                        POINTS);
                double worst = 0;
                for (int i = 0; i < ddim.length; i++) {
                    worst = Math.max(worst, Math.abs(ddim[i] - dpm[i]) / Math.max(1, Math.abs(ddim[i])));
                }
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey(), worst, TOLERANCE));
            }
        }
        return worst(checks, "max relative difference", TOLERANCE);
    }
}
