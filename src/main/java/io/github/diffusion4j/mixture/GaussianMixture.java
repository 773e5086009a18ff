package io.github.diffusion4j.mixture;

import java.util.Arrays;

import io.github.diffusion4j.internal.Sizes;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * A Gaussian mixture {@code p₀ = Σ_k w_k N(μ_k, Σ_k)} in {@code d} dimensions with {@code K} components, the data
 * distribution for which every time marginal is known in closed form (docs/THEORY.md §2).
 *
 * <p>Covariances are isotropic ({@code Σ_k = v_k I}), diagonal or full. Construction validates everything and fails
 * with an {@link IllegalArgumentException} naming the offending value:
 * <ul>
 *   <li>no components, zero dimension, or means of unequal length;</li>
 *   <li>a NaN or infinite weight, mean or covariance entry;</li>
 *   <li>a negative weight, or weights whose sum differs from 1 by more than {@link #WEIGHT_SUM_TOLERANCE};</li>
 *   <li>a non-positive variance, or a full covariance that is not symmetric (relative asymmetry above
 *       {@link #SYMMETRY_TOLERANCE}) or not positive definite (its Cholesky factorisation fails).</li>
 * </ul>
 * Accepted weights are divided by their sum unless that sum is already 1 to rounding ({@code |Σ w − 1| ≤ 4Kε}),
 * so {@code Σ w_k = 1} to rounding and normalising is idempotent: a mixture written out and read back is
 * bit-identical.
 *
 * <p>Instances are immutable and thread-safe. Time marginals are evaluated by {@link MixtureMarginal}, one per
 * thread, obtained from {@link #marginal()}.
 */
public final class GaussianMixture {

    /** How the component covariances are parametrised. */
    public enum CovarianceKind {
        /** {@code Σ_k = v_k I}. */
        ISOTROPIC,
        /** {@code Σ_k = diag(v_k1, …, v_kd)}. */
        DIAGONAL,
        /** {@code Σ_k} any symmetric positive definite matrix. */
        FULL
    }

    /**
     * Largest accepted {@code |Σ w_k − 1|}. Weights typed with ten significant digits, or produced by dividing by a
     * floating-point sum, meet it; a weight vector that is off by more was almost certainly not meant as a
     * probability vector.
     */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    /**
     * Largest accepted relative asymmetry {@code |Σ_ij − Σ_ji| / √(Σ_ii Σ_jj)} of a full covariance; a matrix that
     * passes is symmetrised as {@code (Σ + Σᵀ)/2}. Matrices written out by NumPy or computed as {@code A Aᵀ} are
     * symmetric to a few ulp, far below this bound.
     */
    public static final double SYMMETRY_TOLERANCE = 1e-10;

    private final int components;
    private final int dimension;
    private final CovarianceKind kind;
    private final double[] weights;
    private final double[] logWeights;
    private final double[] means;
    /** Diagonal variances, K × d, for ISOTROPIC and DIAGONAL; null for FULL. */
    private final double[] variances;
    /** Covariances, K × d × d row-major, for FULL; null otherwise. */
    private final double[] covariances;
    /** Lower Cholesky factors of Σ_k, K × d × d, for FULL; null otherwise. */
    private final double[] covarianceFactors;

    private GaussianMixture(CovarianceKind kind, double[] weights, double[][] means, double[] variances,
                            double[] covariances) {
        this.kind = kind;
        this.components = weights.length;
        this.dimension = means[0].length;
        this.weights = normalisedWeights(weights);
        this.logWeights = new double[components];
        for (int k = 0; k < components; k++) {
            logWeights[k] = Math.log(this.weights[k]);
        }
        this.means = new double[components * dimension];
        for (int k = 0; k < components; k++) {
            System.arraycopy(means[k], 0, this.means, k * dimension, dimension);
        }
        this.variances = variances;
        this.covariances = covariances;
        this.covarianceFactors = covariances == null ? null : choleskyFactors(covariances, components, dimension);
    }

    /**
     * @param weights   mixture weights w_k, non-negative, summing to 1. Not modified.
     * @param means     component means μ_k, K arrays of length d. Not modified.
     * @param variances component variances v_k &gt; 0 with {@code Σ_k = v_k I}. Not modified.
     * @return the mixture
     */
    public static GaussianMixture isotropic(double[] weights, double[][] means, double[] variances) {
        checkShape(weights, means);
        int d = means[0].length;
        if (variances == null || variances.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " variances (one per component), got "
                    + (variances == null ? "null" : variances.length));
        }
        double[] diagonal = new double[weights.length * d];
        for (int k = 0; k < weights.length; k++) {
            checkVariance(variances[k], "variances[" + k + "]");
            Arrays.fill(diagonal, k * d, (k + 1) * d, variances[k]);
        }
        return new GaussianMixture(CovarianceKind.ISOTROPIC, weights, means, diagonal, null);
    }

    /**
     * @param weights   mixture weights w_k, non-negative, summing to 1. Not modified.
     * @param means     component means μ_k, K arrays of length d. Not modified.
     * @param variances per-coordinate variances, K arrays of length d, all &gt; 0. Not modified.
     * @return the mixture
     */
    public static GaussianMixture diagonal(double[] weights, double[][] means, double[][] variances) {
        checkShape(weights, means);
        int d = means[0].length;
        if (variances == null || variances.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length
                    + " variance vectors (one per component), got " + (variances == null ? "null" : variances.length));
        }
        double[] diagonal = new double[weights.length * d];
        for (int k = 0; k < weights.length; k++) {
            if (variances[k] == null || variances[k].length != d) {
                throw new IllegalArgumentException("variances[" + k + "] has length "
                        + (variances[k] == null ? "null" : variances[k].length) + ", expected dimension " + d);
            }
            for (int j = 0; j < d; j++) {
                checkVariance(variances[k][j], "variances[" + k + "][" + j + "]");
                diagonal[k * d + j] = variances[k][j];
            }
        }
        return new GaussianMixture(CovarianceKind.DIAGONAL, weights, means, diagonal, null);
    }

    /**
     * @param weights     mixture weights w_k, non-negative, summing to 1. Not modified.
     * @param means       component means μ_k, K arrays of length d. Not modified.
     * @param covariances K symmetric positive definite d × d matrices. Not modified.
     * @return the mixture
     */
    public static GaussianMixture full(double[] weights, double[][] means, double[][][] covariances) {
        checkShape(weights, means);
        int k = weights.length;
        int d = means[0].length;
        if (covariances == null || covariances.length != k) {
            throw new IllegalArgumentException("expected " + k + " covariance matrices (one per component), got "
                    + (covariances == null ? "null" : covariances.length));
        }
        double[] flat = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            double[][] cov = covariances[c];
            if (cov == null || cov.length != d) {
                throw new IllegalArgumentException("covariances[" + c + "] has "
                        + (cov == null ? "null" : cov.length) + " rows, expected dimension " + d);
            }
            for (int i = 0; i < d; i++) {
                if (cov[i] == null || cov[i].length != d) {
                    throw new IllegalArgumentException("covariances[" + c + "][" + i + "] has length "
                            + (cov[i] == null ? "null" : cov[i].length) + ", expected dimension " + d);
                }
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(cov[i][j])) {
                        throw new IllegalArgumentException("covariances[" + c + "][" + i + "][" + j + "] = "
                                + cov[i][j] + " is not finite");
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                if (!(cov[i][i] > 0)) {
                    throw new IllegalArgumentException("covariance of component " + c
                            + " is not positive definite: diagonal entry [" + i + "][" + i + "] = " + cov[i][i]);
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double scale = Math.sqrt(cov[i][i] * cov[j][j]);
                    if (Math.abs(cov[i][j] - cov[j][i]) > SYMMETRY_TOLERANCE * scale) {
                        throw new IllegalArgumentException("covariance of component " + c + " is not symmetric: ["
                                + i + "][" + j + "] = " + cov[i][j] + " but [" + j + "][" + i + "] = " + cov[j][i]);
                    }
                    flat[(c * d + i) * d + j] = 0.5 * (cov[i][j] + cov[j][i]);
                }
            }
        }
        return new GaussianMixture(CovarianceKind.FULL, weights, means, null, flat);
    }

    private static void checkShape(double[] weights, double[][] means) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("a mixture needs at least one component, got "
                    + (weights == null ? "null" : "0") + " weights");
        }
        if (means == null || means.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " means (one per weight), got "
                    + (means == null ? "null" : means.length));
        }
        if (means[0] == null || means[0].length == 0) {
            throw new IllegalArgumentException("the dimension must be at least 1, but means[0] is "
                    + (means[0] == null ? "null" : "empty"));
        }
        int d = means[0].length;
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            if (!Double.isFinite(weights[k]) || weights[k] < 0) {
                throw new IllegalArgumentException("weights[" + k + "] = " + weights[k]
                        + " must be finite and non-negative");
            }
            sum += weights[k];
            if (means[k] == null || means[k].length != d) {
                throw new IllegalArgumentException("means[" + k + "] has length "
                        + (means[k] == null ? "null" : means[k].length) + ", expected dimension " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(means[k][j])) {
                    throw new IllegalArgumentException("means[" + k + "][" + j + "] = " + means[k][j]
                            + " is not finite");
                }
            }
        }
        if (!(Math.abs(sum - 1.0) <= WEIGHT_SUM_TOLERANCE)) {
            throw new IllegalArgumentException("weights must sum to 1 within " + WEIGHT_SUM_TOLERANCE
                    + ", but they sum to " + sum + " (" + Arrays.toString(weights) + ")");
        }
    }

    private static void checkVariance(double v, String where) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(where + " = " + v + " must be positive and finite");
        }
    }

    private static double[] normalisedWeights(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        if (Math.abs(sum - 1.0) <= 4 * weights.length * Math.ulp(1.0)) {
            return weights.clone();
        }
        double[] out = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            out[k] = weights[k] / sum;
        }
        return out;
    }

    /**
     * Where Cholesky's algorithm stops on a symmetric matrix that is not positive definite: the first j whose pivot
     * {@code a_jj − Σ_{m<j} l_jm²} is not positive, which means the leading (j+1) × (j+1) block is not positive definite
     * (its determinant is the product of the pivots).
     */
    private static String failingPivot(double[] a, int offset, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double pivot = a[offset + j * d + j];
            for (int m = 0; m < j; m++) {
                pivot -= l[j * d + m] * l[j * d + m];
            }
            if (!(pivot > 0) || !Double.isFinite(pivot)) {
                return j == 0 ? "entry [0][0] = " + a[offset] + " must be positive"
                        : "the Cholesky pivot of row " + j + " is " + pivot + ", so the leading " + (j + 1) + " × "
                        + (j + 1) + " block (rows and columns 0.." + j + ") is not positive definite; check the "
                        + "entries of row " + j + " against those above it";
            }
            l[j * d + j] = Math.sqrt(pivot);
            for (int i = j + 1; i < d; i++) {
                double sum = a[offset + i * d + j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i * d + m] * l[j * d + m];
                }
                l[i * d + j] = sum / l[j * d + j];
            }
        }
        return "the Cholesky factorisation failed";
    }

    private static double[] choleskyFactors(double[] covariances, int components, int d) {
        double[] factors = new double[components * d * d];
        CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
        DMatrixRMaj work = new DMatrixRMaj(d, d);
        DMatrixRMaj lower = new DMatrixRMaj(d, d);
        for (int k = 0; k < components; k++) {
            System.arraycopy(covariances, k * d * d, work.data, 0, d * d);
            if (!chol.decompose(work)) {
                throw new IllegalArgumentException("covariance of component " + k + " is not positive definite: "
                        + failingPivot(covariances, k * d * d, d));
            }
            chol.getT(lower);
            for (int i = 0; i < d; i++) {
                if (!(lower.data[i * d + i] > 0) || !Double.isFinite(lower.data[i * d + i])) {
                    throw new IllegalArgumentException("covariance of component " + k
                            + " is not positive definite (Cholesky pivot " + i + " = " + lower.data[i * d + i] + ")");
                }
            }
            System.arraycopy(lower.data, 0, factors, k * d * d, d * d);
        }
        return factors;
    }

    /** @return the number of components K */
    public int components() {
        return components;
    }

    /** @return the dimension d */
    public int dimension() {
        return dimension;
    }

    /** @return how the covariances are parametrised */
    public CovarianceKind covarianceKind() {
        return kind;
    }

    /**
     * @param k the component, 0 ≤ k &lt; K
     * @return the weight w_k
     */
    public double weight(int k) {
        return weights[k];
    }

    /**
     * @param k the component, 0 ≤ k &lt; K
     * @return log w_k ({@code -∞} for a zero weight)
     */
    public double logWeight(int k) {
        return logWeights[k];
    }

    /** @return a copy of the weights */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * @param k the component, 0 ≤ k &lt; K
     * @return a copy of the mean μ_k
     */
    public double[] mean(int k) {
        return Arrays.copyOfRange(means, k * dimension, (k + 1) * dimension);
    }

    /**
     * @param k the component, 0 ≤ k &lt; K
     * @param i the row, 0 ≤ i &lt; d
     * @param j the column, 0 ≤ j &lt; d
     * @return the entry (i, j) of Σ_k
     */
    public double covariance(int k, int i, int j) {
        if (kind == CovarianceKind.FULL) {
            return covariances[(k * dimension + i) * dimension + j];
        }
        return i == j ? variances[k * dimension + i] : 0.0;
    }

    /**
     * @param k the component, 0 ≤ k &lt; K
     * @return a copy of Σ_k as a d × d array, whatever the parametrisation
     */
    public double[][] covariance(int k) {
        double[][] out = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                out[i][j] = covariance(k, i, j);
            }
        }
        return out;
    }

    double[] meansFlat() {
        return means;
    }

    double[] logWeightsFlat() {
        return logWeights;
    }

    double[] variancesFlat() {
        return variances;
    }

    double[] covariancesFlat() {
        return covariances;
    }

    /** @return a new evaluator of this mixture's time marginals; not thread-safe, use one per thread */
    public MixtureMarginal marginal() {
        return new MixtureMarginal(this);
    }

    /**
     * Draws exact samples: a component with probability w_k (alias method), then {@code μ_k + L_k ξ} with
     * {@code L_k} the Cholesky factor of Σ_k and ξ standard normal (ziggurat).
     *
     * @param rng    the random source
     * @param n      number of samples, ≥ 1
     * @param out    receives the samples, row-major n × d. Modified.
     * @param labels receives the component of each sample, or null. Modified.
     */
    public void sample(UniformRandomProvider rng, int n, double[] out, int[] labels) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be at least 1, got " + n);
        }
        if (out.length < n * dimension) {
            throw new IllegalArgumentException("output has length " + out.length + ", need n·d = " + n * dimension);
        }
        if (labels != null && labels.length < n) {
            throw new IllegalArgumentException("labels has length " + labels.length + ", need n = " + n);
        }
        SharedStateDiscreteSampler component = AliasMethodDiscreteSampler.of(rng, weights);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] xi = new double[dimension];
        for (int i = 0; i < n; i++) {
            int k = component.sample();
            if (labels != null) {
                labels[i] = k;
            }
            for (int j = 0; j < dimension; j++) {
                xi[j] = normal.sample();
            }
            int row = i * dimension;
            for (int a = 0; a < dimension; a++) {
                double value = means[k * dimension + a];
                if (kind == CovarianceKind.FULL) {
                    int base = (k * dimension + a) * dimension;
                    for (int b = 0; b <= a; b++) {
                        value += covarianceFactors[base + b] * xi[b];
                    }
                } else {
                    value += Math.sqrt(variances[k * dimension + a]) * xi[a];
                }
                out[row + a] = value;
            }
        }
    }

    /**
     * Exact samples of the time marginal {@code p_t}: {@code z = α(t) x₀ + σ(t) ε} with {@code x₀} drawn by
     * {@link #sample} and then {@code ε ~ N(0, I)} (ziggurat), both from the same random source, in that order.
     *
     * @param schedule the forward process
     * @param t        the time
     * @param rng      the random source
     * @param n        number of samples, ≥ 1
     * @return n × d samples, row-major
     * @throws IllegalArgumentException if n·d does not fit an array or the heap
     */
    public double[] sampleMarginal(NoiseSchedule schedule, double t, UniformRandomProvider rng, int n) {
        double[] z = new double[Sizes.arrayLength(n, dimension, "samples (n·d)")];
        sample(rng, n, z, null);
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < z.length; i++) {
            z[i] = alpha * z[i] + sigma * normal.sample();
        }
        return z;
    }

    @Override
    public String toString() {
        return "GaussianMixture[K=" + components + ", d=" + dimension + ", " + kind + "]";
    }
}
