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

    /**
     * {@code out[outFrom + l] = Exp.exp(x[from + l])} for one vector of lanes, operation for operation as in
     * {@link Exp#exp}. Arrays in and out, never a vector: a vector returned from a method that C2 does not inline
     * (this one is over its 325-bytecode limit) is boxed, which allocated 190 bytes per point in the mixture score.
     */
    private static void exp(double[] x, int from, double[] out, int outFrom) {
        DoubleVector clamped = DoubleVector.fromArray(SPECIES, x, from).max(Exp.LOWER).min(Exp.UPPER);
        DoubleVector shifted = clamped.fma(Exp.LOG2E, Exp.SHIFT);
        DoubleVector minusN = shifted.sub(Exp.SHIFT).neg();
        DoubleVector r = minusN.fma(DoubleVector.broadcast(SPECIES, Exp.LN2_HI), clamped);
        r = minusN.fma(DoubleVector.broadcast(SPECIES, Exp.LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(SPECIES, Exp.C13).fma(r, DoubleVector.broadcast(SPECIES, Exp.C12));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C11));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C10));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C9));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C8));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C7));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C6));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C5));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C4));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C3));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C2));
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        p = p.fma(r, one);
        p = p.fma(r, one);
        LongVector k = shifted.reinterpretAsLongs().sub(Exp.SHIFT_BITS);
        LongVector half = k.lanewise(VectorOperators.ASHR, 1);
        DoubleVector scaleLow = half.add(Exp.BIAS).lanewise(VectorOperators.LSHL, Exp.MANTISSA_BITS)
                .reinterpretAsDoubles();
        DoubleVector scaleHigh = k.sub(half).add(Exp.BIAS).lanewise(VectorOperators.LSHL, Exp.MANTISSA_BITS)
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

    @Override
    public void diagonalDistance(double[] block, int width, int rows, double[] mean, double[] inverse, int offset,
                                 double[] out) {
        int p = 0;
        for (; p + 4 * LANES <= width; p += 4 * LANES) {
            DoubleVector sum0 = DoubleVector.zero(SPECIES);
            DoubleVector sum1 = sum0;
            DoubleVector sum2 = sum0;
            DoubleVector sum3 = sum0;
            for (int r = 0; r < rows; r++) {
                int at = r * width + p;
                double m = mean[offset + r];
                DoubleVector c = DoubleVector.broadcast(SPECIES, inverse[offset + r]);
                DoubleVector delta0 = DoubleVector.fromArray(SPECIES, block, at).sub(m);
                DoubleVector delta1 = DoubleVector.fromArray(SPECIES, block, at + LANES).sub(m);
                DoubleVector delta2 = DoubleVector.fromArray(SPECIES, block, at + 2 * LANES).sub(m);
                DoubleVector delta3 = DoubleVector.fromArray(SPECIES, block, at + 3 * LANES).sub(m);
                sum0 = delta0.mul(delta0).fma(c, sum0);
                sum1 = delta1.mul(delta1).fma(c, sum1);
                sum2 = delta2.mul(delta2).fma(c, sum2);
                sum3 = delta3.mul(delta3).fma(c, sum3);
            }
            sum0.intoArray(out, p);
            sum1.intoArray(out, p + LANES);
            sum2.intoArray(out, p + 2 * LANES);
            sum3.intoArray(out, p + 3 * LANES);
        }
        for (; p + LANES <= width; p += LANES) {
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int r = 0; r < rows; r++) {
                DoubleVector delta = DoubleVector.fromArray(SPECIES, block, r * width + p).sub(mean[offset + r]);
                sum = delta.mul(delta).fma(DoubleVector.broadcast(SPECIES, inverse[offset + r]), sum);
            }
            sum.intoArray(out, p);
        }
        for (; p < width; p++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                double delta = block[r * width + p] - mean[offset + r];
                sum = Math.fma(delta * delta, inverse[offset + r], sum);
            }
            out[p] = sum;
        }
    }

    @Override
    public void softmax(double[] values, int components, int width, double[] logSum, double[] scratch) {
        int bound = SPECIES.loopBound(width);
        for (int p = 0; p < bound; p += LANES) {
            DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < components; k++) {
                max = max.max(DoubleVector.fromArray(SPECIES, values, k * width + p));
            }
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int k = 0; k < components; k++) {
                int at = k * width + p;
                DoubleVector.fromArray(SPECIES, values, at).sub(max).intoArray(values, at);
                exp(values, at, values, at);
                sum = sum.add(DoubleVector.fromArray(SPECIES, values, at));
            }
            max.intoArray(logSum, p);
            sum.intoArray(scratch, p);
            for (int q = p; q < p + LANES; q++) {
                logSum[q] = logSum[q] + Math.log(scratch[q]);
            }
            DoubleVector inverse = DoubleVector.broadcast(SPECIES, 1.0).div(sum);
            for (int k = 0; k < components; k++) {
                DoubleVector.fromArray(SPECIES, values, k * width + p).mul(inverse).intoArray(values, k * width + p);
            }
        }
        for (int p = bound; p < width; p++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                max = Math.max(max, values[k * width + p]);
            }
            double sum = 0;
            for (int k = 0; k < components; k++) {
                double e = Exp.exp(values[k * width + p] - max);
                values[k * width + p] = e;
                sum += e;
            }
            logSum[p] = max + Math.log(sum);
            double inverse = 1 / sum;
            for (int k = 0; k < components; k++) {
                values[k * width + p] *= inverse;
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
        for (int p = bound; p < width; p++) {
            for (int r = 0; r < rows; r++) {
                int at = r * width + p;
                target[at] = Math.fma(weight[weightOffset + p], source[sourceBase + at], target[at]);
            }
        }
    }

    @Override
    public void addWeightedDiagonalScore(double[] block, int width, int rows, double[] mean, double[] inverse,
                                         int offset, double[] weight, int weightOffset, double[] target) {
        int bound = SPECIES.loopBound(width);
        for (int p = 0; p < bound; p += LANES) {
            DoubleVector w = DoubleVector.fromArray(SPECIES, weight, weightOffset + p);
            for (int r = 0; r < rows; r++) {
                int at = r * width + p;
                DoubleVector componentScore = DoubleVector.broadcast(SPECIES, mean[offset + r])
                        .sub(DoubleVector.fromArray(SPECIES, block, at)).mul(inverse[offset + r]);
                w.fma(componentScore, DoubleVector.fromArray(SPECIES, target, at)).intoArray(target, at);
            }
        }
        for (int p = bound; p < width; p++) {
            for (int r = 0; r < rows; r++) {
                int at = r * width + p;
                double componentScore = (mean[offset + r] - block[at]) * inverse[offset + r];
                target[at] = Math.fma(weight[weightOffset + p], componentScore, target[at]);
            }
        }
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
        for (; p < width; p++) {
            double sum = 0;
            for (int j = 0; j < length; j++) {
                sum = Math.fma(matrix[row + j], block[base + j * width + p], sum);
            }
            out[p] = sum;
        }
    }

    /**
     * Register-tiled: four batch rows × two vectors of outputs share each loaded weight vector and each broadcast
     * input, eight independent accumulators hide the FMA latency. Every output is still one sequential chain in k.
     */
    @Override
    public void dense(double[] x, int n, int in, double[] weightsT, int weightOffset, double[] bias, int biasOffset,
                      int out, double[] pre) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            denseRows4(x, i, in, weightsT, weightOffset, bias, biasOffset, out, pre);
        }
        for (; i < n; i++) {
            denseRow(x, i, in, weightsT, weightOffset, bias, biasOffset, out, pre);
        }
    }

    private static void denseRows4(double[] x, int i, int in, double[] weightsT, int weightOffset, double[] bias,
                                   int biasOffset, int out, double[] pre) {
        int x0 = i * in;
        int x1 = x0 + in;
        int x2 = x1 + in;
        int x3 = x2 + in;
        int o = 0;
        for (; o + 2 * LANES <= out; o += 2 * LANES) {
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
            for (int k = 0; k < in; k++) {
                int w = weightOffset + k * out + o;
                DoubleVector w0 = DoubleVector.fromArray(SPECIES, weightsT, w);
                DoubleVector w1 = DoubleVector.fromArray(SPECIES, weightsT, w + LANES);
                DoubleVector v0 = DoubleVector.broadcast(SPECIES, x[x0 + k]);
                DoubleVector v1 = DoubleVector.broadcast(SPECIES, x[x1 + k]);
                DoubleVector v2 = DoubleVector.broadcast(SPECIES, x[x2 + k]);
                DoubleVector v3 = DoubleVector.broadcast(SPECIES, x[x3 + k]);
                a00 = v0.fma(w0, a00);
                a01 = v0.fma(w1, a01);
                a10 = v1.fma(w0, a10);
                a11 = v1.fma(w1, a11);
                a20 = v2.fma(w0, a20);
                a21 = v2.fma(w1, a21);
                a30 = v3.fma(w0, a30);
                a31 = v3.fma(w1, a31);
            }
            a00.intoArray(pre, i * out + o);
            a01.intoArray(pre, i * out + o + LANES);
            a10.intoArray(pre, (i + 1) * out + o);
            a11.intoArray(pre, (i + 1) * out + o + LANES);
            a20.intoArray(pre, (i + 2) * out + o);
            a21.intoArray(pre, (i + 2) * out + o + LANES);
            a30.intoArray(pre, (i + 3) * out + o);
            a31.intoArray(pre, (i + 3) * out + o + LANES);
        }
        for (int r = 0; r < 4; r++) {
            denseOutputs(x, i + r, in, weightsT, weightOffset, bias, biasOffset, out, pre, o);
        }
    }

    private static void denseRow(double[] x, int i, int in, double[] weightsT, int weightOffset, double[] bias,
                                 int biasOffset, int out, double[] pre) {
        int o = 0;
        for (; o + LANES <= out; o += LANES) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, bias, biasOffset + o);
            for (int k = 0; k < in; k++) {
                a = DoubleVector.broadcast(SPECIES, x[i * in + k])
                        .fma(DoubleVector.fromArray(SPECIES, weightsT, weightOffset + k * out + o), a);
            }
            a.intoArray(pre, i * out + o);
        }
        denseOutputs(x, i, in, weightsT, weightOffset, bias, biasOffset, out, pre, o);
    }

    /** Outputs from..out of row i, one scalar chain each. */
    private static void denseOutputs(double[] x, int i, int in, double[] weightsT, int weightOffset, double[] bias,
                                     int biasOffset, int out, double[] pre, int from) {
        for (int o = from; o < out; o++) {
            double a = bias[biasOffset + o];
            for (int k = 0; k < in; k++) {
                a = Math.fma(x[i * in + k], weightsT[weightOffset + k * out + o], a);
            }
            pre[i * out + o] = a;
        }
    }

    @Override
    public void silu(double[] x, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.neg().intoArray(out, i);
            exp(out, i, out, i);
            v.div(DoubleVector.fromArray(SPECIES, out, i).add(1.0)).intoArray(out, i);
        }
        for (; i < n; i++) {
            double v = x[i];
            out[i] = v / (1 + Exp.exp(-v));
        }
    }

    @Override
    public void gelu(double[] x, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.mul(v).mul(v).mul(ScalarKernels.GELU_CUBIC).add(v).mul(ScalarKernels.GELU_SCALE).intoArray(out, i);
            exp(out, i, out, i);
            v.div(DoubleVector.fromArray(SPECIES, out, i).add(1.0)).intoArray(out, i);
        }
        for (; i < n; i++) {
            double v = x[i];
            double u = (v * v * v * ScalarKernels.GELU_CUBIC + v) * ScalarKernels.GELU_SCALE;
            out[i] = v / (1 + Exp.exp(u));
        }
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
        for (; i < n; i++) {
            out[i] = a * x[i] + b * y[i];
        }
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
        for (; i < n; i++) {
            out[i] = a * x[i] + b * y[i] + c * w[i];
        }
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
        for (; i < n; i++) {
            out[i] = a * x[i] + b * y[i] + c * w[i] + e * v[i];
        }
    }
}
