package io.github.diffusion4j.estimate;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The exact probability-flow map of Gaussian data {@code N(μ, Σ)}, {@code Σ = Q diag(s) Qᵀ}. Every marginal covariance
 * {@code C_t = α_t² Σ + σ_t² I} shares the eigenvectors Q with eigenvalues {@code c_k(t) = α_t² s_k + σ_t²}. Along the
 * PF-ODE {@code dz/dt = f z − ½ g² ∇log p_t(z)} the deviation {@code w = z − α μ} obeys, per eigendirection,
 * {@code dw_k/dt = (f + ½ g²/c_k) w_k = (d log √c_k/dt) w_k} (since {@code dc_k/dt = 2f α² s_k + (2fσ² + g²)}), so
 * <pre>
 *   z_s = α_s μ + Q diag(√(c_k(s)/c_k(t))) Qᵀ (z_t − α_t μ).
 * </pre>
 */
final class GaussianFlowMap {

    private final int dimension;
    private final double[] mean;
    private final double[] eigenvalues;
    private final double[] eigenvectors;

    GaussianFlowMap(GaussianMixture gaussian) {
        if (gaussian.components() != 1) {
            throw new IllegalArgumentException("the exact flow map needs one component, got " + gaussian.components());
        }
        dimension = gaussian.dimension();
        int d = dimension;
        mean = gaussian.mean(0);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(new DMatrixRMaj(gaussian.covariance(0)))) {
            throw new ArithmeticException("symmetric eigendecomposition failed");
        }
        eigenvalues = new double[d];
        eigenvectors = new double[d * d];
        for (int k = 0; k < d; k++) {
            eigenvalues[k] = eig.getEigenvalue(k).real;
            DMatrixRMaj v = eig.getEigenVector(k);
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += v.get(i, 0) * v.get(i, 0);
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                // eigenvectors[k·d + i] = Q[i][k]
                eigenvectors[k * d + i] = v.get(i, 0) / norm;
            }
        }
    }

    /**
     * Maps points from time t to time s in place.
     *
     * @param schedule the schedule
     * @param t        the points' time
     * @param s        the target time
     * @param z        points, row-major n × d. Modified.
     * @param n        the number of points
     */
    void map(NoiseSchedule schedule, double t, double s, double[] z, int n) {
        int d = dimension;
        double alphaT = schedule.alpha(t);
        double alphaS = schedule.alpha(s);
        double sigmaT = schedule.sigma(t);
        double sigmaS = schedule.sigma(s);
        double[] ratio = new double[d];
        for (int k = 0; k < d; k++) {
            double ct = alphaT * alphaT * eigenvalues[k] + sigmaT * sigmaT;
            double cs = alphaS * alphaS * eigenvalues[k] + sigmaS * sigmaS;
            ratio[k] = Math.sqrt(cs / ct);
        }
        double[] deviation = new double[d];
        for (int p = 0; p < n; p++) {
            int row = p * d;
            for (int i = 0; i < d; i++) {
                deviation[i] = z[row + i] - alphaT * mean[i];
                z[row + i] = alphaS * mean[i];
            }
            for (int k = 0; k < d; k++) {
                double projection = 0;
                for (int i = 0; i < d; i++) {
                    projection += eigenvectors[k * d + i] * deviation[i];
                }
                double scaled = ratio[k] * projection;
                for (int i = 0; i < d; i++) {
                    z[row + i] += eigenvectors[k * d + i] * scaled;
                }
            }
        }
    }
}
