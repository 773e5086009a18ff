package io.github.diffusion4j.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Samples over the exact density: a scatter of two coordinates (i, j) of the samples over contour lines of the exact
 * log-density of the mixture's marginal {@code p_t} in those coordinates ({@link ProjectedMarginal}; for d = 2 the
 * full density). Contours are drawn at {@code log p_t = M − k²/2}, k = 1 … 4, with M the largest value on a 160 × 160
 * evaluation grid — for an isolated Gaussian mode these are its 1σ … 4σ ellipses. The plotting range covers every
 * component's {@code ± 4 sd} and the central 99% of the samples in each coordinate.
 */
public final class ScatterOverContours implements Figure {

    private static final int GRID = 160;
    private static final int LEVELS = 4;
    /** Sequential blues, darkest for the innermost level. */
    private static final Color[] CONTOUR_COLOURS = {
        new Color(0x08306B), new Color(0x2171B5), new Color(0x4292C6), new Color(0x6BAED6)
    };

    private final String title;
    private final ProjectedMarginal density;
    private final double[] samples;
    private final int n;
    private final int dimension;
    private final int first;
    private final int second;

    /**
     * @param title    the chart title
     * @param data     the data mixture (d ≥ 2)
     * @param schedule its forward process
     * @param t        the time of the samples
     * @param samples  the samples, row-major n × d. Not copied; not modified.
     * @param n        the number of samples, ≥ 1
     * @param i        the coordinate on the x axis
     * @param j        the coordinate on the y axis, ≠ i
     */
    public ScatterOverContours(String title, GaussianMixture data, NoiseSchedule schedule, double t, double[] samples,
                               int n, int i, int j) {
        if (data.dimension() < 2 || i == j) {
            throw new IllegalArgumentException("a scatter needs d ≥ 2 and two distinct coordinates, got d = "
                    + data.dimension() + ", coordinates " + i + " and " + j);
        }
        if (n < 1 || samples.length < n * data.dimension()) {
            throw new IllegalArgumentException("need n ≥ 1 samples of dimension " + data.dimension() + ", got n = " + n
                    + " and " + samples.length + " values");
        }
        this.title = title;
        this.density = new ProjectedMarginal(data, schedule, t, i, j);
        this.samples = samples;
        this.n = n;
        this.dimension = data.dimension();
        this.first = i;
        this.second = j;
    }

    @Override
    public XYChart chart(int width, int height) {
        double[] x = coordinate(first);
        double[] y = coordinate(second);
        double[] xRange = range(x, 0);
        double[] yRange = range(y, 1);
        XYChart chart = Charts.create(width, height, title, "x_" + first, "x_" + second);
        chart.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]).setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        XYSeries points = chart.addSeries(String.format(Locale.ROOT, "samples (%d)", n), x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(0xD5, 0x5E, 0x00, 110));
        chart.getStyler().setMarkerSize(Math.max(3, Math.min(width, height) / 200));
        addContours(chart, xRange, yRange);
        return chart;
    }

    private void addContours(XYChart chart, double[] xRange, double[] yRange) {
        double dx = (xRange[1] - xRange[0]) / (GRID - 1);
        double dy = (yRange[1] - yRange[0]) / (GRID - 1);
        double[] grid = new double[GRID * GRID * 2];
        for (int b = 0; b < GRID; b++) {
            for (int a = 0; a < GRID; a++) {
                grid[2 * (b * GRID + a)] = xRange[0] + a * dx;
                grid[2 * (b * GRID + a) + 1] = yRange[0] + b * dy;
            }
        }
        double[] logDensity = new double[GRID * GRID];
        MixtureMarginal marginal = density.marginal();
        marginal.logDensity(grid, GRID * GRID, logDensity);
        double top = Arrays.stream(logDensity).max().orElseThrow();
        for (int k = 1; k <= LEVELS; k++) {
            double drop = 0.5 * k * k;
            double[][] line = ContourLines.trace(logDensity, GRID, GRID, xRange[0], dx, yRange[0], dy, top - drop);
            if (line[0].length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(String.format(Locale.ROOT, "log p_t = max − %s", Superscripts.plain(drop)),
                    line[0], line[1]);
            Charts.line(series, CONTOUR_COLOURS[k - 1], 1.6f, false);
        }
    }

    private double[] coordinate(int c) {
        double[] out = new double[n];
        for (int p = 0; p < n; p++) {
            out[p] = samples[p * dimension + c];
        }
        return out;
    }

    private double[] range(double[] values, int projected) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        double lo = density.lower(projected);
        double hi = density.upper(projected);
        if (sorted.length > 0) {
            lo = Math.min(lo, sorted[(int) Math.floor(0.005 * (sorted.length - 1))]);
            hi = Math.max(hi, sorted[(int) Math.ceil(0.995 * (sorted.length - 1))]);
        }
        return new double[] {lo, hi};
    }
}
