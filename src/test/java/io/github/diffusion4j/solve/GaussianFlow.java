package io.github.diffusion4j.solve;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The exact probability-flow map for Gaussian data N(μ, Σ = Q diag(λ) Qᵀ): every marginal covariance
 * C_t = α_t² Σ + σ_t² I shares Q, and along the PF-ODE w = z − α μ obeys dw/dt = (f + ½g²/c_i) w per eigen-direction,
 * whose solution is w_s = √(c_s/c_t) w_t (since d log √c/dt = f + ½g²/c). Hence
 * z_s = α_s μ + Q diag(√(c_s/c_t)) Qᵀ (z_t − α_t μ).
 */
final class GaussianFlow {

    private final double[] mean;
    private final double[] eigenvalues;
    private final double[][] vectors;
    private final int d;

    GaussianFlow(GaussianMixture gaussian) {
        if (gaussian.components() != 1) {
            throw new IllegalArgumentException("need K = 1");
        }
        d = gaussian.dimension();
        mean = gaussian.mean(0);
        double[][] cov = gaussian.covariance(0);
        DMatrixRMaj m = new DMatrixRMaj(cov);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        eig.decompose(m);
        eigenvalues = new double[d];
        vectors = new double[d][];
        for (int k = 0; k < d; k++) {
            eigenvalues[k] = eig.getEigenvalue(k).real;
            vectors[k] = eig.getEigenVector(k).data.clone();
            double norm = 0;
            for (double v : vectors[k]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                vectors[k][i] /= norm;
            }
        }
    }

    /** Maps points z (row-major, n × d) at time t to time s, exactly. */
    double[] map(NoiseSchedule schedule, double t, double s, double[] z, int n) {
        double alphaT = schedule.alpha(t);
        double sigmaT = schedule.sigma(t);
        double alphaS = schedule.alpha(s);
        double sigmaS = schedule.sigma(s);
        double[] out = new double[n * d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                out[p * d + i] = alphaS * mean[i];
            }
            for (int k = 0; k < d; k++) {
                double ct = alphaT * alphaT * eigenvalues[k] + sigmaT * sigmaT;
                double cs = alphaS * alphaS * eigenvalues[k] + sigmaS * sigmaS;
                double projection = 0;
                for (int i = 0; i < d; i++) {
                    projection += vectors[k][i] * (z[p * d + i] - alphaT * mean[i]);
                }
                double scaled = Math.sqrt(cs / ct) * projection;
                for (int i = 0; i < d; i++) {
                    out[p * d + i] += vectors[k][i] * scaled;
                }
            }
        }
        return out;
    }
}
