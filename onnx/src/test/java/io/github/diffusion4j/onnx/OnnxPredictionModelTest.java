package io.github.diffusion4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.io.Npz;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.Prediction;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.score.ScoreModels;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter against NumPy's evaluation of the same network (src/test/resources/make_mlp_onnx.py writes both the
 * ONNX file — protobuf encoded by hand — and NumPy's output). ONNX Runtime computes in float32: inputs rounded to
 * float32 (as NumPy's reference does too), then a 3-wide and a 16-wide dot product, tanh, in float32 arithmetic —
 * a relative error of a few times 16 · 6e-8, so 1e-5 (1 + |ε|) absolute is a bound with room, not a fit.
 */
class OnnxPredictionModelTest {

    private static final Path MODEL = Path.of("src/test/resources/mlp-eps.onnx");

    @TempDir
    Path dir;

    @Test
    void predictsWhatNumpyComputes() {
        Npz.Contents check = Npz.read(Path.of("src/test/resources/mlp-eps-check.npz"));
        double[] z = check.arrays().get("z").values();
        double[] t = check.arrays().get("t").values();
        double[] expected = check.arrays().get("eps").values();
        try (OnnxPredictionModel model = OnnxPredictionModel.load(MODEL, 2, Prediction.NOISE)) {
            assertEquals(2, model.dimension());
            assertEquals(Prediction.NOISE, model.prediction());
            for (int i = 0; i < t.length; i++) {
                double[] eps = new double[z.length];
                model.predict(t[i], z, i, i + 1, eps);
                for (int j = 0; j < 2; j++) {
                    double e = expected[2 * i + j];
                    assertEquals(e, eps[2 * i + j], 1e-5 * (1 + Math.abs(e)), "point " + i + ", coordinate " + j);
                }
            }
        }
    }

    /** Through the ε adapter the score is −ε̂/σ(t), and a solver runs on it end to end. */
    @Test
    void isAScoreModelThroughTheNoiseAdapter() {
        NoiseSchedule vp = Schedules.byName("vp-linear");
        try (OnnxPredictionModel model = OnnxPredictionModel.load(MODEL, 2, Prediction.NOISE)) {
            ScoreModel score = ScoreModels.fromPrediction(model, vp);
            double[] z = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            double[] eps = new double[6];
            double[] s = new double[6];
            model.predict(0.4, z, 0, 3, eps);
            score.score(0.4, z, 0, 3, s);
            for (int i = 0; i < 6; i++) {
                assertEquals(-eps[i] / vp.sigma(0.4), s[i], 1e-15 * Math.abs(s[i]));
            }
            double[] particles = z.clone();
            long nfe = Integrator.of(Solvers.byName("dpm-solver++2m"), score, vp)
                    .integrate(TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 10), particles, 3).evaluations();
            assertEquals(10, nfe);
            for (double x : particles) {
                assertTrue(Double.isFinite(x));
            }
        }
    }

    /**
     * ONNX Runtime's float32 GEMM for this network gives a point the same bits alone and inside a batch of 7 — the
     * ScoreModel contract that a point's result does not depend on its batch, measured here for this model.
     */
    @Test
    void aPointsResultDoesNotDependOnItsBatch() {
        double[] z = new double[14];
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.sin(1.7 * i);
        }
        try (OnnxPredictionModel model = OnnxPredictionModel.load(MODEL, 2, Prediction.NOISE)) {
            double[] batch = new double[14];
            model.predict(0.6, z, 0, 7, batch);
            double[] alone = new double[14];
            for (int i = 0; i < 7; i++) {
                model.predict(0.6, z, i, i + 1, alone);
            }
            assertArrayEquals(batch, alone, 0.0);
            double[] middle = new double[14];
            model.predict(0.6, z, 2, 5, middle);
            for (int i = 4; i < 10; i++) {
                assertEquals(batch[i], middle[i], 0.0);
            }
        }
    }

    @Test
    void badFilesAndShapesAreRejectedNamingTheFile() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxPredictionModel.load(garbage, 2, Prediction.NOISE));
        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OnnxPredictionModel.load(MODEL, 3, Prediction.NOISE));
        assertTrue(e.getMessage().contains("[N, 3]") && e.getMessage().contains("'z'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OnnxPredictionModel.load(MODEL, 0, Prediction.NOISE));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void theTimeInputMapsTheSchedulesTime() {
        try (OnnxPredictionModel scaled = OnnxPredictionModel.load(MODEL, 2, Prediction.NOISE, t -> 0.5 * t);
             OnnxPredictionModel plain = OnnxPredictionModel.load(MODEL, 2, Prediction.NOISE)) {
            double[] z = {0.2, 0.4};
            double[] a = new double[2];
            double[] b = new double[2];
            scaled.predict(0.8, z, 0, 1, a);
            plain.predict(0.4, z, 0, 1, b);
            assertArrayEquals(b, a, 0.0);
        }
    }
}
