package io.github.diffusion4j.verify.claims;

import io.github.diffusion4j.score.DifferentiableScoreModel;
import io.github.diffusion4j.verify.GroundTruth;

/**
 * The guided score of docs/THEORY.md T15 from the exact quantities: classifier-free guidance with weight γ toward class y,
 * <pre>
 *   s_γ(z) = (1 + γ) ∇log p_t(z | y) − γ ∇log p_t(z) = ∇log p_t(z) + (1 + γ) ∇log p_t(y | z),
 * </pre>
 * with Jacobian {@code (1 + γ) ∇² log p_t(z|y) − γ ∇² log p_t(z)}: the second term from the ground truth's Hessian,
 * the first by central differences of its class-conditional score (step 10⁻⁵(1 + |z_b|); the conditional marginal
 * is Gaussian, so its score is affine and the difference is exact up to rounding ~10⁻¹¹). Not thread-safe.
 */
final class GuidedScoreModel implements DifferentiableScoreModel {

    private final GroundTruth truth;
    private final int label;
    private final double gamma;
    private final int d;

    GuidedScoreModel(GroundTruth truth, int label, double gamma) {
        this.truth = truth;
        this.label = label;
        this.gamma = gamma;
        this.d = truth.mixture().dimension();
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void score(double t, double[] z, int from, int to, double[] out) {
        int n = to - from;
        double[] points = java.util.Arrays.copyOfRange(z, from * d, to * d);
        double[] conditional = new double[n * d];
        double[] marginal = new double[n * d];
        truth.componentScore(label, t, points, n, conditional);
        truth.score(t, points, n, marginal);
        for (int i = 0; i < n * d; i++) {
            out[from * d + i] = (1 + gamma) * conditional[i] - gamma * marginal[i];
        }
    }

    @Override
    public void jacobian(double t, double[] z, int from, int to, double[] out) {
        int n = to - from;
        double[] points = java.util.Arrays.copyOfRange(z, from * d, to * d);
        double[] hessian = new double[n * d * d];
        truth.hessian(t, points, n, hessian);
        double[] plus = new double[n * d];
        double[] minus = new double[n * d];
        for (int b = 0; b < d; b++) {
            double[] shifted = points.clone();
            double[] step = new double[n];
            for (int i = 0; i < n; i++) {
                step[i] = 1e-5 * (1 + Math.abs(points[i * d + b]));
                shifted[i * d + b] = points[i * d + b] + step[i];
            }
            truth.componentScore(label, t, shifted, n, plus);
            for (int i = 0; i < n; i++) {
                shifted[i * d + b] = points[i * d + b] - step[i];
            }
            truth.componentScore(label, t, shifted, n, minus);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    double conditional = (plus[i * d + a] - minus[i * d + a]) / (2 * step[i]);
                    out[(from + i) * d * d + a * d + b] = (1 + gamma) * conditional
                            - gamma * hessian[i * d * d + a * d + b];
                }
            }
        }
    }
}
