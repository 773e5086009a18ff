package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.github.diffusion4j.testing.RandomMixtures;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kozachenko–Leonenko estimate against closed-form entropies: Gaussians {@code ½ log det(2πeΣ)} with Σ =
 * diag((1 + j/2)²) and uniform laws on boxes [0, 2] × [0, 3] × … (log volume).
 *
 * <p>Single-shot checks use the 99.9% interval. Their false-alarm rates were measured by running the same check on
 * 2,000 other seeds (with the bias included, since the interval is for E Ĥ): Gaussian d = 1 (n = 1,000, k = 3) 0.10%,
 * d = 2 (k = 3) 0.20%, d = 5 (k = 1) 0.05% (bias −0.044 against a standard error of 0.070), uniform d = 1 (k = 3)
 * 0.05%, d = 2 (k = 1) 0.05% (boundary bias +0.018 against 0.047).
 *
 * <p>Coverage checks run 400 seeded repetitions of the nominal 95% interval and require ≥ 90%. Measured coverage over
 * 1,000 other seeds: Gaussian d = 2, n = 1,000, k = 1: 93.6% (the bias, −0.005, is 0.1 standard error; the
 * batch-means standard error runs ≈ 3% low); uniform d = 1, n = 1,000, k = 3: 95.4%. With those rates the number of
 * misses is Binomial(400, 0.064) or (400, 0.046), and more than 40 has probability 0.22% and 10⁻⁶.
 */
class KozachenkoLeonenkoEntropyTest {

    private static final double SINGLE_SHOT = 0.999;

