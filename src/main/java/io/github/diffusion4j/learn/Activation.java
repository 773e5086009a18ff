package io.github.diffusion4j.learn;

/** Hidden-layer activations of {@link Mlp}, with their derivatives for back-propagation. */
public enum Activation {
    /** SiLU (swish): {@code x σ(x)}, σ the logistic function (Elfwing et al. 2018). */
    SILU {
        @Override
        double apply(double x) {
            return x / (1 + Math.exp(-x));
        }

        @Override
        double derivative(double x) {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 + x * (1 - s));
        }
    },
    /** GELU, tanh form: {@code ½ x (1 + tanh(√(2/π)(x + 0.044715 x³)))} (Hendrycks and Gimpel 2016). */
    GELU {
        @Override
        double apply(double x) {
            return 0.5 * x * (1 + Math.tanh(C * (x + 0.044715 * x * x * x)));
        }

        @Override
        double derivative(double x) {
            double inner = C * (x + 0.044715 * x * x * x);
            double tanh = Math.tanh(inner);
            return 0.5 * (1 + tanh) + 0.5 * x * (1 - tanh * tanh) * C * (1 + 3 * 0.044715 * x * x);
        }
    };

    private static final double C = Math.sqrt(2 / Math.PI);

    /** @return the activation at x */
    abstract double apply(double x);

    /** @return its derivative at x */
    abstract double derivative(double x);
}
