package io.github.diffusion4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Back-propagation equals central differences of the loss Σ gᵢ·ε̂ᵢ for every parameter (step 10⁻⁶: truncation
 * ~10⁻¹², rounding ~10⁻¹⁰ relative to the O(1) loss), for both activations, with per-point times.
 */
class MlpTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backPropagationIsTheDerivative(Activation activation) {
        int d = 2;
        int n = 3;
        Mlp mlp = DsmTrainer.initialise(d, 2, new int[] {5, 4}, activation, 0, 1, 3);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4);
        double[] z = new double[n * d];
        double[] g = new double[n * d];
        double[] t = {0.1, 0.5, 0.9};
        for (int i = 0; i < n * d; i++) {
            z[i] = 2 * rng.nextDouble() - 1;
            g[i] = 2 * rng.nextDouble() - 1;
        }
        for (int p = 0; p < mlp.parameters().length; p++) {
            mlp.parameters()[p] += 0.1 * (2 * rng.nextDouble() - 1);
        }
        Mlp.Workspace workspace = new Mlp.Workspace();
        double[] out = new double[n * d];
        mlp.forward(t, z, n, out, workspace);
        double[] gradient = new double[mlp.parameters().length];
        mlp.backward(g, n, gradient, workspace);
        for (int p = 0; p < gradient.length; p++) {
            double saved = mlp.parameters()[p];
            double h = 1e-6;
            mlp.parameters()[p] = saved + h;
            double plus = loss(mlp, t, z, n, g);
            mlp.parameters()[p] = saved - h;
            double minus = loss(mlp, t, z, n, g);
            mlp.parameters()[p] = saved;
            assertEquals((plus - minus) / (2 * h), gradient[p], 1e-7 * Math.max(1, Math.abs(gradient[p])),
                    "parameter " + p);
        }
    }

    private static double loss(Mlp mlp, double[] t, double[] z, int n, double[] g) {
        double[] out = new double[z.length];
        mlp.forward(t, z, n, out, new Mlp.Workspace());
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += g[i] * out[i];
        }
        return sum;
    }

    /**
     * The batched, kernel-based forward pass equals the definition evaluated naively — per point, per output,
     * {@code Math.tanh}/{@code Math.exp} activations — to 10⁻¹³ relative: the two differ only by rounding
     * (summation order is the same; fused multiply–adds, the sigmoid form of GELU and the kernels' ≤ 1-ulp exponential
     * each change the last bits), amplified by at most the layer count and the O(1) condition of the sums.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardIsTheDefinition(Activation activation) {
        int d = 3;
        int n = 13;
        int[] hidden = {17, 9};
        Mlp mlp = DsmTrainer.initialise(d, 2, hidden, activation, 0, 1, 21);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        for (int p = 0; p < mlp.parameters().length; p++) {
            mlp.parameters()[p] += 0.3 * (2 * rng.nextDouble() - 1);
        }
        double[] z = new double[n * d];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextDouble();
            for (int j = 0; j < d; j++) {
                z[i * d + j] = 3 * (2 * rng.nextDouble() - 1);
            }
        }
        double[] out = new double[n * d];
        mlp.forward(t, z, n, out, new Mlp.Workspace());
        int[] widths = {d + 4, 17, 9, d};
        for (int i = 0; i < n; i++) {
            double[] layer = new double[d + 4];
            System.arraycopy(z, i * d, layer, 0, d);
            for (int j = 0; j < 2; j++) {
                layer[d + 2 * j] = Math.sin(Math.PI * (1 << j) * t[i]);
                layer[d + 2 * j + 1] = Math.cos(Math.PI * (1 << j) * t[i]);
            }
            for (int l = 0; l < 3; l++) {
                int in = widths[l];
                int outWidth = widths[l + 1];
                int offset = mlp.weightOffset(l);
                double[] next = new double[outWidth];
                for (int o = 0; o < outWidth; o++) {
                    double sum = mlp.parameters()[mlp.biasOffset(l) + o];
                    for (int k = 0; k < in; k++) {
                        sum += mlp.parameters()[offset + o * in + k] * layer[k];
                    }
                    next[o] = l == 2 ? sum : naive(activation, sum);
                }
                layer = next;
            }
            for (int j = 0; j < d; j++) {
                assertEquals(layer[j], out[i * d + j], 1e-13 * Math.max(1, Math.abs(layer[j])), "point " + i);
            }
        }
    }

    private static double naive(Activation activation, double x) {
        return activation == Activation.SILU ? x / (1 + Math.exp(-x))
                : 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aSharedTimeEqualsPerPointTimes(Activation activation) {
        Mlp mlp = DsmTrainer.initialise(3, 4, new int[] {8}, activation, 0, 2, 9);
        double[] z = {0.1, 0.2, 0.3, -1, 0, 1};
        double[] shared = new double[6];
        double[] each = new double[6];
        mlp.forward(new double[] {0.7}, z, 2, shared, new Mlp.Workspace());
        mlp.forward(new double[] {0.7, 0.7}, z, 2, each, new Mlp.Workspace());
        assertArrayEquals(shared, each, 0.0);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aWrongParameterCountIsRejected(Activation activation) {
        assertThrows(IllegalArgumentException.class, () -> new Mlp(2, 2, new int[] {4}, activation, 0, 1,
                new double[3]));
    }
}