    /** n points of N(0, diag((1 + j/2)²)). */
    static double[] gaussian(long seed, int n, int d) {
        UniformRandomProvider rng = RandomMixtures.rng(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (1 + 0.5 * j) * normal.sample();
            }
        }
        return x;
    }

    /** ½ log det(2πeΣ) for Σ = diag((1 + j/2)²). */
    static double gaussianEntropy(int d) {
        double h = 0;
        for (int j = 0; j < d; j++) {
            h += 0.5 * Math.log(2 * Math.PI * Math.E) + Math.log(1 + 0.5 * j);
        }
        return h;
    }

    /** n points uniform on [0, 2] × [0, 3] × …. */
    static double[] uniform(long seed, int n, int d) {
        UniformRandomProvider rng = RandomMixtures.rng(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (j + 2) * rng.nextDouble();
            }
        }
        return x;
    }

    static double boxEntropy(int d) {
        double h = 0;
        for (int j = 0; j < d; j++) {
            h += Math.log(j + 2);
        }
        return h;
    }

    static Stream<Arguments> gaussians() {
        return Stream.of(Arguments.of(1, 3), Arguments.of(2, 3), Arguments.of(5, 1));
    }

    @ParameterizedTest(name = "d={0} k={1}")
    @MethodSource("gaussians")
    void gaussianEntropyIsWithinTheInterval(int d, int k) {
        Estimate h = new KozachenkoLeonenkoEntropy(k).estimate(gaussian(11 + d, 1000, d), 1000, d, SINGLE_SHOT);
        assertTrue(h.contains(gaussianEntropy(d)), () -> h + " should contain " + gaussianEntropy(d));
    }

    static Stream<Arguments> boxes() {
        return Stream.of(Arguments.of(1, 3), Arguments.of(2, 1));
    }

    @ParameterizedTest(name = "d={0} k={1}")
    @MethodSource("boxes")
    void uniformEntropyIsWithinTheInterval(int d, int k) {
        Estimate h = new KozachenkoLeonenkoEntropy(k).estimate(uniform(21 + d, 1000, d), 1000, d, SINGLE_SHOT);
        assertTrue(h.contains(boxEntropy(d)), () -> h + " should contain " + boxEntropy(d));
    }

    @Test
    void gaussianIntervalCoversAtLeastNinetyPercent() {
        KozachenkoLeonenkoEntropy estimator = new KozachenkoLeonenkoEntropy(1);
        int covered = 0;
        for (int rep = 0; rep < 400; rep++) {
            covered += estimator.estimate(gaussian(100_000 + rep, 1000, 2), 1000, 2, 0.95)
                    .contains(gaussianEntropy(2)) ? 1 : 0;
        }
        assertTrue(covered >= 360, covered + " of 400 intervals cover the entropy");
    }

    @Test
    void uniformIntervalCoversAtLeastNinetyPercent() {
        KozachenkoLeonenkoEntropy estimator = new KozachenkoLeonenkoEntropy(3);
        int covered = 0;
        for (int rep = 0; rep < 400; rep++) {
            covered += estimator.estimate(uniform(200_000 + rep, 1000, 1), 1000, 1, 0.95)
                    .contains(boxEntropy(1)) ? 1 : 0;
        }
        assertTrue(covered >= 360, covered + " of 400 intervals cover the entropy");
    }

    /** The estimate of a translated, scaled sample moves by exactly d log s (the distances scale by s). */
    @Test
    void scalingShiftsTheEstimateByDLogS() {
        int n = 500;
        double[] x = gaussian(31, n, 3);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 4 * x[i] + 7;
        }
        KozachenkoLeonenkoEntropy estimator = new KozachenkoLeonenkoEntropy(2);
        Estimate hx = estimator.estimate(x, n, 3, 0.95);
        Estimate hy = estimator.estimate(y, n, 3, 0.95);
        assertEquals(hx.value() + 3 * Math.log(4), hy.value(), 1e-12);
        assertEquals(hx.standardError(), hy.standardError(), 1e-12);
    }

    /** Two points at distance r: Ĥ = ψ(2) − ψ(1) + log V_d + d log r, by hand (k = 1, groups ignored). */
    @Test
    void formulaMatchesAHandComputation() {
        double r = Math.hypot(3, 4);
        // 48 points: 24 pairs far apart, each pair at distance 5, so every ε_i = 5 in every group holding both.
        int n = 48;
        double[] x = new double[2 * n];
        for (int p = 0; p < n / 2; p++) {
            x[4 * p] = 1000.0 * p;
            x[4 * p + 2] = 1000.0 * p + 3;
            x[4 * p + 3] = 4;
        }
        Estimate h = new KozachenkoLeonenkoEntropy(1).groups(2).estimate(x, n, 2, 0.95);
        double logV2 = Math.log(Math.PI);
        assertEquals(Gamma.digamma(n) - Gamma.digamma(1) + logV2 + 2 * Math.log(r), h.value(), 1e-12);
        assertEquals(logV2, KozachenkoLeonenkoEntropy.logUnitBallVolume(2), 1e-15);
        assertEquals(Math.log(4 * Math.PI / 3), KozachenkoLeonenkoEntropy.logUnitBallVolume(3), 1e-15);
    }

    @Test
    void threadsDoNotChangeTheResult() {
        double[] x = gaussian(41, 3000, 3);
        KozachenkoLeonenkoEntropy estimator = new KozachenkoLeonenkoEntropy(4);
        assertEquals(estimator.estimate(x, 3000, 3, 0.95), estimator.threads(2).estimate(x, 3000, 3, 0.95));
    }

    private static void rejects(String fragment, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' should name '"
                + fragment + "'");
    }

    @Test
    void badInputNamesTheOffendingValue() {
        double[] x = gaussian(51, 200, 2);
        KozachenkoLeonenkoEntropy k3 = new KozachenkoLeonenkoEntropy(3);
        rejects("n = 100 is too small", () -> k3.estimate(new double[200], 100, 2, 0.95));
        rejects("got 0", () -> new KozachenkoLeonenkoEntropy(0));
        rejects("got 1", () -> k3.groups(1));
        rejects("length 400, but n·d = 200·3 = 600", () -> k3.estimate(x, 200, 3, 0.95));
        double[] nan = x.clone();
        nan[9] = Double.NaN;
        rejects("point 4 has a non-finite coordinate 1", () -> k3.estimate(nan, 200, 2, 0.95));
        double[] duplicates = x.clone();
        for (int i = 1; i <= 3; i++) {
            System.arraycopy(x, 0, duplicates, 2 * i, 2);
        }
        rejects("point 0 has k-th neighbour distance 0", () -> k3.estimate(duplicates, 200, 2, 0.95));
        rejects("confidence must lie in (0, 1), got 1.0", () -> k3.estimate(x, 200, 2, 1.0));
    }
}
