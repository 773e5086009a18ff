package io.github.diffusion4j.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Error against step size on log–log axes, one line per solver, with a dashed reference line {@code ∝ h^{q·p}} for
 * every declared order p present (q the metric's power: 1 for strong and weak errors, 2 for KL). A reference line
 * runs over the step sizes of the first solver of its order, through half that solver's error at the geometric mean
 * of its points, so a solver converging at its order runs parallel to and just above its line.
 */
public final class ConvergencePlot implements Figure {

    private record Line(String name, double[] stepSizes, double[] errors, double order) {
    }

    private final String title;
    private final String stepLabel;
    private final String errorLabel;
    private final int power;
    private final List<Line> lines = new ArrayList<>();

    /**
     * @param title      the chart title
     * @param stepLabel  the x-axis title, e.g. {@code "mean step size h"}
     * @param errorLabel the y-axis title, e.g. {@code "KL(p̂ ‖ p)"}
     * @param power      q ≥ 1: the error behaves as {@code h^{q·p}}
     */
    public ConvergencePlot(String title, String stepLabel, String errorLabel, int power) {
        if (power < 1) {
            throw new IllegalArgumentException("power must be at least 1, got " + power);
        }
        this.title = title;
        this.stepLabel = stepLabel;
        this.errorLabel = errorLabel;
        this.power = power;
    }

    /**
     * @param solver    the legend entry
     * @param stepSizes step sizes, positive. Copied.
     * @param errors    errors, same length; points with a non-positive or non-finite error are not drawn. Copied.
     * @param order     the declared order p for a reference slope, or NaN for none
     * @return this
     */
    public ConvergencePlot add(String solver, double[] stepSizes, double[] errors, double order) {
        if (stepSizes.length != errors.length) {
            throw new IllegalArgumentException(solver + ": " + stepSizes.length + " step sizes but " + errors.length
                    + " errors");
        }
        lines.add(new Line(solver, stepSizes.clone(), errors.clone(), order));
        return this;
    }

    @Override
    public XYChart chart(int width, int height) {
        XYChart chart = Charts.create(width, height, title, stepLabel, errorLabel);
        Map<Double, Line> firstOfOrder = new LinkedHashMap<>();
        List<double[][]> drawn = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            double[][] xy = Positive.points(line.stepSizes, line.errors);
            if (xy[0].length == 0) {
                continue;
            }
            drawn.add(xy);
            XYSeries series = chart.addSeries(line.name, xy[0], xy[1]);
            Charts.line(series, Charts.color(i), 2f, true);
            if (Double.isFinite(line.order) && line.order > 0) {
                firstOfOrder.putIfAbsent(line.order, line);
            }
        }
        Charts.logLog(chart, drawn);
        int k = 0;
        for (Map.Entry<Double, Line> entry : firstOfOrder.entrySet()) {
            addReference(chart, entry.getKey(), entry.getValue(), k++);
        }
        return chart;
    }

    private void addReference(XYChart chart, double order, Line anchor, int k) {
        double[][] xy = Positive.points(anchor.stepSizes, anchor.errors);
        double slope = power * order;
        double logH = 0;
        double logE = 0;
        double hMin = Double.POSITIVE_INFINITY;
        double hMax = 0;
        for (int i = 0; i < xy[0].length; i++) {
            logH += Math.log(xy[0][i]) / xy[0].length;
            logE += Math.log(xy[1][i]) / xy[0].length;
            hMin = Math.min(hMin, xy[0][i]);
            hMax = Math.max(hMax, xy[0][i]);
        }
        double constant = 0.5 * Math.exp(logE - slope * logH);
        double[] h = {hMin, hMax};
        double[] e = {constant * Math.pow(hMin, slope), constant * Math.pow(hMax, slope)};
        String label = "∝ h" + Superscripts.of(slope) + (power == 1 ? "" : " (order " + Superscripts.plain(order) + ")");
        Charts.reference(chart.addSeries(label, h, e), k);
    }
}
