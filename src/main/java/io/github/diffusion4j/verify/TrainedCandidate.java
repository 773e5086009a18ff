package io.github.diffusion4j.verify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.diffusion4j.learn.Activation;
import io.github.diffusion4j.learn.DsmTrainer;
import io.github.diffusion4j.learn.Mlp;
import io.github.diffusion4j.learn.MlpNoisePredictor;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;

/**
 * The candidate "trained MLP": a 32-32 SiLU noise predictor trained by denoising score matching (800 Adam steps of
 * 128 draws, seed 1, t ∝ 1/σ² on [10⁻³ T, T]) on the problem and schedule at hand — a learned, imperfect, non-affine
 * score for the claims that hold for any model (T2, T3, T4). Networks are trained once per (data, schedule) and
 * cached for the lifetime of the candidate.
 */
final class TrainedCandidate implements Function<GroundTruth, ScoreModel> {

    private record Key(GaussianMixture data, NoiseSchedule schedule) {
    }

    private final Map<Key, ScoreModel> cache = new ConcurrentHashMap<>();

    /** @return the candidate */
    static CandidateModel create() {
        return new CandidateModel("trained MLP", new TrainedCandidate());
    }

    @Override
    public ScoreModel apply(GroundTruth truth) {
        return cache.computeIfAbsent(new Key(truth.mixture(), truth.schedule()), key -> {
            NoiseSchedule schedule = key.schedule();
            double tMax = schedule.reverseStart();
            double tMin = Math.max(1e-3 * schedule.tMax(), schedule.tMin());
            Mlp mlp = DsmTrainer.initialise(key.data().dimension(), 4, new int[] {32, 32}, Activation.SILU, tMin,
                    tMax, 1);
            new DsmTrainer().steps(800).batchSize(128).seed(1).train(mlp, key.data(), schedule);
            return new MlpNoisePredictor(mlp).asScoreModel(schedule);
        });
    }
}
