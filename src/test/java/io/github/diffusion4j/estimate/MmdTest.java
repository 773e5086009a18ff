package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import io.github.diffusion4j.testing.RandomMixtures;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MMD² between P = N(0, I) and Q = N(δ e₁, I) in d = 2. With a fixed bandwidth h the population value is closed-form:
 * a difference of two Gaussians is N(Δ, s² I), and {@code E exp(−‖W‖²/(2h²)) = (h²/(h² + s²))^{d/2}
 * exp(−‖Δ‖²/(2(h² + s²)))}, so
 * <pre>
 *   MMD² = 2 (h²/(h² + 2))^{d/2} (1 − exp(−δ² / (2(h² + 2)))).
 * </pre>
 *
 * <p>Statistical checks and their false-alarm rates:
 * <ul>
 *   <li>unbiasedness: the mean of 300 independent statistics (complete, block, and their paired difference) is within
 *   4.5 of its standard errors of the exact value — two-sided 6.8·10⁻⁶ each under the CLT;</li>
 *   <li>jackknife coverage: of 300 nominal 95% intervals at least 270 cover MMD² when δ = 1 (measured 94.6% over 500
 *   other seeds: more than 30 misses has probability 8·10⁻⁴), and at least 279 when δ = 0 (measured 96.8%, the
 *   interval being conservative under the null: more than 21 misses has probability 3·10⁻⁴);</li>
 *   <li>permutation test, P = 99, α = 0.05: under the null p ≤ 0.05 has probability exactly 5/100, so the number of
 *   rejections in 200 repetitions is Binomial(200, 0.05), and it is required to lie in [2, 21]: false alarm
 *   9·10⁻⁴ (measured for these seeds: 15);</li>
 *   <li>power at δ = 0.5, n = 500 per sample, median bandwidth: rejections in ≥ 28 of 30 repetitions at α = 0.05
 *   (measured 50 of 50 on other seeds, 30 of 30 on these; if the power were only 0.98, 28 or more of 30 would still
 *   have probability 0.98).</li>
 * </ul>
 */
class MmdTest {

