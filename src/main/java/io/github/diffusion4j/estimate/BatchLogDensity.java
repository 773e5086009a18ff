package io.github.diffusion4j.estimate;

/**
 * A log-density evaluated on a batch of points, e.g. {@code mixture.marginal().setTime(schedule, t)::logDensity}.
 */
@FunctionalInterface
public interface BatchLogDensity {

    /**
     * @param z   points, row-major n × d. Not modified.
     * @param n   number of points
     * @param out receives log p(z_i). Modified.
     */
    void logDensity(double[] z, int n, double[] out);
}
