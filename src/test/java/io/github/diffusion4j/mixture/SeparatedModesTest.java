package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.Test;

/**
 * Modes 40 apart with weights 0.98/0.01/0.01 and unit variances: a naive density evaluation underflows to 0 a few
 * dozen units from the modes, giving log 0 = −∞ and 0/0 scores. The log-sum-exp marginal stays finite and exact:
 * compared here with the dominant-component formulas, which hold to rounding plus the other components'
 * contributions; at these points those are at least 700 nats behind, so they add less than e⁻⁷⁰⁰ × |a_k| &lt; 10⁻²⁹⁰
 * (the absolute floor below). Half-way between modes the split is checked against the exact two-component logistic.
 */
class SeparatedModesTest {

    private static final GaussianMixture MIXTURE = GaussianMixture.isotropic(new double[] {0.98, 0.01, 0.01},
            new double[][] {{0, 0}, {40, 0}, {0, 40}}, new double[] {1, 1, 1});

    @Test
    void farFromEveryModeTheNearestComponentDominatesExactly() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        for (double t : new double[] {0.0, 0.01, 0.1}) {
            MixtureMarginal p = MIXTURE.marginal().setTime(s, t);
            double alpha = p.alpha();
            double c = alpha * alpha + p.sigma() * p.sigma();
            double[] z = {-1000, -3, 0, -2000, 40 * alpha + 500, 0};
            double[] logDensity = new double[3];
            double[] score = new double[6];
            double[] mean = new double[6];
            double[] divergence = new double[3];
            p.logDensity(z, 3, logDensity);
            p.score(z, 3, score);
            p.posteriorMean(z, 3, mean);
            p.divergence(z, 3, divergence);
            int[] nearest = {0, 0, 1};
            double[][] modes = {{0, 0}, {40, 0}, {0, 40}};
            double[] weights = {0.98, 0.01, 0.01};
            for (int i = 0; i < 3; i++) {
                int k = nearest[i];
                double q = 0;
                for (int j = 0; j < 2; j++) {
                    double diff = z[2 * i + j] - alpha * modes[k][j];
                    q += diff * diff / c;
                    assertEquals(-diff / c, score[2 * i + j], 1e-12 * Math.abs(diff / c) + 1e-290, "score");
                    double posterior = modes[k][j] + alpha / c * diff;
                    assertEquals(posterior, mean[2 * i + j], 1e-12 * Math.abs(posterior) + 1e-290, "x̂₀");
                }
                double expected = Math.log(weights[k]) - Math.log(2 * Math.PI * c) - 0.5 * q;
                assertTrue(expected < -1e5, "the point is far out: log p = " + expected);
                assertEquals(expected, logDensity[i], 1e-14 * Math.abs(expected), "log p_t far from the modes");
                assertEquals(-2 / c, divergence[i], 1e-12 / c, "divergence far out");
            }
        }
    }

    @Test
    void halfWayBetweenModesTheSplitIsTheExactLogistic() {
        MixtureMarginal p = MIXTURE.marginal().setAlphaSigma(1.0, 0.0);
        for (double x : new double[] {18, 20, 22}) {
            double[] z = {x, 0};
            double[] r = new double[3];
            double[] score = new double[2];
            p.responsibilities(z, 1, r);
            p.score(z, 1, score);
            // log(r₁/r₀) = log(0.01/0.98) − ½((x−40)² − x²)
            double logOdds = Math.log(0.01 / 0.98) - 0.5 * ((x - 40) * (x - 40) - x * x);
            double r1 = 1 / (1 + Math.exp(-logOdds));
            assertEquals(r1, r[1], 1e-13, "r₁ at x = " + x);
            assertEquals(1 - r1, r[0], 1e-13, "r₀ at x = " + x);
            assertEquals(0.0, r[2], 1e-300, "third component is ~e⁻⁸⁰⁰ away");
            assertEquals(r[0] * -x + r[1] * (40 - x), score[0], 1e-11, "score mixes the two component scores");
        }
    }
}
