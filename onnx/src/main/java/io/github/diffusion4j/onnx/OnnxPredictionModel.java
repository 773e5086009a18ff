package io.github.diffusion4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.diffusion4j.score.Prediction;
import io.github.diffusion4j.score.PredictionModel;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * A network exported to ONNX (e.g. by {@code torch.onnx.export}), evaluated by ONNX Runtime as a
 * {@link PredictionModel}; {@link io.github.diffusion4j.score.ScoreModels#fromPrediction} turns it into the score
 * the solvers see.
 *
 * <p>The graph's first input is the batch of points, shape {@code [N, d]}; its second the times, shape {@code [N]}
 * or {@code [N, 1]}; its first output the prediction, {@code [N, d]}. Inputs and output are float32 (as PyTorch
 * exports by default) or float64; diffusion4j's doubles are rounded to float32 on the way in for a float32 graph. The
 * time fed to the network is {@code timeInput(t)} — the identity by default; e.g. {@code t -> 999 * t} for a network
 * trained on DDPM step indices.
 *
 * <p>Thread-safe: ONNX Runtime sessions allow concurrent {@code run} calls, and each call builds its own tensors.
 * Results are per point only as far as ONNX Runtime's kernels are: its matrix multiplications may block a batch
 * differently by batch size (see the module's README for what the test measures).
 */
public final class OnnxPredictionModel implements PredictionModel, AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String source;
    private final int dimension;
    private final Prediction prediction;
    private final DoubleUnaryOperator timeInput;
    private final String pointsName;
    private final String timeName;
    private final boolean timeIsColumn;
    private final boolean float32;

    private OnnxPredictionModel(OrtSession session, String source, int dimension, Prediction prediction,
                                DoubleUnaryOperator timeInput) throws OrtException {
        this.environment = OrtEnvironment.getEnvironment();
        this.session = session;
        this.source = source;
        this.dimension = dimension;
        this.prediction = prediction;
        this.timeInput = timeInput;
        List<Map.Entry<String, NodeInfo>> inputs = new ArrayList<>(session.getInputInfo().entrySet());
        if (inputs.size() != 2 || session.getOutputInfo().isEmpty()) {
            throw new IllegalArgumentException(source + ": expected 2 inputs (points, times) and an output, found "
                    + "inputs " + session.getInputNames() + " and outputs " + session.getOutputNames());
        }
        TensorInfo points = tensorInfo(inputs.get(0));
        TensorInfo times = tensorInfo(inputs.get(1));
        TensorInfo output = tensorInfo(session.getOutputInfo().entrySet().iterator().next());
        long[] pointsShape = points.getShape();
        if (pointsShape.length != 2 || !(pointsShape[1] == dimension || pointsShape[1] < 0)) {
            throw new IllegalArgumentException(source + ": input '" + inputs.get(0).getKey() + "' has shape "
                    + Arrays.toString(pointsShape) + ", expected [N, " + dimension + "]");
        }
        long[] timesShape = times.getShape();
        if (!(timesShape.length == 1 || (timesShape.length == 2 && timesShape[1] == 1))) {
            throw new IllegalArgumentException(source + ": input '" + inputs.get(1).getKey() + "' has shape "
                    + Arrays.toString(timesShape) + ", expected [N] or [N, 1]");
        }
        this.float32 = points.type == OnnxJavaType.FLOAT;
        for (TensorInfo info : new TensorInfo[] {points, times, output}) {
            if (info.type != (float32 ? OnnxJavaType.FLOAT : OnnxJavaType.DOUBLE)) {
                throw new IllegalArgumentException(source + ": tensors must all be float32 or all float64, found "
                        + points.type + " points, " + times.type + " times, " + output.type + " output");
            }
        }
        this.pointsName = inputs.get(0).getKey();
        this.timeName = inputs.get(1).getKey();
        this.timeIsColumn = timesShape.length == 2;
    }

    private TensorInfo tensorInfo(Map.Entry<String, NodeInfo> node) {
        if (!(node.getValue().getInfo() instanceof TensorInfo info)) {
            throw new IllegalArgumentException(source + ": '" + node.getKey() + "' is not a tensor");
        }
        return info;
    }

    /**
     * @param file       an ONNX model
     * @param dimension  the dimension d of the points
     * @param prediction what the network's output is
     * @return the model, feeding the network the time t itself
     * @throws IllegalArgumentException naming the file if it cannot be loaded or its inputs do not fit
     */
    public static OnnxPredictionModel load(Path file, int dimension, Prediction prediction) {
        return load(file, dimension, prediction, t -> t);
    }

    /**
     * @param file       an ONNX model
     * @param dimension  the dimension d of the points
     * @param prediction what the network's output is
     * @param timeInput  the network's time input as a function of t
     * @return the model
     * @throws IllegalArgumentException naming the file if it cannot be loaded or its inputs do not fit
     */
    public static OnnxPredictionModel load(Path file, int dimension, Prediction prediction,
                                           DoubleUnaryOperator timeInput) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        OrtSession session = null;
        try {
            session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions());
            return new OnnxPredictionModel(session, file.toString(), dimension, prediction, timeInput);
        } catch (OrtException e) {
            close(session);
            throw new IllegalArgumentException(file + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            close(session);
            throw e;
        }
    }

    private static void close(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the load failure is what the caller needs to see
            }
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Prediction prediction() {
        return prediction;
    }

    @Override
    public void predict(double t, double[] z, int from, int to, double[] out) {
        int n = to - from;
        long[] pointsShape = {n, dimension};
        long[] timesShape = timeIsColumn ? new long[] {n, 1} : new long[] {n};
        double time = timeInput.applyAsDouble(t);
        try (OnnxTensor points = tensor(z, from * dimension, n * dimension, pointsShape);
             OnnxTensor times = timesTensor(n, time, timesShape);
             OrtSession.Result result = session.run(Map.of(pointsName, points, timeName, times))) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor output)
                    || !Arrays.equals(((TensorInfo) output.getInfo()).getShape(), pointsShape)) {
                throw new IllegalStateException(source + ": the output is not a tensor of shape "
                        + Arrays.toString(pointsShape) + ": " + value.getInfo());
            }
            if (float32) {
                FloatBuffer values = output.getFloatBuffer();
                for (int i = 0; i < n * dimension; i++) {
                    out[from * dimension + i] = values.get(i);
                }
            } else {
                output.getDoubleBuffer().get(out, from * dimension, n * dimension);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(source + ": ONNX Runtime failed at t = " + t + ": " + e.getMessage(), e);
        }
    }

    /** n copies of the time, in the graph's element type. */
    private OnnxTensor timesTensor(int n, double time, long[] shape) throws OrtException {
        if (float32) {
            float[] values = new float[n];
            Arrays.fill(values, (float) time);
            return OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
        }
        double[] values = new double[n];
        Arrays.fill(values, time);
        return OnnxTensor.createTensor(environment, DoubleBuffer.wrap(values), shape);
    }

    private OnnxTensor tensor(double[] values, int offset, int length, long[] shape) throws OrtException {
        if (float32) {
            FloatBuffer buffer = FloatBuffer.allocate(length);
            for (int i = 0; i < length; i++) {
                buffer.put(i, (float) values[offset + i]);
            }
            return OnnxTensor.createTensor(environment, buffer, shape);
        }
        return OnnxTensor.createTensor(environment, DoubleBuffer.wrap(values, offset, length).slice(), shape);
    }

    /** Closes the ONNX Runtime session. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(source + ": cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
