package io.github.diffusion4j.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Samples against the exact density in one coordinate: a density-normalised histogram of coordinate i of the
 * samples (bin height = count / (n · width), so that it estimates the density) under the exact marginal density of
 * {@code p_t} in that coordinate ({@link ProjectedMarginal}), evaluated at 400 points. The number of bins follows
 * the Rice rule {@code ⌈2 n^{1/3}⌉}, between 10 and 80; the range covers every component's ± 4 sd and the central
 * 99% of the samples.
 */
public final class HistogramOverDensity implements Figure {

    private static final int CURVE_POINTS = 400;

    private final String title;
    private final ProjectedMarginal density;
    private final double[] values;
    private final int coordinate;

    /**
     * @param title      the chart title
     * @param data       the data mixture
     * @param schedule   its forward process
     * @param t          the time of the samples
     * @param samples    the samples, row-major n × d. Not modified.
     * @param n          the number of samples, ≥ 1
     * @param coordinate the coordinate to histogram
     */
    public HistogramOverDensity(String title, GaussianMixture data, NoiseSchedule schedule, double t,
                                double[] samples, int n, int coordinate) {
        int d = data.dimension();
        if (n < 1 || samples.length < n * d) {
            throw new IllegalArgumentException("need n ≥ 1 samples of dimension " + d + ", got n = " + n + " and "
                    + samples.length + " values");
        }
        this.title = title;
        this.density = new ProjectedMarginal(data, schedule, t, coordinate);
        this.values = new double[n];
        for (int p = 0; p < n; p++) {
            values[p] = samples[p * d + coordinate];
        }
        this.coordinate = coordinate;
    }

    @Override
    public XYChart chart(int width, int height) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        double lo = density.lower(0);
        double hi = density.upper(0);
        if (sorted.length > 0) {
            lo = Math.min(lo, sorted[(int) Math.floor(0.005 * (sorted.length - 1))]);
            hi = Math.max(hi, sorted[(int) Math.ceil(0.995 * (sorted.length - 1))]);
        }
        int bins = Math.max(10, Math.min(80, (int) Math.ceil(2 * Math.cbrt(values.length))));
        double binWidth = (hi - lo) / bins;
        double[] heights = new double[bins];
        for (double v : sorted) {
            int b = (int) Math.floor((v - lo) / binWidth);
            if (b >= 0 && b < bins) {
                heights[b] += 1.0 / (values.length * binWidth);
            } else if (v == hi) {
                heights[bins - 1] += 1.0 / (values.length * binWidth);
            }
        }
        // outline of the bars: (e_0, 0), (e_0, h_0), (e_1, h_0), (e_1, h_1), …, (e_B, h_{B−1}), (e_B, 0)
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        x[0] = lo;
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = lo + b * binWidth;
            y[2 * b + 1] = heights[b];
            x[2 * b + 2] = lo + (b + 1) * binWidth;
            y[2 * b + 2] = heights[b];
        }
        x[2 * bins + 1] = hi;
        XYChart chart = Charts.create(width, height, title, "x_" + coordinate, "density");
        chart.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(0.0);
        XYSeries histogram = chart.addSeries(String.format(Locale.ROOT, "samples (%d), %d bins", values.length, bins),
                x, y);
        histogram.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        Charts.line(histogram, Charts.color(0), 1.2f, false);
        histogram.setFillColor(new Color(0x00, 0x72, 0xB2, 70));
        double[] grid = new double[CURVE_POINTS];
        double[] logDensity = new double[CURVE_POINTS];
        for (int k = 0; k < CURVE_POINTS; k++) {
            grid[k] = lo + (hi - lo) * k / (CURVE_POINTS - 1);
        }
        MixtureMarginal marginal = density.marginal();
        marginal.logDensity(grid, CURVE_POINTS, logDensity);
        double[] exact = Arrays.stream(logDensity).map(Math::exp).toArray();
        Charts.line(chart.addSeries("exact p_t", grid, exact), Color.BLACK, 2.5f, false);
        return chart;
    }
}
