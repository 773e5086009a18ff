package io.github.diffusion4j.schedule;

/**
 * The continuous-time view of a {@link DiscreteChain}: {@code t_k = k/K} and {@code log α} interpolated linearly
 * in t between the knots, {@code log α(t_k) = ½ log ᾱ_k} exactly (the discrete-time treatment of Lu et al. 2022,
 * Appendix). Variance preserving, so σ, λ, f and g² follow from {@link VariancePreservingSchedule}. A model of the
 * discrete chain is evaluated through this schedule at the knots, where its marginals are exactly those of the
 * chain; between knots the derivatives are the slopes of the segments (right-continuous).
 */
final class InterpolatedDdpmSchedule extends VariancePreservingSchedule {

    private final int steps;
    private final double[] logAlpha;

    /**
     * @param logAlphaBar log ᾱ_k for k = 0 … K, with log ᾱ_0 = 0, strictly decreasing
     */
    InterpolatedDdpmSchedule(double[] logAlphaBar) {
        super("ddpm-discrete", 0.0, 1.0);
        this.steps = logAlphaBar.length - 1;
        this.logAlpha = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            logAlpha[k] = 0.5 * logAlphaBar[k];
        }
    }

    /** Segment index and fraction of t; knots (within 10⁻⁹ of k/K) are exact. */
    private int segment(double t) {
        double x = t * steps;
        int k = (int) Math.floor(x);
        return Math.min(Math.max(k, 0), steps - 1);
    }

    @Override
    protected double logAlphaAt(double t) {
        double x = t * steps;
        long nearest = Math.round(x);
        if (Math.abs(x - nearest) < 1e-9) {
            return logAlpha[(int) nearest];
        }
        int k = segment(t);
        return logAlpha[k] + (x - k) * (logAlpha[k + 1] - logAlpha[k]);
    }

    @Override
    protected double dLogAlphaAt(double t) {
        int k = segment(t);
        return steps * (logAlpha[k + 1] - logAlpha[k]);
    }

    @Override
    protected double timeOfLogAlpha(double value) {
        int lo = 0;
        int hi = steps;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (logAlpha[mid] >= value) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double fraction = (value - logAlpha[lo]) / (logAlpha[hi] - logAlpha[lo]);
        return (lo + Math.min(1, Math.max(0, fraction))) / steps;
    }
}
