package io.github.diffusion4j.verify.claims;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.GroundTruth;

/** Five-point finite differences of ground-truth quantities, for the claims that check differential identities. */
final class Derivatives {

    private Derivatives() {
    }

    /** @return ∂_t log p_t(z_i) by a five-point stencil in t at fixed points */
    static double[] timeDerivativeOfLogDensity(GroundTruth truth, double t, double[] z, int n) {
        NoiseSchedule s = truth.schedule();
        double h = Times.step(s, t);
        double[][] values = new double[5][n];
        for (int k = -2; k <= 2; k++) {
            truth.logDensity(t + k * h, z, n, values[k + 2]);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (-values[4][i] + 8 * values[3][i] - 8 * values[1][i] + values[0][i]) / (12 * h);
        }
        return out;
    }

    /**
     * @return ∇·u_t(z_i) by five-point stencils in each coordinate of the velocity, step 10⁻³ √c where c is the
     *         smallest marginal variance scale α² v_min + σ² (v_min the smallest covariance diagonal entry)
     */
    static double[] divergenceOfVelocity(GroundTruth truth, double t, double[] z, int n) {
        int d = truth.mixture().dimension();
        NoiseSchedule s = truth.schedule();
        double vMin = Double.POSITIVE_INFINITY;
        for (int k = 0; k < truth.mixture().components(); k++) {
            for (int a = 0; a < d; a++) {
                vMin = Math.min(vMin, truth.mixture().covariance(k, a, a));
            }
        }
        double alpha = s.alpha(t);
        double sigma = s.sigma(t);
        double h = 1e-3 * Math.sqrt(alpha * alpha * vMin + sigma * sigma);
        double[] out = new double[n];
        double[] shifted = new double[n * d];
        double[][] u = new double[5][n * d];
        for (int a = 0; a < d; a++) {
            for (int k = -2; k <= 2; k++) {
                System.arraycopy(z, 0, shifted, 0, n * d);
                for (int i = 0; i < n; i++) {
                    shifted[i * d + a] += k * h;
                }
                truth.velocity(t, shifted, n, u[k + 2]);
            }
            for (int i = 0; i < n; i++) {
                int ia = i * d + a;
                out[i] += (-u[4][ia] + 8 * u[3][ia] - 8 * u[1][ia] + u[0][ia]) / (12 * h);
            }
        }
        return out;
    }
}
