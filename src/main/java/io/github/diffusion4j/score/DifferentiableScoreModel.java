package io.github.diffusion4j.score;

/**
 * A score model that also provides its Jacobian {@code ∇_z s_θ(t, z)} — for the exact score, the Hessian
 * {@code ∇² log p_t}. Needed to carry exact log-determinants through ODE samplers (exact model densities) and for
 * exact or Hutchinson divergences in the probability-flow likelihood.
 */
public interface DifferentiableScoreModel extends ScoreModel {

    /**
     * @param t    time
     * @param z    points, row-major. Not modified.
     * @param from first point
     * @param to   one past the last point
     * @param out  receives the d × d Jacobian of point i at offset i·d², row-major ({@code out[i·d² + a·d + b] =
     *             ∂s_a/∂z_b}). Modified.
     */
    void jacobian(double t, double[] z, int from, int to, double[] out);

    /**
     * The divergence {@code ∇·s_θ = tr ∇_z s_θ}. The default takes the trace of {@link #jacobian}; implementations
     * with a cheaper or more accurate route override it.
     *
     * @param t    time
     * @param z    points, row-major. Not modified.
     * @param from first point
     * @param to   one past the last point
     * @param out  receives the divergence of point i at index i. Modified.
     */
    default void divergence(double t, double[] z, int from, int to, double[] out) {
        int d = dimension();
        double[] jacobian = new double[to * d * d];
        jacobian(t, z, from, to, jacobian);
        for (int i = from; i < to; i++) {
            double trace = 0;
            for (int a = 0; a < d; a++) {
                trace += jacobian[i * d * d + a * d + a];
            }
            out[i] = trace;
        }
    }
}
