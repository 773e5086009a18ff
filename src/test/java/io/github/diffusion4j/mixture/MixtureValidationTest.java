package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The edges of GaussianMixture's validation: each check accepts the boundary value it documents and rejects the
 * next one, for every covariance kind, and null or ragged arrays are named rather than thrown as NPEs. Also the
 * exact sampler's shapes and its per-component law (means and covariances of 200,000 draws).
 */
class MixtureValidationTest {

    private static final double[][] MEANS = {{0, 0}, {1, 1}};

    private static void rejects(String fragment, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void weightsSummingToOneWithinTheToleranceAreAcceptedAndRenormalised() {
        double tolerance = GaussianMixture.WEIGHT_SUM_TOLERANCE;
        GaussianMixture m = GaussianMixture.isotropic(new double[] {0.5, 0.5 + 0.9 * tolerance}, MEANS,
                new double[] {1, 1});
        assertEquals(1.0, m.weight(0) + m.weight(1), 2 * Math.ulp(1.0), "renormalised");
        assertEquals(0.5 / (1 + 0.9 * tolerance), m.weight(0), 1e-16);
        assertEquals(Math.log(m.weight(1)), m.logWeight(1), 1e-15);
        rejects("sum to", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5 + 1.1 * tolerance}, MEANS,
                new double[] {1, 1}));
        rejects("sum to", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5 - 1.1 * tolerance}, MEANS,
                new double[] {1, 1}));
        GaussianMixture zero = GaussianMixture.isotropic(new double[] {0, 1}, MEANS, new double[] {1, 1});
        assertEquals(Double.NEGATIVE_INFINITY, zero.logWeight(0));
        assertArrayEquals(new double[] {0.25, 0.75},
                GaussianMixture.isotropic(new double[] {0.25, 0.75}, MEANS, new double[] {1, 1}).weights(), 0.0,
                "weights summing to 1 exactly are kept as given");
    }

    @Test
    void nullAndRaggedArraysAreNamed() {
        double[] w = {0.5, 0.5};
        rejects("at least one component, got null", () -> GaussianMixture.isotropic(null, MEANS, new double[] {1, 1}));
        rejects("expected 2 means", () -> GaussianMixture.isotropic(w, null, new double[] {1, 1}));
        rejects("means[0] is null", () -> GaussianMixture.isotropic(w, new double[][] {null, {1, 1}},
                new double[] {1, 1}));
        rejects("means[0] is empty", () -> GaussianMixture.isotropic(w, new double[][] {{}, {1}}, new double[] {1, 1}));
        rejects("means[1] has length null", () -> GaussianMixture.isotropic(w, new double[][] {{0, 0}, null},
                new double[] {1, 1}));
        rejects("expected 2 variances", () -> GaussianMixture.isotropic(w, MEANS, new double[] {1}));
        rejects("got null", () -> GaussianMixture.isotropic(w, MEANS, null));
        rejects("expected 2 variance vectors", () -> GaussianMixture.diagonal(w, MEANS, new double[][] {{1, 1}}));
        rejects("variances[1] has length 1", () -> GaussianMixture.diagonal(w, MEANS, new double[][] {{1, 1}, {1}}));
        rejects("variances[0] has length null", () -> GaussianMixture.diagonal(w, MEANS, new double[][] {null, {1, 1}}));
        rejects("expected 2 covariance matrices", () -> GaussianMixture.full(w, MEANS, new double[][][] {identity()}));
        rejects("got null", () -> GaussianMixture.full(w, MEANS, null));
        rejects("covariances[1] has null rows", () -> GaussianMixture.full(w, MEANS, new double[][][] {identity(), null}));
        rejects("covariances[1][1] has length 1", () -> GaussianMixture.full(w, MEANS,
                new double[][][] {identity(), {{1, 0}, {0}}}));
        rejects("covariances[0][0] has length null", () -> GaussianMixture.full(w, MEANS,
                new double[][][] {{null, {0, 1}}, identity()}));
        rejects("variances[1] = Infinity", () -> GaussianMixture.isotropic(w, MEANS,
                new double[] {1, Double.POSITIVE_INFINITY}));
        rejects("weights[1] = -4.9E-324", () -> GaussianMixture.isotropic(new double[] {1, -Double.MIN_VALUE},
                MEANS, new double[] {1, 1}));
        assertEquals(0.0, Math.abs(GaussianMixture.isotropic(new double[] {1, -0.0}, MEANS, new double[] {1, 1}).weight(1)),
                "−0 is a zero weight");
    }

    @Test
    void fullCovarianceEdges() {
        double[] w = {1};
        double[][] mean = {{0, 0}};
        rejects("diagonal entry [1][1] = 0.0", () -> GaussianMixture.full(w, mean, new double[][][] {{{1, 0}, {0, 0}}}));
        rejects("diagonal entry [0][0] = -1.0", () -> GaussianMixture.full(w, mean, new double[][][] {{{-1, 0}, {0, 1}}}));
        double tolerance = GaussianMixture.SYMMETRY_TOLERANCE;
        GaussianMixture nearly = GaussianMixture.full(w, mean,
                new double[][][] {{{4, 0.5 + 0.9 * tolerance * 2}, {0.5, 1}}});
        assertEquals(0.5 + 0.9 * tolerance, nearly.covariance(0, 0, 1), 1e-16, "symmetrised: the mean of the two");
        assertEquals(nearly.covariance(0, 0, 1), nearly.covariance(0, 1, 0), 0.0);
        rejects("not symmetric", () -> GaussianMixture.full(w, mean,
                new double[][][] {{{4, 0.5 + 1.1 * tolerance * 2}, {0.5, 1}}}));
        rejects("Cholesky", () -> GaussianMixture.full(w, mean, new double[][][] {{{1, 1}, {1, 1}}}));
        assertEquals("GaussianMixture[K=1, d=2, FULL]", nearly.toString());
    }

    /**
     * 200,000 draws from a two-component full-covariance mixture: the labels' frequencies, and each component's
     * sample mean and covariance, within 4.5 standard errors (weights: binomial; means: Σ/n_k; covariances: the
     * Gaussian fourth-moment formula (Σ_ii Σ_jj + Σ_ij²)/n_k) — 13 statistics, family false-alarm rate below 1e-4.
     */
    @Test
    void theSamplerDrawsEachComponentsLaw() {
        double[][] sigma0 = {{2.0, 0.6}, {0.6, 0.5}};
        double[][] sigma1 = {{0.3, -0.2}, {-0.2, 1.5}};
        GaussianMixture m = GaussianMixture.full(new double[] {0.3, 0.7}, new double[][] {{-1, 2}, {3, 0.5}},
                new double[][][] {sigma0, sigma1});
        int n = 200_000;
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        m.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(99L), n, x, labels);
        double z = 4.5;
        for (int k = 0; k < 2; k++) {
            double[][] sigma = k == 0 ? sigma0 : sigma1;
            int count = 0;
            double[] sum = new double[2];
            for (int i = 0; i < n; i++) {
                if (labels[i] == k) {
                    count++;
                    sum[0] += x[2 * i];
                    sum[1] += x[2 * i + 1];
                }
            }
            double w = m.weight(k);
            assertEquals(w * n, count, z * Math.sqrt(n * w * (1 - w)), "count of component " + k);
            double[][] moment = new double[2][2];
            for (int i = 0; i < n; i++) {
                if (labels[i] == k) {
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            moment[a][b] += (x[2 * i + a] - m.mean(k)[a]) * (x[2 * i + b] - m.mean(k)[b]) / count;
                        }
                    }
                }
            }
            for (int a = 0; a < 2; a++) {
                assertEquals(m.mean(k)[a], sum[a] / count, z * Math.sqrt(sigma[a][a] / count), "mean " + k + "," + a);
                for (int b = a; b < 2; b++) {
                    double se = Math.sqrt((sigma[a][a] * sigma[b][b] + sigma[a][b] * sigma[a][b]) / count);
                    assertEquals(sigma[a][b], moment[a][b], z * se, "covariance " + k + "[" + a + "][" + b + "]");
                }
            }
        }
        rejects("at least 1, got 0", () -> m.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L), 0, x, null));
        rejects("need n·d = 8", () -> m.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L), 4, new double[7], null));
        rejects("need n = 4", () -> m.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L), 4, x, new int[3]));
    }

    private static double[][] identity() {
        return new double[][] {{1, 0}, {0, 1}};
    }
}
