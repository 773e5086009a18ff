package io.github.diffusion4j.testing;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import io.github.diffusion4j.testkit.MixtureSpec;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Seeded generator of random Gaussian mixtures for parameterized property tests: the same seed gives the same
 * mixture. Full covariances are {@code Q diag(e) Qᵀ} with Q a random orthogonal matrix (QR of a Gaussian matrix)
 * and eigenvalues log-uniform over a chosen condition number.
 */
public final class RandomMixtures {

    private RandomMixtures() {
    }

    /** @return a random source for the seed */
    public static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /**
     * @param seed      the seed
     * @param kind      covariance kind
     * @param dimension d
     * @param k         number of components
     * @param spread    scale of the means (standard deviation of each coordinate)
     * @param condition condition number of each full covariance (eigenvalues in [scale/condition, scale])
     * @return a mixture with Dirichlet-like random weights
     */
    public static GaussianMixture mixture(long seed, CovarianceKind kind, int dimension, int k, double spread,
                                          double condition) {
        UniformRandomProvider rng = rng(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] weights = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            weights[c] = 0.2 + rng.nextDouble();
            sum += weights[c];
        }
        for (int c = 0; c < k; c++) {
            weights[c] /= sum;
        }
        double[][] means = new double[k][dimension];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < dimension; j++) {
                means[c][j] = spread * normal.sample();
            }
        }
        switch (kind) {
            case ISOTROPIC: {
                double[] variances = new double[k];
                for (int c = 0; c < k; c++) {
                    variances[c] = 0.05 + 0.5 * rng.nextDouble();
                }
                return GaussianMixture.isotropic(weights, means, variances);
            }
            case DIAGONAL: {
                double[][] variances = new double[k][dimension];
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < dimension; j++) {
                        variances[c][j] = 0.05 + 0.5 * rng.nextDouble();
                    }
                }
                return GaussianMixture.diagonal(weights, means, variances);
            }
            default: {
                double[][][] covariances = new double[k][][];
                for (int c = 0; c < k; c++) {
                    covariances[c] = randomSpd(rng, normal, dimension, 0.6, condition);
                }
                return GaussianMixture.full(weights, means, covariances);
            }
        }
    }

    /**
     * @return a random symmetric positive definite matrix with eigenvalues log-uniform in [scale/condition, scale]
     */
    public static double[][] randomSpd(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian normal,
                                       int d, double scale, double condition) {
        return MixtureSpec.randomSpd(normal, d, scale, condition);
    }

    /**
     * Points drawn from the time marginal (so they sit where the density is), by forward-noising exact samples.
     *
     * @return n points, row-major
     */
    public static double[] marginalPoints(GaussianMixture mixture, double alpha, double sigma, int n, long seed) {
        UniformRandomProvider rng = rng(seed);
        int d = mixture.dimension();
        double[] x0 = new double[n * d];
        mixture.sample(rng, n, x0, null);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < n * d; i++) {
            x0[i] = alpha * x0[i] + sigma * normal.sample();
        }
        return x0;
    }
}
