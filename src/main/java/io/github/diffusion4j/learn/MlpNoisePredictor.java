package io.github.diffusion4j.learn;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.Prediction;
import io.github.diffusion4j.score.PredictionModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.score.ScoreModels;

/**
 * An {@link Mlp} as a noise-predicting model; {@link #asScoreModel} turns it into the score {@code s = −ε̂/σ} that
 * solvers and claims use. Thread-safe: each thread gets its own workspace.
 */
public final class MlpNoisePredictor implements PredictionModel {

    private final Mlp mlp;
    private final ThreadLocal<Mlp.Workspace> workspace = ThreadLocal.withInitial(Mlp.Workspace::new);
    private final ThreadLocal<double[]> time = ThreadLocal.withInitial(() -> new double[1]);

    /** @param mlp the network */
    public MlpNoisePredictor(Mlp mlp) {
        this.mlp = mlp;
    }

    /** @return the network */
    public Mlp mlp() {
        return mlp;
    }

    @Override
    public int dimension() {
        return mlp.dimension();
    }

    @Override
    public Prediction prediction() {
        return Prediction.NOISE;
    }

    @Override
    public void predict(double t, double[] z, int from, int to, double[] out) {
        int d = mlp.dimension();
        int n = to - from;
        double[] points = from == 0 ? z : java.util.Arrays.copyOfRange(z, from * d, to * d);
        double[] result = from == 0 ? out : new double[n * d];
        double[] times = time.get();
        times[0] = t;
        mlp.forward(times, points, n, result, workspace.get());
        if (from != 0) {
            System.arraycopy(result, 0, out, from * d, n * d);
        }
    }

    /**
     * @param schedule the schedule the network was trained on
     * @return the network as a score model
     */
    public ScoreModel asScoreModel(NoiseSchedule schedule) {
        return ScoreModels.fromPrediction(this, schedule);
    }
}
