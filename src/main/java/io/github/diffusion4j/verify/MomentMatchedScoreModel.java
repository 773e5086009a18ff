package io.github.diffusion4j.verify;

import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The score of the Gaussian with the same mean and covariance as p_t, {@code −C_t⁻¹(z − m_t)} — a linear candidate
 * model that is exact for single-Gaussian data and wrong (in a smooth, known way) for mixtures. C_t is factored by
 * Cholesky (EJML) once per time.
 */
final class MomentMatchedScoreModel implements ScoreModel {

    private final GroundTruth truth;
    private final MixtureMarginal marginal;
    private final int d;
    private double cachedTime = Double.NaN;
    private final double[] mean;
    private final DMatrixRMaj covariance;
    private final LinearSolverDense<DMatrixRMaj> solver;
    private final DMatrixRMaj rhs;
    private final DMatrixRMaj solution;

    MomentMatchedScoreModel(GroundTruth truth) {
        this.truth = truth;
        this.marginal = truth.mixture().marginal();
        this.d = truth.mixture().dimension();
        this.mean = new double[d];
        this.covariance = new DMatrixRMaj(d, d);
        this.solver = LinearSolverFactory_DDRM.chol(d);
        this.rhs = new DMatrixRMaj(d, 1);
        this.solution = new DMatrixRMaj(d, 1);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public synchronized void score(double t, double[] z, int from, int to, double[] out) {
        if (t != cachedTime) {
            NoiseSchedule schedule = truth.schedule();
            marginal.setTime(schedule, t);
            marginal.mean(mean);
            marginal.covariance(covariance.data);
            if (!solver.setA(covariance.copy())) {
                throw new ArithmeticException("moment-matched covariance is not positive definite at t = " + t);
            }
            cachedTime = t;
        }
        for (int i = from; i < to; i++) {
            for (int a = 0; a < d; a++) {
                rhs.data[a] = z[i * d + a] - mean[a];
            }
            solver.solve(rhs, solution);
            for (int a = 0; a < d; a++) {
                out[i * d + a] = -solution.data[a];
            }
        }
    }
}
