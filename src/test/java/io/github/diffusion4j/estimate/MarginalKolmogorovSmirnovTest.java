package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.testing.RandomMixtures;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact samples of mixture marginals pass; samples with one coordinate shifted fail.
 *
 * <p>False alarms. Under the null the p-values are exact (the distribution function is fully specified), so by
 * Bonferroni each case rejects with probability ≤ 10⁻⁴, the significance used: ≤ 5·10⁻⁴ over the five cases. For the
 * shifted samples (δ = ¼ standard deviation on the last coordinate) the test computes D* = sup_x |F(x) − F(x − δ)|
 * on a grid of ±8 standard deviations, and c = √(log(2d/10⁻⁴)/(2n)): by the Dvoretzky–Kiefer–Wolfowitz inequality
 * with Massart's constant, P(D ≥ c) ≤ 2 exp(−2nc²) = 10⁻⁴/d under the null, so D ≥ c forces p ≤ 10⁻⁴/d. A miss
 * needs the empirical distribution function to stray by D* − c from the shifted law, which by the same inequality has
 * probability ≤ 2 exp(−2n(D* − c)²), asserted below 10⁻⁶.
 */
class MarginalKolmogorovSmirnovTest {

    private static final double SIGNIFICANCE = 1e-4;
    private static final int N = 5000;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(RandomMixtures.mixture(1, CovarianceKind.FULL, 3, 3, 1.5, 10.0), 0.8, 0.5),
                Arguments.of(RandomMixtures.mixture(2, CovarianceKind.DIAGONAL, 2, 4, 2.0, 1.0), 1.0, 0.0),
                Arguments.of(RandomMixtures.mixture(3, CovarianceKind.ISOTROPIC, 4, 2, 1.0, 1.0), 0.3, 0.95),
                Arguments.of(BuiltinMixtures.ring8(), 0.99, 0.1),
                Arguments.of(BuiltinMixtures.bimodal1d(), 0.0, 1.0));
    }

    @ParameterizedTest(name = "{0} α={1} σ={2}")
    @MethodSource("cases")
    void exactSamplesPass(GaussianMixture mixture, double alpha, double sigma) {
        double[] z = RandomMixtures.marginalPoints(mixture, alpha, sigma, N, 17);
        MarginalKolmogorovSmirnov.Result result = new MarginalKolmogorovSmirnov(mixture, alpha, sigma)
                .test(z, N, SIGNIFICANCE);
        assertFalse(result.rejected(), () -> "p-values " + java.util.Arrays.toString(result.pValues()));
        assertEquals(mixture.dimension(), result.pValues().length);
    }

    @ParameterizedTest(name = "{0} α={1} σ={2}")
    @MethodSource("cases")
    void shiftedSamplesFail(GaussianMixture mixture, double alpha, double sigma) {
        int d = mixture.dimension();
        MarginalKolmogorovSmirnov ks = new MarginalKolmogorovSmirnov(mixture, alpha, sigma);
        double[] z = RandomMixtures.marginalPoints(mixture, alpha, sigma, N, 18);
        int j = d - 1;
        double[] column = new double[N];
        for (int i = 0; i < N; i++) {
            column[i] = z[i * d + j];
        }
        Estimate mean = Estimate.ofMean(column, 0.95);
        double sd = mean.standardError() * Math.sqrt(N);
        double delta = 0.25 * sd;
        double distance = 0;
        for (int g = -4000; g <= 4000; g++) {
            double x = mean.value() + g * 2e-3 * sd;
            distance = Math.max(distance, Math.abs(ks.cumulativeProbability(j, x)
                    - ks.cumulativeProbability(j, x - delta)));
        }
        double critical = Math.sqrt(Math.log(2 * d / SIGNIFICANCE) / 2 / N);
        double missBound = 2 * Math.exp(-2 * N * (distance - critical) * (distance - critical));
        assertTrue(distance > critical && missBound < 1e-6, "shift too small to test: D* = " + distance
                + ", c = " + critical);
        for (int i = 0; i < N; i++) {
            z[i * d + j] += delta;
        }
        MarginalKolmogorovSmirnov.Result result = ks.test(z, N, SIGNIFICANCE);
        assertTrue(result.rejected(), () -> "p-values " + java.util.Arrays.toString(result.pValues()));
        assertTrue(result.pValues()[j] <= SIGNIFICANCE / d);
        assertEquals(Math.min(1, d * result.pValues()[j]), result.combinedPValue(), 0.0);
    }

    /** For one component F_j is Φ((x − αμ_j)/√(α²Σ_jj + σ²)). */
    @Test
    void singleGaussianCdfIsTheNormalCdf() {
        GaussianMixture gauss = BuiltinMixtures.gauss2();
        MarginalKolmogorovSmirnov ks = new MarginalKolmogorovSmirnov(gauss, 0.6, 0.7);
        for (int j = 0; j < 2; j++) {
            NormalDistribution law = NormalDistribution.of(0.6 * gauss.mean(0)[j],
                    Math.sqrt(0.36 * gauss.covariance(0, j, j) + 0.49));
            for (double x = -4; x <= 4; x += 0.5) {
                assertEquals(law.cumulativeProbability(x), ks.cumulativeProbability(j, x), 1e-15);
            }
        }
    }

    /**
     * In 1-D the derivative of F is the marginal density, computed independently by {@link MixtureMarginal}. Central
     * differences with step 10⁻⁴ err by ≈ h² f'''/6 ≲ 10⁻⁸ plus rounding 10⁻¹⁶/h = 10⁻¹²; tolerance 10⁻⁷.
     */
    @Test
    void derivativeOfTheCdfIsTheMarginalDensity() {
        GaussianMixture bimodal = BuiltinMixtures.bimodal1d();
        MixtureMarginal marginal = bimodal.marginal().setAlphaSigma(0.7, 0.4);
        MarginalKolmogorovSmirnov ks = new MarginalKolmogorovSmirnov(bimodal, 0.7, 0.4);
        double h = 1e-4;
        double[] point = new double[1];
        double[] log = new double[1];
        for (double x = -3; x <= 3; x += 0.25) {
            point[0] = x;
            marginal.logDensity(point, 1, log);
            double derivative = (ks.cumulativeProbability(0, x + h) - ks.cumulativeProbability(0, x - h)) / (2 * h);
            assertEquals(Math.exp(log[0]), derivative, 1e-7, "x = " + x);
        }
    }

    private static void rejects(String fragment, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' should name '"
                + fragment + "'");
    }

    @Test
    void badInputNamesTheOffendingValue() {
        GaussianMixture ring = BuiltinMixtures.ring8();
        rejects("σ = -0.1", () -> new MarginalKolmogorovSmirnov(ring, 1, -0.1));
        rejects("α = NaN", () -> new MarginalKolmogorovSmirnov(ring, Double.NaN, 1));
        rejects("has variance 0.0 at α = 0.0, σ = 0.0", () -> new MarginalKolmogorovSmirnov(ring, 0, 0));
        MarginalKolmogorovSmirnov ks = new MarginalKolmogorovSmirnov(ring, 1, 0.5);
        rejects("samples has length 9, but 3 points of dimension 2 need 6", () -> ks.test(new double[9], 3, 0.01));
        rejects("samples point 1 has a non-finite coordinate 0: NaN", () -> ks.test(
                new double[] {0, 0, Double.NaN, 0}, 2, 0.01));
        rejects("significance must lie in (0, 1), got 0.0", () -> ks.test(new double[4], 2, 0));
        rejects("need at least one sample, got n = 0", () -> ks.test(new double[0], 0, 0.01));
        rejects("coordinate 2 is outside [0, 2)", () -> ks.cumulativeProbability(2, 0));
    }
}
