package io.github.diffusion4j.score;

/**
 * Classifier-free guidance (Ho and Salimans 2022, eq. 6, in score form; docs/THEORY.md T15) with weight γ toward label y:
 * <pre>
 *   s_γ(t, z) = (1 + γ) s(t, z | y) − γ s(t, z | ∅)  =  s(t, z | ∅) + (1 + γ) (s(t, z | y) − s(t, z | ∅)),
 * </pre>
 * i.e. the score of {@code p_t(z) p_t(y | z)^{1+γ}} up to normalisation when the model is exact (γ = 0: the
 * conditional score; γ = −1: the unconditional one). T15 measures how far sampling with it is from that tilted law.
 * Thread-safe: the unconditional scores go to a per-thread buffer that grows to the largest batch and is reused.
 */
final class ClassifierFreeGuidance implements ScoreModel {

    private final ConditionalScoreModel model;
    private final int label;
    private final double gamma;
    private final ThreadLocal<double[]> unconditional = ThreadLocal.withInitial(() -> new double[0]);

    ClassifierFreeGuidance(ConditionalScoreModel model, int label, double gamma) {
        if (label < 0 || label >= model.classes()) {
            throw new IllegalArgumentException("label " + label + " is outside [0, " + model.classes() + ")");
        }
        if (!Double.isFinite(gamma)) {
            throw new IllegalArgumentException("guidance weight γ must be finite, got " + gamma);
        }
        this.model = model;
        this.label = label;
        this.gamma = gamma;
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public void score(double t, double[] z, int from, int to, double[] out) {
        int d = model.dimension();
        double[] buffer = unconditional.get();
        if (buffer.length < to * d) {
            buffer = new double[to * d];
            unconditional.set(buffer);
        }
        model.score(t, z, from, to, label, out);
        model.score(t, z, from, to, ConditionalScoreModel.UNCONDITIONAL, buffer);
        double conditionalWeight = 1 + gamma;
        for (int i = from * d; i < to * d; i++) {
            out[i] = conditionalWeight * out[i] - gamma * buffer[i];
        }
    }
}
