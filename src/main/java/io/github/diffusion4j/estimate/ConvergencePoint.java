package io.github.diffusion4j.estimate;

/**
 * One measured point of a convergence study: a solver at one resolution.
 *
 * @param resolution  the step count or tolerance it was run at
 * @param steps       N: the grid's steps, or the accepted steps of an adaptive solver on the timed run
 * @param evaluations model evaluations per particle (NFE) on the timed run
 * @param seconds     wall time of the timed run (the best of its repeats)
 * @param stepSize    the mean step size {@code h̄ = (t_0 − t_N)/N}
 * @param error       the metric's error, averaged over seeds, with its interval
 */
public record ConvergencePoint(Resolution resolution, long steps, long evaluations, double seconds, double stepSize,
                               Estimate error) {
}
