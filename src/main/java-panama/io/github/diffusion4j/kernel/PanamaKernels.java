package io.github.diffusion4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD implementation of {@link VectorKernels} on the Java Vector API, loaded by name by {@link KernelProvider}
 * only when {@code jdk.incubator.vector} is present. Each method runs the operation sequence that the interface
 * specifies in every lane of {@link #SPECIES} (the machine's preferred width) and finishes the lanes left over with
 * the scalar twin's code, so results are bit-identical to {@link ScalarKernels}.
 *
 * <p>This source file is compiled separately (see the {@code compile-panama} execution in {@code pom.xml}) because
 * {@code javac --release 17} cannot see incubator modules.
 */
final class PanamaKernels implements VectorKernels {

    /** Static final, as the JIT needs it constant to emit vector instructions (a species in a field is ~30× slower). */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    PanamaKernels() {
        if (LANES < 2) {
            throw new UnsupportedOperationException("the preferred vector species has " + LANES + " double lane");
        }
    }

    @Override
    public String name() {
        return "panama (" + LANES + " × double)";
    }

    /** Four vectors per block row: four independent FMA chains cover the FMA latency (4 cycles on two ports). */
    @Override
    public int blockWidth() {
        return 4 * LANES;
    }

    /** The constants of {@link Exp#exp} as vectors: a static final vector is one load, and keeps exp small. */
    private static final DoubleVector LN2_HI = DoubleVector.broadcast(SPECIES, Exp.LN2_HI);
    private static final DoubleVector LN2_LO = DoubleVector.broadcast(SPECIES, Exp.LN2_LO);
    private static final DoubleVector C13 = DoubleVector.broadcast(SPECIES, Exp.C13);
    private static final DoubleVector C12 = DoubleVector.broadcast(SPECIES, Exp.C12);
    private static final DoubleVector C11 = DoubleVector.broadcast(SPECIES, Exp.C11);
    private static final DoubleVector C10 = DoubleVector.broadcast(SPECIES, Exp.C10);
    private static final DoubleVector C9 = DoubleVector.broadcast(SPECIES, Exp.C9);
    private static final DoubleVector C8 = DoubleVector.broadcast(SPECIES, Exp.C8);
    private static final DoubleVector C7 = DoubleVector.broadcast(SPECIES, Exp.C7);
    private static final DoubleVector C6 = DoubleVector.broadcast(SPECIES, Exp.C6);
    private static final DoubleVector C5 = DoubleVector.broadcast(SPECIES, Exp.C5);
    private static final DoubleVector C4 = DoubleVector.broadcast(SPECIES, Exp.C4);
    private static final DoubleVector C3 = DoubleVector.broadcast(SPECIES, Exp.C3);
    private static final DoubleVector C2 = DoubleVector.broadcast(SPECIES, Exp.C2);
    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
    private static final DoubleVector LOWER = DoubleVector.broadcast(SPECIES, Exp.LOWER);
    private static final DoubleVector UPPER = DoubleVector.broadcast(SPECIES, Exp.UPPER);
    private static final DoubleVector LOG2E = DoubleVector.broadcast(SPECIES, Exp.LOG2E);
    private static final DoubleVector SHIFT = DoubleVector.broadcast(SPECIES, Exp.SHIFT);
    /** Integer constants as vectors too: a shift or add by a scalar inlines a deeper call tree than by a vector. */
    private static final VectorSpecies<Long> LONG_SPECIES = VectorSpecies.of(long.class, SPECIES.vectorShape());
    private static final LongVector SHIFT_BITS = LongVector.broadcast(LONG_SPECIES, Exp.SHIFT_BITS);
    private static final LongVector BIAS = LongVector.broadcast(LONG_SPECIES, Exp.BIAS);
    private static final LongVector ONE_BIT = LongVector.broadcast(LONG_SPECIES, 1);
    private static final LongVector MANTISSA_BITS = LongVector.broadcast(LONG_SPECIES, Exp.MANTISSA_BITS);

    /**
     * {@code out[outFrom + l] = Exp.exp(x[from + l])} for one vector of lanes, operation for operation as in
     * {@link Exp#exp}. Arrays in and out, never a vector: a vector returned from a method that C2 does not inline is
     * boxed (this allocated 190 bytes per point in the mixture score when exp returned a vector and exceeded the
     * 325-bytecode inlining limit). With the constants above it stays under the limit and is inlined where hot.
     */
    private static void exp(double[] x, int from, double[] out, int outFrom) {
        DoubleVector clamped = DoubleVector.fromArray(SPECIES, x, from).max(LOWER).min(UPPER);
        DoubleVector shifted = clamped.fma(LOG2E, SHIFT);
        DoubleVector minusN = shifted.sub(SHIFT).neg();
        DoubleVector r = minusN.fma(LN2_LO, minusN.fma(LN2_HI, clamped));
        DoubleVector p = C13.fma(r, C12).fma(r, C11).fma(r, C10).fma(r, C9).fma(r, C8).fma(r, C7).fma(r, C6)
                .fma(r, C5).fma(r, C4).fma(r, C3).fma(r, C2).fma(r, ONE).fma(r, ONE);
        LongVector k = shifted.reinterpretAsLongs().sub(SHIFT_BITS);
        LongVector half = k.lanewise(VectorOperators.ASHR, ONE_BIT);
        DoubleVector scaleLow = half.add(BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretAsDoubles();
        DoubleVector scaleHigh = k.sub(half).add(BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                .reinterpretAsDoubles();
        p.mul(scaleLow).mul(scaleHigh).intoArray(out, outFrom);
    }

    @Override
    public void exp(double[] x, int from, double[] out, int outFrom, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            exp(x, from + i, out, outFrom + i);
        }
        ScalarKernels.INSTANCE.exp(x, from + i, out, outFrom + i, n - i);
    }

    /**
     * Stage by stage across the whole block, so that each stage has many independent vectors in flight: the log
     * terms (four vectors of lanes per pass), the maxima, all K × w exponentials (independent, so their long
     * polynomial chains overlap), the sums and responsibilities, then the scores with the K-term sums in registers.
     */
    @Override
    public void diagonalMixture(double[] block, int width, int dimension, int components, double[] mean,
                                double[] inverse, double[] logNormalizer, double[] values, double[] max, double[] sum,
                                double[] score) {
        int bound = SPECIES.loopBound(width);
        for (int k = 0; k < components; k++) {
            int p = 0;
            for (; p + 4 * LANES <= bound; p += 4 * LANES) {
                logTerms4(block, width, p, dimension, mean, inverse, k, logNormalizer[k], values);
            }
            for (; p < bound; p += LANES) {
                logTerms1(block, width, p, dimension, mean, inverse, k, logNormalizer[k], values);
            }
        }
        softmax(values, components, width, bound, max, sum);
        if (score != null) {
            for (int r = 0; r < dimension; r++) {
                int p = 0;
                for (; p + 4 * LANES <= bound; p += 4 * LANES) {
                    diagonalScore4(block, width, p, dimension, components, mean, inverse, values, r, score);
                }
                for (; p < bound; p += LANES) {
                    diagonalScore1(block, width, p, dimension, components, mean, inverse, values, r, score);
                }
            }
        }
        ScalarKernels.diagonalMixture(block, width, dimension, components, mean, inverse, logNormalizer, values, max,
                sum, score, bound);
    }

    /**
     * Log terms of component k for lanes p … p + 4·lanes − 1: four independent distance chains, so that a long row
     * loop (d = 64) is not one serial chain of fused multiply–adds.
     */
    private static void logTerms4(double[] block, int width, int p, int dimension, double[] mean, double[] inverse,
                                  int k, double normalizer, double[] values) {
        DoubleVector q0 = DoubleVector.zero(SPECIES);
        DoubleVector q1 = q0;
        DoubleVector q2 = q0;
        DoubleVector q3 = q0;
        for (int r = 0; r < dimension; r++) {
            int at = r * width + p;
            double m = mean[k * dimension + r];
            DoubleVector c = DoubleVector.broadcast(SPECIES, inverse[k * dimension + r]);
            DoubleVector delta0 = DoubleVector.fromArray(SPECIES, block, at).sub(m);
            DoubleVector delta1 = DoubleVector.fromArray(SPECIES, block, at + LANES).sub(m);
            DoubleVector delta2 = DoubleVector.fromArray(SPECIES, block, at + 2 * LANES).sub(m);
            DoubleVector delta3 = DoubleVector.fromArray(SPECIES, block, at + 3 * LANES).sub(m);
            q0 = delta0.mul(delta0).fma(c, q0);
            q1 = delta1.mul(delta1).fma(c, q1);
            q2 = delta2.mul(delta2).fma(c, q2);
            q3 = delta3.mul(delta3).fma(c, q3);
        }
        DoubleVector v = DoubleVector.broadcast(SPECIES, normalizer);
        int at = k * width + p;
        v.sub(q0.mul(0.5)).intoArray(values, at);
        v.sub(q1.mul(0.5)).intoArray(values, at + LANES);
        v.sub(q2.mul(0.5)).intoArray(values, at + 2 * LANES);
        v.sub(q3.mul(0.5)).intoArray(values, at + 3 * LANES);
    }

    /** Log terms of component k for lanes p … p + lanes − 1. */
    private static void logTerms1(double[] block, int width, int p, int dimension, double[] mean, double[] inverse,
                                  int k, double normalizer, double[] values) {
        DoubleVector q = DoubleVector.zero(SPECIES);
        for (int r = 0; r < dimension; r++) {
            DoubleVector delta = DoubleVector.fromArray(SPECIES, block, r * width + p).sub(mean[k * dimension + r]);
            q = delta.mul(delta).fma(DoubleVector.broadcast(SPECIES, inverse[k * dimension + r]), q);
        }
        DoubleVector.broadcast(SPECIES, normalizer).sub(q.mul(0.5)).intoArray(values, k * width + p);
    }

    /** Coordinate r of the score for lanes p … p + 4·lanes − 1: four independent K-term chains. */
    private static void diagonalScore4(double[] block, int width, int p, int dimension, int components, double[] mean,
                                       double[] inverse, double[] values, int r, double[] score) {
        int at = r * width + p;
        DoubleVector z0 = DoubleVector.fromArray(SPECIES, block, at);
        DoubleVector z1 = DoubleVector.fromArray(SPECIES, block, at + LANES);
        DoubleVector z2 = DoubleVector.fromArray(SPECIES, block, at + 2 * LANES);
        DoubleVector z3 = DoubleVector.fromArray(SPECIES, block, at + 3 * LANES);
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int k = 0; k < components; k++) {
            DoubleVector m = DoubleVector.broadcast(SPECIES, mean[k * dimension + r]);
            double c = inverse[k * dimension + r];
            int w = k * width + p;
            s0 = DoubleVector.fromArray(SPECIES, values, w).fma(m.sub(z0).mul(c), s0);
            s1 = DoubleVector.fromArray(SPECIES, values, w + LANES).fma(m.sub(z1).mul(c), s1);
            s2 = DoubleVector.fromArray(SPECIES, values, w + 2 * LANES).fma(m.sub(z2).mul(c), s2);
            s3 = DoubleVector.fromArray(SPECIES, values, w + 3 * LANES).fma(m.sub(z3).mul(c), s3);
        }
        s0.intoArray(score, at);
        s1.intoArray(score, at + LANES);
        s2.intoArray(score, at + 2 * LANES);
        s3.intoArray(score, at + 3 * LANES);
    }

    /** Coordinate r of the score for lanes p … p + lanes − 1. */
    private static void diagonalScore1(double[] block, int width, int p, int dimension, int components, double[] mean,
                                       double[] inverse, double[] values, int r, double[] score) {
        DoubleVector z = DoubleVector.fromArray(SPECIES, block, r * width + p);
        DoubleVector s = DoubleVector.zero(SPECIES);
        for (int k = 0; k < components; k++) {
            DoubleVector componentScore = DoubleVector.broadcast(SPECIES, mean[k * dimension + r]).sub(z)
                    .mul(inverse[k * dimension + r]);
            s = DoubleVector.fromArray(SPECIES, values, k * width + p).fma(componentScore, s);
        }
        s.intoArray(score, r * width + p);
    }

    /** The K-term sums of a vector of lanes in registers, one coordinate at a time. */
    @Override
    public void diagonalPosteriorMean(double[] block, int width, int dimension, int components, double[] mean,
                                      double[] prior, double[] gain, double[] responsibilities, double[] out) {
        int bound = SPECIES.loopBound(width);
        for (int p = 0; p < bound; p += LANES) {
            for (int r = 0; r < dimension; r++) {
                DoubleVector z = DoubleVector.fromArray(SPECIES, block, r * width + p);
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int k = 0; k < components; k++) {
                    int kr = k * dimension + r;
                    DoubleVector term = z.sub(mean[kr]).mul(gain[kr]).add(prior[kr]);
                    acc = DoubleVector.fromArray(SPECIES, responsibilities, k * width + p).fma(term, acc);
                }
                acc.intoArray(out, r * width + p);
            }
        }
        ScalarKernels.diagonalPosteriorMean(block, width, dimension, components, mean, prior, gain, responsibilities,
                out, bound);
    }

    @Override
    public void softmax(double[] values, int components, int width, double[] max, double[] sum) {
        int bound = SPECIES.loopBound(width);
        softmax(values, components, width, bound, max, sum);
        ScalarKernels.softmax(values, components, width, max, sum, bound);
    }

    /**
     * {@link #softmax} for lanes below bound, in passes — maxima, exponentials, sums and normalisation — so that no
     * vector is live across an exponential.
     */
    private static void softmax(double[] values, int components, int width, int bound, double[] max, double[] sum) {
        for (int p = 0; p < bound; p += LANES) {
            DoubleVector m = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < components; k++) {
                m = m.max(DoubleVector.fromArray(SPECIES, values, k * width + p));
            }
            m.intoArray(max, p);
        }
        exponentials(values, components, width, bound, max);
        normalise(values, components, width, bound, sum);
    }

    /** values ← exp(values − max), lanes below bound. */
    private static void exponentials(double[] values, int components, int width, int bound, double[] max) {
        for (int k = 0; k < components; k++) {
            for (int p = 0; p < bound; p += LANES) {
                int at = k * width + p;
                DoubleVector.fromArray(SPECIES, values, at).sub(DoubleVector.fromArray(SPECIES, max, p))
                        .intoArray(values, at);
                exp(values, at, values, at);
            }
        }
    }

    /** sum ← Σ_k values (increasing k), values ← values · (1/sum), lanes below bound. */
    private static void normalise(double[] values, int components, int width, int bound, double[] sum) {
        for (int p = 0; p < bound; p += LANES) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int k = 0; k < components; k++) {
                s = s.add(DoubleVector.fromArray(SPECIES, values, k * width + p));
            }
            s.intoArray(sum, p);
            DoubleVector inverseSum = ONE.div(s);
            for (int k = 0; k < components; k++) {
                int at = k * width + p;
                DoubleVector.fromArray(SPECIES, values, at).mul(inverseSum).intoArray(values, at);
            }
        }
    }

    @Override
    public void addWeightedBlock(double[] weight, int weightOffset, double[] source, int sourceBase, int rows,
                                 int width, double[] target) {
        int bound = SPECIES.loopBound(width);
        for (int p = 0; p < bound; p += LANES) {
            DoubleVector w = DoubleVector.fromArray(SPECIES, weight, weightOffset + p);
            for (int r = 0; r < rows; r++) {
                int at = r * width + p;
                w.fma(DoubleVector.fromArray(SPECIES, source, sourceBase + at), DoubleVector.fromArray(SPECIES, target,
                        at)).intoArray(target, at);
            }
        }
        ScalarKernels.addWeightedBlock(weight, weightOffset, source, sourceBase, rows, width, target, bound);
    }

    @Override
    public void rowTimesBlock(double[] matrix, int row, int length, double[] block, int base, int width,
                              double[] out) {
        int p = 0;
        for (; p + 4 * LANES <= width; p += 4 * LANES) {
            DoubleVector sum0 = DoubleVector.zero(SPECIES);
            DoubleVector sum1 = sum0;
            DoubleVector sum2 = sum0;
            DoubleVector sum3 = sum0;
            for (int j = 0; j < length; j++) {
                DoubleVector m = DoubleVector.broadcast(SPECIES, matrix[row + j]);
                int at = base + j * width + p;
                sum0 = m.fma(DoubleVector.fromArray(SPECIES, block, at), sum0);
                sum1 = m.fma(DoubleVector.fromArray(SPECIES, block, at + LANES), sum1);
                sum2 = m.fma(DoubleVector.fromArray(SPECIES, block, at + 2 * LANES), sum2);
                sum3 = m.fma(DoubleVector.fromArray(SPECIES, block, at + 3 * LANES), sum3);
            }
            sum0.intoArray(out, p);
            sum1.intoArray(out, p + LANES);
            sum2.intoArray(out, p + 2 * LANES);
            sum3.intoArray(out, p + 3 * LANES);
        }
        for (; p + LANES <= width; p += LANES) {
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int j = 0; j < length; j++) {
                sum = DoubleVector.broadcast(SPECIES, matrix[row + j])
                        .fma(DoubleVector.fromArray(SPECIES, block, base + j * width + p), sum);
            }
            sum.intoArray(out, p);
        }
        ScalarKernels.rowTimesBlock(matrix, row, length, block, base, width, out, p);
    }

    /** Outputs per panel of {@link #packWeights}: two vectors, the width of the register tile of {@link #dense}. */
    private static final int PANEL = 2 * LANES;

    /**
     * Panels of {@link #PANEL} outputs, each {@code in × PANEL} with input k's weights contiguous: weight (o, k) of the
     * panel starting at output o₀ at {@code o₀·in + k·PANEL + (o − o₀)}. Outputs past the last whole panel (fewer
     * than PANEL) row by row, weight (o, k) at {@code o·in + k}.
     */
    @Override
    public void packWeights(double[] weights, int offset, int in, int out, double[] packed) {
        int panelEnd = out - out % PANEL;
        for (int o = 0; o < out; o++) {
            int panel = o < panelEnd ? o - o % PANEL : o;
            int stride = o < panelEnd ? PANEL : 1;
            int column = o - panel;
            for (int k = 0; k < in; k++) {
                packed[panel * in + k * stride + column] = weights[offset + o * in + k];
            }
        }
    }

    /** Batch rows per cache block of {@link #dense}: 64 rows of 256 inputs are 128 KiB, resident in L2. */
    private static final int ROW_BLOCK = 64;

    /**
     * Register-tiled and cache-blocked: within a block of {@link #ROW_BLOCK} batch rows, each packed panel of two
     * vectors of outputs (in × 2·lanes weights, 32 KiB for 256 inputs on AVX-512, contiguous and resident in L1)
     * serves every row of the block,
     * eight rows at a time with sixteen independent accumulators (ten loads per sixteen FMAs; 71% of the FMA peak,
     * against 51% for four rows), then the remaining rows one at a time. Outputs left over (fewer than two vectors) run four rows at a
     * time as interleaved scalar chains. Every output remains one sequential chain in k.
     */
    @Override
    public void dense(double[] x, int n, int in, double[] packed, double[] bias, int biasOffset, int out,
                      double[] pre) {
        int panelEnd = out - out % PANEL;
        for (int rowStart = 0; rowStart < n; rowStart += ROW_BLOCK) {
            int rowEnd = Math.min(n, rowStart + ROW_BLOCK);
            for (int o = 0; o < panelEnd; o += PANEL) {
                int i = rowStart;
                for (; i + 8 <= rowEnd; i += 8) {
                    denseTile8(x, i, in, packed, bias, biasOffset, out, pre, o);
                }
                for (; i < rowEnd; i++) {
                    denseTile1(x, i, in, packed, bias, biasOffset, out, pre, o);
                }
            }
            for (int o = panelEnd; o < out; o++) {
                int i = rowStart;
                for (; i + 4 <= rowEnd; i += 4) {
                    denseChains4(x, i, in, packed, bias, biasOffset, out, pre, o);
                }
                for (; i < rowEnd; i++) {
                    double a = bias[biasOffset + o];
                    for (int k = 0; k < in; k++) {
                        a = Math.fma(x[i * in + k], packed[o * in + k], a);
                    }
                    pre[i * out + o] = a;
                }
            }
        }
    }

    /** Rows i … i+7, outputs o … o + 2·lanes − 1: sixteen accumulators, ten loads per sixteen FMAs. */
    private static void denseTile8(double[] x, int i, int in, double[] packed, double[] bias, int biasOffset,
                                   int out, double[] pre, int o) {
        DoubleVector b0 = DoubleVector.fromArray(SPECIES, bias, biasOffset + o);
        DoubleVector b1 = DoubleVector.fromArray(SPECIES, bias, biasOffset + o + LANES);
        DoubleVector a00 = b0;
        DoubleVector a01 = b1;
        DoubleVector a10 = b0;
        DoubleVector a11 = b1;
        DoubleVector a20 = b0;
        DoubleVector a21 = b1;
        DoubleVector a30 = b0;
        DoubleVector a31 = b1;
        DoubleVector a40 = b0;
        DoubleVector a41 = b1;
        DoubleVector a50 = b0;
        DoubleVector a51 = b1;
        DoubleVector a60 = b0;
        DoubleVector a61 = b1;
        DoubleVector a70 = b0;
        DoubleVector a71 = b1;
        int x0 = i * in;
        int panel = o * in;
        for (int k = 0; k < in; k++) {
            int w = panel + k * PANEL;
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, packed, w);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, packed, w + LANES);
            DoubleVector v0 = DoubleVector.broadcast(SPECIES, x[x0 + k]);
            a00 = v0.fma(w0, a00);
            a01 = v0.fma(w1, a01);
            DoubleVector v1 = DoubleVector.broadcast(SPECIES, x[x0 + in + k]);
            a10 = v1.fma(w0, a10);
            a11 = v1.fma(w1, a11);
            DoubleVector v2 = DoubleVector.broadcast(SPECIES, x[x0 + 2 * in + k]);
            a20 = v2.fma(w0, a20);
            a21 = v2.fma(w1, a21);
            DoubleVector v3 = DoubleVector.broadcast(SPECIES, x[x0 + 3 * in + k]);
            a30 = v3.fma(w0, a30);
            a31 = v3.fma(w1, a31);
            DoubleVector v4 = DoubleVector.broadcast(SPECIES, x[x0 + 4 * in + k]);
            a40 = v4.fma(w0, a40);
            a41 = v4.fma(w1, a41);
            DoubleVector v5 = DoubleVector.broadcast(SPECIES, x[x0 + 5 * in + k]);
            a50 = v5.fma(w0, a50);
            a51 = v5.fma(w1, a51);
            DoubleVector v6 = DoubleVector.broadcast(SPECIES, x[x0 + 6 * in + k]);
            a60 = v6.fma(w0, a60);
            a61 = v6.fma(w1, a61);
            DoubleVector v7 = DoubleVector.broadcast(SPECIES, x[x0 + 7 * in + k]);
            a70 = v7.fma(w0, a70);
            a71 = v7.fma(w1, a71);
        }
        a00.intoArray(pre, i * out + o);
        a01.intoArray(pre, i * out + o + LANES);
        a10.intoArray(pre, (i + 1) * out + o);
        a11.intoArray(pre, (i + 1) * out + o + LANES);
        a20.intoArray(pre, (i + 2) * out + o);
        a21.intoArray(pre, (i + 2) * out + o + LANES);
        a30.intoArray(pre, (i + 3) * out + o);
        a31.intoArray(pre, (i + 3) * out + o + LANES);
        a40.intoArray(pre, (i + 4) * out + o);
        a41.intoArray(pre, (i + 4) * out + o + LANES);
        a50.intoArray(pre, (i + 5) * out + o);
        a51.intoArray(pre, (i + 5) * out + o + LANES);
        a60.intoArray(pre, (i + 6) * out + o);
        a61.intoArray(pre, (i + 6) * out + o + LANES);
        a70.intoArray(pre, (i + 7) * out + o);
        a71.intoArray(pre, (i + 7) * out + o + LANES);
    }

    /** Row i, outputs o … o + 2·lanes − 1. */
    private static void denseTile1(double[] x, int i, int in, double[] packed, double[] bias, int biasOffset,
                                   int out, double[] pre, int o) {
        DoubleVector a0 = DoubleVector.fromArray(SPECIES, bias, biasOffset + o);
        DoubleVector a1 = DoubleVector.fromArray(SPECIES, bias, biasOffset + o + LANES);
        int panel = o * in;
        for (int k = 0; k < in; k++) {
            int w = panel + k * PANEL;
            DoubleVector v = DoubleVector.broadcast(SPECIES, x[i * in + k]);
            a0 = v.fma(DoubleVector.fromArray(SPECIES, packed, w), a0);
            a1 = v.fma(DoubleVector.fromArray(SPECIES, packed, w + LANES), a1);
        }
        a0.intoArray(pre, i * out + o);
        a1.intoArray(pre, i * out + o + LANES);
    }

    /** Rows i … i+3 of the single output o, as four interleaved scalar chains (a narrow final layer, out = d). */
    private static void denseChains4(double[] x, int i, int in, double[] packed, double[] bias, int biasOffset,
                                     int out, double[] pre, int o) {
        double a0 = bias[biasOffset + o];
        double a1 = a0;
        double a2 = a0;
        double a3 = a0;
        int x0 = i * in;
        for (int k = 0; k < in; k++) {
            double w = packed[o * in + k];
            a0 = Math.fma(x[x0 + k], w, a0);
            a1 = Math.fma(x[x0 + in + k], w, a1);
            a2 = Math.fma(x[x0 + 2 * in + k], w, a2);
            a3 = Math.fma(x[x0 + 3 * in + k], w, a3);
        }
        pre[i * out + o] = a0;
        pre[(i + 1) * out + o] = a1;
        pre[(i + 2) * out + o] = a2;
        pre[(i + 3) * out + o] = a3;
    }

    /**
     * The argument of the exponential goes to {@code out}, the exponential runs in place, and x is read again after
     * it: no vector is live across the call, which C2 would have to box if it did not inline exp (it did not, in
     * some JVM runs, for GELU: 125 MB per forward pass).
     */
    @Override
    public void silu(double[] x, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, i).neg().intoArray(out, i);
            exp(out, i, out, i);
            DoubleVector.fromArray(SPECIES, x, i).div(DoubleVector.fromArray(SPECIES, out, i).add(1.0))
                    .intoArray(out, i);
        }
        ScalarKernels.silu(x, out, i, n);
    }

    /** As {@link #silu}, x read again after the exponential. */
    @Override
    public void gelu(double[] x, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.mul(v).mul(v).mul(ScalarKernels.GELU_CUBIC).add(v).mul(ScalarKernels.GELU_SCALE).intoArray(out, i);
            exp(out, i, out, i);
            DoubleVector.fromArray(SPECIES, x, i).div(DoubleVector.fromArray(SPECIES, out, i).add(1.0))
                    .intoArray(out, i);
        }
        ScalarKernels.gelu(x, out, i, n);
    }

    @Override
    public void combine(double[] out, double a, double[] x, double b, double[] y, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, i).mul(a)
                    .add(DoubleVector.fromArray(SPECIES, y, i).mul(b))
                    .intoArray(out, i);
        }
        ScalarKernels.combine(out, a, x, b, y, i, n);
    }

    @Override
    public void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, i).mul(a)
                    .add(DoubleVector.fromArray(SPECIES, y, i).mul(b))
                    .add(DoubleVector.fromArray(SPECIES, w, i).mul(c))
                    .intoArray(out, i);
        }
        ScalarKernels.combine(out, a, x, b, y, c, w, i, n);
    }

    @Override
    public void combine(double[] out, double a, double[] x, double b, double[] y, double c, double[] w, double e,
                        double[] v, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, i).mul(a)
                    .add(DoubleVector.fromArray(SPECIES, y, i).mul(b))
                    .add(DoubleVector.fromArray(SPECIES, w, i).mul(c))
                    .add(DoubleVector.fromArray(SPECIES, v, i).mul(e))
                    .intoArray(out, i);
        }
        ScalarKernels.combine(out, a, x, b, y, c, w, e, v, i, n);
    }
}
