package io.github.diffusion4j.plot;

import io.github.diffusion4j.estimate.ConvergencePoint;
import io.github.diffusion4j.estimate.ConvergenceRow;
import io.github.diffusion4j.estimate.ConvergenceTable;

/**
 * The figures of a {@link ConvergenceTable}: the convergence plot (error against mean step size, with reference
 * slopes for the theoretical orders) and the two work–precision diagrams (error against NFE and against wall time).
 */
public final class ConvergenceFigures {

    private ConvergenceFigures() {
    }

    /**
     * @param table the study's result
     * @param title the chart title
     * @return error against the mean step size {@code h = (t_start − t_end)/N}
     */
    public static ConvergencePlot convergence(ConvergenceTable table, String title) {
        ConvergencePlot plot = new ConvergencePlot(title, "mean step size h = (t_start − t_end) / N",
                table.quantity(), table.power());
        for (ConvergenceRow row : table.rows()) {
            plot.add(row.solver(), row.stepSizes(), row.errors(), row.theoreticalOrder());
        }
        return plot;
    }

    /**
     * @param table the study's result
     * @param title the chart title
     * @return error against NFE
     */
    public static WorkPrecisionPlot errorVersusEvaluations(ConvergenceTable table, String title) {
        WorkPrecisionPlot plot = new WorkPrecisionPlot(title, "NFE (score evaluations per sample)", table.quantity());
        for (ConvergenceRow row : table.rows()) {
            double[] nfe = row.points().stream().mapToDouble(ConvergencePoint::evaluations).toArray();
            plot.add(row.solver(), nfe, row.errors());
        }
        return plot;
    }

    /**
     * @param table the study's result
     * @param title the chart title
     * @return error against the wall time of the timed runs
     */
    public static WorkPrecisionPlot errorVersusWallTime(ConvergenceTable table, String title) {
        WorkPrecisionPlot plot = new WorkPrecisionPlot(title, "wall time to draw " + table.workParticles()
                + " samples [s]", table.quantity());
        for (ConvergenceRow row : table.rows()) {
            double[] seconds = row.points().stream().mapToDouble(ConvergencePoint::seconds).toArray();
            plot.add(row.solver(), seconds, row.errors());
        }
        return plot;
    }
}
