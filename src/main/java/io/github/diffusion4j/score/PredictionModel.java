package io.github.diffusion4j.score;

/**
 * A batched model predicting one of the quantities of {@link Prediction}; turned into a {@link ScoreModel} by
 * {@link ScoreModels#fromPrediction}. Same batch conventions and thread-safety contract as {@link ScoreModel}.
 */
public interface PredictionModel {

    /** @return the dimension d */
    int dimension();

    /** @return what {@link #predict} returns */
    Prediction prediction();

    /**
     * @param t    time
     * @param z    points, row-major. Not modified.
     * @param from first point
     * @param to   one past the last point
     * @param out  receives the prediction in rows {@code from … to−1}. Modified.
     */
    void predict(double t, double[] z, int from, int to, double[] out);
}
