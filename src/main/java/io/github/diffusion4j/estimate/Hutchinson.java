package io.github.diffusion4j.estimate;

/**
 * Hutchinson's trace estimator (Hutchinson 1990): for a d × d matrix A and a random probe v with
 * {@code E[v vᵀ] = I}, {@code vᵀ A v} is an unbiased estimate of {@code tr A}. Its variance, for the symmetric part
 * {@code S = (A + Aᵀ)/2}, is
 * <pre>
 *   Rademacher probes (v_i = ±1):  2 Σ_{i≠j} S_ij²     (= 2 ‖offdiag S‖_F²)
 *   Gaussian probes (v ~ N(0, I)): 2 Σ_{i,j} S_ij²     (= 2 ‖S‖_F²)
 * </pre>
 * (the Rademacher probe has no variance from the diagonal, since v_i² = 1). docs/THEORY.md claim T9.
 */
public final class Hutchinson {

    /** The probe distribution. */
    public enum Probe {
        /** Independent signs ±1. */
        RADEMACHER,
        /** Independent standard normals. */
        GAUSSIAN
    }

    private Hutchinson() {
    }

    /**
     * @param matrix d × d, row-major. Not modified.
     * @param offset offset of the matrix in the array
     * @param d      dimension
     * @param v      the probe, length ≥ d. Not modified.
     * @return vᵀ A v
     */
    public static double quadraticForm(double[] matrix, int offset, int d, double[] v) {
        double sum = 0;
        for (int a = 0; a < d; a++) {
            double row = 0;
            for (int b = 0; b < d; b++) {
                row += matrix[offset + a * d + b] * v[b];
            }
            sum += v[a] * row;
        }
        return sum;
    }

    /**
     * @param matrix d × d, row-major. Not modified.
     * @param offset offset of the matrix in the array
     * @param d      dimension
     * @param probe  the probe distribution
     * @return the variance of vᵀ A v
     */
    public static double variance(double[] matrix, int offset, int d, Probe probe) {
        double sum = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                if (a == b && probe == Probe.RADEMACHER) {
                    continue;
                }
                double symmetric = 0.5 * (matrix[offset + a * d + b] + matrix[offset + b * d + a]);
                sum += symmetric * symmetric;
            }
        }
        return 2 * sum;
    }

    /**
     * Turns standard normals into probes of the given kind in place (Rademacher: their signs, which are independent
     * fair ±1 because the normal is symmetric).
     *
     * @param values normals, modified into probes
     * @param length how many entries
     * @param probe  the probe distribution
     */
    public static void toProbe(double[] values, int length, Probe probe) {
        if (probe == Probe.RADEMACHER) {
            for (int i = 0; i < length; i++) {
                values[i] = values[i] >= 0 ? 1.0 : -1.0;
            }
        }
    }
}
