package io.github.diffusion4j.learn;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The exact error of a learned score against the true one, {@code ε²_score = mean over t of E_{p_t} σ(t)²‖s_θ −
 * ∇log p_t‖²} (the σ²-weighted explicit score-matching error, i.e. the noise-prediction error against the optimal
 * ε̂), at nine times spread over the model's range, 2,000 exact samples of p_t each.
 */
public final class ScoreError {

    private ScoreError() {
    }

    /**
     * @param model    the learned score
     * @param data     the data
     * @param schedule the forward process
     * @param tMin     the smallest time
     * @param tMax     the largest time
     * @param seed     the seed of the samples
     * @return ε²_score
     */
    public static double weighted(ScoreModel model, GaussianMixture data, NoiseSchedule schedule, double tMin,
                                  double tMax, long seed) {
        int n = 2000;
        int d = data.dimension();
        int times = 9;
        double total = 0;
        double[] exact = new double[n * d];
        double[] learned = new double[n * d];
        MixtureMarginal marginal = data.marginal();
        for (int j = 0; j < times; j++) {
            double t = tMin + (tMax - tMin) * (j + 0.5) / times;
            double[] z = data.sampleMarginal(schedule, t, RandomSource.XO_RO_SHI_RO_128_PP.create(seed + j), n);
            marginal.setTime(schedule, t).score(z, n, exact);
            model.score(t, z, 0, n, learned);
            double sigma = schedule.sigma(t);
            for (int i = 0; i < n * d; i++) {
                double e = learned[i] - exact[i];
                total += sigma * sigma * e * e / ((double) n * times);
            }
        }
        return total;
    }
}
