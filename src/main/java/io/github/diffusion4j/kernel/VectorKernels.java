package io.github.diffusion4j.kernel;

/**
 * The hot loops of diffusion4j — mixture log-densities and scores, MLP layers, solver updates, the exponential — as
 * kernels with two implementations: a SIMD one on the Java Vector API ({@code jdk.incubator.vector}), used when that
 * module is in the boot layer ({@code --add-modules jdk.incubator.vector}), and its scalar twin otherwise (the pattern
 * of Lucene's {@code VectorizationProvider}). {@link #get()} picks one once per JVM and logs one line when it falls
 * back to the scalar twin.
 *
 * <p><b>Both implementations return the same bits.</b> Every kernel is specified below as a sequence of IEEE
 * operations per output element — additions, multiplications, divisions, {@link Math#fma fused multiply–adds} and
 * {@link Exp#exp} in a stated order — and the SIMD lanes run exactly that sequence, with no reassociation across lanes
 * (sums run across rows, one lane per independent output). Results therefore do not depend on whether the module is
 * present, on the vector width of the machine, or on how a batch is split; {@code VectorKernelsParityTest} checks
 * this bit for bit on sizes around every lane boundary.
 *
 * <p><b>Blocks.</b> Several kernels work on a <i>transposed block</i>: {@code width} independent points stored by
 * row, element {@code (row r, lane p)} at {@code block[base + r·width + p]}. Lanes are points; rows are coordinates,
 * components, or matrix rows.
 */
public interface VectorKernels {

    /** @return the kernels chosen for this JVM: SIMD when the Vector API module is present, else the scalar twin */
    static VectorKernels get() {
        return KernelProvider.INSTANCE;
    }

    /** @return the scalar twin, whatever this JVM supports (for parity tests and comparisons) */
    static VectorKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** @return a short description, e.g. {@code "scalar"} or {@code "panama (8 × double)"} */
    String name();

    /**
     * The block width at which the block kernels run fastest: wide enough for several independent vectors per row, so
     * that the sequential sums of {@link #rowTimesBlock} overlap in the pipeline. Any
     * width gives the same bits; this one only sets the speed.
     *
     * @return 8 for the scalar twin, four vectors' worth of lanes for the SIMD kernels
     */
    int blockWidth();

    /**
     * {@code out[outFrom + i] = Exp.exp(x[from + i])} for {@code i < n}.
     *
     * @param x       arguments. Not modified.
     * @param from    first argument
     * @param out     receives the exponentials; may be {@code x}. Modified.
     * @param outFrom first result
     * @param n       count
     */
    void exp(double[] x, int from, double[] out, int outFrom, int n);

    /**
     * The diagonal-covariance Gaussian mixture on a transposed block of points, in one kernel call that writes
     * nothing larger than the block's own K rows of log terms. For each lane p, with {@code z_r = block[r·w + p]}:
     * <ol>
     *   <li>log terms {@code v_k = logNormalizer[k] − 0.5·q_k}, where {@code q_k} is accumulated from 0 in increasing
     *       r by {@code q ← fma(δ·δ, inverse[k·d + r], q)} with {@code δ = z_r − mean[k·d + r]};</li>
     *   <li>{@link #softmax} on them: {@code values[k·w + p] ← r_k}, {@code max[p] ← m}, {@code sum[p] ← S};</li>
     *   <li>if {@code score} is not null, {@code score[r·w + p] = Σ_k r_k a_kr} with
     *       {@code a_kr = (mean[k·d + r] − z_r) · inverse[k·d + r]}, accumulated from +0 in increasing k by
     *       {@code s ← fma(r_k, a_kr, s)}.</li>
     * </ol>
     * With {@code inverse} the reciprocal variances of {@code N(mean_k, diag(1/inverse_k))} and
     * {@code logNormalizer[k] = log w_k − ½ log det(2π C_k)}, these are the responsibilities, the log-sum-exp
     * {@code m + log S} of the log-density, and the score {@code Σ_k r_k C_k⁻¹(m_k − z)} of the mixture.
     *
     * @param block         transposed block of points, base 0. Not modified.
     * @param width         lanes w
     * @param dimension     coordinates d (rows of the block)
     * @param components    components K
     * @param mean          component means, K × d. Not modified.
     * @param inverse       reciprocal variances, K × d. Not modified.
     * @param logNormalizer log weights plus normalising constants, K. Not modified.
     * @param values        receives the responsibilities as a transposed block of K rows. Modified.
     * @param max           receives w maxima m. Modified.
     * @param sum           receives w sums S. Modified.
     * @param score         receives the scores as a transposed block of d rows, or null to skip them. Modified.
     */
    void diagonalMixture(double[] block, int width, int dimension, int components, double[] mean, double[] inverse,
                         double[] logNormalizer, double[] values, double[] max, double[] sum, double[] score);

