package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.testing.RandomMixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The score, Hessian and divergence of the exact marginal against five-point finite differences of the quantity
 * one order below, for every covariance kind, d ∈ {1, 2, 3, 8} and every schedule.
 *
 * <p>Tolerance: with step {@code h = 10⁻³ √c_min} (c_min a lower bound on the smallest marginal variance) the
 * stencil's truncation error is ≈ (h/ℓ)⁴ ≲ 10⁻¹² relative on functions that vary on the scale ℓ ≥ √c_min, and its
 * rounding error is ≈ ε|f|/h ≲ 10⁻¹⁰ |f|/√c_min. Relative tolerance 10⁻⁶ of the derivative's scale (plus the
 * rounding term) catches any wrong factor, sign or missing term while staying far above both errors.
 */
class MixtureDerivativesTest {

    private static final int POINTS = 6;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        return MixtureCases.mixturesSchedulesTimes(0.02, 0.3, 0.9);
    }

    private static double[] points(GaussianMixture m, MixtureMarginal p) {
        return RandomMixtures.marginalPoints(m, p.alpha(), p.sigma(), POINTS, 99);
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void scoreIsTheGradientOfTheLogDensity(GaussianMixture m, NoiseSchedule s, double t) {
        MixtureMarginal p = m.marginal().setTime(s, t);
        int d = m.dimension();
        double[] z = points(m, p);
        double[] score = new double[POINTS * d];
        p.score(z, POINTS, score);
        double h = 1e-3 * Math.sqrt(MixtureCases.smallestVariance(m, p.alpha(), p.sigma()));
        double[] shifted = new double[d];
        double[] logDensity = new double[1];
        for (int i = 0; i < POINTS; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm = Math.max(norm, Math.abs(score[i * d + j]));
            }
            double[] value = new double[5];
            for (int j = 0; j < d; j++) {
                for (int step = -2; step <= 2; step++) {
                    System.arraycopy(z, i * d, shifted, 0, d);
                    shifted[j] += step * h;
                    p.logDensity(shifted, 1, logDensity);
                    value[step + 2] = logDensity[0];
                }
                double fd = (-value[4] + 8 * value[3] - 8 * value[1] + value[0]) / (12 * h);
                double tolerance = TOLERANCE * (1 + norm) + 1e-14 * Math.abs(value[2]) / h;
                assertEquals(fd, score[i * d + j], tolerance, "∂/∂z_" + j + " log p at point " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void hessianIsTheJacobianOfTheScoreAndDivergenceItsTrace(GaussianMixture m, NoiseSchedule s, double t) {
        MixtureMarginal p = m.marginal().setTime(s, t);
        int d = m.dimension();
        double[] z = points(m, p);
        double[] hessian = new double[POINTS * d * d];
        double[] divergence = new double[POINTS];
        p.hessian(z, POINTS, hessian);
        p.divergence(z, POINTS, divergence);
        double h = 1e-3 * Math.sqrt(MixtureCases.smallestVariance(m, p.alpha(), p.sigma()));
        double[] shifted = new double[d];
        double[][] score = new double[5][d];
        for (int i = 0; i < POINTS; i++) {
            double norm = 0;
            double trace = 0;
            for (int a = 0; a < d * d; a++) {
                norm = Math.max(norm, Math.abs(hessian[i * d * d + a]));
            }
            for (int b = 0; b < d; b++) {
                for (int step = -2; step <= 2; step++) {
                    System.arraycopy(z, i * d, shifted, 0, d);
                    shifted[b] += step * h;
                    p.score(shifted, 1, score[step + 2]);
                }
                for (int a = 0; a < d; a++) {
                    double fd = (-score[4][a] + 8 * score[3][a] - 8 * score[1][a] + score[0][a]) / (12 * h);
                    double tolerance = TOLERANCE * (1 + norm) + 1e-14 * Math.abs(score[2][a]) / h;
                    assertEquals(fd, hessian[i * d * d + a * d + b], tolerance, "∂s_" + a + "/∂z_" + b);
                    assertEquals(hessian[i * d * d + a * d + b], hessian[i * d * d + b * d + a],
                            1e-12 * (1 + norm), "Hessian symmetry");
                }
                trace += hessian[i * d * d + b * d + b];
            }
            assertEquals(trace, divergence[i], 1e-11 * (1 + d * norm), "divergence = tr ∇² log p");
        }
    }

    @ParameterizedTest(name = "{0} {1} t={2}")
    @MethodSource("cases")
    void responsibilitiesArePosteriorClassProbabilities(GaussianMixture m, NoiseSchedule s, double t) {
        MixtureMarginal p = m.marginal().setTime(s, t);
        int d = m.dimension();
        int k = m.components();
        double[] z = points(m, p);
        double[] r = new double[POINTS * k];
        double[] logDensity = new double[POINTS];
        double[] score = new double[POINTS * d];
        double[] classScore = new double[POINTS * d];
        p.responsibilities(z, POINTS, r);
        p.logDensity(z, POINTS, logDensity);
        p.score(z, POINTS, score);
        double[] mixed = new double[POINTS * d];
        for (int c = 0; c < k; c++) {
            p.componentScore(c, z, POINTS, classScore);
            for (int i = 0; i < POINTS; i++) {
                for (int j = 0; j < d; j++) {
                    mixed[i * d + j] += r[i * k + c] * classScore[i * d + j];
                }
            }
        }
        for (int i = 0; i < POINTS; i++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += r[i * k + c];
            }
            assertEquals(1.0, sum, 1e-14, "Σ_k r_k = 1");
            for (int j = 0; j < d; j++) {
                assertEquals(score[i * d + j], mixed[i * d + j], 1e-12 * (1 + Math.abs(score[i * d + j])),
                        "s = Σ r_k ∇log p(z|y=k)");
            }
        }
    }
}
