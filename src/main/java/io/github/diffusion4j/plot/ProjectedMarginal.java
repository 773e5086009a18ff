package io.github.diffusion4j.plot;

import java.util.Arrays;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * The exact marginal {@code p_t} of a Gaussian mixture restricted to a few coordinates: projecting commutes with
 * noising (the sub-block of {@code α² Σ_k + σ² I} is {@code α² Σ_k,sub + σ² I}), so it is the marginal at t of the
 * mixture with the same weights, the sub-vectors of the means and the sub-blocks of the covariances. Also gives the
 * plotting range: the union over components of {@code α μ_k ± 4 sd_k} per coordinate.
 */
final class ProjectedMarginal {

    private final MixtureMarginal marginal;
    private final double[] lower;
    private final double[] upper;

    ProjectedMarginal(GaussianMixture data, NoiseSchedule schedule, double t, int... coordinates) {
        int d = data.dimension();
        int m = coordinates.length;
        for (int c : coordinates) {
            if (c < 0 || c >= d) {
                throw new IllegalArgumentException("coordinate " + c + " is outside 0 … " + (d - 1));
            }
        }
        int components = data.components();
        double[][] means = new double[components][m];
        double[][][] covariances = new double[components][m][m];
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        lower = new double[m];
        upper = new double[m];
        Arrays.fill(lower, Double.POSITIVE_INFINITY);
        Arrays.fill(upper, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < components; k++) {
            double[] mean = data.mean(k);
            for (int a = 0; a < m; a++) {
                means[k][a] = mean[coordinates[a]];
                for (int b = 0; b < m; b++) {
                    covariances[k][a][b] = data.covariance(k, coordinates[a], coordinates[b]);
                }
                double centre = alpha * means[k][a];
                double sd = Math.sqrt(alpha * alpha * covariances[k][a][a] + sigma * sigma);
                lower[a] = Math.min(lower[a], centre - 4 * sd);
                upper[a] = Math.max(upper[a], centre + 4 * sd);
            }
        }
        marginal = GaussianMixture.full(data.weights(), means, covariances).marginal().setTime(schedule, t);
    }

    /** @return the projected marginal at t, ready to evaluate */
    MixtureMarginal marginal() {
        return marginal;
    }

    /** @return the lower end of the plotting range of projected coordinate a */
    double lower(int a) {
        return lower[a];
    }

    /** @return the upper end of the plotting range of projected coordinate a */
    double upper(int a) {
        return upper[a];
    }
}
