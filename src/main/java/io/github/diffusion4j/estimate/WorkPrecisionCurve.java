package io.github.diffusion4j.estimate;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Error against cost (NFE or wall time) for one solver, read by piecewise-linear interpolation in log–log coordinates,
 * as on a work–precision diagram: between measured points {@code (c_i, e_i)} and {@code (c_{i+1}, e_{i+1})},
 * <pre>
 *   log e = log e_i + (log c − log c_i) · (log e_{i+1} − log e_i)/(log c_{i+1} − log c_i),
 * </pre>
 * which is exact when the error follows a power law {@code e = C c^{−p}} on the segment. Points with a non-positive or
 * non-finite cost or error are dropped (they have no logarithm); the rest are sorted by cost. Nothing is extrapolated:
 * queries outside the measured range give NaN.
 */
public final class WorkPrecisionCurve {

    private final double[] logCost;
    private final double[] logError;

    /**
     * @param cost  the cost of each point (e.g. NFE). Not modified.
     * @param error the error of each point, same length. Not modified.
     */
    public WorkPrecisionCurve(double[] cost, double[] error) {
        if (cost.length != error.length) {
            throw new IllegalArgumentException("need as many costs as errors, got " + cost.length + " and "
                    + error.length);
        }
        Integer[] order = new Integer[cost.length];
        int kept = 0;
        for (int i = 0; i < cost.length; i++) {
            if (cost[i] > 0 && error[i] > 0 && Double.isFinite(cost[i]) && Double.isFinite(error[i])) {
                order[kept++] = i;
            }
        }
        Integer[] valid = Arrays.copyOf(order, kept);
        Arrays.sort(valid, Comparator.comparingDouble(i -> cost[i]));
        logCost = new double[kept];
        logError = new double[kept];
        for (int k = 0; k < kept; k++) {
            logCost[k] = Math.log(cost[valid[k]]);
            logError[k] = Math.log(error[valid[k]]);
        }
    }

    /** @return the number of usable points */
    public int size() {
        return logCost.length;
    }

    /**
     * The least cost at which the interpolated error reaches the target: the first crossing, scanning from the
     * cheapest point, of a segment whose error falls from above the target to at or below it.
     *
     * @param targetError the error to reach, positive
     * @return the interpolated cost, or NaN if no measured segment brackets the target (already below it at the
     *         cheapest point, or never reached)
     */
    public double costToReach(double targetError) {
        if (!(targetError > 0)) {
            throw new IllegalArgumentException("target error must be positive, got " + targetError);
        }
        double y = Math.log(targetError);
        for (int i = 0; i + 1 < logCost.length; i++) {
            if (logError[i] >= y && logError[i + 1] <= y) {
                if (logError[i] == logError[i + 1]) {
                    return Math.exp(logCost[i]);
                }
                double fraction = (logError[i] - y) / (logError[i] - logError[i + 1]);
                return Math.exp(logCost[i] + fraction * (logCost[i + 1] - logCost[i]));
            }
        }
        return Double.NaN;
    }

    /**
     * @param cost a cost, positive
     * @return the interpolated error at that cost, or NaN outside the measured range of costs
     */
    public double errorAt(double cost) {
        if (!(cost > 0)) {
            throw new IllegalArgumentException("cost must be positive, got " + cost);
        }
        double x = Math.log(cost);
        for (int i = 0; i + 1 < logCost.length; i++) {
            if (logCost[i] <= x && x <= logCost[i + 1]) {
                if (logCost[i] == logCost[i + 1]) {
                    return Math.exp(Math.min(logError[i], logError[i + 1]));
                }
                double fraction = (x - logCost[i]) / (logCost[i + 1] - logCost[i]);
                return Math.exp(logError[i] + fraction * (logError[i + 1] - logError[i]));
            }
        }
        if (logCost.length == 1 && logCost[0] == x) {
            return Math.exp(logError[0]);
        }
        return Double.NaN;
    }
}
