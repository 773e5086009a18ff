package io.github.diffusion4j.kernel;

/**
 * The scalar twin: each kernel of {@link VectorKernels} written as plain loops that perform, per output element,
 * exactly the operation sequence the interface specifies. It is the reference the SIMD kernels are tested against and
 * the implementation used when {@code jdk.incubator.vector} is absent.
 */
final class ScalarKernels implements VectorKernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    /** GELU constants: the cubic coefficient and −2√(2/π). */
    static final double GELU_CUBIC = 0.044715;
    static final double GELU_SCALE = -2 * Math.sqrt(2 / Math.PI);

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** Eight points: enough independent chains to fill the scalar pipeline without spilling registers. */
    @Override
    public int blockWidth() {
        return 8;
    }

    @Override
    public void exp(double[] x, int from, double[] out, int outFrom, int n) {
        for (int i = 0; i < n; i++) {
            out[outFrom + i] = Exp.exp(x[from + i]);
        }
    }

    @Override
    public void diagonalMixture(double[] block, int width, int dimension, int components, double[] mean,
                                double[] inverse, double[] logNormalizer, double[] values, double[] max, double[] sum,
                                double[] score) {
        diagonalMixture(block, width, dimension, components, mean, inverse, logNormalizer, values, max, sum, score, 0);
    }

    /**
     * {@link #diagonalMixture} for lanes {@code from ≤ p < width} only, stage by stage with the lanes innermost (the
     * order of the stages does not change any lane's operation sequence).
     */
    static void diagonalMixture(double[] block, int width, int dimension, int components, double[] mean,
                                double[] inverse, double[] logNormalizer, double[] values, double[] max, double[] sum,
                                double[] score, int from) {
        for (int k = 0; k < components; k++) {
            logTerms(block, width, dimension, mean, inverse, k, logNormalizer[k], values, from);
        }
        softmax(values, components, width, max, sum, from);
        if (score == null) {
            return;
        }
        for (int r = 0; r < dimension; r++) {
            for (int p = from; p < width; p++) {
                score[r * width + p] = 0;
            }
        }
        for (int k = 0; k < components; k++) {
            addWeightedDiagonalScore(block, width, dimension, mean, inverse, k, values, score, from);
        }
    }

    /** values[k·w + p] ← logNormalizer_k − 0.5·q_k(z_p), lanes {@code from ≤ p < width}. */
    private static void logTerms(double[] block, int width, int dimension, double[] mean, double[] inverse, int k,
                                 double normalizer, double[] values, int from) {
        int row = k * width;
        for (int p = from; p < width; p++) {
            values[row + p] = 0;
        }
        for (int r = 0; r < dimension; r++) {
            double m = mean[k * dimension + r];
            double c = inverse[k * dimension + r];
            int at = r * width;
            for (int p = from; p < width; p++) {
                double delta = block[at + p] - m;
                values[row + p] = Math.fma(delta * delta, c, values[row + p]);
            }
        }
        for (int p = from; p < width; p++) {
            values[row + p] = normalizer - 0.5 * values[row + p];
        }
    }

    /** score[r·w + p] ← fma(r_k, (mean_kr − z_rp)·inverse_kr, score[r·w + p]), lanes {@code from ≤ p < width}. */
    private static void addWeightedDiagonalScore(double[] block, int width, int dimension, double[] mean,
                                                 double[] inverse, int k, double[] values, double[] score, int from) {
        for (int r = 0; r < dimension; r++) {
            double m = mean[k * dimension + r];
            double c = inverse[k * dimension + r];
            int at = r * width;
            for (int p = from; p < width; p++) {
                double componentScore = (m - block[at + p]) * c;
                score[at + p] = Math.fma(values[k * width + p], componentScore, score[at + p]);
            }
        }
    }

    @Override
    public void diagonalPosteriorMean(double[] block, int width, int dimension, int components, double[] mean,
                                      double[] prior, double[] gain, double[] responsibilities, double[] out) {
        diagonalPosteriorMean(block, width, dimension, components, mean, prior, gain, responsibilities, out, 0);
    }

    /** {@link #diagonalPosteriorMean} for lanes {@code from ≤ p < width} only. */
    static void diagonalPosteriorMean(double[] block, int width, int dimension, int components, double[] mean,
                                      double[] prior, double[] gain, double[] responsibilities, double[] out,
                                      int from) {
        for (int r = 0; r < dimension; r++) {
            int at = r * width;
            for (int p = from; p < width; p++) {
                out[at + p] = 0;
            }
            for (int k = 0; k < components; k++) {
                int kr = k * dimension + r;
                double m = mean[kr];
                double mu = prior[kr];
                double g = gain[kr];
                for (int p = from; p < width; p++) {
                    double term = mu + g * (block[at + p] - m);
                    out[at + p] = Math.fma(responsibilities[k * width + p], term, out[at + p]);
                }
            }
        }
    }

    @Override
    public void softmax(double[] values, int components, int width, double[] max, double[] sum) {
        softmax(values, components, width, max, sum, 0);
    }

    /** {@link #softmax} for lanes {@code from ≤ p < width} only. */
    static void softmax(double[] values, int components, int width, double[] max, double[] sum, int from) {
        for (int p = from; p < width; p++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                m = Math.max(m, values[k * width + p]);
            }
            double s = 0;
            for (int k = 0; k < components; k++) {
                double e = Exp.exp(values[k * width + p] - m);
                values[k * width + p] = e;
                s += e;
            }
            max[p] = m;
            sum[p] = s;
            double inverse = 1 / s;
            for (int k = 0; k < components; k++) {
                values[k * width + p] *= inverse;
            }
        }
    }

    @Override
    public void addWeightedBlock(double[] weight, int weightOffset, double[] source, int sourceBase, int rows,
                                 int width, double[] target) {
        addWeightedBlock(weight, weightOffset, source, sourceBase, rows, width, target, 0);
    }

    /** {@link #addWeightedBlock} for lanes {@code from ≤ p < width} only. */
    static void addWeightedBlock(double[] weight, int weightOffset, double[] source, int sourceBase, int rows,
                                 int width, double[] target, int from) {
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int p = from; p < width; p++) {
                target[row + p] = Math.fma(weight[weightOffset + p], source[sourceBase + row + p], target[row + p]);
            }
        }
    }

    @Override
    public void rowTimesBlock(double[] matrix, int row, int length, double[] block, int base, int width,
                              double[] out) {
        if (width == 8) {
            rowTimesBlock8(matrix, row, length, block, base, out);
            return;
        }
        rowTimesBlock(matrix, row, length, block, base, width, out, 0);
    }

    /** {@link #rowTimesBlock} for lanes {@code from ≤ p < width} only. */
    static void rowTimesBlock(double[] matrix, int row, int length, double[] block, int base, int width,
                              double[] out, int from) {
        for (int p = from; p < width; p++) {
            out[p] = 0;
        }
        for (int j = 0; j < length; j++) {
            double m = matrix[row + j];
            int b = base + j * width;
            for (int p = from; p < width; p++) {
                out[p] = Math.fma(m, block[b + p], out[p]);
            }
        }
    }

    /** {@link #rowTimesBlock} for the default width, with the eight sums in registers (2.5× the generic loop). */
    private static void rowTimesBlock8(double[] matrix, int row, int length, double[] block, int base,
                                       double[] out) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double a4 = 0;
        double a5 = 0;
        double a6 = 0;
        double a7 = 0;
        for (int j = 0; j < length; j++) {
            double m = matrix[row + j];
            int b = base + j * 8;
            a0 = Math.fma(m, block[b], a0);
            a1 = Math.fma(m, block[b + 1], a1);
            a2 = Math.fma(m, block[b + 2], a2);
            a3 = Math.fma(m, block[b + 3], a3);
            a4 = Math.fma(m, block[b + 4], a4);
            a5 = Math.fma(m, block[b + 5], a5);
            a6 = Math.fma(m, block[b + 6], a6);
            a7 = Math.fma(m, block[b + 7], a7);
        }
        out[0] = a0;
        out[1] = a1;
        out[2] = a2;
        out[3] = a3;
        out[4] = a4;
        out[5] = a5;
        out[6] = a6;
        out[7] = a7;
    }

    /** Transposed, {@code in × out}: consecutive outputs of one input contiguous. */
    @Override
    public void packWeights(double[] weights, int offset, int in, int out, double[] packed) {
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < in; k++) {
                packed[k * out + o] = weights[offset + o * in + k];
            }
        }
    }

    @Override
    public void dense(double[] x, int n, int in, double[] packed, double[] bias, int biasOffset, int out,
                      double[] pre) {
        for (int i = 0; i < n; i++) {
            int row = i * out;
            System.arraycopy(bias, biasOffset, pre, row, out);
            for (int k = 0; k < in; k++) {
                double xk = x[i * in + k];
                int w = k * out;
                for (int o = 0; o < out; o++) {
                    pre[row + o] = Math.fma(xk, packed[w + o], pre[row + o]);
                }
            }
        }
    }

    @Override
    public void silu(double[] x, double[] out, int n) {
        silu(x, out, 0, n);
    }

    /** {@link #silu} for indices {@code from ≤ i < n}. */
    static void silu(double[] x, double[] out, int from, int n) {
        for (int i = from; i < n; i++) {
            double v = x[i];
            out[i] = v / (1 + Exp.exp(-v));
        }
    }

    @Override
    public void gelu(double[] x, double[] out, int n) {
        gelu(x, out, 0, n);
    }

    /** {@link #gelu} for indices {@code from ≤ i < n}. */
    static void gelu(double[] x, double[] out, int from, int n) {
        for (int i = from; i < n; i++) {
            double v = x[i];
            double u = (v * v * v * GELU_CUBIC + v) * GELU_SCALE;
            out[i] = v / (1 + Exp.exp(u));
        }
    }

    @Override
    public void combine(double[] out, double a, double[] x, double b, double[] y, int n) {
        combine(out, a, x, b, y, 0, n);
    }

    /** The two-term {@link #combine} for indices {@code from ≤ i < n}. */
    static void combine(double[] out, double a, double[] x, double b, double[] y, int from, int n) {
        for (int i = from; i < n; i++) {
            out[i] = a * x[i] + b * y[i];
        }
    }

    @Override
    public void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, int n) {
        combine(out, a, x, b, y, c, w, 0, n);
    }

    /** The three-term {@link #combine} for indices {@code from ≤ i < n}. */
    static void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, int from,
                        int n) {
        for (int i = from; i < n; i++) {
            out[i] = a * x[i] + b * y[i] + c * w[i];
        }
    }

    @Override
    public void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, double e,
                        double[] v, int n) {
        combine(out, a, x, b, y, c, w, e, v, 0, n);
    }

    /** The four-term {@link #combine} for indices {@code from ≤ i < n}. */
    static void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, double e,
                        double[] v, int from, int n) {
        for (int i = from; i < n; i++) {
            out[i] = a * x[i] + b * y[i] + c * w[i] + e * v[i];
        }
    }
}