    /**
     * The posterior mean of a diagonal-covariance Gaussian mixture on a transposed block, given its responsibilities
     * (from {@link #diagonalMixture}): {@code out[r·w + p] = Σ_k r_k (prior[k·d + r] + gain[k·d + r] · δ_kr)} with
     * {@code δ_kr = z_r − mean[k·d + r]}, each term rounded as written ({@code gain·δ}, then the sum) and accumulated
     * from +0 in increasing k by {@code s ← fma(r_k, term, s)}. With {@code mean} the marginal means {@code α μ_k},
     * {@code prior} the data means {@code μ_k} and {@code gain} the per-coordinate gains {@code α Σ_k C_k⁻¹}, this is
     * E[x₀ | z_t = z] mixed over the components' conditional means.
     *
     * @param block            transposed block of points, base 0. Not modified.
     * @param width            lanes w
     * @param dimension        coordinates d
     * @param components       components K
     * @param mean             component means of the marginal, K × d. Not modified.
     * @param prior            component means of the data, K × d. Not modified.
     * @param gain             gains, K × d. Not modified.
     * @param responsibilities responsibilities as a transposed block of K rows. Not modified.
     * @param out              receives the posterior means as a transposed block of d rows. Modified.
     */
    void diagonalPosteriorMean(double[] block, int width, int dimension, int components, double[] mean,
                               double[] prior, double[] gain, double[] responsibilities, double[] out);

    /**
     * Normalises each lane's log-weights in place: for each lane p, with {@code m = max_k v_k} ({@link Math#max},
     * increasing k), {@code e_k = Exp.exp(v_k − m)} and {@code S = Σ_k e_k} (increasing k), sets
     * {@code v_k ← e_k · (1/S)} and returns m and S, so that the log-sum-exp is {@code m + log S} (1 ≤ S ≤ K when m is
     * finite) — computed by the caller only where it is needed.
     *
     * @param values     log-weights {@code v_k} as a transposed block of {@code components} rows, base 0; replaced by
     *                   the normalised weights. Modified.
     * @param components rows K
     * @param width      lanes w
     * @param max        receives w maxima m. Modified.
     * @param sum        receives w sums S. Modified.
     */
    void softmax(double[] values, int components, int width, double[] max, double[] sum);

    /**
     * {@code target[r·w + p] ← fma(weight[weightOffset + p], source[sourceBase + r·w + p], target[r·w + p])} for
     * {@code r < rows}, {@code p < w}: adds a per-lane weighted block.
     *
     * @param weight       per-lane weights. Not modified.
     * @param weightOffset index of lane 0's weight
     * @param source       transposed block. Not modified.
     * @param sourceBase   index of its element (0, 0)
     * @param rows         rows
     * @param width        lanes w
     * @param target       transposed block, base 0. Modified.
     */
    void addWeightedBlock(double[] weight, int weightOffset, double[] source, int sourceBase, int rows, int width,
                          double[] target);

    /**
     * A matrix row times a transposed block: {@code out[p] = Σ_{j < length} matrix[row + j] · block[base + j·w + p]},
     * accumulated from 0 in increasing j by {@code a ← fma(matrix_j, block_jp, a)}.
     *
     * @param matrix the row's matrix. Not modified.
     * @param row    index of the row's first element
     * @param length elements of the row used
     * @param block  transposed block. Not modified.
     * @param base   index of block element (0, 0)
     * @param width  lanes w
     * @param out    receives w sums. Modified.
     */
    void rowTimesBlock(double[] matrix, int row, int length, double[] block, int base, int width, double[] out);

