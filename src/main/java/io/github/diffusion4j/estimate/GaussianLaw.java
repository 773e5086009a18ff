package io.github.diffusion4j.estimate;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A Gaussian law {@code N(mean, covariance)} in d dimensions, with the exact divergences of docs/THEORY.md §6.
 *
 * <p>KL is evaluated through the eigenvalues λ_i of {@code A = L₂⁻¹ Σ₁ L₂⁻ᵀ} ({@code L₂} the Cholesky factor of Σ₂):
 * <pre>
 *   KL(N₁ ‖ N₂) = ½ [ Σ_i (λ_i − 1 − log λ_i) + ‖L₂⁻¹(μ₂ − μ₁)‖² ]
 * </pre>
 * which equals the usual {@code ½[tr(Σ₂⁻¹Σ₁) + (μ₂−μ₁)ᵀΣ₂⁻¹(μ₂−μ₁) − d + log det Σ₂ − log det Σ₁]} but sums
 * non-negative terms {@code x − log1p(x)}, {@code x = λ − 1}, instead of cancelling O(1) quantities, so tiny divergences
 * (as between a converged sampler and its target) keep their relative accuracy. W2 uses symmetric eigendecompositions:
 * {@code W₂² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₂^{½} Σ₁ Σ₂^{½})^{½}}.
 */
public final class GaussianLaw {

    private final int dimension;
    private final double[] mean;
    private final double[] covariance;

