package io.github.diffusion4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The house style shared by every figure: white background, fonts scaled to the chart (the tick labels are
 * {@code min(width, height)/40} points, at least 12), tick labels in plain or {@code 1e-6} notation, light solid grid
 * lines, and the Okabe–Ito palette, which stays distinguishable under the common colour-vision deficiencies (Okabe
 * and Ito 2008).
 */
final class Charts {

    /** Okabe–Ito colours without yellow (too light on white), most distinct first. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)
    };

    /** Reference lines: dashed mid grey. */
    static final Color REFERENCE = new Color(0x555555);

    private Charts() {
    }

    /**
     * @return a styled XY chart
     */
    static XYChart create(int width, int height, String title, String xTitle, String yTitle) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("figures need at least 100 × 100 pixels, got " + width + " × " + height);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        int base = Math.max(12, Math.min(width, height) / 40);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, base + 3));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, base + 1));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, base));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, base));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xEBEBEB));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setXAxisTickLabelsFormattingFunction(Charts::scientific);
        s.setYAxisTickLabelsFormattingFunction(Charts::scientific);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE);
        s.setMarkerSize(Math.max(7, base / 2));
        s.setXAxisTickMarkSpacingHint(6 * base);
        s.setYAxisTickMarkSpacingHint(4 * base);
        s.setChartTitlePadding(base / 2);
        s.setAxisTitlePadding(base);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    /**
     * Makes both axes logarithmic. XChart labels only powers of ten on a log axis, which leaves one or two labels on an
     * axis spanning less than three decades; there every grid line is labelled whose mantissa is 1, 2 or 5.
     *
     * @param points the point sets drawn, each {x, y} with positive finite entries
     */
    static void logLog(XYChart chart, List<double[][]> points) {
        XYStyler s = chart.getStyler();
        s.setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        if (decades(points, 0) < 3) {
            s.setXAxisLogarithmicDecadeOnly(false);
            s.setXAxisTickLabelsFormattingFunction(Charts::oneTwoFive);
        }
        if (decades(points, 1) < 3) {
            s.setYAxisLogarithmicDecadeOnly(false);
            s.setYAxisTickLabelsFormattingFunction(Charts::oneTwoFive);
        }
    }

    private static double decades(List<double[][]> points, int axis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[][] xy : points) {
            for (double v : xy[axis]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > 0 ? Math.log10(hi / lo) : 0;
    }

    /** @return the label of a grid value whose mantissa is 1, 2 or 5; empty for the others */
    static String oneTwoFive(Double value) {
        double mantissa = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
        for (double m : new double[] {1, 2, 5}) {
            if (Math.abs(mantissa - m) < 1e-6) {
                return scientific(value);
            }
        }
        return "";
    }

    /** @return a compact label: plain for 10⁻³ ≤ |v| &lt; 10⁴, else like {@code 1e-6} or {@code 2.5e7} */
    static String scientific(Double value) {
        double v = value;
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-3 && a < 1e4)) {
            String plain = String.format(Locale.ROOT, "%.4g", v);
            if (plain.contains(".")) {
                plain = plain.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return plain;
        }
        String[] parts = String.format(Locale.ROOT, "%.1e", v).split("e");
        String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /** Dash patterns of reference lines, told apart by pattern since they share one colour. */
    private static final float[][] DASHES = {{9f, 6f}, {3f, 4f}, {12f, 4f, 3f, 4f}, {6f, 3f}};

    /** Styles a series as the k-th dashed grey reference line, without markers. */
    static void reference(XYSeries series, int k) {
        series.setLineColor(REFERENCE);
        series.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                DASHES[k % DASHES.length], 0f));
        series.setMarker(SeriesMarkers.NONE);
    }

    /** Styles a series as a solid line of the given colour and width, with or without circle markers. */
    static void line(XYSeries series, Color color, float width, boolean markers) {
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setMarkerColor(color);
    }

    /** @return the i-th palette colour, cycling */
    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }
}
