package io.github.diffusion4j.assess;

import io.github.diffusion4j.estimate.Estimate;

/**
 * One line of an {@link Assessment}: a metric of the samples against the exact marginal p_t, with its interval, its
 * p-value where it is a test, and what the metric would be for exact samples.
 *
 * @param metric    the metric's name: {@code cross-entropy}, {@code kl-knn}, {@code mmd2}, {@code sliced-w2},
 *                  {@code ks} (per coordinate), {@code ks-all}, {@code mass} (per component), {@code modes},
 *                  and for the Gaussian route {@code kl} and {@code w2}
 * @param index     the coordinate (for {@code ks}) or component (for {@code mass}), from 0; −1 otherwise
 * @param value     the estimate (NaN when it could not be formed)
 * @param lower     the interval's lower end (NaN without an interval)
 * @param upper     the interval's upper end (NaN without an interval)
 * @param pValue    the test's p-value (NaN for a metric that is not a test)
 * @param reference the metric's value for exact samples of p_t: 0 for a divergence, w_k for a component's mass, the
 *                  exact samples' own value for the cross-entropy and the sliced distance (NaN where none applies)
 * @param status    {@code ok} or {@code reject} for a test, {@code missing}, {@code under} or {@code over} for a
 *                  component whose mass is rejected, {@code exact} for a closed form, {@code not formed: …} with
 *                  the reason when the estimate cannot be formed, empty otherwise
 */
public record AssessmentRow(String metric, int index, double value, double lower, double upper, double pValue,
                            double reference, String status) {

    /** An estimate with its interval and no test. */
    static AssessmentRow estimate(String metric, int index, Estimate e, double reference, String status) {
        return new AssessmentRow(metric, index, e.value(), e.lower(), e.upper(), Double.NaN, reference, status);
    }

    /** A closed-form value. */
    static AssessmentRow exact(String metric, double value) {
        return new AssessmentRow(metric, -1, value, value, value, Double.NaN, 0, "exact");
    }

    /** A metric that could not be formed, with the reason. */
    static AssessmentRow notFormed(String metric, String reason) {
        return new AssessmentRow(metric, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                "not formed: " + reason);
    }

    /** @return whether this row is a test that rejected, or a component whose mass was rejected */
    public boolean rejected() {
        return status.equals("reject") || status.equals("missing") || status.equals("under") || status.equals("over");
    }
}
