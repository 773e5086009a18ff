package io.github.diffusion4j.schedule;

import java.util.function.DoubleUnaryOperator;

/** Five-point central differences, truncation error O(h⁴), shared by the schedule tests. */
final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** @return (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h */
    static double derivative(DoubleUnaryOperator f, double x, double h) {
        return (-f.applyAsDouble(x + 2 * h) + 8 * f.applyAsDouble(x + h)
                - 8 * f.applyAsDouble(x - h) + f.applyAsDouble(x - 2 * h)) / (12 * h);
    }
}
