package io.github.diffusion4j.learn;

import io.github.diffusion4j.kernel.VectorKernels;

/** Hidden-layer activations of {@link Mlp}, with their derivatives for back-propagation. */
public enum Activation {
    /** SiLU (swish): {@code x σ(x)}, σ the logistic function (Elfwing et al. 2018). */
    SILU {
        @Override
        void apply(VectorKernels kernels, double[] x, double[] out, int n) {
            kernels.silu(x, out, n);
        }

        @Override
        double derivative(double x) {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 + x * (1 - s));
        }
    },
    /**
     * GELU, tanh form: {@code ½ x (1 + tanh(√(2/π)(x + 0.044715 x³)))} (Hendrycks and Gimpel 2016), evaluated as
     * {@code x σ(2√(2/π)(x + 0.044715 x³))}, σ the logistic function, which is the same function.
     */
    GELU {
        @Override
        void apply(VectorKernels kernels, double[] x, double[] out, int n) {
            kernels.gelu(x, out, n);
        }

        @Override
        double derivative(double x) {
            double inner = C * (x + 0.044715 * x * x * x);
            double tanh = Math.tanh(inner);
            return 0.5 * (1 + tanh) + 0.5 * x * (1 - tanh * tanh) * C * (1 + 3 * 0.044715 * x * x);
        }
    };

    private static final double C = Math.sqrt(2 / Math.PI);

    /**
     * The activation of the first n entries of x, by {@link VectorKernels#silu} or {@link VectorKernels#gelu}.
     *
     * @param kernels the kernels to run on
     * @param x       pre-activations. Not modified.
     * @param out     receives the activations; may be x. Modified.
     * @param n       count
     */
    abstract void apply(VectorKernels kernels, double[] x, double[] out, int n);

    /** @return its derivative at x */
    abstract double derivative(double x);
}
