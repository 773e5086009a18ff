package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;

import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.testing.RandomMixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A point's result does not depend on which batch, block position or range it is evaluated in: every quantity is
 * bit-identical when computed for all 21 points at once (two full blocks and a partial one), for one point alone, and
 * over a sub-range. This is what makes samplers reproducible for any batch split or thread count.
 */
class BatchConsistencyTest {

    private static final int N = 21;

    private interface Quantity {
        void compute(MixtureMarginal p, double[] z, int n, double[] out);
    }

    @ParameterizedTest
    @EnumSource(CovarianceKind.class)
    void everyQuantityIsIndependentOfTheBatch(CovarianceKind kind) {
        GaussianMixture m = RandomMixtures.mixture(11, kind, 5, 4, 2.0, 20.0);
        MixtureMarginal p = m.marginal().setTime(Schedules.byName("vp-linear"), 0.2);
        int d = m.dimension();
        int k = m.components();
        double[] z = RandomMixtures.marginalPoints(m, p.alpha(), p.sigma(), N, 3);
        check(p, z, 1, MixtureMarginal::logDensity);
        check(p, z, k, MixtureMarginal::responsibilities);
        check(p, z, d, MixtureMarginal::score);
        check(p, z, d, (q, x, n, out) -> q.componentScore(2, x, n, out));
        check(p, z, d * d, MixtureMarginal::hessian);
        check(p, z, 1, MixtureMarginal::divergence);
        check(p, z, d, MixtureMarginal::posteriorMean);
        check(p, z, d * d, MixtureMarginal::posteriorCovariance);
        check(p, z, d, MixtureMarginal::noisePrediction);
        check(p, z, d, MixtureMarginal::vPrediction);
        check(p, z, d, MixtureMarginal::velocity);
        check(p, z, d, MixtureMarginal::flowVelocity);
        // range forms
        double[] all = new double[N * d];
        double[] part = new double[N * d];
        p.score(z, N, all);
        p.score(z, 5, 18, part);
        for (int i = 5 * d; i < 18 * d; i++) {
            assertEquals(all[i], part[i], 0.0);
        }
    }

    private static void check(MixtureMarginal p, double[] z, int width, Quantity q) {
        int d = p.dimension();
        double[] batch = new double[N * width];
        q.compute(p, z, N, batch);
        double[] single = new double[width];
        double[] point = new double[d];
        for (int i = 0; i < N; i++) {
            System.arraycopy(z, i * d, point, 0, d);
            q.compute(p, point, 1, single);
            for (int j = 0; j < width; j++) {
                assertEquals(batch[i * width + j], single[j], 0.0, "point " + i + " entry " + j);
            }
        }
    }
}
