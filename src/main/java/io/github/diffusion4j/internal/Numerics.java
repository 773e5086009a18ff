package io.github.diffusion4j.internal;

/**
 * Small numerically careful scalar functions shared across the library.
 *
 * <p>Not part of the public API.
 */
public final class Numerics {

    private Numerics() {
    }

    /**
     * {@code log(1 + e^x)} without overflow for large {@code x} and without loss for very negative {@code x}.
     *
     * @param x any double
     * @return softplus(x)
     */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /**
     * The logistic function {@code 1 / (1 + e^{-x})}, evaluated so that neither branch overflows.
     *
     * @param x any double
     * @return sigmoid(x) in [0, 1]
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * {@code log Σ_i exp(values[from + i])} for {@code i < count}, shifted by the maximum so that no term overflows.
     * Entries equal to {@code -∞} contribute nothing; if all are {@code -∞} the result is {@code -∞}.
     *
     * @param values the terms. Not modified.
     * @param from   index of the first term
     * @param count  number of terms
     * @return the log-sum-exp
     */
    public static double logSumExp(double[] values, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + count; i++) {
            max = Math.max(max, values[i]);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0.0;
        for (int i = from; i < from + count; i++) {
            sum += Math.exp(values[i] - max);
        }
        return max + Math.log(sum);
    }
}
