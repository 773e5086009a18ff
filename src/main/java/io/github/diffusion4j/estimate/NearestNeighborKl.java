package io.github.diffusion4j.estimate;

/**
 * {@code KL(p̂ ‖ p₀)} from n samples of a sampler's output law p̂ and the exact log-density of the target p₀ (docs/THEORY.md
 * §6, SDE samplers on mixtures):
 * <pre>
 *   KL(p̂ ‖ p₀) = −H(p̂) − E_p̂ log p₀,     K̂L = −Ĥ − (1/n) Σ_i log p₀(x_i) = (1/n) Σ_i (−ξ_i − log p₀(x_i))
 * </pre>
 * The cross-entropy term is exact per sample (a caller-supplied batched log-density, e.g.
 * {@code marginal::logDensity} of a {@link io.github.diffusion4j.mixture.MixtureMarginal}); the entropy term is the
 * Kozachenko–Leonenko estimate with its per-point terms ξ_i ({@link KozachenkoLeonenkoEntropy}).
 *
 * <p><b>Interval.</b> The two terms are strongly correlated — when p̂ ≈ p₀, {@code −ξ_i ≈ log p̂(x_i)} and
 * {@code log p₀(x_i)} nearly cancel point by point — so their standard errors must not be added. The per-sample
 * contributions {@code −ξ_i − log p₀(x_i)} are combined in a central limit theorem by batch means: with the groups of
 * the entropy estimator, group b gives the independent replicate
 * {@code K̂L^(b) = −Ĥ^(b) − mean_{i ∈ b} log p₀(x_i)}, and
 * <pre>
 *   se(K̂L) = sd(K̂L^(1), …, K̂L^(B)) / √B,    interval K̂L ± t_{B−1, (1+c)/2} · se,
 * </pre>
 * which accounts for both terms, their correlation and the dependence of the ξ_i (derivation in
 * {@link KozachenkoLeonenkoEntropy}).
 *
 * <p><b>Bias</b> is that of −Ĥ (the cross-entropy average is unbiased): negligible against the standard error for
 * d ≤ 3 at large n, dominant for d ≥ 5 (see {@link KozachenkoLeonenkoEntropy}). Divergences smaller than the entropy
 * estimator's bias are not resolved; the estimate can be negative.
 */
public final class NearestNeighborKl {

    /** A batched log-density: {@code out[i] = log p(x_i)} for the n row-major points x. */
    @FunctionalInterface
    public interface LogDensity {
        /**
         * @param points n points, row-major. Not modified.
         * @param n      number of points
         * @param out    receives log p(x_i) at index i. Modified.
         */
        void logDensity(double[] points, int n, double[] out);
    }

    private final KozachenkoLeonenkoEntropy entropy;

    /** @param entropy the entropy estimator (its k, groups, threads and seed) */
    public NearestNeighborKl(KozachenkoLeonenkoEntropy entropy) {
        this.entropy = entropy;
    }

    /**
     * @param samples    n samples of p̂, row-major, length n·d, finite. Not modified.
     * @param n          number of samples, ≥ the entropy estimator's minimum sample size
     * @param dimension  d ≥ 1
     * @param target     the log-density of p₀; must be finite at every sample
     * @param confidence the interval's level in (0, 1)
     * @return K̂L with its batch-means standard error and Student-t interval
     */
    public Estimate estimate(double[] samples, int n, int dimension, LogDensity target, double confidence) {
        KozachenkoLeonenkoEntropy.BatchEntropies entropies = entropy.batchEntropies(samples, n, dimension);
        double[] logTarget = new double[n];
        target.logDensity(samples, n, logTarget);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(logTarget[i])) {
                throw new IllegalArgumentException("target log-density at sample " + i + " is " + logTarget[i]
                        + "; it must be finite wherever p̂ has samples");
            }
            sum += logTarget[i];
        }
        int[] permutation = entropies.permutation();
        int[] start = entropies.start();
        double[] groups = new double[start.length - 1];
        for (int b = 0; b < groups.length; b++) {
            double groupSum = 0;
            for (int p = start[b]; p < start[b + 1]; p++) {
                groupSum += logTarget[permutation[p]];
            }
            groups[b] = -entropies.groups()[b] - groupSum / (start[b + 1] - start[b]);
        }
        return KozachenkoLeonenkoEntropy.batchMeans(-entropies.full() - sum / n, groups, confidence);
    }
}
