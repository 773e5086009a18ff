package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Statistical and consistency properties of the noise sources. Statistical checks use fixed seeds; each z-score
 * bound of 4.5 has a two-sided false-alarm probability of 6.8·10⁻⁶, each KS test a significance level of 10⁻³.
 */
class NoiseTest {

    private static final int COUNT = 20_000;

    @Test
    void counterNoiseIsStandardNormalAndIndependentAcrossKeys() {
        CounterNoise noise = new CounterNoise(123);
        double[] a = new double[COUNT * 2];
        double[] b = new double[COUNT * 2];
        noise.normals(3, 0, 1, 0.5, 0, COUNT, 2, a);
        noise.normals(4, 0, 1, 0.5, 0, COUNT, 2, b);
        double[] firstCoordinate = new double[COUNT];
        double mean = 0;
        double variance = 0;
        double crossStep = 0;
        double crossCoordinate = 0;
        for (int i = 0; i < COUNT; i++) {
            firstCoordinate[i] = a[2 * i];
            mean += a[2 * i] / COUNT;
            variance += a[2 * i] * a[2 * i] / COUNT;
            crossStep += a[2 * i] * b[2 * i] / COUNT;
            crossCoordinate += a[2 * i] * a[2 * i + 1] / COUNT;
        }
        double se = 1 / Math.sqrt(COUNT);
        assertTrue(Math.abs(mean) < 4.5 * se, "mean " + mean);
        assertTrue(Math.abs(variance - 1) < 4.5 * Math.sqrt(2) * se, "variance " + variance);
        assertTrue(Math.abs(crossStep) < 4.5 * se, "correlation across steps " + crossStep);
        assertTrue(Math.abs(crossCoordinate) < 4.5 * se, "correlation across coordinates " + crossCoordinate);
        NormalDistribution standard = NormalDistribution.of(0, 1);
        double p = KolmogorovSmirnovTest.withDefaults().test(firstCoordinate, standard::cumulativeProbability).getPValue();
        assertTrue(p > 1e-3, "KS p-value " + p);
    }

    @Test
    void counterNoiseDependsOnlyOnTheKey() {
        CounterNoise noise = new CounterNoise(9);
        double[] batch = new double[50 * 3];
        noise.normals(7, 1, 1, 0.5, 100, 50, 3, batch);
        double[] single = new double[3];
        noise.normals(7, 1, 1, 0.5, 120, 1, 3, single);
        assertArrayEquals(java.util.Arrays.copyOfRange(batch, 60, 63), single, 0.0);
        double[] other = new double[3];
        new CounterNoise(10).normals(7, 1, 1, 0.5, 120, 1, 3, other);
        assertTrue(other[0] != single[0], "another seed gives other noise");
    }

    @Test
    void brownianTreeHasBrownianIncrementsAndIsConsistent() {
        VirtualBrownianTree tree = new VirtualBrownianTree(5, 0.1, 1.1);
        int n = 4000;
        double[] w = new double[1];
        double sumSquares = 0;
        double cross = 0;
        double[] at = new double[1];
        for (int i = 0; i < n; i++) {
            tree.value(i, 0.6, w);
            double first = w[0];
            tree.value(i, 0.95, at);
            double second = at[0] - first;
            sumSquares += first * first / n;
            cross += first * second / n;
        }
        // W(0.6) − W(0.1) ~ N(0, 0.5); the increment over [0.6, 0.95] is independent of it.
        assertEquals(0.5, sumSquares, 4.5 * 0.5 * Math.sqrt(2.0 / n));
        assertTrue(Math.abs(cross) < 4.5 * Math.sqrt(0.5 * 0.35 / n), "cross moment " + cross);
        double[] again = new double[1];
        tree.value(3, 0.37, again);
        tree.value(3, 0.9, w);
        double[] once = new double[1];
        new VirtualBrownianTree(5, 0.1, 1.1).value(3, 0.37, once);
        assertEquals(once[0], again[0], 0.0, "a value does not depend on earlier queries");
    }

