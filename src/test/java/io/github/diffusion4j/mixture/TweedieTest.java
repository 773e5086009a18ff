package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.testing.RandomMixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tweedie's formula and its relatives: the posterior computed by conditioning each component against the score
 * route, at every schedule including times at and next to both ends of the domain.
 *
 * <p>Tolerance: the score route {@code (z + σ² s)/α} adds terms of size {@code |z|} and {@code σ²|s|} and divides
 * by α, so its rounding error is a few ε times {@code scale = (|z| + σ²|s|)/α}, amplified by the conditioning of
 * {@code C_k} (≤ 30 here); the conditioning route is accurate to a few ε of {@code |x̂₀|}. Agreement to 10⁻¹⁰ of
 * {@code scale} leaves a margin of ~10⁴ over those errors, yet any factor, sign or α-vs-α² error is O(1). The
 * second-order identity subtracts {@code I + σ²∇² log p}, which cancels as σ → 0; its tolerance is 10⁻⁹ of the
 * magnitude of the terms plus an absolute floor (10⁻¹⁴ |x̂₀|)² for the squared rounding of the component means.
 */
class TweedieTest {

    private static final int POINTS = 8;

    static Stream<Arguments> cases() {
        return MixtureCases.mixturesSchedulesTimes(0.0, 1e-6, 1e-3, 0.1, 0.5, 0.9, 1 - 1e-6, 1.0);
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void posteriorMeanByConditioningEqualsTweedie(GaussianMixture m, NoiseSchedule s, double t) {
        MixtureMarginal p = m.marginal().setTime(s, t);
        double alpha = p.alpha();
        double sigma = p.sigma();
        if (alpha == 0) {
            return; // Tweedie divides by α; at α = 0 the posterior is the prior (checked below).
        }
        int d = m.dimension();
        double[] z = RandomMixtures.marginalPoints(m, alpha, sigma, POINTS, 5);
        double[] score = new double[POINTS * d];
        double[] mean = new double[POINTS * d];
        p.score(z, POINTS, score);
        p.posteriorMean(z, POINTS, mean);
        for (int i = 0; i < POINTS * d; i++) {
            double tweedie = (z[i] + sigma * sigma * score[i]) / alpha;
            double scale = (Math.abs(z[i]) + sigma * sigma * Math.abs(score[i])) / alpha + Math.abs(mean[i]);
            assertEquals(tweedie, mean[i], 1e-10 * scale, "E[x₀|z] at index " + i);
        }
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void posteriorCovarianceIsSecondOrderTweedie(GaussianMixture m, NoiseSchedule s, double t) {
        // Cov[x₀ | z] = (σ²/α²)(I + σ² ∇² log p_t(z))   (second-order Tweedie).
        MixtureMarginal p = m.marginal().setTime(s, t);
        double alpha = p.alpha();
        double sigma = p.sigma();
        if (alpha == 0) {
            return;
        }
        int d = m.dimension();
        double[] z = RandomMixtures.marginalPoints(m, alpha, sigma, POINTS, 6);
        double[] hessian = new double[POINTS * d * d];
        double[] covariance = new double[POINTS * d * d];
        p.hessian(z, POINTS, hessian);
        p.posteriorCovariance(z, POINTS, covariance);
        double factor = sigma * sigma / (alpha * alpha);
        double[] mean = new double[POINTS * d];
        p.posteriorMean(z, POINTS, mean);
        for (int i = 0; i < POINTS; i++) {
            // The between-component term (x̂₀_k − x̂₀)(x̂₀_k − x̂₀)ᵀ carries an absolute rounding of (ε |x̂₀|)².
            double meanScale = 0;
            for (int a = 0; a < d; a++) {
                meanScale = Math.max(meanScale, Math.abs(mean[i * d + a]) + Math.abs(z[i * d + a]) / alpha);
            }
            double roundingFloor = 1e-28 * meanScale * meanScale;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    int ab = i * d * d + a * d + b;
                    double expected = factor * ((a == b ? 1 : 0) + sigma * sigma * hessian[ab]);
                    double scale = factor * (1 + sigma * sigma * Math.abs(hessian[ab])) + Math.abs(covariance[ab]);
                    assertEquals(expected, covariance[ab], 1e-9 * scale + roundingFloor, "Cov[x₀|z]_" + a + b);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void predictionsAreConsistent(GaussianMixture m, NoiseSchedule s, double t) {
        MixtureMarginal p = m.marginal().setTime(s, t);
        double alpha = p.alpha();
        double sigma = p.sigma();
        int d = m.dimension();
        double[] z = RandomMixtures.marginalPoints(m, alpha, sigma, POINTS, 7);
        double[] eps = new double[POINTS * d];
        double[] x0 = new double[POINTS * d];
        double[] v = new double[POINTS * d];
        p.noisePrediction(z, POINTS, eps);
        p.posteriorMean(z, POINTS, x0);
        p.vPrediction(z, POINTS, v);
        for (int i = 0; i < POINTS * d; i++) {
            // z = α x̂₀ + σ ε̂ (Tweedie, rearranged) and v̂ = α ε̂ − σ x̂₀.
            double scale = Math.abs(z[i]) + alpha * Math.abs(x0[i]) + sigma * Math.abs(eps[i]);
            assertEquals(z[i], alpha * x0[i] + sigma * eps[i], 1e-10 * scale, "z = αx̂₀ + σε̂");
            assertEquals(alpha * eps[i] - sigma * x0[i], v[i], 1e-12 * (Math.abs(v[i]) + scale), "v̂");
        }
        if (alpha == 0) {
            double[] prior = new double[d];
            for (int k = 0; k < m.components(); k++) {
                double[] mu = m.mean(k);
                for (int j = 0; j < d; j++) {
                    prior[j] += m.weight(k) * mu[j];
                }
            }
            for (int i = 0; i < POINTS; i++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(prior[j], x0[i * d + j], 1e-12 * (1 + Math.abs(prior[j])), "α = 0: x̂₀ = E[x₀]");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void probabilityFlowVelocityEqualsFlowMatchingVelocity(GaussianMixture m, NoiseSchedule s, double t) {
        // T5: f z − ½ g² s = α̇ x̂₀ + σ̇ ε̂ pointwise; both finite everywhere on the closed domain.
        MixtureMarginal p = m.marginal().setTime(s, t);
        int d = m.dimension();
        double[] z = RandomMixtures.marginalPoints(m, p.alpha(), p.sigma(), POINTS, 8);
        double[] u = new double[POINTS * d];
        double[] flow = new double[POINTS * d];
        double[] score = new double[POINTS * d];
        p.velocity(z, POINTS, u);
        p.flowVelocity(z, POINTS, flow);
        p.score(z, POINTS, score);
        double f = s.drift(t);
        double g2 = s.diffusionSquared(t);
        for (int i = 0; i < POINTS * d; i++) {
            assertTrue(Double.isFinite(u[i]) && Double.isFinite(flow[i]), "finite velocity at index " + i);
            double scale = Double.isFinite(f) && Double.isFinite(g2)
                    ? Math.abs(f * z[i]) + 0.5 * g2 * Math.abs(score[i]) + Math.abs(flow[i])
                    : Math.abs(flow[i]) + 1;
            assertEquals(flow[i], u[i], 1e-10 * scale, "velocity at index " + i);
        }
    }
}
