package io.github.diffusion4j.solve;

import io.github.diffusion4j.score.ScoreModel;

/**
 * Turns an arbitrary ODE {@code dz/dt = F(t, z)} into a probability-flow ODE on the EDM schedule (f = 0, g² = 2t),
 * whose velocity is {@code −½ g² s = −t s}: the score {@code s = −F(t, z)/t} makes the solver integrate F. Used to
 * run the solvers on classical analytic test problems.
 */
final class FunctionScoreModel implements ScoreModel {

    /** The right-hand side F(t, z) for one point. */
    interface VectorField {
        void evaluate(double t, double[] z, int offset, double[] out, int outOffset);
    }

    private final int dimension;
    private final VectorField field;

    FunctionScoreModel(int dimension, VectorField field) {
        this.dimension = dimension;
        this.field = field;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void score(double t, double[] z, int from, int to, double[] out) {
        for (int i = from; i < to; i++) {
            field.evaluate(t, z, i * dimension, out, i * dimension);
            for (int j = 0; j < dimension; j++) {
                out[i * dimension + j] /= -t;
            }
        }
    }
}
