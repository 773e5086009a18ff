package io.github.diffusion4j.estimate;

import io.github.diffusion4j.solve.TimeGrid;

/**
 * A sampler seen only through its output: given a decreasing time grid and starting points drawn from the exact
 * {@code p_{t_0}}, it returns the final points at {@code t_N}. This is all that can be asked of a sampler written
 * elsewhere (an external command, another language), so a {@link ConvergenceStudy} of a point sampler measures its
 * error with a metric computable from the final points and the exact law: {@link StrongError} or {@link WeakError}
 * against the exact probability-flow map of the same starting points ({@link ErrorMetric#error(PointSampler, int,
 * long)}).
 */
public interface PointSampler {

    /** @return the name shown in tables and figures */
    String name();

    /** @return whether the sampler draws its own noise (its verdict is then one-sided, {@link ConvergenceVerdict}) */
    boolean isStochastic();

    /**
     * @param steps N, the grid's number of steps
     * @return the model evaluations per particle of a run with N steps, as the sampler declares them
     */
    long evaluations(int steps);

    /**
     * Runs the sampler once.
     *
     * @param grid    the time grid, {@code t_0 > t_1 > … > t_N}
     * @param initial starting points at {@code t_0}, row-major n × d. Not modified.
     * @param n       the number of points
     * @param seed    the seed of the run (a stochastic sampler may seed its own noise with it)
     * @return the final points at {@code t_N}, row-major n × d, all finite
     * @throws IllegalArgumentException when the sampler fails or returns points of the wrong shape or non-finite ones,
     *                                  with a message saying why
     */
    double[] sample(TimeGrid grid, double[] initial, int n, long seed);
}
