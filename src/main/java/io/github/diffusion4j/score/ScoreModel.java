package io.github.diffusion4j.score;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * A (possibly learned) score {@code s_θ(t, z) ≈ ∇_z log p_t(z)}, evaluated on batches: the only model type solvers
 * see. Models that predict something else — ε, x₀, v or a velocity — are adapted to this interface by {@link
 * ScoreModels}, in the manner of the {@code model_wrapper} of Lu et al.'s DPM-Solver code.
 *
 * <p>Batches are row-major {@code double[]}: point {@code i} occupies {@code z[i·d .. i·d + d)}; a call evaluates
 * points {@code from ≤ i < to} and writes rows {@code from ≤ i < to} of {@code out}. A point's result must not
 * depend on the other points of the batch (samplers rely on this for reproducibility under any batch split or
 * thread count). Implementations must be safe for concurrent calls on disjoint ranges.
 */
public interface ScoreModel {

    /** @return the dimension d of the points */
    int dimension();

    /**
     * @param t    the time (in the schedule the model was built for)
     * @param z    points, row-major. Not modified.
     * @param from first point
     * @param to   one past the last point
     * @param out  receives {@code s_θ(t, z_i)} in rows {@code from … to−1}. Modified.
     */
    void score(double t, double[] z, int from, int to, double[] out);

    /**
     * The data prediction {@code x̂₀(t, z) ≈ E[x₀ | z_t = z]}. The default derives it from the score by Tweedie's
     * formula {@code x̂₀ = (z + σ² s)/α}, which is undefined where {@code α = 0}; models that predict x₀ (or the
     * velocity) natively, or know it exactly, override this so that no precision is lost and {@code α = 0} is
     * allowed.
     *
     * @param schedule the forward process that gives α(t) and σ(t)
     * @param t        the time
     * @param z        points, row-major. Not modified.
     * @param from     first point
     * @param to       one past the last point
     * @param out      receives x̂₀ in rows {@code from … to−1}. Modified.
     */
    default void dataPrediction(NoiseSchedule schedule, double t, double[] z, int from, int to, double[] out) {
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        if (alpha == 0) {
            throw new IllegalArgumentException("the data prediction at t = " + t + " (α = 0) cannot be recovered "
                    + "from a score; use a model that predicts x₀ or the velocity natively");
        }
        score(t, z, from, to, out);
        int d = dimension();
        double sigmaSquared = sigma * sigma;
        for (int i = from * d; i < to * d; i++) {
            out[i] = (z[i] + sigmaSquared * out[i]) / alpha;
        }
    }
}
