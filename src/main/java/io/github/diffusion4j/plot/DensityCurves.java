package io.github.diffusion4j.plot;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * One-dimensional densities as lines on linear axes, e.g. a sampler's exact output density against a target density.
 * Non-finite points are not drawn.
 */
public final class DensityCurves implements Figure {

    private record Curve(String name, double[] x, double[] density) {
    }

    private final String title;
    private final String xLabel;
    private final List<Curve> curves = new ArrayList<>();

    /**
     * @param title  the chart title
     * @param xLabel the x-axis title
     */
    public DensityCurves(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /**
     * @param name    the legend entry
     * @param x       abscissae, increasing. Copied.
     * @param density the density at each abscissa, same length. Copied.
     * @return this
     */
    public DensityCurves add(String name, double[] x, double[] density) {
        if (x.length != density.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " abscissae but " + density.length
                    + " densities");
        }
        curves.add(new Curve(name, x.clone(), density.clone()));
        return this;
    }

    @Override
    public XYChart chart(int width, int height) {
        XYChart chart = Charts.create(width, height, title, xLabel, "density");
        for (int i = 0; i < curves.size(); i++) {
            Curve curve = curves.get(i);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int k = 0; k < curve.x.length; k++) {
                if (Double.isFinite(curve.x[k]) && Double.isFinite(curve.density[k])) {
                    x.add(curve.x[k]);
                    y.add(curve.density[k]);
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(curve.name, x, y);
            Charts.line(series, Charts.color(i), 2f, false);
        }
        return chart;
    }
}
