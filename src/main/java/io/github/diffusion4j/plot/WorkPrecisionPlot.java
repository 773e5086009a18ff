package io.github.diffusion4j.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A work–precision diagram: error against cost (NFE or wall time) on log–log axes, one line per solver, points joined
 * in order of increasing cost. The better solver is the one further down and to the left.
 */
public final class WorkPrecisionPlot implements Figure {

    private record Line(String name, double[] cost, double[] errors) {
    }

    private final String title;
    private final String costLabel;
    private final String errorLabel;
    private final List<Line> lines = new ArrayList<>();

    /**
     * @param title      the chart title
     * @param costLabel  the x-axis title, e.g. {@code "NFE (score evaluations per sample)"}
     * @param errorLabel the y-axis title
     */
    public WorkPrecisionPlot(String title, String costLabel, String errorLabel) {
        this.title = title;
        this.costLabel = costLabel;
        this.errorLabel = errorLabel;
    }

    /**
     * @param solver the legend entry
     * @param cost   the cost of each point. Copied.
     * @param errors the error of each point, same length; non-positive or non-finite points are not drawn. Copied.
     * @return this
     */
    public WorkPrecisionPlot add(String solver, double[] cost, double[] errors) {
        if (cost.length != errors.length) {
            throw new IllegalArgumentException(solver + ": " + cost.length + " costs but " + errors.length + " errors");
        }
        lines.add(new Line(solver, cost.clone(), errors.clone()));
        return this;
    }

    @Override
    public XYChart chart(int width, int height) {
        XYChart chart = Charts.create(width, height, title, costLabel, errorLabel);
        List<double[][]> drawn = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            double[][] xy = Positive.points(line.cost, line.errors);
            if (xy[0].length == 0) {
                continue;
            }
            drawn.add(xy);
            Integer[] order = new Integer[xy[0].length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Double.compare(xy[0][a], xy[0][b]));
            double[] x = new double[order.length];
            double[] y = new double[order.length];
            for (int k = 0; k < order.length; k++) {
                x[k] = xy[0][order[k]];
                y[k] = xy[1][order[k]];
            }
            XYSeries series = chart.addSeries(line.name, x, y);
            Charts.line(series, Charts.color(i), 2f, true);
        }
        Charts.logLog(chart, drawn);
        return chart;
    }
}
