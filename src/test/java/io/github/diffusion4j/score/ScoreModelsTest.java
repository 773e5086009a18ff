package io.github.diffusion4j.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.testing.RandomMixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each parametrisation, computed exactly from the mixture marginal and adapted back to a score model, gives the exact
 * score and posterior mean. Tolerance 10⁻¹⁰ relative to the magnitude of the terms: the conversions divide by σ or by
 * α² + σ², amplifying rounding by at most ~10² at the times used.
 */
class ScoreModelsTest {

    private static final GaussianMixture DATA = BuiltinMixtures.ring8();

    /** The exact prediction of the given kind, as a model. */
    private static PredictionModel exact(Prediction kind, NoiseSchedule schedule) {
        return new PredictionModel() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public Prediction prediction() {
                return kind;
            }

            @Override
            public void predict(double t, double[] z, int from, int to, double[] out) {
                MixtureMarginal p = DATA.marginal().setTime(schedule, t);
                int n = to - from;
                double[] part = java.util.Arrays.copyOfRange(z, from * 2, to * 2);
                double[] result = new double[n * 2];
                switch (kind) {
                    case SCORE -> p.score(part, n, result);
                    case NOISE -> p.noisePrediction(part, n, result);
                    case DATA -> p.posteriorMean(part, n, result);
                    case V -> p.vPrediction(part, n, result);
                    default -> p.flowVelocity(part, n, result);
                }
                System.arraycopy(result, 0, out, from * 2, n * 2);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Prediction.class)
    void adaptedPredictionsGiveTheExactScoreAndPosteriorMean(Prediction kind) {
        for (String name : new String[] {"vp-linear", "linear", "ve"}) {
            NoiseSchedule s = Schedules.byName(name);
            ScoreModel adapted = ScoreModels.fromPrediction(exact(kind, s), s);
            for (double t : new double[] {0.05 * s.tMax(), 0.5 * s.tMax(), 0.95 * s.tMax()}) {
                MixtureMarginal p = DATA.marginal().setTime(s, t);
                double[] z = RandomMixtures.marginalPoints(DATA, p.alpha(), p.sigma(), 6, 2);
                double[] expectedScore = new double[12];
                double[] expectedMean = new double[12];
                p.score(z, 6, expectedScore);
                p.posteriorMean(z, 6, expectedMean);
                double[] score = new double[12];
                double[] mean = new double[12];
                adapted.score(t, z, 0, 6, score);
                adapted.dataPrediction(s, t, z, 0, 6, mean);
                for (int i = 0; i < 12; i++) {
                    double scale = 1 + Math.abs(expectedScore[i]) + Math.abs(z[i]) / (p.sigma() * p.sigma());
                    assertEquals(expectedScore[i], score[i], 1e-10 * scale, kind + " score on " + name + " at t = " + t);
                    assertEquals(expectedMean[i], mean[i], 1e-10 * (1 + Math.abs(z[i]) / p.alpha()),
                            kind + " x̂₀ on " + name + " at t = " + t);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Prediction.class, names = {"DATA", "V", "VELOCITY"})
    void nativeDataPredictionsWorkWhereAlphaIsZero(Prediction kind) {
        NoiseSchedule linear = Schedules.byName("linear");
        ScoreModel adapted = ScoreModels.fromPrediction(exact(kind, linear), linear);
        double[] z = {0.3, -1.0};
        double[] mean = new double[2];
        adapted.dataPrediction(linear, 1.0, z, 0, 1, mean);
        double[] prior = new double[2];
        for (int k = 0; k < DATA.components(); k++) {
            prior[0] += DATA.weight(k) * DATA.mean(k)[0];
            prior[1] += DATA.weight(k) * DATA.mean(k)[1];
        }
        assertEquals(prior[0], mean[0], 1e-12, "x̂₀ at α = 0 is the prior mean");
        assertEquals(prior[1], mean[1], 1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = Prediction.class, names = {"SCORE", "NOISE"})
    void tweedieCannotRecoverTheDataAtAlphaZero(Prediction kind) {
        NoiseSchedule linear = Schedules.byName("linear");
        ScoreModel adapted = ScoreModels.fromPrediction(exact(kind, linear), linear);
        assertThrows(IllegalArgumentException.class, () -> adapted.dataPrediction(linear, 1.0, new double[2], 0, 1,
                new double[2]));
    }
}
