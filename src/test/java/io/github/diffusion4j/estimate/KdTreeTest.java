package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import io.github.diffusion4j.testing.RandomMixtures;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tree's k-th neighbour distances equal brute force bit for bit (same summation order, so no tolerance) on seeded
 * random data: normal points, points on a coarse integer grid (many coincident points and ties), n just above k, the
 * exhaustive-scan regime d &gt; {@link KdTree#MAX_TREE_DIMENSION}, and inputs that defeat naive median selection.
 */
class KdTreeTest {

    /** Distances to the k-th nearest other point by sorting all n − 1 squared distances. */
    static double[] bruteForce(double[] x, int n, int d, int k) {
        double[] out = new double[n];
        double[] squared = new double[n - 1];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int l = 0; l < n; l++) {
                if (l == i) {
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[l * d + j] - x[i * d + j];
                    sum += diff * diff;
                }
                squared[c++] = sum;
            }
            Arrays.sort(squared);
            out[i] = Math.sqrt(squared[k - 1]);
        }
        return out;
    }

    static double[] normalPoints(long seed, int n, int d) {
        UniformRandomProvider rng = RandomMixtures.rng(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = normal.sample();
        }
        return x;
    }

    /** Points with integer coordinates in [0, levels): with few levels most points coincide with others. */
    static double[] gridPoints(long seed, int n, int d, int levels) {
        UniformRandomProvider rng = RandomMixtures.rng(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(levels);
        }
        return x;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(2, 1, 1), Arguments.of(3, 2, 2), Arguments.of(5, 3, 4), Arguments.of(17, 2, 16),
                Arguments.of(18, 1, 3), Arguments.of(33, 4, 32), Arguments.of(200, 1, 1), Arguments.of(500, 2, 1),
                Arguments.of(500, 2, 10), Arguments.of(1000, 3, 4), Arguments.of(700, 5, 7), Arguments.of(400, 10, 3),
                Arguments.of(300, 14, 2), Arguments.of(300, 16, 5), Arguments.of(257, 2, 256));
    }

    @ParameterizedTest(name = "n={0} d={1} k={2}")
    @MethodSource("cases")
    void normalPointsMatchBruteForce(int n, int d, int k) {
        double[] x = normalPoints(1000L * n + d, n, d);
        double[] tree = new double[n];
        new KdTree(x, n, d).kthNeighbourDistances(k, tree);
        assertArrayEquals(bruteForce(x, n, d, k), tree, 0.0);
    }

    @ParameterizedTest(name = "n={0} d={1} k={2}")
    @MethodSource("cases")
    void gridPointsWithDuplicatesMatchBruteForce(int n, int d, int k) {
        double[] x = gridPoints(7L * n + d, n, d, 3);
        double[] tree = new double[n];
        new KdTree(x, n, d).kthNeighbourDistances(k, tree);
        assertArrayEquals(bruteForce(x, n, d, k), tree, 0.0);
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        int n = 5000;
        double[] x = normalPoints(3, n, 3);
        KdTree tree = new KdTree(x, n, 3);
        double[] one = new double[n];
        tree.kthNeighbourDistances(4, one);
        for (int threads : new int[] {2, 3, 8}) {
            double[] many = new double[n];
            tree.kthNeighbourDistances(4, threads, many);
            assertArrayEquals(one, many, 0.0, threads + " threads");
        }
    }

    @Test
    void treeIsReusableAcrossRanks() {
        int n = 300;
        double[] x = normalPoints(4, n, 2);
        KdTree tree = new KdTree(x, n, 2);
        for (int k : new int[] {1, 5, 1, n - 1}) {
            double[] out = new double[n];
            tree.kthNeighbourDistances(k, out);
            assertArrayEquals(bruteForce(x, n, 2, k), out, 0.0, "k = " + k);
        }
    }

    /**
     * All points equal, or all on one sorted line, are the classic quadratic inputs of a naive median split. Both must
     * build and answer 20,000 queries within a generous 20 s on a slow machine (a quadratic build alone would take
     * minutes); coincident points have every distance 0.
     */
    @Test
    void degenerateInputsStayFast() {
        int n = 20_000;
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            double[] same = new double[2 * n];
            Arrays.fill(same, 1.5);
            double[] out = new double[n];
            new KdTree(same, n, 2).kthNeighbourDistances(3, out);
            for (double e : out) {
                assertEquals(0.0, e);
            }
            double[] line = new double[2 * n];
            for (int i = 0; i < n; i++) {
                line[2 * i] = i;
                line[2 * i + 1] = 2.0 * i;
            }
            new KdTree(line, n, 2).kthNeighbourDistances(2, out);
            assertEquals(Math.sqrt(5.0), out[n / 2], 1e-12, "second neighbour on a line of spacing √5");
            assertEquals(2 * Math.sqrt(5.0), out[0], 1e-12, "an end point's second neighbour is two steps away");
        });
    }

    private static void rejects(String fragment, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' should name '"
                + fragment + "'");
    }

    @Test
    void badInputNamesTheOffendingValue() {
        double[] x = normalPoints(5, 10, 2);
        rejects("n = 1", () -> new KdTree(new double[2], 1, 2));
        rejects("d = 0", () -> new KdTree(new double[0], 5, 0));
        rejects("length 20, but n·d = 10·3 = 30", () -> new KdTree(x, 10, 3));
        double[] nan = x.clone();
        nan[7] = Double.NaN;
        rejects("point 3 has a non-finite coordinate 1: NaN", () -> new KdTree(nan, 10, 2));
        KdTree tree = new KdTree(x, 10, 2);
        rejects("got k = 10", () -> tree.kthNeighbourDistances(10, new double[10]));
        rejects("got k = 0", () -> tree.kthNeighbourDistances(0, new double[10]));
        rejects("threads must be at least 1, got 0", () -> tree.kthNeighbourDistances(1, 0, new double[10]));
        rejects("output has length 9", () -> tree.kthNeighbourDistances(1, new double[9]));
    }
}
