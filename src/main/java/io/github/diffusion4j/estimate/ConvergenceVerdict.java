package io.github.diffusion4j.estimate;

import java.util.Locale;

/**
 * Whether a fitted order of convergence agrees with a declared order p, by the criterion of the verification claim
 * S1 ({@code verify}), so that {@code converge} and {@code verify} judge a solver alike:
 * <ul>
 *   <li>{@link Criterion#WITHIN_BAND} (deterministic samplers): PASS iff {@code |p̂ − p| ≤ 0.3}. The band absorbs the
 *       pre-asymptotic curvature of a correct method over a few doublings of N (measured ≤ 0.2 on the built-in
 *       problems, e.g. Euler 1.065 on gauss2), while an order drop (Heun reduced to Euler) or a wrong declared order
 *       moves the fit by about 1.</li>
 *   <li>{@link Criterion#AT_LEAST} (stochastic samplers): PASS iff {@code p̂ ≥ p − 0.3}. Weak errors can
 *       superconverge on Gaussian data (SDE-DPM-Solver++(2M) measures 2 where 1 is declared), which is no defect; a
 *       sampler converging to the wrong law fits order ≈ 0.</li>
 * </ul>
 * The decision uses the fitted slope, not its confidence interval: the interval of an exact metric reflects only the
 * curvature of log e against log h (a correct Euler's 95% interval [1.021, 1.109] excludes 1), and with 3 or 4 step
 * counts a Monte Carlo fit's Student-t interval (1 or 2 degrees of freedom) is too wide to exclude anything. The
 * interval is reported beside the verdict so that a reader sees how firmly the fit is determined. A fit that could
 * not be made (fewer than two positive errors) fails.
 *
 * @param solver        the sampler's name
 * @param declaredOrder p
 * @param criterion     how p̂ is compared with p
 * @param fit           the fitted order p̂ with its interval
 * @param passed        whether the criterion holds
 */
public record ConvergenceVerdict(String solver, double declaredOrder, Criterion criterion, OrderFit fit,
                                 boolean passed) {

    /** The half-width of the band around the declared order, as in S1. */
    public static final double ORDER_BAND = 0.3;

    /** How the fitted order is compared with the declared one. */
    public enum Criterion {
        /** {@code |p̂ − p| ≤ 0.3}: deterministic samplers. */
        WITHIN_BAND,
        /** {@code p̂ ≥ p − 0.3}: stochastic samplers (weak or strong order; superconvergence allowed). */
        AT_LEAST;

        /** @return the criterion for a sampler: one-sided for stochastic samplers, two-sided otherwise */
        public static Criterion of(boolean stochastic) {
            return stochastic ? AT_LEAST : WITHIN_BAND;
        }
    }

    /**
     * @param solver        the sampler's name
     * @param declaredOrder p, finite
     * @param criterion     how to compare
     * @param fit           the fitted order
     * @return the verdict
     * @throws IllegalArgumentException if p is not finite
     */
    public static ConvergenceVerdict judge(String solver, double declaredOrder, Criterion criterion, OrderFit fit) {
        if (!Double.isFinite(declaredOrder)) {
            throw new IllegalArgumentException("declared order of " + solver + " must be finite, got "
                    + declaredOrder);
        }
        double p = fit.order();
        boolean passed = !Double.isNaN(p) && (criterion == Criterion.WITHIN_BAND
                ? Math.abs(p - declaredOrder) <= ORDER_BAND
                : p >= declaredOrder - ORDER_BAND);
        return new ConvergenceVerdict(solver, declaredOrder, criterion, fit, passed);
    }

    /** @return the criterion as a formula, e.g. {@code "|p̂ − 2| ≤ 0.3"} */
    public String rule() {
        String p = ConvergenceTableText.plain(declaredOrder);
        return criterion == Criterion.WITHIN_BAND ? "|p̂ − " + p + "| ≤ " + ORDER_BAND : "p̂ ≥ " + p + " − " + ORDER_BAND;
    }

    /**
     * @return one line, e.g. {@code "FAIL heun: fitted order 1.021 [0.990, 1.052] (95% CI), declared 2, needs |p̂ − 2|
     *         ≤ 0.3"}
     */
    public String describe() {
        String fitted = Double.isNaN(fit.order()) ? "no fit (fewer than two positive errors)"
                : String.format(Locale.ROOT, "fitted order %.3f %s", fit.order(), interval(fit));
        return (passed ? "PASS " : "FAIL ") + solver + ": " + fitted + ", declared "
                + ConvergenceTableText.plain(declaredOrder) + ", needs " + rule();
    }

    /** @return {@code "[lower, upper] (95% CI)"}, or {@code "(no CI with 2 points)"} when the fit has no interval */
    static String interval(OrderFit fit) {
        if (!fit.hasInterval()) {
            return "(no CI with 2 points)";
        }
        return String.format(Locale.ROOT, "[%.3f, %.3f] (%d%% CI)", fit.lower(), fit.upper(),
                Math.round(100 * fit.confidence()));
    }
}
