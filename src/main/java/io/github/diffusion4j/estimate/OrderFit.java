package io.github.diffusion4j.estimate;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The order of convergence fitted by least squares of {@code log error} on {@code log h}, as in DiffEqDevTools'
 * {@code test_convergence} and diffrax's order tests: {@code log e = log C + p log h}. The fitted order is the
 * slope p, with the standard error from the residuals and a two-sided confidence interval from Student's t with
 * m − 2 degrees of freedom (m the number of step sizes). With m = 2 the line passes through both points and leaves no
 * residual degree of freedom, so there is no interval: the standard error and both ends are NaN.
 *
 * @param order      the fitted slope p
 * @param intercept  log C
 * @param stderr     the slope's standard error (NaN when m = 2)
 * @param lower      lower end of the confidence interval (NaN when m = 2)
 * @param upper      upper end of the confidence interval (NaN when m = 2)
 * @param confidence the confidence level of [lower, upper]
 */
public record OrderFit(double order, double intercept, double stderr, double lower, double upper, double confidence) {

    /**
     * @param stepSizes  step sizes h (or any quantity proportional to them), positive
     * @param errors     errors, positive
     * @param confidence confidence level in (0, 1), e.g. 0.95
     * @return the fit
     */
    public static OrderFit fit(double[] stepSizes, double[] errors, double confidence) {
        int m = stepSizes.length;
        if (m < 2 || errors.length != m) {
            throw new IllegalArgumentException("need at least two (h, error) pairs of equal count, got " + m + " and "
                    + errors.length);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            if (!(stepSizes[i] > 0) || !(errors[i] > 0) || !Double.isFinite(errors[i])) {
                throw new IllegalArgumentException("step sizes and errors must be positive and finite, got h = "
                        + stepSizes[i] + ", error = " + errors[i] + " at index " + i);
            }
            x[i] = Math.log(stepSizes[i]);
            y[i] = Math.log(errors[i]);
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < m; i++) {
            meanX += x[i] / m;
            meanY += y[i] / m;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < m; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("step sizes must not all be equal");
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        if (m == 2) {
            return new OrderFit(slope, intercept, Double.NaN, Double.NaN, Double.NaN, confidence);
        }
        double rss = 0;
        for (int i = 0; i < m; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            rss += r * r;
        }
        double stderr = Math.sqrt(rss / (m - 2) / sxx);
        double quantile = new TDistribution(m - 2).inverseCumulativeProbability(0.5 + confidence / 2);
        return new OrderFit(slope, intercept, stderr, slope - quantile * stderr, slope + quantile * stderr, confidence);
    }

    /** @return whether the fit has a confidence interval: false for a two-point fit (and for an undefined fit) */
    public boolean hasInterval() {
        return !Double.isNaN(lower);
    }
}
