package io.github.diffusion4j.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.distribution.continuous.TDistribution;

/** The statistics of a {@link ConvergenceStudy}: errors across seeds, order fits, default targets. */
final class ConvergenceFits {

    private ConvergenceFits() {
    }

    /**
     * @param errors     one error per seed, at least two
     * @param confidence the level of the interval
     * @return their mean with a Student-t interval on S − 1 degrees of freedom
     */
    static Estimate acrossSeeds(double[] errors, double confidence) {
        int s = errors.length;
        double mean = Arrays.stream(errors).sum() / s;
        double squares = 0;
        for (double e : errors) {
            squares += (e - mean) * (e - mean);
        }
        double standardError = Math.sqrt(squares / (s - 1) / s);
        double quantile = new TDistribution(s - 1).inverseCumulativeProbability(0.5 + confidence / 2);
        return new Estimate(mean, standardError, mean - quantile * standardError, mean + quantile * standardError,
                confidence);
    }

    /**
     * @param points     the measured points
     * @param power      q: the order is fitted to {@code error^{1/q}}
     * @param confidence the level of the interval
     * @return the order fitted to the points with a positive finite error; all NaN when fewer than two such points
     *         with distinct step sizes remain
     */
    static OrderFit fit(List<ConvergencePoint> points, int power, double confidence) {
        List<double[]> usable = new ArrayList<>();
        for (ConvergencePoint p : points) {
            double e = p.error().value();
            if (e > 0 && Double.isFinite(e)) {
                usable.add(new double[] {p.stepSize(), Math.pow(e, 1.0 / power)});
            }
        }
        double[] h = usable.stream().mapToDouble(u -> u[0]).toArray();
        double[] e = usable.stream().mapToDouble(u -> u[1]).toArray();
        if (usable.size() < 2 || Arrays.stream(h).distinct().count() < 2) {
            return new OrderFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, confidence);
        }
        return OrderFit.fit(h, e, confidence);
    }

    /** @return base^k for the integer k nearest log_base of the geometric mean of all errors (or all NFE) */
    static double nearestPower(List<List<ConvergencePoint>> measured, double base, boolean evaluations) {
        double sum = 0;
        int count = 0;
        for (List<ConvergencePoint> points : measured) {
            for (ConvergencePoint p : points) {
                double v = evaluations ? p.evaluations() : p.error().value();
                if (v > 0 && Double.isFinite(v)) {
                    sum += Math.log(v);
                    count++;
                }
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        return Math.pow(base, Math.rint(sum / count / Math.log(base)));
    }
}
