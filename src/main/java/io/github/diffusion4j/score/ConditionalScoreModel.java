package io.github.diffusion4j.score;

/**
 * A class-conditional score {@code s_θ(t, z, y) ≈ ∇_z log p_t(z | y)} for labels {@code 0 ≤ y < classes()}, and the
 * unconditional score {@code ∇_z log p_t(z)} for the null label {@link #UNCONDITIONAL} — one network trained with
 * label dropout, as in classifier-free guidance (Ho and Salimans 2022). Turned into a sampler's {@link ScoreModel} by
 * {@link ScoreModels#classifierFreeGuidance}. Same batch conventions and thread-safety contract as
 * {@link ScoreModel}.
 */
public interface ConditionalScoreModel {

    /** The null label: the unconditional score. */
    int UNCONDITIONAL = -1;

    /** @return the dimension d of the points */
    int dimension();

    /** @return the number of labels */
    int classes();

    /**
     * @param t     the time
     * @param z     points, row-major. Not modified.
     * @param from  first point
     * @param to    one past the last point
     * @param label a label in {@code [0, classes())}, or {@link #UNCONDITIONAL}
     * @param out   receives {@code s_θ(t, z_i, label)} in rows {@code from … to−1}. Modified.
     */
    void score(double t, double[] z, int from, int to, int label, double[] out);
}
