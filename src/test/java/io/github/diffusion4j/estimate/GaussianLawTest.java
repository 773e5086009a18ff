package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.testing.RandomMixtures;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact Gaussian divergences against independent routes: the textbook KL formula with an explicit inverse and
 * determinants (fine in a test for well-conditioned matrices), closed-form W2 in 1-D and for commuting covariances,
 * and the second-order expansion KL ≈ ½ δᵀΣ⁻¹δ for tiny mean shifts (where the textbook formula cancels).
 */
class GaussianLawTest {

    private static double[] randomSpd(long seed, int d) {
        UniformRandomProvider rng = RandomMixtures.rng(seed);
        double[][] m = RandomMixtures.randomSpd(rng, ZigguratSampler.NormalizedGaussian.of(rng), d, 1.0, 10.0);
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], 0, flat, i * d, d);
        }
        return flat;
    }

    private static double[] randomMean(long seed, int d) {
        UniformRandomProvider rng = RandomMixtures.rng(seed);
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = rng.nextDouble() * 2 - 1;
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void klMatchesTheTextbookFormula(int d) {
        GaussianLaw p = new GaussianLaw(randomMean(1, d), randomSpd(2, d));
        GaussianLaw q = new GaussianLaw(randomMean(3, d), randomSpd(4, d));
        DMatrixRMaj s1 = new DMatrixRMaj(d, d, true, p.covariance());
        DMatrixRMaj s2 = new DMatrixRMaj(d, d, true, q.covariance());
        DMatrixRMaj inv2 = s2.copy();
        CommonOps_DDRM.invert(inv2);
        DMatrixRMaj product = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(inv2, s1, product);
        double trace = CommonOps_DDRM.trace(product);
        double maha = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                maha += (q.mean()[i] - p.mean()[i]) * inv2.get(i, j) * (q.mean()[j] - p.mean()[j]);
            }
        }
        double expected = 0.5 * (trace + maha - d + Math.log(CommonOps_DDRM.det(s2)) - Math.log(CommonOps_DDRM.det(s1)));
        assertEquals(expected, p.klDivergenceTo(q), 1e-12 * (1 + expected));
        assertEquals(0.0, p.klDivergenceTo(p), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-3, 1e-6, 1e-9})
    void tinyDivergencesKeepTheirRelativeAccuracy(double shift) {
        // KL(N(μ + δ, Σ) ‖ N(μ, Σ)) = ½ δᵀΣ⁻¹δ exactly; the textbook form would cancel O(1) terms down to δ².
        int d = 3;
        double[] cov = randomSpd(5, d);
        double[] mean = randomMean(6, d);
        double[] shifted = mean.clone();
        shifted[1] += shift;
        DMatrixRMaj inv = new DMatrixRMaj(d, d, true, cov);
        CommonOps_DDRM.invert(inv);
        double expected = 0.5 * shift * shift * inv.get(1, 1);
        double kl = new GaussianLaw(shifted, cov).klDivergenceTo(new GaussianLaw(mean, cov));
        assertEquals(expected, kl, 1e-8 * expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void wassersteinClosedForms(int d) {
        // Commuting (diagonal) covariances: W₂² = ‖μ₁ − μ₂‖² + ‖Σ₁^{½} − Σ₂^{½}‖_F².
        double[] a = new double[d * d];
        double[] b = new double[d * d];
        double expected = 0;
        double[] m1 = randomMean(7, d);
        double[] m2 = randomMean(8, d);
        for (int i = 0; i < d; i++) {
            a[i * d + i] = 0.5 + i;
            b[i * d + i] = 2.0 / (1 + i);
            expected += Math.pow(m1[i] - m2[i], 2) + Math.pow(Math.sqrt(a[i * d + i]) - Math.sqrt(b[i * d + i]), 2);
        }
        double w2 = new GaussianLaw(m1, a).wasserstein2To(new GaussianLaw(m2, b));
        assertEquals(Math.sqrt(expected), w2, 1e-12);
        GaussianLaw p = new GaussianLaw(randomMean(9, 4), randomSpd(10, 4));
        GaussianLaw q = new GaussianLaw(randomMean(11, 4), randomSpd(12, 4));
        assertEquals(p.wasserstein2To(q), q.wasserstein2To(p), 1e-10, "symmetry");
        assertEquals(0.0, p.wasserstein2To(p), 1e-7, "W₂(p, p) = 0 (square root of a rounding-level residue)");
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianLaw(new double[] {0, 0}, new double[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianLaw(new double[] {Double.NaN}, new double[] {1}));
        assertTrue(e.getMessage().contains("NaN"));
        GaussianLaw p = new GaussianLaw(new double[] {0, 0}, new double[] {1, 0, 0, 1});
        GaussianLaw singular = new GaussianLaw(new double[] {0, 0}, new double[] {1, 1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> p.klDivergenceTo(singular));
        assertThrows(IllegalArgumentException.class, () -> p.klDivergenceTo(new GaussianLaw(new double[1], new double[] {1})));
    }
}
