package io.github.diffusion4j.verify.claims;

import java.util.Locale;

import io.github.diffusion4j.estimate.ConvergenceVerdict;
import io.github.diffusion4j.estimate.ConvergenceVerdict.Criterion;
import io.github.diffusion4j.estimate.ExactSolverLaw;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.estimate.OrderFit;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;

/**
 * The order criterion of the solver-order claims (S1, S6), judged by {@link ConvergenceVerdict}: a deterministic
 * solver's fitted order within {@value ConvergenceVerdict#ORDER_BAND} of its declared order, a stochastic solver's
 * fitted weak order at least its declared order minus the band. Collects the worst deviations for the claim's summary.
 */
final class OrderVerdicts {

    private double maxDeviation = -1;
    private double minWeakExcess = Double.POSITIVE_INFINITY;

    /**
     * The error of one exact run: {@code √KL(p̂ ‖ target)} of the solver's exact output law ({@link ExactSolverLaw}),
     * KL clamped at 0 against rounding.
     */
    static double exactError(Solver solver, GroundTruth truth, NoiseSchedule schedule, TimeGrid grid,
                             GaussianLaw initial, GaussianLaw target) {
        GaussianLaw law = ExactSolverLaw.propagate(solver, truth.scoreModel(), schedule, grid, initial);
        return Math.sqrt(Math.max(law.klDivergenceTo(target), 0));
    }

    /**
     * @param configuration what was fitted
     * @param solver        the solver, with its declared order
     * @param fit           its fitted order
     * @return the check, with the criterion and the fit's interval
     */
    Check judge(String configuration, Solver solver, OrderFit fit) {
        boolean passed;
        if (solver.isStochastic()) {
            minWeakExcess = Math.min(minWeakExcess, fit.order() - solver.order());
            passed = ConvergenceVerdict.judge(solver.name(), solver.order(), Criterion.AT_LEAST, fit).passed();
        } else {
            maxDeviation = Math.max(maxDeviation, Math.abs(fit.order() - solver.order()));
            passed = ConvergenceVerdict.judge(solver.name(), solver.order(), Criterion.WITHIN_BAND, fit).passed();
        }
        return Check.of(configuration, fit.order(), String.format(Locale.ROOT, solver.isStochastic()
                        ? "weak order ≥ %d − %.1f; fit 95%% CI [%.3f, %.3f]"
                        : "|order − %d| ≤ %.1f; fit 95%% CI [%.3f, %.3f]", solver.order(),
                ConvergenceVerdict.ORDER_BAND, fit.lower(), fit.upper()), passed);
    }

    /** @return e.g. {@code max |p̂ − p| 0.119 (ODE), min p̂ − p -0.048 (SDE)} */
    String summary() {
        String ode = maxDeviation >= 0 ? String.format(Locale.ROOT, "max |p̂ − p| %.3f (ODE)", maxDeviation)
                : "no ODE solver";
        String sde = Double.isFinite(minWeakExcess) ? String.format(Locale.ROOT, "min p̂ − p %.3f (SDE)",
                minWeakExcess) : "no SDE solver";
        return ode + ", " + sde;
    }

    /** @return the criterion line of the claim */
    static String criterion() {
        return "|p̂ − p| ≤ " + ConvergenceVerdict.ORDER_BAND + " (weak: p̂ ≥ p − " + ConvergenceVerdict.ORDER_BAND + ")";
    }
}
