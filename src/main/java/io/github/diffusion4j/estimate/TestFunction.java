package io.github.diffusion4j.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * A test function φ: ℝ^d → ℝ for weak errors {@code |E φ(X_N) − E φ(X)|}, evaluated on one row of a row-major batch.
 * The built-ins are smooth with polynomial growth, as weak-order theory requires (Kloeden and Platen 1992, §14.1).
 */
public interface TestFunction {

    /** @return a short formula, e.g. {@code "x_0²"} */
    String name();

    /**
     * @param z      points, row-major. Not modified.
     * @param offset index of the row's first coordinate
     * @return φ of that row
     */
    double value(double[] z, int offset);

    /**
     * @param i the coordinate
     * @return {@code φ(x) = x_i} (the mean)
     */
    static TestFunction coordinate(int i) {
        return of("x_" + i, (z, offset) -> z[offset + i]);
    }

    /**
     * @param i the coordinate
     * @return {@code φ(x) = x_i²} (the second moment)
     */
    static TestFunction square(int i) {
        return of("x_" + i + "²", (z, offset) -> z[offset + i] * z[offset + i]);
    }

    /**
     * @param i the coordinate
     * @return {@code φ(x) = cos x_i} (bounded, sensitive to all moments: {@code E cos x = cos m · e^{−v/2}} for
     *         {@code x ~ N(m, v)})
     */
    static TestFunction cosine(int i) {
        return of("cos x_" + i, (z, offset) -> Math.cos(z[offset + i]));
    }

    /**
     * @param d the dimension
     * @return {@code x_i}, {@code x_i²} and {@code cos x_i} for every coordinate i &lt; d, in that order per i
     */
    static List<TestFunction> defaults(int d) {
        List<TestFunction> functions = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            functions.add(coordinate(i));
            functions.add(square(i));
            functions.add(cosine(i));
        }
        return List.copyOf(functions);
    }

    /**
     * @param name  the formula
     * @param value φ on a row
     * @return the test function
     */
    static TestFunction of(String name, RowFunction value) {
        return new TestFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double value(double[] z, int offset) {
                return value.apply(z, offset);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** A function of one row of a row-major batch. */
    @FunctionalInterface
    interface RowFunction {
        /**
         * @param z      points, row-major. Not modified.
         * @param offset index of the row's first coordinate
         * @return the value
         */
        double apply(double[] z, int offset);
    }
}
