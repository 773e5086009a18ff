package io.github.diffusion4j.verify;

/**
 * One measured check of a claim on one configuration (a data problem, a schedule, a solver, …).
 *
 * @param configuration what was checked, e.g. {@code "ring8 / vp-linear"}
 * @param measured      the measured value (a residual, a fitted order, an estimate)
 * @param criterion     what it was held to, e.g. {@code "≤ 1e-10"} or {@code "95% CI [0.98, 1.03] ∋ 1"}
 * @param verdict       PASS or FAIL
 */
public record Check(String configuration, double measured, String criterion, Verdict verdict) {

    /**
     * @param configuration what was checked
     * @param measured the measured value
     * @param tolerance the tolerance
     * @return a check that passes when |measured| ≤ tolerance
     */
    public static Check atMost(String configuration, double measured, double tolerance) {
        return new Check(configuration, measured, "≤ " + format(tolerance),
                Math.abs(measured) <= tolerance ? Verdict.PASS : Verdict.FAIL);
    }

    /**
     * @param configuration what was checked
     * @param measured the measured value
     * @param criterion what the value was held to
     * @param passed whether it passed
     * @return a check that passes when the value is finite and passed is true
     */
    public static Check of(String configuration, double measured, String criterion, boolean passed) {
        return new Check(configuration, measured, criterion, passed && !Double.isNaN(measured) ? Verdict.PASS
                : Verdict.FAIL);
    }

    /** @return a compact rendering of a number */
    static String format(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        return magnitude >= 1e-3 && magnitude < 1e4
                ? String.format(java.util.Locale.ROOT, "%.4g", value)
                : String.format(java.util.Locale.ROOT, "%.2e", value);
    }
}
