package io.github.diffusion4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused {@link VectorKernels#diagonalMixture} and {@link VectorKernels#diagonalPosteriorMean} kernels of this JVM
 * (SIMD or scalar) against their specification written out one point at a time, bit for bit: the stage order and the lane layout of the kernel must not change any
 * point's operation sequence.
 */
class DiagonalMixtureKernelTest {

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "7, 2, 8", "8, 2, 8", "37, 2, 8", "32, 3, 5", "9, 64, 16", "40, 1, 1"})
    void matchesTheSpecificationPointByPoint(int width, int dimension, int components) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(width * 1000L + dimension * 31L + components);
        double[] block = new double[dimension * width];
        for (int i = 0; i < block.length; i++) {
            block[i] = 6 * rng.nextDouble() - 3;
        }
        block[0] = 800;
        double[] mean = new double[components * dimension];
        double[] inverse = new double[components * dimension];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = 4 * rng.nextDouble() - 2;
            inverse[i] = 0.2 + 3 * rng.nextDouble();
        }
        double[] logNormalizer = new double[components];
        for (int k = 0; k < components; k++) {
            logNormalizer[k] = -2 * rng.nextDouble();
        }
        double[] values = new double[components * width];
        double[] max = new double[width];
        double[] sum = new double[width];
        double[] score = new double[dimension * width];
        VectorKernels.get().diagonalMixture(block, width, dimension, components, mean, inverse, logNormalizer, values,
                max, sum, score);

        for (int p = 0; p < width; p++) {
            double[] logTerm = new double[components];
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                double q = 0;
                for (int r = 0; r < dimension; r++) {
                    double delta = block[r * width + p] - mean[k * dimension + r];
                    q = Math.fma(delta * delta, inverse[k * dimension + r], q);
                }
                logTerm[k] = logNormalizer[k] - 0.5 * q;
                m = Math.max(m, logTerm[k]);
            }
            double s = 0;
            for (int k = 0; k < components; k++) {
                logTerm[k] = Exp.exp(logTerm[k] - m);
                s += logTerm[k];
            }
            assertEquals(m, max[p], "max, lane " + p);
            assertEquals(s, sum[p], "sum, lane " + p);
            double[] expectedResponsibilities = new double[components];
            double[] actualResponsibilities = new double[components];
            for (int k = 0; k < components; k++) {
                expectedResponsibilities[k] = logTerm[k] * (1 / s);
                actualResponsibilities[k] = values[k * width + p];
            }
            assertArrayEquals(expectedResponsibilities, actualResponsibilities, "responsibilities, lane " + p);
            for (int r = 0; r < dimension; r++) {
                double expected = 0;
                for (int k = 0; k < components; k++) {
                    double componentScore = (mean[k * dimension + r] - block[r * width + p]) * inverse[k * dimension + r];
                    expected = Math.fma(expectedResponsibilities[k], componentScore, expected);
                }
                assertEquals(expected, score[r * width + p], "score, lane " + p + ", coordinate " + r);
            }
        }

        double[] prior = new double[components * dimension];
        double[] gain = new double[components * dimension];
        for (int i = 0; i < prior.length; i++) {
            prior[i] = 4 * rng.nextDouble() - 2;
            gain[i] = rng.nextDouble();
        }
        double[] posteriorMean = new double[dimension * width];
        VectorKernels.get().diagonalPosteriorMean(block, width, dimension, components, mean, prior, gain, values,
                posteriorMean);
        for (int p = 0; p < width; p++) {
            for (int r = 0; r < dimension; r++) {
                double expected = 0;
                for (int k = 0; k < components; k++) {
                    int kr = k * dimension + r;
                    double term = prior[kr] + gain[kr] * (block[r * width + p] - mean[kr]);
                    expected = Math.fma(values[k * width + p], term, expected);
                }
                assertEquals(expected, posteriorMean[r * width + p], "posterior mean, lane " + p + ", coordinate " + r);
            }
        }
    }
}
