package io.github.diffusion4j.plot;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Residual curves over time, e.g. the largest Tweedie or continuity-equation residual at each t: one line per curve,
 * t on a linear axis (from 0 when no time is negative), the residual on a logarithmic axis when every drawn value is positive (residuals of identities
 * span many decades) and on a linear one otherwise. Non-finite values are not drawn.
 */
public final class ResidualPlot implements Figure {

    private record Curve(String name, double[] times, double[] residuals) {
    }

    private final String title;
    private final String residualLabel;
    private final List<Curve> curves = new ArrayList<>();

    /**
     * @param title         the chart title
     * @param residualLabel the y-axis title, e.g. {@code "max |Tweedie residual|"}
     */
    public ResidualPlot(String title, String residualLabel) {
        this.title = title;
        this.residualLabel = residualLabel;
    }

    /**
     * @param name      the legend entry
     * @param times     the times t. Copied.
     * @param residuals the residual at each time, same length. Copied.
     * @return this
     */
    public ResidualPlot add(String name, double[] times, double[] residuals) {
        if (times.length != residuals.length) {
            throw new IllegalArgumentException(name + ": " + times.length + " times but " + residuals.length
                    + " residuals");
        }
        curves.add(new Curve(name, times.clone(), residuals.clone()));
        return this;
    }

    @Override
    public XYChart chart(int width, int height) {
        XYChart chart = Charts.create(width, height, title, "time t", residualLabel);
        boolean positive = true;
        boolean nonNegativeTimes = true;
        for (Curve curve : curves) {
            for (double r : curve.residuals) {
                positive &= !Double.isFinite(r) || r > 0;
            }
            for (double t : curve.times) {
                nonNegativeTimes &= !(t < 0);
            }
        }
        if (nonNegativeTimes) {
            chart.getStyler().setXAxisMin(0.0);
        }
        if (positive) {
            chart.getStyler().setYAxisLogarithmic(true);
        }
        for (int i = 0; i < curves.size(); i++) {
            Curve curve = curves.get(i);
            List<Double> t = new ArrayList<>();
            List<Double> r = new ArrayList<>();
            for (int k = 0; k < curve.times.length; k++) {
                if (Double.isFinite(curve.times[k]) && Double.isFinite(curve.residuals[k])) {
                    t.add(curve.times[k]);
                    r.add(curve.residuals[k]);
                }
            }
            if (t.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(curve.name, t, r);
            Charts.line(series, Charts.color(i), 2f, curve.times.length <= 40);
        }
        return chart;
    }
}
