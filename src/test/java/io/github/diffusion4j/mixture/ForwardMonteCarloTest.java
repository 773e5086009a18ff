package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.testing.RandomMixtures;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The closed-form marginal against Monte Carlo of the forward process {@code z = α x₀ + σ ε}.
 *
 * <p>Statistics: with N = 200,000 draws, each sample-mean coordinate has standard error √(C_jj/N) and each
 * sample-covariance entry √((C_ii C_jj + C_ij²)/N) (Gaussian fourth moments; for K &gt; 1 the exact fourth moments are
 * replaced by a 1.5× inflated Gaussian value, an upper bound for these well-mixed cases). An entry fails when its
 * z-score exceeds 4.5: two-sided false-alarm probability 6.8·10⁻⁶ per entry, below 10⁻³ over the ≤ 150 entries of
 * the whole class. Seeds are fixed, so the outcome is deterministic.
 */
class ForwardMonteCarloTest {

    private static final int N = 200_000;
    private static final double Z_LIMIT = 4.5;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(RandomMixtures.mixture(3, CovarianceKind.FULL, 3, 1, 1.0, 10.0), Schedules.byName("vp-linear"), 0.3),
                Arguments.of(RandomMixtures.mixture(4, CovarianceKind.FULL, 2, 1, 1.0, 10.0), Schedules.byName("linear"), 0.6),
                Arguments.of(RandomMixtures.mixture(5, CovarianceKind.DIAGONAL, 3, 1, 1.0, 1.0), Schedules.byName("ve"), 0.2),
                Arguments.of(RandomMixtures.mixture(6, CovarianceKind.FULL, 3, 3, 1.0, 10.0), Schedules.byName("vp-cosine"), 0.4),
                Arguments.of(RandomMixtures.mixture(7, CovarianceKind.ISOTROPIC, 2, 4, 1.0, 1.0), Schedules.byName("edm"), 1.5));
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void marginalMomentsMatchTheForwardProcess(GaussianMixture m, NoiseSchedule s, double t) {
        MixtureMarginal p = m.marginal().setTime(s, t);
        int d = m.dimension();
        double[] z = RandomMixtures.marginalPoints(m, p.alpha(), p.sigma(), N, 2024);
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        p.mean(mean);
        p.covariance(cov);
        double[] sampleMean = new double[d];
        double[] sampleCov = new double[d * d];
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < d; a++) {
                sampleMean[a] += z[i * d + a] / N;
            }
        }
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    sampleCov[a * d + b] += (z[i * d + a] - sampleMean[a]) * (z[i * d + b] - sampleMean[b]) / (N - 1);
                }
            }
        }
        double inflation = m.components() == 1 ? 1.0 : 1.5;
        for (int a = 0; a < d; a++) {
            double se = Math.sqrt(cov[a * d + a] / N);
            assertTrue(Math.abs(sampleMean[a] - mean[a]) < Z_LIMIT * se,
                    "mean_" + a + ": sample " + sampleMean[a] + " vs exact " + mean[a] + " (se " + se + ")");
            for (int b = 0; b < d; b++) {
                double var = inflation * (cov[a * d + a] * cov[b * d + b] + cov[a * d + b] * cov[a * d + b]) / N;
                assertTrue(Math.abs(sampleCov[a * d + b] - cov[a * d + b]) < Z_LIMIT * Math.sqrt(var),
                        "cov_" + a + b + ": sample " + sampleCov[a * d + b] + " vs exact " + cov[a * d + b]);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void singleGaussianMarginalIsTheGaussianWithThoseMoments(GaussianMixture m, NoiseSchedule s, double t) {
        if (m.components() != 1) {
            return;
        }
        // For K = 1, p_t = N(m, C): score −C⁻¹(z − m) and log-density by an explicit inverse here (test-only route).
        MixtureMarginal p = m.marginal().setTime(s, t);
        int d = m.dimension();
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        p.mean(mean);
        p.covariance(cov);
        DMatrixRMaj inverse = new DMatrixRMaj(d, d, true, cov);
        CommonOps_DDRM.invert(inverse);
        double logDet = Math.log(CommonOps_DDRM.det(new DMatrixRMaj(d, d, true, cov)));
        double[] z = RandomMixtures.marginalPoints(m, p.alpha(), p.sigma(), 10, 3);
        double[] score = new double[10 * d];
        double[] logDensity = new double[10];
        p.score(z, 10, score);
        p.logDensity(z, 10, logDensity);
        for (int i = 0; i < 10; i++) {
            double quadratic = 0;
            for (int a = 0; a < d; a++) {
                double expected = 0;
                for (int b = 0; b < d; b++) {
                    expected -= inverse.get(a, b) * (z[i * d + b] - mean[b]);
                    quadratic += (z[i * d + a] - mean[a]) * inverse.get(a, b) * (z[i * d + b] - mean[b]);
                }
                assertEquals(expected, score[i * d + a], 1e-10 * (1 + Math.abs(expected)));
            }
            double expectedLog = -0.5 * (d * Math.log(2 * Math.PI) + logDet + quadratic);
            assertEquals(expectedLog, logDensity[i], 1e-10 * (1 + Math.abs(expectedLog)));
        }
    }
}
