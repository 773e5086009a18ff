package io.github.diffusion4j.learn;

import java.util.Arrays;


import io.github.diffusion4j.internal.Sizes;
import io.github.diffusion4j.kernel.VectorKernels;

/**
 * A multilayer perceptron for noise prediction, {@code ε̂(z, t)}: the input is z (d values) and a sinusoidal
 * embedding of the normalised time {@code u = (t − t_min)/(t_max − t_min)} — {@code sin(2^j π u), cos(2^j π u)} for
 * j &lt; m (Vaswani et al. 2017; Ho et al. 2020 use the same family) — followed by fully connected hidden layers with an
 * activation and a linear output of d values.
 *
 * <p>Parameters live in one flat array, layer by layer: the weights W_l (out × in, row-major), then the biases b_l.
 * {@link #forward} and {@link #backward} work on row-major batches with a caller-owned {@link Workspace}, so a training
 * step allocates nothing once the workspace has grown to the batch size. Instances are immutable apart from the
 * parameter array, which training updates in place.
 */
public final class Mlp {

    /** SIMD or scalar, with the same bits. */
    private static final VectorKernels KERNELS = VectorKernels.get();

    private final int dimension;
    private final int frequencies;
    private final int[] widths;
    private final Activation activation;
    private final double tMin;
    private final double tMax;
    private final double[] parameters;
    private final int[] weightOffset;
    private final int[] biasOffset;

