package io.github.diffusion4j.benchmarks;

import io.github.diffusion4j.mixture.GaussianMixture;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Deterministic random mixtures of a given shape for the benchmarks. */
final class BenchmarkMixtures {

    private BenchmarkMixtures() {
    }

    /**
     * @param k          components
     * @param d          dimension
     * @param covariance "diagonal" or "full"
     * @param seed       seed
     * @return a mixture with means in [−2, 2]^d and covariances 0.3 I (+ 0.2 u uᵀ for full)
     */
    static GaussianMixture random(int k, int d, String covariance, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        for (int c = 0; c < k; c++) {
            weights[c] = 1.0 / k;
            for (int j = 0; j < d; j++) {
                means[c][j] = 4 * rng.nextDouble() - 2;
            }
        }
        if (covariance.equals("diagonal")) {
            double[][] variances = new double[k][d];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    variances[c][j] = 0.1 + 0.4 * rng.nextDouble();
                }
            }
            return GaussianMixture.diagonal(weights, means, variances);
        }
        double[][][] covariances = new double[k][d][d];
        for (int c = 0; c < k; c++) {
            double[] u = new double[d];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                u[j] = 2 * rng.nextDouble() - 1;
                norm += u[j] * u[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    covariances[c][i][j] = 0.2 * u[i] * u[j] / norm + (i == j ? 0.3 : 0.0);
                }
            }
        }
        return GaussianMixture.full(weights, means, covariances);
    }
}
