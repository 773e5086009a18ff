package io.github.diffusion4j.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.testing.RandomMixtures;
import org.junit.jupiter.params.provider.Arguments;

/** Parameter sources shared by the mixture tests: every covariance kind × dimensions up to 8 × every schedule. */
final class MixtureCases {

    static final int[] DIMENSIONS = {1, 2, 3, 8};

    private MixtureCases() {
    }

    /** A random mixture per (kind, d), K = 3, means spread 2, full covariances with condition number 30. */
    static List<GaussianMixture> mixtures() {
        List<GaussianMixture> out = new ArrayList<>();
        long seed = 17;
        for (CovarianceKind kind : CovarianceKind.values()) {
            for (int d : DIMENSIONS) {
                out.add(RandomMixtures.mixture(seed++, kind, d, 3, 2.0, 30.0));
            }
        }
        return out;
    }

    /** (mixture, schedule, t) for every mixture, every schedule and the given fractions of each domain. */
    static Stream<Arguments> mixturesSchedulesTimes(double... fractions) {
        List<Arguments> out = new ArrayList<>();
        for (GaussianMixture m : mixtures()) {
            for (NoiseSchedule s : Schedules.all()) {
                for (double f : fractions) {
                    out.add(Arguments.of(m, s, s.tMin() + f * (s.tMax() - s.tMin())));
                }
            }
        }
        return out.stream();
    }

    /** Smallest marginal variance scale min_k λ_min(C_k) at the marginal's time (a length scale for finite steps). */
    static double smallestVariance(GaussianMixture m, double alpha, double sigma) {
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m.components(); k++) {
            double[][] cov = m.covariance(k);
            // Gershgorin lower bound is too loose for full matrices; use the diagonal as the scale instead,
            // which upper-bounds λ_min, and the condition number 30 of the generator to bound it below.
            for (int i = 0; i < m.dimension(); i++) {
                double scale = m.covarianceKind() == CovarianceKind.FULL ? cov[i][i] / 30.0 : cov[i][i];
                smallest = Math.min(smallest, alpha * alpha * scale + sigma * sigma);
            }
        }
        return smallest;
    }
}