    /**
     * @param dimension   d, the data dimension (input and output)
     * @param frequencies m ≥ 1, the number of embedding frequencies (2m time features)
     * @param hidden      the hidden-layer widths, at least one, each ≥ 1
     * @param activation  the hidden activation
     * @param tMin        the time mapped to u = 0
     * @param tMax        the time mapped to u = 1
     * @param parameters  the flat parameters, length {@link #parameterCount(int, int, int...)}. Not copied.
     */
    public Mlp(int dimension, int frequencies, int[] hidden, Activation activation, double tMin, double tMax,
               double[] parameters) {
        if (dimension < 1 || frequencies < 1 || hidden.length == 0 || Arrays.stream(hidden).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("need d ≥ 1, m ≥ 1 and hidden widths ≥ 1, got d = " + dimension
                    + ", m = " + frequencies + ", widths " + Arrays.toString(hidden));
        }
        if (!(tMin < tMax)) {
            throw new IllegalArgumentException("need tMin < tMax, got [" + tMin + ", " + tMax + "]");
        }
        int count = parameterCount(dimension, frequencies, hidden);
        if (parameters.length != count) {
            throw new IllegalArgumentException("expected " + count + " parameters, got " + parameters.length);
        }
        this.dimension = dimension;
        this.frequencies = frequencies;
        this.widths = layerWidths(dimension, frequencies, hidden);
        this.activation = activation;
        this.tMin = tMin;
        this.tMax = tMax;
        this.parameters = parameters;
        int layers = widths.length - 1;
        this.weightOffset = new int[layers];
        this.biasOffset = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = offset;
            offset += widths[l + 1] * widths[l];
            biasOffset[l] = offset;
            offset += widths[l + 1];
        }
    }

    private static int[] layerWidths(int dimension, int frequencies, int[] hidden) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = dimension + 2 * frequencies;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = dimension;
        return widths;
    }

    /**
     * @param dimension   d
     * @param frequencies m
     * @param hidden      hidden widths
     * @return the number of parameters
     */
    public static int parameterCount(int dimension, int frequencies, int... hidden) {
        for (int l = 0; l < hidden.length; l++) {
            if (hidden[l] < 1) {
                throw new IllegalArgumentException("hidden width " + hidden[l] + " of layer " + (l + 1)
                        + " must be at least 1");
            }
        }
        int[] widths = layerWidths(dimension, frequencies, hidden);
        long count = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            count += (long) widths[l + 1] * (widths[l] + 1L);
        }
        return Sizes.arrayLength(count, 1, "the network's parameters");
    }

    /** @return d */
    public int dimension() {
        return dimension;
    }

    /** @return m */
    public int frequencies() {
        return frequencies;
    }

    /** @return the hidden widths */
    public int[] hidden() {
        return Arrays.copyOfRange(widths, 1, widths.length - 1);
    }

    /** @return the activation */
    public Activation activation() {
        return activation;
    }

    /** @return the time mapped to u = 0 */
    public double tMin() {
        return tMin;
    }

    /** @return the time mapped to u = 1 */
    public double tMax() {
        return tMax;
    }

    /** @return the flat parameter array itself (training updates it in place) */
    public double[] parameters() {
        return parameters;
    }

    /** @return the number of layers (hidden + output) */
    int layers() {
        return widths.length - 1;
    }

    /** @return the input and output width of layer l */
    int width(int l) {
        return widths[l];
    }

    /** @return the offset of layer l's weights */
    int weightOffset(int l) {
        return weightOffset[l];
    }

    /** @return the offset of layer l's biases */
    int biasOffset(int l) {
        return biasOffset[l];
    }

    /** Buffers of one batch: every layer's input and pre-activation, grown on demand and reused. */
    public static final class Workspace {
        double[][] inputs = new double[0][];
        double[][] preActivations = new double[0][];
        double[][] gradients = new double[0][];
        /** Each layer's weights packed for the dense kernel, refreshed by every forward pass. */
        double[][] weightsPacked = new double[0][];
        int capacity;

        void ensure(Mlp mlp, int n) {
            int layers = mlp.layers();
            if (inputs.length == layers && capacity >= n) {
                return;
            }
            capacity = Math.max(n, capacity);
            inputs = new double[layers][];
            preActivations = new double[layers][];
            gradients = new double[layers + 1][];
            weightsPacked = new double[layers][];
            for (int l = 0; l < layers; l++) {
                weightsPacked[l] = new double[mlp.width(l) * mlp.width(l + 1)];
                inputs[l] = new double[capacity * mlp.width(l)];
                preActivations[l] = new double[capacity * mlp.width(l + 1)];
                gradients[l] = new double[capacity * mlp.width(l)];
            }
            gradients[layers] = new double[capacity * mlp.width(layers)];
        }
    }

    /**
     * ε̂ for a batch of points, all at the same time or each at its own.
     *
     * @param times     one time per point (length ≥ n), or a single time (length 1) for all
     * @param z         n points, row-major. Not modified.
     * @param n         the number of points
     * @param out       receives ε̂, n × d. Modified.
     * @param workspace buffers, kept for {@link #backward}
     */
    public void forward(double[] times, double[] z, int n, double[] out, Workspace workspace) {
        workspace.ensure(this, n);
        int inputWidth = widths[0];
        double[] input = workspace.inputs[0];
        for (int i = 0; i < n; i++) {
            System.arraycopy(z, i * dimension, input, i * inputWidth, dimension);
            double u = ((times.length == 1 ? times[0] : times[i]) - tMin) / (tMax - tMin);
            for (int j = 0; j < frequencies; j++) {
                double angle = Math.scalb(Math.PI, j) * u;
                input[i * inputWidth + dimension + 2 * j] = Math.sin(angle);
                input[i * inputWidth + dimension + 2 * j + 1] = Math.cos(angle);
            }
        }
        int layers = layers();
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int outWidth = widths[l + 1];
            double[] x = workspace.inputs[l];
            double[] pre = workspace.preActivations[l];
            double[] packed = workspace.weightsPacked[l];
            KERNELS.packWeights(parameters, weightOffset[l], in, outWidth, packed);
            KERNELS.dense(x, n, in, packed, parameters, biasOffset[l], outWidth, pre);
            if (l + 1 < layers) {
                activation.apply(KERNELS, pre, workspace.inputs[l + 1], n * outWidth);
            } else {
                System.arraycopy(pre, 0, out, 0, n * outWidth);
            }
        }
    }

    /**
     * Back-propagates {@code dL/dε̂} through the batch of the last {@link #forward} and adds {@code dL/dθ} to gradient.
     *
     * @param outputGradient dL/dε̂, n × d. Not modified.
     * @param n              the batch size of the last forward pass
     * @param gradient       accumulates dL/dθ, same layout as the parameters. Modified.
     * @param workspace      the workspace of that forward pass
     */
    public void backward(double[] outputGradient, int n, double[] gradient, Workspace workspace) {
        int layers = layers();
        double[] upstream = workspace.gradients[layers];
        System.arraycopy(outputGradient, 0, upstream, 0, n * dimension);
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int outWidth = widths[l + 1];
            double[] x = workspace.inputs[l];
            double[] pre = workspace.preActivations[l];
            double[] delta = workspace.gradients[l + 1];
            if (l + 1 < layers) {
                for (int k = 0; k < n * outWidth; k++) {
                    delta[k] *= activation.derivative(pre[k]);
                }
            }
            int w = weightOffset[l];
            int b = biasOffset[l];
            double[] down = workspace.gradients[l];
            Arrays.fill(down, 0, n * in, 0);
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < outWidth; o++) {
                    double g = delta[i * outWidth + o];
                    gradient[b + o] += g;
                    int row = w + o * in;
                    for (int k = 0; k < in; k++) {
                        gradient[row + k] += g * x[i * in + k];
                        down[i * in + k] += g * parameters[row + k];
                    }
                }
            }
        }
    }
}
