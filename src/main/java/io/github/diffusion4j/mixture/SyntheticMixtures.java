package io.github.diffusion4j.mixture;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Deterministic random mixtures of a given shape, for benchmarks and timing runs ({@code bench}, the JMH suite): equal
 * weights, means uniform in [−2, 2]^d, diagonal variances uniform in [0.1, 0.5] or full covariances
 * {@code 0.3 I + 0.2 u uᵀ/‖u‖²} with u uniform in [−1, 1]^d.
 */
public final class SyntheticMixtures {

    private SyntheticMixtures() {
    }

    /**
     * @param k          components
     * @param d          dimension
     * @param covariance "diagonal" or "full"
     * @param seed       seed
     * @return the mixture
     * @throws IllegalArgumentException for another covariance kind
     */
    public static GaussianMixture random(int k, int d, String covariance, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        for (int c = 0; c < k; c++) {
            weights[c] = 1.0 / k;
            for (int j = 0; j < d; j++) {
                means[c][j] = 4 * rng.nextDouble() - 2;
            }
        }
        if (!covariance.equals("diagonal") && !covariance.equals("full")) {
            throw new IllegalArgumentException("covariance must be diagonal or full, got '" + covariance + "'");
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
