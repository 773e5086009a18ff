package io.github.diffusion4j.plot;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Trajectories of a few particles over time: one coordinate of each particle against t, from the start of sampling
 * (large t, noise) to its end (small t, data), optionally with dashed reference curves such as the exact marginal's
 * mean ± 2 standard deviations.
 */
public final class TrajectoryPlot implements Figure {

    private record Reference(String name, double[] times, double[] values) {
    }

    private final String title;
    private final double[] times;
    private final double[][] states;
    private final int dimension;
    private final int coordinate;
    private final int particles;
    private final List<Reference> references = new ArrayList<>();

    /**
     * @param title      the chart title
     * @param times      the times t_0 … t_N of the states. Copied.
     * @param states     states[k] holds the particles at t_k, row-major n × d. Not copied; not modified.
     * @param dimension  d
     * @param coordinate which coordinate to draw, 0 ≤ j &lt; d
     * @param particles  how many particles to draw (the first ones), ≥ 1
     */
    public TrajectoryPlot(String title, double[] times, double[][] states, int dimension, int coordinate,
                          int particles) {
        if (times.length != states.length || times.length < 2) {
            throw new IllegalArgumentException("need at least two times and one state per time, got " + times.length
                    + " times and " + states.length + " states");
        }
        if (coordinate < 0 || coordinate >= dimension) {
            throw new IllegalArgumentException("coordinate " + coordinate + " is outside 0 … " + (dimension - 1));
        }
        int available = states[0].length / dimension;
        if (particles < 1 || particles > available) {
            throw new IllegalArgumentException("can draw 1 … " + available + " particles, asked for " + particles);
        }
        this.title = title;
        this.times = times.clone();
        this.states = states;
        this.dimension = dimension;
        this.coordinate = coordinate;
        this.particles = particles;
    }

    /**
     * @param name   the legend entry
     * @param t      times. Copied.
     * @param values the reference value at each time. Copied.
     * @return this
     */
    public TrajectoryPlot reference(String name, double[] t, double[] values) {
        if (t.length != values.length) {
            throw new IllegalArgumentException(name + ": " + t.length + " times but " + values.length + " values");
        }
        references.add(new Reference(name, t.clone(), values.clone()));
        return this;
    }

    @Override
    public XYChart chart(int width, int height) {
        XYChart chart = Charts.create(width, height, title, "time t  (sampling runs from right to left)",
                "coordinate x_" + coordinate);
        for (int p = 0; p < particles; p++) {
            double[] x = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                x[k] = states[k][p * dimension + coordinate];
            }
            XYSeries series = chart.addSeries("particle " + p, times, x);
            Charts.line(series, Charts.color(p), 1.8f, false);
        }
        for (int k = 0; k < references.size(); k++) {
            Reference reference = references.get(k);
            Charts.reference(chart.addSeries(reference.name, reference.times, reference.values), k);
        }
        return chart;
    }
}