    /**
     * Increments of the tree's path between query times at every kind of node — the root's end, shallow and deep
     * dyadic points, and non-dyadic times that end in a leaf bridge — are independent N(0, Δt): over 20,000 seeded
     * particles each normalised increment's variance is within z·√(2/n) of 1 and neighbouring increments are
     * uncorrelated within z/√n, with z = 3.87 (9 two-sided tests, family false-alarm rate 1e-3 by Bonferroni; the
     * seeds are fixed, so the outcome is deterministic). W(tLow) = 0 exactly; times 8 ulp outside the domain are
     * accepted as its ends, times beyond rejected.
     */
    @Test
    void brownianTreeIncrementsAreIndependentWithTheRightVariances() {
        double low = 0.1;
        double high = 1.1;
        VirtualBrownianTree tree = new VirtualBrownianTree(17, low, high);
        double[] times = {low, low + 0.3, low + 0.5, low + 0.5 + 1.0 / 1024, low + 0.77, high};
        int n = 20_000;
        int m = times.length - 1;
        double[] variance = new double[m];
        double[] correlation = new double[m - 1];
        double[] w = new double[1];
        double[] previous = new double[m + 1];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= m; k++) {
                tree.value(i, times[k], w);
                previous[k] = w[0];
            }
            assertEquals(0.0, previous[0], 0.0, "W(tLow) = 0");
            for (int k = 0; k < m; k++) {
                double increment = (previous[k + 1] - previous[k]) / Math.sqrt(times[k + 1] - times[k]);
                variance[k] += increment * increment / n;
                if (k + 1 < m) {
                    double next = (previous[k + 2] - previous[k + 1]) / Math.sqrt(times[k + 2] - times[k + 1]);
                    correlation[k] += increment * next / n;
                }
            }
        }
        double z = 3.87;
        for (int k = 0; k < m; k++) {
            assertEquals(1.0, variance[k], z * Math.sqrt(2.0 / n), "variance of the increment over [" + times[k]
                    + ", " + times[k + 1] + "] / Δt");
        }
        for (int k = 0; k + 1 < m; k++) {
            assertEquals(0.0, correlation[k], z / Math.sqrt(n), "correlation of increments " + k + " and " + (k + 1));
        }
        double tolerance = 8 * Math.ulp(high);
        tree.value(0, low - tolerance, w);
        assertEquals(0.0, w[0], 0.0, "tLow − 8 ulp is tLow");
        double[] end = new double[1];
        tree.value(0, high, end);
        tree.value(0, high + tolerance, w);
        assertEquals(end[0], w[0], 0.0, "tHigh + 8 ulp is tHigh");
        assertThrows(IllegalArgumentException.class, () -> tree.value(0, high + 4 * tolerance, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> tree.value(0, low - 4 * tolerance, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new VirtualBrownianTree(1, 1.0, 1.0));
    }

    @Test
    void nestedGridIncrementsSumToTheCoarseIncrement() {
        VirtualBrownianTree tree = new VirtualBrownianTree(8, 0.0, 1.0);
        int n = 5;
        double[] coarse = new double[n * 2];
        tree.normals(0, 0, 1.0, 0.5, 0, n, 2, coarse);
        double[] fine = new double[n * 2];
        double[] sum = new double[n * 2];
        for (int k = 0; k < 4; k++) {
            double t0 = 1.0 - k * 0.125;
            double t1 = t0 - 0.125;
            tree.normals(k, 0, t0, t1, 0, n, 2, fine);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += fine[i] * Math.sqrt(0.125);
            }
        }
        for (int i = 0; i < sum.length; i++) {
            assertEquals(coarse[i] * Math.sqrt(0.5), sum[i], 1e-14, "W(1) − W(0.5) from four sub-increments");
        }
    }

    @Test
    void arrayNoiseServesRowsAndRejectsWhatItCannotServe() {
        double[] values = new double[3 * 4 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        ArrayNoise noise = new ArrayNoise(values, 4, 2);
        assertEquals(3, noise.steps());
        double[] out = new double[4];
        noise.normals(2, 0, 1, 0.5, 1, 2, 2, out);
        assertArrayEquals(new double[] {18, 19, 20, 21}, out, 0.0, "step 2, particles 1–2: rows 2·4 + 1, 2·4 + 2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> noise.normals(0, 1, 1, 0.5, 0, 1, 2, out));
        assertTrue(e.getMessage().contains("draw 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> noise.normals(3, 0, 1, 0.5, 0, 1, 2, out));
        assertTrue(e.getMessage().contains("covers 3 steps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArrayNoise(new double[7], 4, 2));
    }
}
