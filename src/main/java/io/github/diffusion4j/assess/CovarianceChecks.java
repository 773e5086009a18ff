package io.github.diffusion4j.assess;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** The checks that make a d × d array a covariance: symmetric to rounding, positive semi-definite to rounding. */
final class CovarianceChecks {

    /** Relative asymmetry of a covariance tolerated as rounding (entries are compared to the largest diagonal one). */
    private static final double SYMMETRY_TOLERANCE = 1e-10;
    /** Eigenvalue rounding allowed per dimension, relative to the largest variance (a few ε). */
    private static final double EIGENVALUE_TOLERANCE = 1e-14;

    private CovarianceChecks() {
    }

    static void requireSymmetric(double[] covariance, int d) {
        double scale = 0;
        for (int i = 0; i < d; i++) {
            scale = Math.max(scale, Math.abs(covariance[i * d + i]));
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (Math.abs(covariance[i * d + j] - covariance[j * d + i]) > SYMMETRY_TOLERANCE * scale) {
                    throw new IllegalArgumentException("covariance is not symmetric: [" + i + "][" + j + "] = "
                            + covariance[i * d + j] + " but [" + j + "][" + i + "] = " + covariance[j * d + i]);
                }
            }
        }
    }

    /**
     * Eigenvalues of a symmetric matrix are computed to about d·ε·‖C‖ (backward stability of the symmetric QR
     * algorithm, Golub and Van Loan §8.3), so a smallest eigenvalue above −{@value #EIGENVALUE_TOLERANCE}·d·max|C_ii|
     * is rounding of a singular covariance, and below it the matrix is not a covariance.
     */
    static void requirePositiveSemiDefinite(double[] covariance, int d) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eigen.decompose(new DMatrixRMaj(d, d, true, covariance))) {
            throw new IllegalArgumentException("covariance: the eigenvalue decomposition failed");
        }
        double scale = 0;
        for (int i = 0; i < d; i++) {
            scale = Math.max(scale, Math.abs(covariance[i * d + i]));
        }
        for (int i = 0; i < d; i++) {
            double lambda = eigen.getEigenvalue(i).getReal();
            if (lambda < -EIGENVALUE_TOLERANCE * d * scale) {
                throw new IllegalArgumentException("covariance is not positive semi-definite: it has the eigenvalue "
                        + lambda);
            }
        }
    }
}
