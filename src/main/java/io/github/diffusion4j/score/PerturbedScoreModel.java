package io.github.diffusion4j.score;

/**
 * A deliberately wrong score {@code s_θ(t, z) = c · s(t, z) + b} built from a reference score s: a controlled score
 * error {@code s_θ − s = (c − 1) s + b} for error-decomposition studies (docs/THEORY.md T16) and claims. It stays affine when
 * s is (Gaussian data), so exact output laws still apply. Its data prediction is Tweedie's formula applied to s_θ,
 * consistent with the perturbed score.
 */
public final class PerturbedScoreModel implements DifferentiableScoreModel {

    private final ScoreModel reference;
    private final double scale;
    private final double[] bias;

    /**
     * @param reference the reference score s
     * @param scale     the factor c
     * @param bias      the constant b, length d. Copied.
     */
    public PerturbedScoreModel(ScoreModel reference, double scale, double[] bias) {
        if (bias.length != reference.dimension() || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("need a finite scale and a bias of length " + reference.dimension()
                    + ", got scale " + scale + " and length " + bias.length);
        }
        this.reference = reference;
        this.scale = scale;
        this.bias = bias.clone();
    }

    /** @return c */
    public double scale() {
        return scale;
    }

    /** @return a copy of b */
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public int dimension() {
        return reference.dimension();
    }

    @Override
    public void score(double t, double[] z, int from, int to, double[] out) {
        reference.score(t, z, from, to, out);
        int d = dimension();
        for (int i = from * d; i < to * d; i++) {
            out[i] = scale * out[i] + bias[i % d];
        }
    }

    /** {@code c ∇s}; needs a differentiable reference. */
    @Override
    public void jacobian(double t, double[] z, int from, int to, double[] out) {
        if (!(reference instanceof DifferentiableScoreModel differentiable)) {
            throw new UnsupportedOperationException("the reference score has no Jacobian");
        }
        differentiable.jacobian(t, z, from, to, out);
        int dd = dimension() * dimension();
        for (int i = from * dd; i < to * dd; i++) {
            out[i] *= scale;
        }
    }
}
