package io.github.diffusion4j.testing;

import io.github.diffusion4j.score.ScoreModel;

/**
 * The score −z of a standard normal in d = 2, except that particle {@code particle} gets NaN once t drops below
 * {@code onset}: a model that fails mid-integration, for the tests of how that is reported.
 *
 * @param particle the particle whose score turns NaN
 * @param onset    the time below which it does
 */
public record PoisonedScoreModel(int particle, double onset) implements ScoreModel {

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void score(double t, double[] z, int from, int to, double[] out) {
        for (int i = 2 * from; i < 2 * to; i++) {
            out[i] = -z[i];
        }
        if (t < onset && from <= particle && particle < to) {
            out[2 * particle] = Double.NaN;
        }
    }
}
