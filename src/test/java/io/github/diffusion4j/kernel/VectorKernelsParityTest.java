package io.github.diffusion4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.IntStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD kernels return the same bits as the scalar twin ({@code assertArrayEquals} on doubles compares
 * {@link Double#doubleToLongBits}), on every size from 1 to 4·lanes + 3 and a few large ones, so that every split
 * between full vectors and the scalar tail is exercised. Inputs mix ordinary values with the edges of each kernel's
 * domain (exponent overflow and underflow, zeros, infinities, NaN). Runs only where {@code jdk.incubator.vector} is
 * present: {@code .ci/run} runs the suite both with and without it.
 */
class VectorKernelsParityTest {

    private static final VectorKernels SCALAR = VectorKernels.scalar();
    private static final VectorKernels SIMD = VectorKernels.get();
    private static final double[] EDGES = {0.0, -0.0, 1e-310, -745.5, -744.9, 709.7, 709.8, 1e300, -1e300,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @BeforeAll
    static void simdKernelsPresent() {
        assumeTrue(SIMD != SCALAR, "jdk.incubator.vector is not in the boot layer; nothing to compare");
    }

    static IntStream sizes() {
        return IntStream.concat(IntStream.rangeClosed(1, 35), IntStream.of(63, 64, 65, 127, 128, 129, 1000, 4099));
    }

    private static double[] values(long seed, int n, double scale, boolean edges) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = edges && rng.nextInt(8) == 0 ? EDGES[rng.nextInt(EDGES.length)] : scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void exp(int n) {
        double[] x = values(n, n + 3, 800, true);
        double[] expected = new double[n + 5];
        double[] actual = new double[n + 5];
        SCALAR.exp(x, 3, expected, 5, n);
        SIMD.exp(x, 3, actual, 5, n);
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void mixtureBlockKernels(int width) {
        int rows = 1 + width % 5;
        int components = 1 + width % 4;
        double[] block = values(width, rows * width, 4, false);
        double[] mean = values(width + 1, rows + 2, 2, false);
        double[] inverse = values(width + 2, rows + 2, 1, false);
        double[] weight = values(width + 3, width + 1, 1, false);

        double[] expected = new double[width];
        double[] actual = new double[width];
        SCALAR.rowTimesBlock(mean, 1, rows, block, 0, width, expected);
        SIMD.rowTimesBlock(mean, 1, rows, block, 0, width, actual);
        assertArrayEquals(expected, actual, "rowTimesBlock");

        double[] logTerms = values(width + 4, components * width, 300, false);
        double[] expectedTerms = logTerms.clone();
        double[] actualTerms = logTerms.clone();
        double[] expectedSum = new double[width];
        double[] actualSum = new double[width];
        SCALAR.softmax(expectedTerms, components, width, expected, expectedSum);
        SIMD.softmax(actualTerms, components, width, actual, actualSum);
        assertArrayEquals(expected, actual, "softmax maxima");
        assertArrayEquals(expectedSum, actualSum, "softmax sums");
        assertArrayEquals(expectedTerms, actualTerms, "softmax weights");

        double[] expectedTarget = values(width + 5, rows * width, 1, false);
        double[] actualTarget = expectedTarget.clone();
        SCALAR.addWeightedBlock(weight, 1, block, 0, rows, width, expectedTarget);
        SIMD.addWeightedBlock(weight, 1, block, 0, rows, width, actualTarget);
        assertArrayEquals(expectedTarget, actualTarget, "addWeightedBlock");
    }

    /** Far points, where every log term underflows the exponential but the shifted ones do not, included. */
    @ParameterizedTest
    @MethodSource("sizes")
    void diagonalMixture(int width) {
        int dimension = 1 + width % 5;
        int components = 1 + width % 9;
        double[] block = values(width + 30, dimension * width, 4, false);
        for (int p = 0; p < width; p += 7) {
            block[p] = 1e3 * (p % 2 == 0 ? 1 : -1);
        }
        double[] mean = values(width + 31, components * dimension, 2, false);
        double[] inverse = values(width + 32, components * dimension, 1, false);
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = 0.1 + Math.abs(inverse[i]);
        }
        double[] logNormalizer = values(width + 33, components, 3, false);
        for (boolean withScore : new boolean[] {false, true}) {
            double[][] expected = diagonalMixtureOutputs(width, dimension, components, withScore);
            double[][] actual = diagonalMixtureOutputs(width, dimension, components, withScore);
            SCALAR.diagonalMixture(block, width, dimension, components, mean, inverse, logNormalizer, expected[0],
                    expected[1], expected[2], expected[3]);
            SIMD.diagonalMixture(block, width, dimension, components, mean, inverse, logNormalizer, actual[0],
                    actual[1], actual[2], actual[3]);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], "output " + i + ", score " + withScore);
            }
        }
        double[] prior = values(width + 34, components * dimension, 2, false);
        double[] gain = values(width + 35, components * dimension, 1, false);
        double[] responsibilities = values(width + 36, components * width, 1, false);
        double[] expected = new double[dimension * width];
        double[] actual = new double[dimension * width];
        SCALAR.diagonalPosteriorMean(block, width, dimension, components, mean, prior, gain, responsibilities,
                expected);
        SIMD.diagonalPosteriorMean(block, width, dimension, components, mean, prior, gain, responsibilities, actual);
        assertArrayEquals(expected, actual, "posterior mean");
    }

    /** Output arrays of {@link VectorKernels#diagonalMixture}: responsibilities, maxima, sums, scores (or null). */
    static double[][] diagonalMixtureOutputs(int width, int dimension, int components, boolean withScore) {
        return new double[][] {new double[components * width], new double[width], new double[width],
            withScore ? new double[dimension * width] : null};
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void denseLayer(int out) {
        for (int n : new int[] {1, 3, 4, 5, 9, 13, 70}) {
            int in = 1 + out % 7;
            double[] x = values(out + n, n * in, 2, false);
            double[] weights = values(out + 7, 3 + in * out, 1, false);
            double[] bias = values(out + 8, out + 1, 1, false);
            double[] expected = new double[n * out];
            double[] actual = new double[n * out];
            double[] scalarPacked = new double[in * out];
            double[] simdPacked = new double[in * out];
            SCALAR.packWeights(weights, 3, in, out, scalarPacked);
            SIMD.packWeights(weights, 3, in, out, simdPacked);
            SCALAR.dense(x, n, in, scalarPacked, bias, 1, out, expected);
            SIMD.dense(x, n, in, simdPacked, bias, 1, out, actual);
            assertArrayEquals(expected, actual, "n = " + n);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void activations(int n) {
        double[] x = values(n + 11, n, 40, true);
        double[] expected = new double[n];
        double[] actual = new double[n];
        SCALAR.silu(x, expected, n);
        SIMD.silu(x, actual, n);
        assertArrayEquals(expected, actual, "silu");
        SCALAR.gelu(x, expected, n);
        SIMD.gelu(x, actual, n);
        assertArrayEquals(expected, actual, "gelu");
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void linearCombinations(int n) {
        double[] x = values(n + 21, n, 10, true);
        double[] y = values(n + 22, n, 10, false);
        double[] w = values(n + 23, n, 10, false);
        double[] v = values(n + 24, n, 10, false);
        double[] expected = new double[n];
        double[] actual = new double[n];
        SCALAR.combine(expected, 0.3, x, -1.7, y, n);
        SIMD.combine(actual, 0.3, x, -1.7, y, n);
        assertArrayEquals(expected, actual, "two terms");
        SCALAR.combine(expected, 0.3, x, -1.7, y, 2.5, w, n);
        SIMD.combine(actual, 0.3, x, -1.7, y, 2.5, w, n);
        assertArrayEquals(expected, actual, "three terms");
        SCALAR.combine(expected, 0.3, x, -1.7, y, 2.5, w, 1e-3, v, n);
        SIMD.combine(actual, 0.3, x, -1.7, y, 2.5, w, 1e-3, v, n);
        assertArrayEquals(expected, actual, "four terms");
    }
}
