package io.github.diffusion4j.estimate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One solver's line of a convergence table.
 *
 * @param solver             the solver's name
 * @param theoreticalOrder   the order the metric should observe ({@link ErrorMetric#theoreticalOrder}, or the order
 *                           declared for the study); NaN if none
 * @param fit                the least-squares order fitted to {@code log error^{1/q}} on {@code log h̄} with its
 *                           confidence interval (q the metric's power), so comparable to the theoretical order; all
 *                           NaN when fewer than two points have a positive error
 * @param evaluationsToTarget the NFE at which the error reaches the table's target, interpolated log–log between
 *                           measured points; NaN when the measurements do not bracket the target
 * @param errorAtEvaluations the error at the table's fixed NFE, interpolated log–log; NaN outside the measured range
 * @param points             the measured points, in the order they were run
 * @param verdict            the fitted order judged against the declared one ({@link ConvergenceVerdict}); empty
 *                           when no order is declared for this solver
 */
public record ConvergenceRow(String solver, double theoreticalOrder, OrderFit fit, double evaluationsToTarget,
                             double errorAtEvaluations, List<ConvergencePoint> points,
                             Optional<ConvergenceVerdict> verdict) {

    /**
     * Copies the points.
     *
     * @param solver              the solver's name
     * @param theoreticalOrder    the order the metric should observe
     * @param fit                 the fitted order
     * @param evaluationsToTarget the NFE to reach the target error
     * @param errorAtEvaluations  the error at the fixed NFE
     * @param points              the measured points
     * @param verdict             the verdict, or empty
     */
    public ConvergenceRow {
        points = List.copyOf(points);
        Objects.requireNonNull(verdict, "verdict (use Optional.empty())");
    }

    /** @return the error against NFE */
    public WorkPrecisionCurve byEvaluations() {
        double[] cost = new double[points.size()];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = points.get(i).evaluations();
        }
        return new WorkPrecisionCurve(cost, errors());
    }

    /** @return the error against wall time */
    public WorkPrecisionCurve byWallTime() {
        double[] cost = new double[points.size()];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = points.get(i).seconds();
        }
        return new WorkPrecisionCurve(cost, errors());
    }

    /** @return the mean step size of each point */
    public double[] stepSizes() {
        return points.stream().mapToDouble(ConvergencePoint::stepSize).toArray();
    }

    /** @return the error of each point */
    public double[] errors() {
        return points.stream().mapToDouble(p -> p.error().value()).toArray();
    }
}