    /**
     * Packs a dense layer's weights into the layout {@link #dense} reads, which belongs to the implementation: the
     * scalar twin stores them transposed ({@code in × out}), the SIMD kernels in panels of two vectors of outputs,
     * each panel's weights for one input contiguous, so that the panel streams through L1 in order. Either way the
     * packed array has {@code in · out} elements.
     *
     * @param weights row-major {@code out × in}: weight (o, k) at {@code weights[offset + o·in + k]}. Not modified.
     * @param offset  index of weight (0, 0)
     * @param in      input width
     * @param out     output width
     * @param packed  receives the packed weights, length ≥ in · out. Modified.
     */
    void packWeights(double[] weights, int offset, int in, int out, double[] packed);

    /**
     * A dense layer on a row-major batch: {@code pre[i·out + o] = bias[biasOffset + o] + Σ_{k < in} x[i·in + k] ·
     * W[o][k]}, accumulated from the bias in increasing k by {@code a ← fma(x_ik, W_ok, a)}.
     *
     * @param x          inputs, n × in. Not modified.
     * @param n          batch size
     * @param in         input width
     * @param packed     the weights W as {@link #packWeights} of this implementation wrote them. Not modified.
     * @param bias       biases. Not modified.
     * @param biasOffset index of output 0's bias
     * @param out        output width
     * @param pre        receives n × out pre-activations. Modified.
     */
    void dense(double[] x, int n, int in, double[] packed, double[] bias, int biasOffset, int out, double[] pre);

    /**
     * SiLU, {@code y = x / (1 + Exp.exp(−x))} elementwise (Elfwing et al. 2018).
     *
     * @param x   inputs. Not modified.
     * @param out receives the activations; not x (the SIMD kernel reads x again after the exponential). Modified.
     * @param n   count, from index 0
     */
    void silu(double[] x, double[] out, int n);

    /**
     * GELU in its tanh form, {@code ½x(1 + tanh(c(x + 0.044715x³)))} with {@code c = √(2/π)} (Hendrycks and Gimpel
     * 2016), evaluated as {@code x / (1 + Exp.exp(u))}, {@code u = ((x·x·x)·0.044715 + x)·(−2c)}, by the identity
     * {@code ½(1 + tanh a) = 1/(1 + e^{−2a})}.
     *
     * @param x   inputs. Not modified.
     * @param out receives the activations; not x (the SIMD kernel reads x again after the exponential). Modified.
     * @param n   count, from index 0
     */
    void gelu(double[] x, double[] out, int n);

    /**
     * {@code out[i] = a·x[i] + b·y[i]} for {@code i < n}, as {@code (a·x) + (b·y)}.
     *
     * @param out receives the combination; may alias an input. Modified.
     * @param a   coefficient of x
     * @param x   input. Not modified.
     * @param b   coefficient of y
     * @param y   input. Not modified.
     * @param n   count, from index 0
     */
    void combine(double[] out, double a, double[] x, double b, double[] y, int n);

    /**
     * {@code out[i] = a·x[i] + b·y[i] + c·w[i]}, as {@code ((a·x) + (b·y)) + (c·w)}.
     *
     * @param out receives the combination; may alias an input. Modified.
     * @param a   coefficient of x
     * @param x   input. Not modified.
     * @param b   coefficient of y
     * @param y   input. Not modified.
     * @param c   coefficient of w
     * @param w   input. Not modified.
     * @param n   count, from index 0
     */
    void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, int n);

    /**
     * {@code out[i] = a·x[i] + b·y[i] + c·w[i] + e·v[i]}, as {@code (((a·x) + (b·y)) + (c·w)) + (e·v)}.
     *
     * @param out receives the combination; may alias an input. Modified.
     * @param a   coefficient of x
     * @param x   input. Not modified.
     * @param b   coefficient of y
     * @param y   input. Not modified.
     * @param c   coefficient of w
     * @param w   input. Not modified.
     * @param e   coefficient of v
     * @param v   input. Not modified.
     * @param n   count, from index 0
     */
    void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, double e, double[] v,
                 int n);
}