    /**
     * @param mean       the mean, length d. Copied.
     * @param covariance the covariance, row-major d × d, symmetric positive semi-definite. Copied.
     */
    public GaussianLaw(double[] mean, double[] covariance) {
        int d = mean.length;
        if (d == 0 || covariance.length != d * d) {
            throw new IllegalArgumentException("a Gaussian law needs a mean of length d ≥ 1 and a d × d covariance, got "
                    + d + " and " + covariance.length + " entries");
        }
        for (double v : mean) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("mean has a non-finite entry " + v);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double a = covariance[i * d + j];
                if (!Double.isFinite(a)) {
                    throw new IllegalArgumentException("covariance[" + i + "][" + j + "] = " + a + " is not finite");
                }
            }
        }
        this.dimension = d;
        this.mean = mean.clone();
        this.covariance = covariance.clone();
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double m = 0.5 * (this.covariance[i * d + j] + this.covariance[j * d + i]);
                this.covariance[i * d + j] = m;
                this.covariance[j * d + i] = m;
            }
        }
    }

    /** @return d */
    public int dimension() {
        return dimension;
    }

    /** @return a copy of the mean */
    public double[] mean() {
        return mean.clone();
    }

    /** @return a copy of the covariance, row-major */
    public double[] covariance() {
        return covariance.clone();
    }

    /**
     * @param z   points, row-major n × d. Not modified.
     * @param n   number of points
     * @param out receives {@code log N(z_i; μ, Σ)} (Σ must be positive definite). Modified.
     */
    public void logDensity(double[] z, int n, double[] out) {
        int d = dimension;
        DMatrixRMaj lower = cholesky(covariance, d, "the covariance");
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += 2 * Math.log(lower.get(i, i));
        }
        DMatrixRMaj residual = new DMatrixRMaj(d, 1);
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                residual.data[i] = z[p * d + i] - mean[i];
            }
            forwardSolveColumns(lower, residual);
            double q = 0;
            for (int i = 0; i < d; i++) {
                q += residual.data[i] * residual.data[i];
            }
            out[p] = -0.5 * (d * Math.log(2 * Math.PI) + logDet + q);
        }
    }

    /**
     * Reproducible samples {@code μ + L ξ} (L the Cholesky factor of Σ) with ξ from counter-based streams: sample i
     * depends only on (seed, i).
     *
     * @param n    number of samples
     * @param seed the seed
     * @return the samples, row-major n × d
     */
    public double[] sample(int n, long seed) {
        int d = dimension;
        DMatrixRMaj lower = cholesky(covariance, d, "the covariance");
        double[] xi = new io.github.diffusion4j.solve.CounterNoise(seed).normals(n, d);
        double[] out = new double[n * d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                double v = mean[i];
                for (int j = 0; j <= i; j++) {
                    v += lower.get(i, j) * xi[p * d + j];
                }
                out[p * d + i] = v;
            }
        }
        return out;
    }

    private void checkSameDimension(GaussianLaw other) {
        if (other.dimension != dimension) {
            throw new IllegalArgumentException("dimension mismatch: " + dimension + " vs " + other.dimension);
        }
    }

    /**
     * @param other the reference law N₂, with a positive definite covariance
     * @return KL(this ‖ other)
     */
    public double klDivergenceTo(GaussianLaw other) {
        checkSameDimension(other);
        int d = dimension;
        DMatrixRMaj lower = cholesky(other.covariance, d, "the reference covariance");
        // A = L₂⁻¹ Σ₁ L₂⁻ᵀ: solve L₂ X = Σ₁, then L₂ Aᵀ = Xᵀ.
        DMatrixRMaj x = new DMatrixRMaj(d, d, true, covariance);
        forwardSolveColumns(lower, x);
        DMatrixRMaj a = new DMatrixRMaj(d, d);
        CommonOps_DDRM.transpose(x, a);
        forwardSolveColumns(lower, a);
        symmetrise(a);
        double[] eigenvalues = symmetricEigenvalues(a);
        double sum = 0;
        for (double lambda : eigenvalues) {
            if (!(lambda > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double xm1 = lambda - 1;
            sum += xm1 - Math.log1p(xm1);
        }
        DMatrixRMaj diff = new DMatrixRMaj(d, 1);
        for (int i = 0; i < d; i++) {
            diff.data[i] = other.mean[i] - mean[i];
        }
        forwardSolveColumns(lower, diff);
        double mahalanobis = 0;
        for (int i = 0; i < d; i++) {
            mahalanobis += diff.data[i] * diff.data[i];
        }
        return 0.5 * (sum + mahalanobis);
    }

    /**
     * @param other another law
     * @return the 2-Wasserstein distance W₂(this, other)
     */
    public double wasserstein2To(GaussianLaw other) {
        checkSameDimension(other);
        int d = dimension;
        DMatrixRMaj root = symmetricSquareRoot(new DMatrixRMaj(d, d, true, other.covariance));
        DMatrixRMaj product = new DMatrixRMaj(d, d);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root, new DMatrixRMaj(d, d, true, covariance), tmp);
        CommonOps_DDRM.mult(tmp, root, product);
        symmetrise(product);
        double crossTrace = 0;
        for (double lambda : symmetricEigenvalues(product)) {
            crossTrace += Math.sqrt(Math.max(0, lambda));
        }
        double squared = 0;
        for (int i = 0; i < d; i++) {
            double diff = mean[i] - other.mean[i];
            squared += diff * diff + covariance[i * d + i] + other.covariance[i * d + i];
        }
        return Math.sqrt(Math.max(0, squared - 2 * crossTrace));
    }

    private static DMatrixRMaj cholesky(double[] matrix, int d, String what) {
        CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
        DMatrixRMaj work = new DMatrixRMaj(d, d, true, matrix);
        if (!chol.decompose(work)) {
            throw new IllegalArgumentException(what + " is not positive definite");
        }
        return chol.getT(null);
    }

    /** In place: each column b of B ← L⁻¹ b. */
    private static void forwardSolveColumns(DMatrixRMaj lower, DMatrixRMaj b) {
        int d = lower.numRows;
        for (int col = 0; col < b.numCols; col++) {
            for (int i = 0; i < d; i++) {
                double sum = b.get(i, col);
                for (int j = 0; j < i; j++) {
                    sum -= lower.get(i, j) * b.get(j, col);
                }
                b.set(i, col, sum / lower.get(i, i));
            }
        }
    }

    private static void symmetrise(DMatrixRMaj a) {
        int d = a.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double m = 0.5 * (a.get(i, j) + a.get(j, i));
                a.set(i, j, m);
                a.set(j, i, m);
            }
        }
    }

    private static double[] symmetricEigenvalues(DMatrixRMaj a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        if (!eig.decompose(a.copy())) {
            throw new ArithmeticException("symmetric eigendecomposition failed");
        }
        double[] values = new double[a.numRows];
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        return values;
    }

    private static DMatrixRMaj symmetricSquareRoot(DMatrixRMaj a) {
        int d = a.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(a.copy())) {
            throw new ArithmeticException("symmetric eigendecomposition failed");
        }
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(Math.max(0, eig.getEigenvalue(k).real));
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    root.add(i, j, s * v.get(i, 0) * v.get(j, 0));
                }
            }
        }
        return root;
    }

    @Override
    public String toString() {
        return "GaussianLaw[d=" + dimension + ", mean=" + java.util.Arrays.toString(mean) + "]";
    }
}
