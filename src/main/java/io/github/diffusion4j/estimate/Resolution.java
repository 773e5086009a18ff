package io.github.diffusion4j.estimate;

import java.util.Locale;

/**
 * How finely a solver is run in a convergence study: a number of steps N on a fixed grid, or, for an adaptive
 * solver, the tolerance τ it is given as both absolute and relative tolerance.
 */
public sealed interface Resolution permits Resolution.Steps, Resolution.Tolerance {

    /** @return a short label, {@code "N=64"} or {@code "tol=1e-06"} */
    String label();

    /**
     * A fixed grid of N steps.
     *
     * @param count N ≥ 1
     */
    record Steps(int count) implements Resolution {
        /**
         * @param count N ≥ 1
         * @throws IllegalArgumentException if N &lt; 1
         */
        public Steps {
            if (count < 1) {
                throw new IllegalArgumentException("number of steps must be at least 1, got " + count);
            }
        }

        @Override
        public String label() {
            return "N=" + count;
        }
    }

    /**
     * An adaptive run with {@code atol = rtol = τ}.
     *
     * @param value τ, positive and finite
     */
    record Tolerance(double value) implements Resolution {
        /**
         * @param value τ, positive and finite
         * @throws IllegalArgumentException if τ is not positive and finite
         */
        public Tolerance {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("tolerance must be positive and finite, got " + value);
            }
        }

        @Override
        public String label() {
            return String.format(Locale.ROOT, "tol=%.0e", value);
        }
    }
}
