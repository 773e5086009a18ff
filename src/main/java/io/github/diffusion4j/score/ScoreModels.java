package io.github.diffusion4j.score;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * Adapters between parametrisations (the {@code model_wrapper} pattern of DPM-Solver). With {@code z = α x₀ + σ ε}:
 * <pre>
 *   from ε̂:  s = −ε̂/σ,                       x̂₀ = (z − σ ε̂)/α
 *   from x̂₀: s = (α x̂₀ − z)/σ²,               x̂₀ native
 *   from v̂:  x̂₀ = (α z − σ v̂)/(α² + σ²),      ε̂ = (σ z + α v̂)/(α² + σ²),   s = −ε̂/σ
 *   from û:  x̂₀ = (σ̇ z − σ û)/Δ,  ε̂ = (α û − α̇ z)/Δ,  Δ = α σ̇ − σ α̇ = −½ α σ dλ/dt &gt; 0,   s = −ε̂/σ
 * </pre>
 * (the last two solve the 2 × 2 system {z, v̂} or {z, û} for (x̂₀, ε̂)). Adapted models keep their native data
 * prediction where it is better conditioned than Tweedie's formula, in particular at {@code α = 0}.
 */
public final class ScoreModels {

    private ScoreModels() {
    }

    /**
     * @param model    a model predicting ε, x₀, v, the velocity or the score
     * @param schedule the schedule the model was trained for
     * @return the model as a score model
     */
    public static ScoreModel fromPrediction(PredictionModel model, NoiseSchedule schedule) {
        return new Adapter(model, schedule);
    }

    /**
     * Classifier-free guidance of a conditional model: {@code s_γ = (1 + γ) s(z | y) − γ s(z | ∅)} (Ho and Salimans
     * 2022). γ = 0 samples the conditional law, γ &gt; 0 sharpens toward the label.
     *
     * @param model a class-conditional model with a null label
     * @param label the label y to guide toward, in {@code [0, model.classes())}
     * @param gamma the guidance weight γ, finite
     * @return the guided score as a score model
     * @throws IllegalArgumentException for a label out of range or a non-finite γ
     */
    public static ScoreModel classifierFreeGuidance(ConditionalScoreModel model, int label, double gamma) {
        return new ClassifierFreeGuidance(model, label, gamma);
    }

    private static final class Adapter implements ScoreModel {
        private final PredictionModel model;
        private final NoiseSchedule schedule;

        Adapter(PredictionModel model, NoiseSchedule schedule) {
            this.model = model;
            this.schedule = schedule;
        }

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public void score(double t, double[] z, int from, int to, double[] out) {
            model.predict(t, z, from, to, out);
            double alpha = schedule.alpha(t);
            double sigma = schedule.sigma(t);
            int d = model.dimension();
            switch (model.prediction()) {
                case SCORE:
                    return;
                case NOISE:
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = -out[i] / sigma;
                    }
                    return;
                case DATA:
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = (alpha * out[i] - z[i]) / (sigma * sigma);
                    }
                    return;
                case V: {
                    double norm = alpha * alpha + sigma * sigma;
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = -(sigma * z[i] + alpha * out[i]) / (norm * sigma);
                    }
                    return;
                }
                case VELOCITY: {
                    double alphaDot = schedule.alphaDot(t);
                    double delta = alpha * schedule.sigmaDot(t) - sigma * alphaDot;
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = -(alpha * out[i] - alphaDot * z[i]) / (delta * sigma);
                    }
                    return;
                }
                default:
                    throw new IllegalStateException(String.valueOf(model.prediction()));
            }
        }

        @Override
        public void dataPrediction(NoiseSchedule other, double t, double[] z, int from, int to, double[] out) {
            Prediction kind = model.prediction();
            if (other != schedule || kind == Prediction.SCORE) {
                ScoreModel.super.dataPrediction(other, t, z, from, to, out);
                return;
            }
            model.predict(t, z, from, to, out);
            double alpha = schedule.alpha(t);
            double sigma = schedule.sigma(t);
            int d = model.dimension();
            switch (kind) {
                case NOISE:
                    if (alpha == 0) {
                        throw new IllegalArgumentException("x̂₀ from a noise prediction is undefined at α = 0 (t = " + t + ")");
                    }
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = (z[i] - sigma * out[i]) / alpha;
                    }
                    return;
                case DATA:
                    return;
                case V: {
                    double norm = alpha * alpha + sigma * sigma;
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = (alpha * z[i] - sigma * out[i]) / norm;
                    }
                    return;
                }
                case VELOCITY: {
                    double sigmaDot = schedule.sigmaDot(t);
                    double delta = alpha * sigmaDot - sigma * schedule.alphaDot(t);
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = (sigmaDot * z[i] - sigma * out[i]) / delta;
                    }
                    return;
                }
                default:
                    throw new IllegalStateException(String.valueOf(kind));
            }
        }
    }
}
