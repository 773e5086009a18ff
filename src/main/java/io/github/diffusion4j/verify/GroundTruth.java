package io.github.diffusion4j.verify;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.DifferentiableScoreModel;

/**
 * The exact quantities of one data problem under one schedule that claims check against each other (docs/THEORY.md §2–§3),
 * as a replaceable component: the default is {@link ExactGroundTruth}; tests substitute deliberately broken variants
 * to show that the catalogue catches them. All methods take a time t and a batch of n points (row-major).
 */
public interface GroundTruth {

    /** @return the data distribution */
    GaussianMixture mixture();

    /** @return the forward process */
    NoiseSchedule schedule();

    /** @return the exact score as a model, for solvers (its Jacobian is the exact Hessian) */
    DifferentiableScoreModel scoreModel();

    /**
     * out[i] ← log p_t(z_i).
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void logDensity(double t, double[] z, int n, double[] out);

    /**
     * out ← ∇ log p_t(z_i), n × d.
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void score(double t, double[] z, int n, double[] out);

    /**
     * out ← ∇² log p_t(z_i), n × d × d.
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void hessian(double t, double[] z, int n, double[] out);

    /**
     * out[i] ← Δ log p_t(z_i) = tr ∇² log p_t(z_i).
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void divergence(double t, double[] z, int n, double[] out);

    /**
     * out ← E[x₀ | z_t = z_i] by conditioning, n × d.
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void posteriorMean(double t, double[] z, int n, double[] out);

    /**
     * out ← p_t(y = k | z_i), n × K.
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void responsibilities(double t, double[] z, int n, double[] out);

    /**
     * out ← ∇ log p_t(z_i | y = k), n × d.
     *
     * @param k the component, 0 ≤ k &lt; K
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void componentScore(int k, double t, double[] z, int n, double[] out);

    /**
     * out ← the probability-flow velocity f z − ½ g² s at (t, z_i), n × d.
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void velocity(double t, double[] z, int n, double[] out);

    /**
     * out ← the flow-matching velocity α̇ x̂₀ + σ̇ ε̂ at (t, z_i), n × d.
     *
     * @param t the time
     * @param z n points, row-major. Not modified.
     * @param n the number of points
     * @param out receives the result, row-major. Modified.
     */
    void flowVelocity(double t, double[] z, int n, double[] out);

    /**
     * Exact samples of p_t: α x₀ + σ ε with x₀ from the mixture.
     *
     * @param t    time
     * @param n    number of samples
     * @param seed seed
     * @return n × d samples
     */
    double[] sample(double t, int n, long seed);
}