    static double[] normal(UniformRandomProvider rng, int n, int d, double shift) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = normal.sample() + (j == 0 ? shift : 0);
            }
        }
        return x;
    }

    static double exactMmd2(double h, double shift) {
        double ratio = h * h / (h * h + 2);
        return 2 * ratio * (1 - Math.exp(-shift * shift / (2 * (h * h + 2))));
    }

    /** Mean ± standard error of the values. */
    private static double[] meanAndError(double[] values) {
        Estimate e = Estimate.ofMean(values, 0.95);
        return new double[] {e.value(), e.standardError()};
    }

    @ParameterizedTest(name = "shift {0}")
    @ValueSource(doubles = {0.0, 0.7})
    void completeAndBlockStatisticsAreUnbiased(double shift) {
        int reps = 300;
        int n = 100;
        Mmd mmd = new Mmd(3).bandwidth(1.2);
        double truth = exactMmd2(1.2, shift);
        double[] complete = new double[reps];
        double[] block = new double[reps];
        double[] difference = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            UniformRandomProvider rng = RandomMixtures.rng(10_000 + rep);
            double[] x = normal(rng, n, 2, 0);
            double[] y = normal(rng, n, 2, shift);
            complete[rep] = mmd.unbiased(x, n, y, n, 2, 0.95).value();
            block[rep] = mmd.blockUnbiased(x, n, y, n, 2, 10, 0.95).value();
            difference[rep] = block[rep] - complete[rep];
        }
        double[] c = meanAndError(complete);
        double[] b = meanAndError(block);
        double[] diff = meanAndError(difference);
        assertTrue(Math.abs(c[0] - truth) < 4.5 * c[1], "complete " + c[0] + " ± " + c[1] + " vs " + truth);
        assertTrue(Math.abs(b[0] - truth) < 4.5 * b[1], "block " + b[0] + " ± " + b[1] + " vs " + truth);
        assertTrue(Math.abs(diff[0]) < 4.5 * diff[1], "block − complete " + diff[0] + " ± " + diff[1]);
    }

    @ParameterizedTest(name = "shift {0}")
    @ValueSource(doubles = {0.0, 1.0})
    void jackknifeIntervalCovers(double shift) {
        int n = 200;
        Mmd mmd = new Mmd(4).bandwidth(1.0);
        double truth = exactMmd2(1.0, shift);
        int covered = 0;
        for (int rep = 0; rep < 300; rep++) {
            UniformRandomProvider rng = RandomMixtures.rng(20_000 + rep);
            double[] x = normal(rng, n, 2, 0);
            double[] y = normal(rng, n, 2, shift);
            covered += mmd.unbiased(x, n, y, n, 2, 0.95).contains(truth) ? 1 : 0;
        }
        int required = shift == 0 ? 279 : 270;
        assertTrue(covered >= required, covered + " of 300 intervals cover " + truth);
    }

    @Test
    void permutationTestHoldsItsLevel() {
        int n = 100;
        int rejections = 0;
        for (int rep = 0; rep < 200; rep++) {
            UniformRandomProvider rng = RandomMixtures.rng(30_000 + rep);
            double[] x = normal(rng, n, 2, 0);
            double[] y = normal(rng, n, 2, 0);
            rejections += new Mmd(rep).permutationTest(x, n, y, n, 2, 99).pValue() <= 0.05 ? 1 : 0;
        }
        assertTrue(rejections >= 2 && rejections <= 21, rejections + " false rejections in 200");
    }

    @Test
    void permutationTestDetectsAShiftedMean() {
        int n = 500;
        int rejections = 0;
        for (int rep = 0; rep < 30; rep++) {
            UniformRandomProvider rng = RandomMixtures.rng(40_000 + rep);
            double[] x = normal(rng, n, 2, 0);
            double[] y = normal(rng, n, 2, 0.5);
            rejections += new Mmd(rep).permutationTest(x, n, y, n, 2, 99).pValue() <= 0.05 ? 1 : 0;
        }
        assertTrue(rejections >= 28, rejections + " rejections in 30");
    }

    /** The observed statistic of the test is the complete statistic; the p-value is reproducible from the seed. */
    @Test
    void permutationTestIsDeterministicAndConsistent() {
        UniformRandomProvider rng = RandomMixtures.rng(5);
        double[] x = normal(rng, 60, 3, 0);
        double[] y = normal(rng, 45, 3, 0.3);
        Mmd mmd = new Mmd(9);
        Mmd.PermutationTest first = mmd.permutationTest(x, 60, y, 45, 3, 150);
        assertEquals(first, mmd.permutationTest(x, 60, y, 45, 3, 150));
        assertEquals(mmd.unbiased(x, 60, y, 45, 3, 0.95).value(), first.statistic(), 1e-14);
        assertEquals(mmd.bandwidthFor(x, 60, y, 45, 3), first.bandwidth());
        assertEquals(0, Math.round(first.pValue() * 151) - first.pValue() * 151, 1e-9, "p is a multiple of 1/151");
        long distinct = java.util.stream.LongStream.range(10, 15)
                .mapToDouble(seed -> new Mmd(seed).permutationTest(x, 60, y, 45, 3, 150).pValue()).distinct().count();
        assertTrue(distinct > 1, "other seeds draw other permutations");
    }

    /**
     * On a small sample (m = 5, n = 4, d = 2) the complete statistic is the definition
     * 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j) − 2/(mn) Σ k(x_i, y_j), and its standard error
     * the literal delete-one jackknife over the x points plus the one over the y points, each
     * ((c−1)/c) Σ (U_(−i) − Ū)², recomputing U without point i — the closed form the estimator uses instead is
     * checked against it. Rounding only: 1e-12 relative.
     */
    @Test
    void completeStatisticAndJackknifeAreTheDefinitions() {
        UniformRandomProvider rng = RandomMixtures.rng(12);
        double[] x = normal(rng, 5, 2, 0);
        double[] y = normal(rng, 4, 2, 0.8);
        double h = 0.9;
        Estimate estimate = new Mmd(3).bandwidth(h).unbiased(x, 5, y, 4, 2, 0.95);
        double u = definition(x, y, -1, -1, h);
        assertEquals(u, estimate.value(), 1e-12 * Math.abs(u));
        double variance = 0;
        for (int side = 0; side < 2; side++) {
            int c = side == 0 ? 5 : 4;
            double[] leaveOut = new double[c];
            double mean = 0;
            for (int i = 0; i < c; i++) {
                leaveOut[i] = side == 0 ? definition(x, y, i, -1, h) : definition(x, y, -1, i, h);
                mean += leaveOut[i] / c;
            }
            for (double v : leaveOut) {
                variance += (c - 1.0) / c * (v - mean) * (v - mean);
            }
        }
        assertEquals(Math.sqrt(variance), estimate.standardError(), 1e-12 * Math.sqrt(variance));
        double z = 1.959963984540054;
        assertEquals(u - z * Math.sqrt(variance), estimate.lower(), 1e-12);
        assertEquals(u + z * Math.sqrt(variance), estimate.upper(), 1e-12);
    }

    /** MMD²_u of the points of x and y (d = 2) without x point skipX and y point skipY (−1: none). */
    private static double definition(double[] x, double[] y, int skipX, int skipY, double h) {
        double[][] xs = rows(x, skipX);
        double[][] ys = rows(y, skipY);
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                xx += i == j ? 0 : gaussianKernel(xs[i], xs[j], h);
            }
            for (double[] b : ys) {
                xy += gaussianKernel(xs[i], b, h);
            }
        }
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                yy += i == j ? 0 : gaussianKernel(ys[i], ys[j], h);
            }
        }
        int m = xs.length;
        int n = ys.length;
        return xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / ((double) m * n);
    }

    private static double[][] rows(double[] points, int skip) {
        int count = points.length / 2;
        double[][] rows = new double[skip < 0 ? count : count - 1][];
        for (int i = 0, r = 0; i < count; i++) {
            if (i != skip) {
                rows[r++] = new double[] {points[2 * i], points[2 * i + 1]};
            }
        }
        return rows;
    }

    private static double gaussianKernel(double[] a, double[] b, double h) {
        double d2 = (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
        return Math.exp(-d2 / (2 * h * h));
    }

    /** For a pooled sample of ≤ 1,000 points the median heuristic is the median of all pairwise distances. */
    @Test
    void medianHeuristicIsTheMedianPairwiseDistance() {
        UniformRandomProvider rng = RandomMixtures.rng(6);
        double[] x = normal(rng, 30, 2, 0);
        double[] y = normal(rng, 21, 2, 2);
        double[] pooled = new double[51 * 2];
        System.arraycopy(x, 0, pooled, 0, 60);
        System.arraycopy(y, 0, pooled, 60, 42);
        double[] distances = new double[51 * 50 / 2];
        int c = 0;
        for (int i = 0; i < 51; i++) {
            for (int j = i + 1; j < 51; j++) {
                distances[c++] = Math.hypot(pooled[2 * i] - pooled[2 * j], pooled[2 * i + 1] - pooled[2 * j + 1]);
            }
        }
        Arrays.sort(distances);
        assertEquals(distances[637], new Mmd(1).bandwidthFor(x, 30, y, 21, 2), 1e-12);
        assertEquals(0.7, new Mmd(1).bandwidth(0.7).bandwidthFor(x, 30, y, 21, 2));
    }

    /** Above 1,000 pooled points the heuristic uses a seeded subsample: reproducible, and seed-dependent. */
    @Test
    void medianHeuristicSubsampleDependsOnlyOnTheSeed() {
        UniformRandomProvider rng = RandomMixtures.rng(7);
        double[] x = normal(rng, 800, 2, 0);
        double[] y = normal(rng, 700, 2, 0);
        double h = new Mmd(1).bandwidthFor(x, 800, y, 700, 2);
        assertEquals(h, new Mmd(1).bandwidthFor(x, 800, y, 700, 2));
        assertNotEquals(h, new Mmd(2).bandwidthFor(x, 800, y, 700, 2));
        // The median distance between two independent N(0, I₂) points is √(4 log 2) = 1.665 (a Rayleigh median).
        // The median of all pairs of 1,000 points has standard deviation 0.026 (simulated, 300 repetitions); the
        // tolerance is 5 of them.
        assertEquals(Math.sqrt(4 * Math.log(2)), h, 0.13);
    }

    private static void rejects(String fragment, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' should name '"
                + fragment + "'");
    }

    @Test
    void badInputNamesTheOffendingValue() {
        UniformRandomProvider rng = RandomMixtures.rng(8);
        double[] x = normal(rng, 20, 2, 0);
        double[] y = normal(rng, 20, 2, 0);
        Mmd mmd = new Mmd(1);
        rejects("bandwidth must be finite and positive, got 0.0", () -> mmd.bandwidth(0));
        rejects("got -1.0", () -> mmd.bandwidth(-1));
        rejects("y has length 40, but 20 points of dimension 3 need 60", () -> mmd.unbiased(new double[60], 20, y,
                20, 3, 0.95));
        double[] nan = x.clone();
        nan[5] = Double.NaN;
        rejects("x point 2 has a non-finite coordinate 1: NaN", () -> mmd.unbiased(nan, 20, y, 20, 2, 0.95));
        rejects("m = 2", () -> mmd.unbiased(Arrays.copyOf(x, 4), 2, y, 20, 2, 0.95));
        rejects("need at least one permutation, got 0", () -> mmd.permutationTest(x, 20, y, 20, 2, 0));
        rejects("block size 11", () -> mmd.blockUnbiased(x, 20, y, 20, 2, 11, 0.95));
        rejects("bandwidth 0.0", () -> mmd.unbiased(new double[40], 20, new double[40], 20, 2, 0.95));
    }
}
