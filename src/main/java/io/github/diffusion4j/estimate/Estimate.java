package io.github.diffusion4j.estimate;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A Monte Carlo estimate with its uncertainty: the value, its standard error, and a two-sided confidence interval at
 * a stated level. Intervals from {@link #ofMean} rely on the central limit theorem for the sample mean.
 *
 * @param value         the estimate
 * @param standardError its standard error (0 for an exact value)
 * @param lower         lower end of the confidence interval
 * @param upper         upper end of the confidence interval
 * @param confidence    the interval's nominal coverage, e.g. 0.95
 */
public record Estimate(double value, double standardError, double lower, double upper, double confidence) {

    /**
     * @param value the exact value
     * @return an estimate with zero width
     */
    public static Estimate exact(double value) {
        return new Estimate(value, 0, value, value, 1);
    }

    /**
     * A normal-approximation interval {@code value ± z_{(1+c)/2} · standardError}.
     *
     * @param value         the estimate
     * @param standardError its standard error, ≥ 0
     * @param confidence    the level c in (0, 1)
     * @return the estimate
     */
    public static Estimate normal(double value, double standardError, double confidence) {
        if (!(confidence > 0 && confidence < 1) || !(standardError >= 0)) {
            throw new IllegalArgumentException("need confidence in (0, 1) and standard error ≥ 0, got " + confidence
                    + " and " + standardError);
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
        return new Estimate(value, standardError, value - z * standardError, value + z * standardError, confidence);
    }

    /**
     * The sample mean of i.i.d. values with its CLT interval (standard error = sample standard deviation / √n).
     *
     * @param values     at least two values. Not modified.
     * @param confidence the level in (0, 1)
     * @return the estimate of the mean
     */
    public static Estimate ofMean(double[] values, double confidence) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least two values for a mean with an interval, got " + n);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double sumSquares = 0;
        for (double v : values) {
            sumSquares += (v - mean) * (v - mean);
        }
        return normal(mean, Math.sqrt(sumSquares / (n - 1) / n), confidence);
    }

    /**
     * @param x a register
     * @return whether the interval contains x
     */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    @Override
    public String toString() {
        return standardError == 0 ? Double.toString(value)
                : String.format(java.util.Locale.ROOT, "%.6g [%.6g, %.6g]", value, lower, upper);
    }
}
