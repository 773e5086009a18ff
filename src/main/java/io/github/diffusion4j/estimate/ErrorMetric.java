package io.github.diffusion4j.estimate;

import io.github.diffusion4j.solve.Solver;

/**
 * How a {@link ConvergenceStudy} measures the error of one solver run, in the manner of the pluggable error measures
 * of DiffEqDevTools' convergence and work–precision tests.
 *
 * <p>A metric declares its {@link #power() power} q: for a solver of order p it behaves as {@code C h^{q·p}} as the
 * step h → 0. Errors that are norms of the solution error (strong and weak errors) have q = 1; the KL divergence is
 * quadratic in the error of the law's mean and covariance ({@code KL ≈ ½ δμᵀΣ⁻¹δμ + ¼ tr (Σ⁻¹δΣ)²}), so q = 2. The
 * study fits the order on the scale {@code error^{1/q}}, so that fitted orders are comparable to the solvers'
 * declared orders whatever the metric.
 */
public interface ErrorMetric {

    /** @return the command-line name, e.g. {@code "exact-kl"} */
    String name();

    /** @return the measured quantity as a formula, for axis labels and table headers */
    String quantity();

    /** @return q: the error behaves as {@code C h^{q·p}} for a solver of order p */
    int power();

    /**
     * @param solver a solver
     * @return the order the metric should observe: the declared (weak or deterministic) order by default; NaN if
     *         none is declared
     */
    default double theoreticalOrder(Solver solver) {
        return solver.order();
    }

    /**
     * @param solver a solver
     * @return whether this metric's error of the solver converges at the solver's order, so that a
     *         {@link ConvergenceVerdict} on it means something; true by default
     */
    default boolean judgesOrder(Solver solver) {
        return true;
    }

    /** @return whether the error depends on the seed (random starting points or noise); false for exact metrics */
    boolean isRandom();

    /**
     * @param solver     the solver
     * @param resolution steps (fixed-grid solvers) or tolerance (adaptive solvers)
     * @param seed       the seed of the starting points and noise (ignored when {@link #isRandom()} is false)
     * @return the error, with its standard error and confidence interval when it is a Monte Carlo estimate
     */
    Estimate error(Solver solver, Resolution resolution, long seed);

    /**
     * The error of a sampler seen only through its final points ({@link PointSampler}). Metrics that need more than
     * the points — the exact KL of a solver's propagated law needs its affine update — reject it.
     *
     * @param sampler the sampler
     * @param steps   N, the grid's number of steps
     * @param seed    the seed of the starting points
     * @return the error, with its standard error and confidence interval
     * @throws IllegalArgumentException when the metric cannot measure a point sampler, or the sampler fails
     */
    default Estimate error(PointSampler sampler, int steps, long seed) {
        throw new IllegalArgumentException("the " + name() + " metric cannot measure " + sampler.name()
                + ", which gives only its final points; use the strong error (deterministic samplers) or the weak "
                + "error (any sampler)");
    }
}
