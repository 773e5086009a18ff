package io.github.diffusion4j.mixture;

import io.github.diffusion4j.kernel.VectorKernels;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * The exact time marginal {@code p_t = Σ_k w_k N(m_k, C_k)}, {@code m_k = α μ_k}, {@code C_k = α² Σ_k + σ² I}, of a
 * {@link GaussianMixture} under any forward process (docs/THEORY.md §2), evaluated on batches of points.
 *
 * <p>Usage: fix the time with {@link #setTime(NoiseSchedule, double)} (or {@link #setAlphaSigma(double, double)} for
 * a time without a continuous schedule, such as a discrete DDPM step), then call the batch methods. The per-time
 * work — {@code C_k}, its Cholesky factor {@code L_k} (EJML) for full covariances, the log-normalisers — is done once
 * and reused for every batch until the time changes; the gain and precision matrices needed only by the posterior
 * and second-order quantities are computed on first use. Points are processed in transposed blocks of
 * {@link VectorKernels#blockWidth()} (8 scalar, 32 with 8-lane SIMD), so that the triangular solves and log-sum-exp
 * reductions run across independent points, in the {@link VectorKernels} — SIMD or scalar, with the same bits. No
 * method allocates, except that the first call of a posterior or second-order method allocates its K × d × block
 * buffer once.
 *
 * <p>Batches are row-major {@code double[]}: point {@code i} occupies {@code z[i·d .. i·d + d)}. Every batch method
 * reads {@code z} and writes its own output array; the points {@code from ≤ i < to} are processed.
 *
 * <p>Formulas, per point {@code z} with {@code r_k} the responsibilities and {@code a_k = −C_k⁻¹(z − m_k)}:
 * <pre>
 *   log p_t(z)   = logsumexp_k (log w_k − ½ d log 2π − ½ log det C_k − ½ (z−m_k)ᵀ C_k⁻¹ (z−m_k))
 *   r_k(z)       = exp(log term_k − log p_t(z))                  (class posterior p_t(y = k | z))
 *   s(z)         = Σ_k r_k a_k                                  (score; a_k is the class-conditional score)
 *   ∇² log p_t   = Σ_k r_k ((a_k − s)(a_k − s)ᵀ − C_k⁻¹)          (variance form: no cancellation)
 *   ∇·s          = Σ_k r_k (‖a_k − s‖² − tr C_k⁻¹)
 *   E[x₀|z]      = Σ_k r_k (μ_k + G_k (z − m_k)),   G_k = α Σ_k C_k⁻¹   (by conditioning, not via the score)
 *   Cov[x₀|z]    = Σ_k r_k (P_k + (x̂₀_k − x̂₀)(x̂₀_k − x̂₀)ᵀ),   P_k = Σ_k − α² Σ_k C_k⁻¹ Σ_k = σ² Σ_k C_k⁻¹
 *   ε̂ = −σ s,   v̂ = α ε̂ − σ x̂₀,   PF-ODE velocity u = f z − ½ g² s,   flow velocity α̇ x̂₀ + σ̇ ε̂
 * </pre>
 * {@code Σ_k} and {@code C_k} commute, so {@code Σ_k C_k⁻¹} is symmetric; {@code P_k = σ² Σ_k C_k⁻¹} avoids the
 * cancellation of {@code Σ_k − α² Σ_k C_k⁻¹ Σ_k} as {@code σ → 0}. The responsibilities use log-sum-exp and no raw
 * densities, so points far from every mode (many standard deviations) give finite, exact results.
 *
 * <p>A point with a NaN or infinite coordinate raises an {@link IllegalArgumentException} naming the point. Not
 * thread-safe: use one instance per thread ({@link GaussianMixture#marginal()}).
 */
public final class MixtureMarginal {

    private static final double LOG_TWO_PI = Math.log(2.0 * Math.PI);
    /** SIMD or scalar (bit-identical); a constant, so the JIT inlines the kernels. */
    private static final VectorKernels KERNELS = VectorKernels.get();
    /** Points per block in the batch kernels. */
    static final int BLOCK = KERNELS.blockWidth();

    private final GaussianMixture mixture;
    private final int components;
    private final int dimension;
    private final boolean full;

    private double alpha = Double.NaN;
    private double sigma = Double.NaN;
    private boolean hasDynamics;
    private double time = Double.NaN;
    private double alphaDot;
    private double drift;
    private double diffusionSquared;
    /** σ σ̇ = ½ dσ²/dt, finite even where σ̇ is not (σ = 0 on VP). */
    private double sigmaSigmaDot;

    /** m_k = α μ_k, K × d. */
    private final double[] componentMean;
    /** log w_k − ½ d log 2π − ½ log det C_k, K. */
    private final double[] logNormalizer;
    /** Diagonal kinds: 1/c_kj with c_kj = α² Σ_kj + σ², K × d. Full: 1/L_k,ii, K × d. */
    private final double[] inverseDiagonal;
    /** Full: lower Cholesky factor L_k of C_k and its transpose, K × d × d each. */
    private final double[] cholesky;
    private final double[] choleskyTransposed;
    /** Gain G_k = α Σ_k C_k⁻¹ and posterior covariance P_k = σ² Σ_k C_k⁻¹; K × d (diagonal) or K × d × d (full). */
    private final double[] gain;
    private final double[] posteriorCovariance;
    /** Full only: C_k⁻¹, K × d × d. Diagonal kinds read inverseDiagonal. */
    private final double[] precision;
    /** tr C_k⁻¹, K. */
    private final double[] precisionTrace;
    private boolean conditioningReady;
    private boolean precisionReady;

    /**
     * Block scratch. Points are processed in blocks of {@link #BLOCK}, stored transposed ({@code [coordinate][point]})
     * so that the innermost loops run across independent points: the triangular solves and reductions then have
     * {@code width} independent accumulators instead of one serial chain per point.
     */
    private final double[] zBlock;
    /** Log terms, then responsibilities: [component][point]. */
    private final double[] logTerm;
    private final double[] logDensityBlock;
    private final double[] quadratic;
    private final double[] blockSum;
    /** Per point of the block: the largest log term m and Σ_k e^{log term_k − m}, from the softmax kernel. */
    private final double[] blockMax;
    /** Full only: whitened residuals y_k = L_k⁻¹(z − m_k): [component][coordinate][point]. */
    private final double[] whitenedBlock;
    private final double[] work;
    private final double[] scoreBlock;
    private final double[] posteriorMeanBlock;
    /** All component scores a_k, and all component posterior means: [component][coordinate][point]; on first use. */
    private double[] componentScoreBlock;
    private double[] componentPosteriorMeanBlock;
    private final double[] vector;
    /**
     * The block width of the current batch call: {@link #BLOCK} (the kernels' {@link VectorKernels#blockWidth()}),
     * or less for small batches — the smallest multiple of eight that holds them — so that scoring one point does
     * not cost a full SIMD block. The width changes the speed, never the bits.
     */
    private int width = BLOCK;
    /** One sum per point from {@link VectorKernels#rowTimesBlock}. */
    private final double[] lane = new double[BLOCK];

    private final CholeskyDecompositionInner_DDRM chol;
    private final DMatrixRMaj covarianceWork;
    private final DMatrixRMaj lower;

    MixtureMarginal(GaussianMixture mixture) {
        this.mixture = mixture;
        this.components = mixture.components();
        this.dimension = mixture.dimension();
        this.full = mixture.covarianceKind() == GaussianMixture.CovarianceKind.FULL;
        int kd = components * dimension;
        int matrices = full ? kd * dimension : kd;
        this.componentMean = new double[kd];
        this.logNormalizer = new double[components];
        this.inverseDiagonal = new double[kd];
        this.cholesky = full ? new double[kd * dimension] : null;
        this.choleskyTransposed = full ? new double[kd * dimension] : null;
        this.gain = new double[matrices];
        this.posteriorCovariance = new double[matrices];
        this.precision = full ? new double[kd * dimension] : null;
        this.precisionTrace = new double[components];
        this.zBlock = new double[dimension * BLOCK];
        this.logTerm = new double[components * BLOCK];
        this.logDensityBlock = new double[BLOCK];
        this.quadratic = new double[BLOCK];
        this.blockSum = new double[BLOCK];
        this.blockMax = new double[BLOCK];
        this.whitenedBlock = full ? new double[kd * BLOCK] : null;
        this.work = new double[dimension * BLOCK];
        this.scoreBlock = new double[dimension * BLOCK];
        this.posteriorMeanBlock = new double[dimension * BLOCK];
        this.vector = new double[dimension];
        this.chol = full ? new CholeskyDecompositionInner_DDRM(true) : null;
        this.covarianceWork = full ? new DMatrixRMaj(dimension, dimension) : null;
        this.lower = full ? new DMatrixRMaj(dimension, dimension) : null;
    }

    /** @return the mixture whose marginal this is */
    public GaussianMixture mixture() {
        return mixture;
    }

    /** @return the dimension d */
    public int dimension() {
        return dimension;
    }

    /** @return the number of components K */
    public int components() {
        return components;
    }

    /** @return the current α */
    public double alpha() {
        return alpha;
    }

    /** @return the current σ */
    public double sigma() {
        return sigma;
    }

    /** @return the current time, NaN if the marginal was set by {@link #setAlphaSigma} */
    public double time() {
        return time;
    }

    /**
     * Fixes the marginal at time {@code t} of {@code schedule}, including the coefficients {@code α̇, σ̇, f, g²}
     * that the velocities need. Cheap when the coefficients are unchanged.
     *
     * @param schedule the forward process
     * @param t        a time in the schedule's domain
     * @return this marginal
     * @throws IllegalArgumentException if {@code t} is outside the schedule's domain
     */
    public MixtureMarginal setTime(NoiseSchedule schedule, double t) {
        schedule.checkTime(t);
        setCoefficients(schedule.alpha(t), schedule.sigma(t));
        this.time = t;
        this.hasDynamics = true;
        this.alphaDot = schedule.alphaDot(t);
        this.drift = schedule.drift(t);
        this.diffusionSquared = schedule.diffusionSquared(t);
        double sigmaDot = schedule.sigmaDot(t);
        this.sigmaSigmaDot = Double.isFinite(sigmaDot)
                ? sigma * sigmaDot
                : 0.5 * diffusionSquared + drift * sigma * sigma;
        return this;
    }

    /**
     * Fixes the marginal at the coefficients {@code (α, σ)} without a continuous schedule (e.g. a discrete DDPM step
     * {@code (√ᾱ_k, √(1 − ᾱ_k))}). The velocities are unavailable until {@link #setTime} is called.
     *
     * @param alpha the signal coefficient, ≥ 0
     * @param sigma the noise coefficient, ≥ 0, not both zero
     * @return this marginal
     */
    public MixtureMarginal setAlphaSigma(double alpha, double sigma) {
        setCoefficients(alpha, sigma);
        this.time = Double.NaN;
        this.hasDynamics = false;
        return this;
    }

    private void setCoefficients(double newAlpha, double newSigma) {
        if (!(newAlpha >= 0) || !Double.isFinite(newAlpha) || !(newSigma >= 0) || !Double.isFinite(newSigma)
                || (newAlpha == 0 && newSigma == 0)) {
            throw new IllegalArgumentException("need finite α ≥ 0 and σ ≥ 0, not both zero; got α = " + newAlpha
                    + ", σ = " + newSigma);
        }
        if (newAlpha == alpha && newSigma == sigma) {
            return;
        }
        alpha = newAlpha;
        sigma = newSigma;
        conditioningReady = false;
        precisionReady = false;
        prepare();
    }

    private void prepare() {
        double[] means = mixture.meansFlat();
        double[] logWeights = mixture.logWeightsFlat();
        double a2 = alpha * alpha;
        double s2 = sigma * sigma;
        for (int i = 0; i < componentMean.length; i++) {
            componentMean[i] = alpha * means[i];
        }
        if (!full) {
            double[] variances = mixture.variancesFlat();
            for (int k = 0; k < components; k++) {
                double logDet = 0;
                double trace = 0;
                for (int j = 0; j < dimension; j++) {
                    int kj = k * dimension + j;
                    double c = a2 * variances[kj] + s2;
                    logDet += Math.log(c);
                    inverseDiagonal[kj] = 1.0 / c;
                    trace += 1.0 / c;
                }
                precisionTrace[k] = trace;
                logNormalizer[k] = logWeights[k] - 0.5 * (dimension * LOG_TWO_PI + logDet);
            }
            return;
        }
        double[] covariances = mixture.covariancesFlat();
        int dd = dimension * dimension;
        for (int k = 0; k < components; k++) {
            for (int i = 0; i < dd; i++) {
                covarianceWork.data[i] = a2 * covariances[k * dd + i];
            }
            for (int i = 0; i < dimension; i++) {
                covarianceWork.data[i * dimension + i] += s2;
            }
            if (!chol.decompose(covarianceWork)) {
                throw new ArithmeticException("C_k = α²Σ_k + σ²I is not numerically positive definite for component "
                        + k + " at α = " + alpha + ", σ = " + sigma);
            }
            chol.getT(lower);
            double logDet = 0;
            for (int i = 0; i < dimension; i++) {
                double pivot = lower.data[i * dimension + i];
                if (!(pivot > 0) || !Double.isFinite(pivot)) {
                    throw new ArithmeticException("Cholesky pivot " + i + " of C_k for component " + k + " is " + pivot
                            + " at α = " + alpha + ", σ = " + sigma);
                }
                logDet += 2.0 * Math.log(pivot);
                inverseDiagonal[k * dimension + i] = 1.0 / pivot;
            }
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < dimension; j++) {
                    double value = j <= i ? lower.data[i * dimension + j] : 0.0;
                    cholesky[k * dd + i * dimension + j] = value;
                    choleskyTransposed[k * dd + j * dimension + i] = value;
                }
            }
            logNormalizer[k] = logWeights[k] - 0.5 * (dimension * LOG_TWO_PI + logDet);
        }
    }

    /** Computes G_k = α Σ_k C_k⁻¹ and P_k = σ² Σ_k C_k⁻¹ (once per time). */
    private void ensureConditioning() {
        if (conditioningReady) {
            return;
        }
        if (!full) {
            double[] variances = mixture.variancesFlat();
            for (int i = 0; i < gain.length; i++) {
                double ratio = variances[i] * inverseDiagonal[i];
                gain[i] = alpha * ratio;
                posteriorCovariance[i] = sigma * sigma * ratio;
            }
        } else {
            double[] covariances = mixture.covariancesFlat();
            int dd = dimension * dimension;
            for (int k = 0; k < components; k++) {
                // Column c of X = C_k⁻¹ Σ_k: solve L y = Σ[:, c], then Lᵀ x = y.
                for (int c = 0; c < dimension; c++) {
                    for (int i = 0; i < dimension; i++) {
                        vector[i] = covariances[k * dd + i * dimension + c];
                    }
                    solveLower(k, vector);
                    solveUpper(k, vector);
                    for (int i = 0; i < dimension; i++) {
                        gain[k * dd + i * dimension + c] = vector[i];
                    }
                }
                symmetrise(gain, k * dd);
                for (int i = 0; i < dd; i++) {
                    double x = gain[k * dd + i];
                    gain[k * dd + i] = alpha * x;
                    posteriorCovariance[k * dd + i] = sigma * sigma * x;
                }
            }
        }
        conditioningReady = true;
    }

    /** Computes C_k⁻¹ (full covariances) from the Cholesky factor, and tr C_k⁻¹ (once per time). */
    private void ensurePrecision() {
        if (precisionReady || !full) {
            return;
        }
        int dd = dimension * dimension;
        for (int k = 0; k < components; k++) {
            double trace = 0;
            for (int c = 0; c < dimension; c++) {
                java.util.Arrays.fill(vector, 0.0);
                vector[c] = 1.0;
                solveLower(k, vector);
                solveUpper(k, vector);
                for (int i = 0; i < dimension; i++) {
                    precision[k * dd + i * dimension + c] = vector[i];
                }
                trace += vector[c];
            }
            symmetrise(precision, k * dd);
            precisionTrace[k] = trace;
        }
        precisionReady = true;
    }

    private void symmetrise(double[] matrices, int offset) {
        for (int i = 0; i < dimension; i++) {
            for (int j = i + 1; j < dimension; j++) {
                int ij = offset + i * dimension + j;
                int ji = offset + j * dimension + i;
                double mean = 0.5 * (matrices[ij] + matrices[ji]);
                matrices[ij] = mean;
                matrices[ji] = mean;
            }
        }
    }

    /** In place: b ← L_k⁻¹ b (forward substitution). */
    private void solveLower(int k, double[] b) {
        int base = k * dimension * dimension;
        int diag = k * dimension;
        for (int i = 0; i < dimension; i++) {
            double sum = b[i];
            int row = base + i * dimension;
            for (int j = 0; j < i; j++) {
                sum -= cholesky[row + j] * b[j];
            }
            b[i] = sum * inverseDiagonal[diag + i];
        }
    }

    /** In place: b ← L_k⁻ᵀ b (back substitution with the stored transpose, row access). */
    private void solveUpper(int k, double[] b) {
        int base = k * dimension * dimension;
        int diag = k * dimension;
        for (int i = dimension - 1; i >= 0; i--) {
            double sum = b[i];
            int row = base + i * dimension;
            for (int j = i + 1; j < dimension; j++) {
                sum -= choleskyTransposed[row + j] * b[j];
            }
            b[i] = sum * inverseDiagonal[diag + i];
        }
    }

    private void checkReady() {
        if (Double.isNaN(alpha)) {
            throw new IllegalStateException("set the time with setTime or setAlphaSigma before evaluating");
        }
    }

    private void checkBatch(double[] z, int from, int to, double[] out, int outWidth) {
        checkReady();
        width = Math.min(BLOCK, Math.max(8, (to - from + 7) / 8 * 8));
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("need 0 ≤ from < to, got from = " + from + ", to = " + to
                    + " (zero points)");
        }
        if (z.length < to * dimension) {
            throw new IllegalArgumentException("points array has length " + z.length + ", but " + to
                    + " points of dimension " + dimension + " need " + (long) to * dimension);
        }
        if (out.length < (long) to * outWidth) {
            throw new IllegalArgumentException("output array has length " + out.length + ", but " + to
                    + " rows of width " + outWidth + " need " + (long) to * outWidth);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Block kernels. Index formulas: zBlock[j·B + p], logTerm[k·B + p], whitenedBlock[(k·d + i)·B + p].
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Below this dimension blocks are transposed coordinate by coordinate (long inner loops over points, which C2
     * unrolls; a 2-long inner loop it does not), from it on point by point (each point's row is read in order, which
     * the hardware prefetcher follows; 32 strided streams it does not: 15% slower at d = 64).
     */
    private static final int POINT_MAJOR_FROM = 8;

    /** Copies points start … start+count−1 into zBlock, transposed, and fills the lanes past count with the last. */
    private void loadBlock(double[] z, int start, int count) {
        if (dimension < POINT_MAJOR_FROM) {
            for (int j = 0; j < dimension; j++) {
                int from = start * dimension + j;
                for (int p = 0; p < count; p++) {
                    zBlock[j * width + p] = z[from + p * dimension];
                }
            }
        } else {
            for (int p = 0; p < count; p++) {
                int row = (start + p) * dimension;
                for (int j = 0; j < dimension; j++) {
                    zBlock[j * width + p] = z[row + j];
                }
            }
        }
        for (int j = 0; j < dimension; j++) {
            java.util.Arrays.fill(zBlock, j * width + count, (j + 1) * width, zBlock[j * width + count - 1]);
        }
    }

    /** Copies a transposed block [coordinate][point] into rows start … start+count−1 of out (width d). */
    private void storeBlock(double[] block, double[] out, int start, int count) {
        if (dimension < POINT_MAJOR_FROM) {
            for (int j = 0; j < dimension; j++) {
                int to = start * dimension + j;
                for (int p = 0; p < count; p++) {
                    out[to + p * dimension] = block[j * width + p];
                }
            }
        } else {
            for (int p = 0; p < count; p++) {
                int row = (start + p) * dimension;
                for (int j = 0; j < dimension; j++) {
                    out[row + j] = block[j * width + p];
                }
            }
        }
    }

    /**
     * Loads a block and computes its responsibilities: logTerm[k·B + p] ← r_k(z_p), blockMax and blockSum (the
     * log-sum-exp parts; see {@link #computeLogDensities}), and for full covariances whitenedBlock ← L_k⁻¹(z_p − m_k).
     * A point whose largest log term is not finite has no finite density: it raises the bad-point exception.
     */
    private void responsibilitiesBlock(double[] z, int start, int count) {
        responsibilitiesBlock(z, start, count, null);
    }

    /** {@link #responsibilitiesBlock}, then scoreBlock ← Σ_k r_k a_k (one fused kernel for diagonal covariances). */
    private void responsibilitiesAndScoreBlock(double[] z, int start, int count) {
        if (full) {
            responsibilitiesBlock(z, start, count, null);
            fullScoreBlock();
        } else {
            responsibilitiesBlock(z, start, count, scoreBlock);
        }
    }

    /** {@link #responsibilitiesBlock}; for diagonal kinds, a non-null diagonalScore also receives the block's score. */
    private void responsibilitiesBlock(double[] z, int start, int count, double[] diagonalScore) {
        loadBlock(z, start, count);
        if (full) {
            for (int k = 0; k < components; k++) {
                int km = k * dimension;
                // Forward substitution: y_i = (z_i − m_ki − Σ_{j<i} L_ij y_j) / L_ii, for the block's points at once.
                java.util.Arrays.fill(quadratic, 0.0);
                int base = km * dimension;
                int yk = km * width;
                for (int i = 0; i < dimension; i++) {
                    KERNELS.rowTimesBlock(cholesky, base + i * dimension, i, whitenedBlock, yk, width, lane);
                    int yi = yk + i * width;
                    double mean = componentMean[km + i];
                    double inverse = inverseDiagonal[km + i];
                    for (int p = 0; p < width; p++) {
                        double y = (zBlock[i * width + p] - mean - lane[p]) * inverse;
                        whitenedBlock[yi + p] = y;
                        quadratic[p] = Math.fma(y, y, quadratic[p]);
                    }
                }
                double normalizer = logNormalizer[k];
                for (int p = 0; p < width; p++) {
                    logTerm[k * width + p] = normalizer - 0.5 * quadratic[p];
                }
            }
            KERNELS.softmax(logTerm, components, width, blockMax, blockSum);
        } else {
            KERNELS.diagonalMixture(zBlock, width, dimension, components, componentMean, inverseDiagonal,
                    logNormalizer, logTerm, blockMax, blockSum, diagonalScore);
        }
        for (int p = 0; p < count; p++) {
            double max = blockMax[p];
            if (!(max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY)) {
                throw nonFinitePoint(z, start + p);
            }
        }
    }

    /**
     * logDensityBlock[p] ← log p_t(z_p) = m + log S (1 ≤ S ≤ K), after responsibilitiesBlock; only the methods that
     * return log-densities pay for the logarithm.
     */
    private void computeLogDensities(int count) {
        for (int p = 0; p < count; p++) {
            logDensityBlock[p] = blockMax[p] + Math.log(blockSum[p]);
        }
    }

    private IllegalArgumentException nonFinitePoint(double[] z, int point) {
        StringBuilder coordinates = new StringBuilder();
        for (int j = 0; j < dimension; j++) {
            coordinates.append(j == 0 ? "" : ", ").append(z[point * dimension + j]);
        }
        return new IllegalArgumentException("point " + point + " = (" + coordinates
                + ") has a NaN or infinite coordinate (or one so large that its log-density overflows)");
    }

    /** Writes a_k = −C_k⁻¹(z_p − m_k) for the block into target[offset + i·B + p]; needs responsibilitiesBlock. */
    private void componentScoreBlock(int k, double[] target, int offset) {
        int km = k * dimension;
        if (full) {
            // Back substitution: a_i = (−y_i − Σ_{j>i} L_ji a_j) / L_ii, with row i of Lᵀ holding L_ji for j > i.
            int base = km * dimension;
            for (int i = dimension - 1; i >= 0; i--) {
                int row = base + i * dimension + i + 1;
                KERNELS.rowTimesBlock(choleskyTransposed, row, dimension - i - 1, target, offset + (i + 1) * width,
                        width, lane);
                int ai = offset + i * width;
                int yi = (km + i) * width;
                double inverse = inverseDiagonal[km + i];
                for (int p = 0; p < width; p++) {
                    target[ai + p] = (-whitenedBlock[yi + p] - lane[p]) * inverse;
                }
            }
        } else {
            for (int j = 0; j < dimension; j++) {
                double mean = componentMean[km + j];
                double inverse = inverseDiagonal[km + j];
                for (int p = 0; p < width; p++) {
                    target[offset + j * width + p] = (mean - zBlock[j * width + p]) * inverse;
                }
            }
        }
    }

    /** scoreBlock ← Σ_k r_k a_k for full covariances; needs responsibilitiesBlock. */
    private void fullScoreBlock() {
        java.util.Arrays.fill(scoreBlock, 0.0);
        for (int k = 0; k < components; k++) {
            componentScoreBlock(k, work, 0);
            addWeighted(k, work, 0, scoreBlock);
        }
    }

    /** componentScoreBlock ← every a_k, and scoreBlock ← Σ_k r_k a_k; needs responsibilitiesBlock. */
    private void allComponentScoresBlock(int count) {
        if (componentScoreBlock == null) {
            componentScoreBlock = new double[components * dimension * BLOCK];
        }
        java.util.Arrays.fill(scoreBlock, 0.0);
        for (int k = 0; k < components; k++) {
            componentScoreBlock(k, componentScoreBlock, k * dimension * width);
            addWeighted(k, componentScoreBlock, k * dimension * width, scoreBlock);
        }
    }

    /** target[i·B + p] += r_k(z_p) · source[offset + i·B + p] (fused). */
    private void addWeighted(int k, double[] source, int offset, double[] target) {
        KERNELS.addWeightedBlock(logTerm, k * width, source, offset, dimension, width, target);
    }

    /**
     * posteriorMeanBlock ← Σ_k r_k (μ_k + G_k (z_p − m_k)), in one kernel for diagonal covariances; needs
     * responsibilitiesBlock and ensureConditioning.
     */
    private void posteriorMeanBlock() {
        if (full) {
            componentPosteriorMeansBlock();
        } else {
            KERNELS.diagonalPosteriorMean(zBlock, width, dimension, components, componentMean, mixture.meansFlat(),
                    gain, logTerm, posteriorMeanBlock);
        }
    }

    /**
     * componentPosteriorMeanBlock ← μ_k + G_k (z_p − m_k) for every k, and posteriorMeanBlock ← Σ_k r_k (that);
     * needs responsibilitiesBlock and ensureConditioning.
     */
    private void componentPosteriorMeansBlock() {
        if (componentPosteriorMeanBlock == null) {
            componentPosteriorMeanBlock = new double[components * dimension * BLOCK];
        }
        double[] means = mixture.meansFlat();
        java.util.Arrays.fill(posteriorMeanBlock, 0.0);
        for (int k = 0; k < components; k++) {
            int km = k * dimension;
            int target = km * width;
            for (int j = 0; j < dimension; j++) {
                double mean = componentMean[km + j];
                for (int p = 0; p < width; p++) {
                    work[j * width + p] = zBlock[j * width + p] - mean;
                }
            }
            if (full) {
                // x̂₀_k,i = μ_k,i + Σ_j G_k,ij (z_j − m_k,j)
                int base = km * dimension;
                for (int i = 0; i < dimension; i++) {
                    KERNELS.rowTimesBlock(gain, base + i * dimension, dimension, work, 0, width, lane);
                    int xi = target + i * width;
                    double mean = means[km + i];
                    for (int p = 0; p < width; p++) {
                        componentPosteriorMeanBlock[xi + p] = mean + lane[p];
                    }
                }
            } else {
                for (int j = 0; j < dimension; j++) {
                    double mean = means[km + j];
                    double g = gain[km + j];
                    for (int p = 0; p < width; p++) {
                        componentPosteriorMeanBlock[target + j * width + p] = mean + g * work[j * width + p];
                    }
                }
            }
            addWeighted(k, componentPosteriorMeanBlock, target, posteriorMeanBlock);
        }
    }

    /**
     * The second moment of a mixture of per-component vectors, for each point of a block:
     * <pre>
     *   out_p = Σ_k r_k ((v_k − v̄)(v_k − v̄)ᵀ + M_k),   M_k = −C_k⁻¹ (Hessian) or P_k (posterior covariance)
     * </pre>
     * in the variance form, which does not cancel for separated modes.
     *
     * @param componentBlock v_k for every component, [component][coordinate][point]
     * @param meanBlock      v̄ = Σ_k r_k v_k, [coordinate][point]
     * @param hessian        true for M_k = −C_k⁻¹, false for M_k = P_k
     * @param out            d × d matrices at offset (start + p)·d²
     */
    private void accumulateSpread(int start, int count, double[] componentBlock, double[] meanBlock, boolean hessian,
                                  double[] out) {
        int dd = dimension * dimension;
        for (int p = 0; p < count; p++) {
            int o = (start + p) * dd;
            java.util.Arrays.fill(out, o, o + dd, 0.0);
            for (int k = 0; k < components; k++) {
                double r = logTerm[k * width + p];
                if (r == 0.0) {
                    continue;
                }
                int vk = k * dimension * width;
                for (int a = 0; a < dimension; a++) {
                    vector[a] = componentBlock[vk + a * width + p] - meanBlock[a * width + p];
                }
                for (int a = 0; a < dimension; a++) {
                    for (int b = 0; b < dimension; b++) {
                        out[o + a * dimension + b] += r * (vector[a] * vector[b] + withinComponent(k, a, b, hessian));
                    }
                }
            }
        }
    }

    /** Entry (a, b) of −C_k⁻¹ (hessian) or of P_k. */
    private double withinComponent(int k, int a, int b, boolean hessian) {
        if (full) {
            int ab = (k * dimension + a) * dimension + b;
            return hessian ? -precision[ab] : posteriorCovariance[ab];
        }
        if (a != b) {
            return 0.0;
        }
        return hessian ? -inverseDiagonal[k * dimension + a] : posteriorCovariance[k * dimension + a];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Public batch methods.
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * @param z   points, row-major. Not modified.
     * @param n   number of points, from the start of the arrays
     * @param out receives log p_t(z_i), length ≥ n. Modified.
     */
    public void logDensity(double[] z, int n, double[] out) {
        logDensity(z, 0, n, out);
    }

    /**
     * @param z    points, row-major. Not modified.
     * @param from first point
     * @param to   one past the last point
     * @param out  receives log p_t(z_i) at index i. Modified.
     */
    public void logDensity(double[] z, int from, int to, double[] out) {
        checkBatch(z, from, to, out, 1);
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesBlock(z, start, count);
            computeLogDensities(count);
            System.arraycopy(logDensityBlock, 0, out, start, count);
        }
    }

    /**
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives the responsibilities r_k(z_i) = p_t(y = k | z_i), row-major n × K. Modified.
     */
    public void responsibilities(double[] z, int n, double[] out) {
        responsibilities(z, 0, n, out);
    }

    /**
     * Range form of {@link #responsibilities(double[], int, double[])}.
     *
     * @param z points, row-major. Not modified.
     * @param from first point
     * @param to one past the last point
     * @param out receives the result. Modified.
     */
    public void responsibilities(double[] z, int from, int to, double[] out) {
        checkBatch(z, from, to, out, components);
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesBlock(z, start, count);
            for (int p = 0; p < count; p++) {
                for (int k = 0; k < components; k++) {
                    out[(start + p) * components + k] = logTerm[k * width + p];
                }
            }
        }
    }

    /**
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives the score ∇ log p_t(z_i), row-major n × d. Modified.
     */
    public void score(double[] z, int n, double[] out) {
        score(z, 0, n, out);
    }

    /**
     * Range form of {@link #score(double[], int, double[])}.
     *
     * @param z points, row-major. Not modified.
     * @param from first point
     * @param to one past the last point
     * @param out receives the result. Modified.
     */
    public void score(double[] z, int from, int to, double[] out) {
        checkBatch(z, from, to, out, dimension);
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesAndScoreBlock(z, start, count);
            storeBlock(scoreBlock, out, start, count);
        }
    }

    /**
     * Score and log-density in one pass.
     *
     * @param z          points, row-major. Not modified.
     * @param from       first point
     * @param to         one past the last point
     * @param score      receives ∇ log p_t(z_i), row-major. Modified.
     * @param logDensity receives log p_t(z_i). Modified.
     */
    public void scoreAndLogDensity(double[] z, int from, int to, double[] score, double[] logDensity) {
        checkBatch(z, from, to, score, dimension);
        checkBatch(z, from, to, logDensity, 1);
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesAndScoreBlock(z, start, count);
            computeLogDensities(count);
            System.arraycopy(logDensityBlock, 0, logDensity, start, count);
            storeBlock(scoreBlock, score, start, count);
        }
    }

    /**
     * The class-conditional score {@code ∇ log p_t(z | y = k) = a_k = −C_k⁻¹(z − m_k)}.
     *
     * @param component the class k
     * @param z         points, row-major. Not modified.
     * @param n         number of points
     * @param out       receives a_k(z_i), row-major n × d. Modified.
     */
    public void componentScore(int component, double[] z, int n, double[] out) {
        componentScore(component, z, 0, n, out);
    }

    /**
     * Range form of {@link #componentScore(int, double[], int, double[])}.
     *
     * @param component the class k
     * @param z         points, row-major. Not modified.
     * @param from      first point
     * @param to        one past the last point
     * @param out       receives a_k(z_i) in rows from … to−1. Modified.
     */
    public void componentScore(int component, double[] z, int from, int to, double[] out) {
        if (component < 0 || component >= components) {
            throw new IllegalArgumentException("component " + component + " is outside [0, " + components + ")");
        }
        checkBatch(z, from, to, out, dimension);
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesBlock(z, start, count);
            componentScoreBlock(component, work, 0);
            storeBlock(work, out, start, count);
        }
    }

    /**
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives the Hessian ∇² log p_t(z_i), row-major n × d × d. Modified.
     */
    public void hessian(double[] z, int n, double[] out) {
        hessian(z, 0, n, out);
    }

    /**
     * Range form of {@link #hessian(double[], int, double[])}: point i's matrix at offset i·d².
     *
     * @param z points, row-major. Not modified.
     * @param from first point
     * @param to one past the last point
     * @param out receives the result. Modified.
     */
    public void hessian(double[] z, int from, int to, double[] out) {
        checkBatch(z, from, to, out, dimension * dimension);
        ensurePrecision();
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesBlock(z, start, count);
            allComponentScoresBlock(count);
            accumulateSpread(start, count, componentScoreBlock, scoreBlock, true, out);
        }
    }

    /**
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives the divergence of the score, tr ∇² log p_t(z_i), length ≥ n. Modified.
     */
    public void divergence(double[] z, int n, double[] out) {
        divergence(z, 0, n, out);
    }

    /**
     * Range form of {@link #divergence(double[], int, double[])}.
     *
     * @param z points, row-major. Not modified.
     * @param from first point
     * @param to one past the last point
     * @param out receives the result. Modified.
     */
    public void divergence(double[] z, int from, int to, double[] out) {
        checkBatch(z, from, to, out, 1);
        ensurePrecision();
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesBlock(z, start, count);
            allComponentScoresBlock(count);
            java.util.Arrays.fill(quadratic, 0, count, 0.0);
            for (int k = 0; k < components; k++) {
                int ak = k * dimension * width;
                java.util.Arrays.fill(blockSum, 0, count, -precisionTrace[k]);
                for (int a = 0; a < dimension; a++) {
                    for (int p = 0; p < count; p++) {
                        double diff = componentScoreBlock[ak + a * width + p] - scoreBlock[a * width + p];
                        blockSum[p] += diff * diff;
                    }
                }
                for (int p = 0; p < count; p++) {
                    quadratic[p] += logTerm[k * width + p] * blockSum[p];
                }
            }
            System.arraycopy(quadratic, 0, out, start, count);
        }
    }

    /**
     * The posterior mean {@code x̂₀ = E[x₀ | z_t = z]}, computed by conditioning each component and mixing with the
     * responsibilities — independently of the score, so that Tweedie's formula is a genuine check.
     *
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives x̂₀(z_i), row-major n × d. Modified.
     */
    public void posteriorMean(double[] z, int n, double[] out) {
        posteriorMean(z, 0, n, out);
    }

    /**
     * Range form of {@link #posteriorMean(double[], int, double[])}.
     *
     * @param z points, row-major. Not modified.
     * @param from first point
     * @param to one past the last point
     * @param out receives the result. Modified.
     */
    public void posteriorMean(double[] z, int from, int to, double[] out) {
        checkBatch(z, from, to, out, dimension);
        ensureConditioning();
        for (int start = from; start < to; start += width) {
            int count = Math.min(width, to - start);
            responsibilitiesBlock(z, start, count);
            posteriorMeanBlock();
            storeBlock(posteriorMeanBlock, out, start, count);
        }
    }

    /**
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives Cov[x₀ | z_t = z_i], row-major n × d × d. Modified.
     */
    public void posteriorCovariance(double[] z, int n, double[] out) {
        checkBatch(z, 0, n, out, dimension * dimension);
        ensureConditioning();
        for (int start = 0; start < n; start += width) {
            int count = Math.min(width, n - start);
            responsibilitiesBlock(z, start, count);
            componentPosteriorMeansBlock();
            accumulateSpread(start, count, componentPosteriorMeanBlock, posteriorMeanBlock, false, out);
        }
    }

    /**
     * The noise prediction {@code ε̂ = E[ε | z_t = z] = −σ s(z)}.
     *
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives ε̂(z_i), row-major n × d. Modified.
     */
    public void noisePrediction(double[] z, int n, double[] out) {
        score(z, n, out);
        for (int i = 0; i < n * dimension; i++) {
            out[i] *= -sigma;
        }
    }

    /**
     * The VP v-prediction {@code v̂ = α ε̂ − σ x̂₀ = −ασ s − σ x̂₀} (Salimans and Ho 2022).
     *
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives v̂(z_i), row-major n × d. Modified.
     */
    public void vPrediction(double[] z, int n, double[] out) {
        combineScoreAndPosteriorMean(z, n, out, -alpha * sigma, -sigma);
    }

    /**
     * The probability-flow ODE velocity {@code u_t(z) = f z − ½ g² s(z)} (Song et al. 2021, eq. 13). Where {@code f}
     * or {@code g²} is infinite (the linear interpolant at {@code t = 1}) the finite limit is taken from the
     * equivalent form {@code α̇ x̂₀ + σ̇ ε̂}.
     *
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives u_t(z_i), row-major n × d. Modified.
     */
    public void velocity(double[] z, int n, double[] out) {
        requireDynamics();
        if (!Double.isFinite(drift) || !Double.isFinite(diffusionSquared)) {
            flowVelocity(z, n, out);
            return;
        }
        score(z, n, out);
        for (int i = 0; i < n * dimension; i++) {
            out[i] = drift * z[i] - 0.5 * diffusionSquared * out[i];
        }
    }

    /**
     * The flow-matching velocity {@code α̇ x̂₀ + σ̇ ε̂ = α̇ x̂₀ − σσ̇ s} (docs/THEORY.md §3), with x̂₀ by conditioning. Equal to
     * {@link #velocity} pointwise (claim T5).
     *
     * @param z   points, row-major. Not modified.
     * @param n   number of points
     * @param out receives the velocity at z_i, row-major n × d. Modified.
     */
    public void flowVelocity(double[] z, int n, double[] out) {
        requireDynamics();
        combineScoreAndPosteriorMean(z, n, out, -sigmaSigmaDot, alphaDot);
    }

    /** out ← scoreCoefficient · s + meanCoefficient · x̂₀. */
    private void combineScoreAndPosteriorMean(double[] z, int n, double[] out, double scoreCoefficient,
                                              double meanCoefficient) {
        checkBatch(z, 0, n, out, dimension);
        ensureConditioning();
        for (int start = 0; start < n; start += width) {
            int count = Math.min(width, n - start);
            responsibilitiesAndScoreBlock(z, start, count);
            posteriorMeanBlock();
            for (int i = 0; i < dimension * width; i++) {
                work[i] = scoreCoefficient * scoreBlock[i] + meanCoefficient * posteriorMeanBlock[i];
            }
            storeBlock(work, out, start, count);
        }
    }

    /**
     * The exact mean of {@code p_t}: {@code Σ_k w_k m_k}.
     *
     * @param out receives the mean, length ≥ d. Modified.
     */
    public void mean(double[] out) {
        checkReady();
        java.util.Arrays.fill(out, 0, dimension, 0.0);
        for (int k = 0; k < components; k++) {
            double w = mixture.weight(k);
            for (int j = 0; j < dimension; j++) {
                out[j] += w * componentMean[k * dimension + j];
            }
        }
    }

    /**
     * The exact covariance of {@code p_t}: {@code Σ_k w_k (C_k + (m_k − m)(m_k − m)ᵀ)} with {@code m} the mean.
     *
     * @param out receives the covariance, row-major d × d. Modified.
     */
    public void covariance(double[] out) {
        mean(vector);
        java.util.Arrays.fill(out, 0, dimension * dimension, 0.0);
        double a2 = alpha * alpha;
        double s2 = sigma * sigma;
        for (int k = 0; k < components; k++) {
            double w = mixture.weight(k);
            for (int a = 0; a < dimension; a++) {
                double da = componentMean[k * dimension + a] - vector[a];
                for (int b = 0; b < dimension; b++) {
                    double db = componentMean[k * dimension + b] - vector[b];
                    double c = a2 * mixture.covariance(k, a, b) + (a == b ? s2 : 0.0);
                    out[a * dimension + b] += w * (c + da * db);
                }
            }
        }
    }

    private void requireDynamics() {
        checkReady();
        if (!hasDynamics) {
            throw new IllegalStateException("velocities need a continuous schedule: call setTime(schedule, t)");
        }
    }
}
