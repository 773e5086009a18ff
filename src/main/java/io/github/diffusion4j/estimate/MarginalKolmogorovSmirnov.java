package io.github.diffusion4j.estimate;

import java.util.function.DoubleUnaryOperator;

import io.github.diffusion4j.mixture.GaussianMixture;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * One-sample Kolmogorov–Smirnov tests of each coordinate of n samples against the exact one-dimensional marginal of a
 * Gaussian mixture's time marginal {@code p_t = Σ_k w_k N(α μ_k, α² Σ_k + σ² I)} (docs/THEORY.md §2). Coordinate j of p_t
 * has the continuous distribution function
 * <pre>
 *   F_j(x) = Σ_k w_k Φ((x − α μ_kj) / √(α² Σ_k,jj + σ²))
 * </pre>
 * and the statistic {@code D_j = sup_x |F̂_j(x) − F_j(x)|} of the empirical distribution function F̂_j has a null law
 * free of F_j; Commons Statistics' {@link KolmogorovSmirnovTest} (two-sided, its default p-value method: exact for
 * small n, asymptotic for large) gives its p-value p_j. Because F_j is fully specified (nothing is fitted to the
 * samples), the p-values are exact under the null.
 *
 * <p>The d tests are combined by Bonferroni's inequality: the family is rejected at significance a when
 * {@code min_j p_j ≤ a/d}, i.e. when the combined p-value {@code min(1, d · min_j p_j)} is ≤ a, which keeps the
 * probability of a false rejection ≤ a whatever the dependence between coordinates. The test sees marginals only: a
 * law with the right marginals and the wrong dependence passes.
 *
 * <p>Immutable and thread-safe.
 */
public final class MarginalKolmogorovSmirnov {

    private final int dimension;
    private final double[] weights;
    /** Component k's law along coordinate j, at index k·d + j. */
    private final NormalDistribution[] component;

    /**
     * The per-coordinate p-values and the Bonferroni verdict.
     *
     * @param statistics   D_j, length d
     * @param pValues      p_j, length d
     * @param significance the family-wise significance a
     * @param rejected     whether {@code min_j p_j ≤ a/d}
     */
    public record Result(double[] statistics, double[] pValues, double significance, boolean rejected) {

        /**
         * Copies the arrays.
         *
         * @param statistics   D_j, length d. Copied.
         * @param pValues      p_j, length d. Copied.
         * @param significance the family-wise significance a
         * @param rejected     whether {@code min_j p_j ≤ a/d}
         */
        public Result {
            statistics = statistics.clone();
            pValues = pValues.clone();
        }

        /** @return a copy of D_j */
        @Override
        public double[] statistics() {
            return statistics.clone();
        }

        /** @return a copy of p_j */
        @Override
        public double[] pValues() {
            return pValues.clone();
        }

        /** @return the Bonferroni-combined p-value min(1, d · min_j p_j) */
        public double combinedPValue() {
            double min = 1;
            for (double p : pValues) {
                min = Math.min(min, p);
            }
            return Math.min(1, pValues.length * min);
        }
    }

    /**
     * @param mixture the data law p₀
     * @param alpha   α, finite
     * @param sigma   σ ≥ 0, finite
     */
    public MarginalKolmogorovSmirnov(GaussianMixture mixture, double alpha, double sigma) {
        if (!Double.isFinite(alpha) || !(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("need finite α and finite σ ≥ 0, got α = " + alpha + ", σ = " + sigma);
        }
        int d = mixture.dimension();
        int components = mixture.components();
        this.dimension = d;
        this.weights = mixture.weights();
        this.component = new NormalDistribution[components * d];
        for (int k = 0; k < components; k++) {
            double[] mean = mixture.mean(k);
            for (int j = 0; j < d; j++) {
                double variance = alpha * alpha * mixture.covariance(k, j, j) + sigma * sigma;
                if (!(variance > 0)) {
                    throw new IllegalArgumentException("coordinate " + j + " of component " + k + " has variance "
                            + variance + " at α = " + alpha + ", σ = " + sigma + "; the marginal has no density");
                }
                component[k * d + j] = NormalDistribution.of(alpha * mean[j], Math.sqrt(variance));
            }
        }
    }

    /**
     * @param j a coordinate, 0 ≤ j &lt; d
     * @param x a value
     * @return F_j(x)
     */
    public double cumulativeProbability(int j, double x) {
        if (j < 0 || j >= dimension) {
            throw new IllegalArgumentException("coordinate " + j + " is outside [0, " + dimension + ")");
        }
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k] * component[k * dimension + j].cumulativeProbability(x);
        }
        return Math.min(1, sum);
    }

    /**
     * @param samples      n samples, row-major, length n·d, finite. Not modified.
     * @param n            number of samples, ≥ 1
     * @param significance the family-wise significance a in (0, 1)
     * @return the d tests and their Bonferroni verdict
     */
    public Result test(double[] samples, int n, double significance) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one sample, got n = " + n);
        }
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must lie in (0, 1), got " + significance);
        }
        Mmd.checkPoints("samples", samples, n, dimension);
        KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
        double[] statistics = new double[dimension];
        double[] pValues = new double[dimension];
        double[] column = new double[n];
        double min = 1;
        for (int j = 0; j < dimension; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = samples[i * dimension + j];
            }
            int coordinate = j;
            DoubleUnaryOperator cdf = x -> cumulativeProbability(coordinate, x);
            KolmogorovSmirnovTest.OneResult result = ks.test(column, cdf);
            statistics[j] = result.getStatistic();
            pValues[j] = result.getPValue();
            min = Math.min(min, pValues[j]);
        }
        return new Result(statistics, pValues, significance, min <= significance / dimension);
    }
}
