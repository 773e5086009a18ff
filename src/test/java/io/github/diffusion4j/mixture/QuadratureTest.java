package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In one dimension the marginal density and the posterior of x₀ are integrals against the data density, computed
 * here by adaptive Gauss–Legendre quadrature (Hipparchus) with nothing shared with the closed forms:
 * <pre>
 *   p_t(z) = ∫ p₀(x) N(z; αx, σ²) dx,   E[x₀|z] = ∫ x p₀(x) N(z; αx, σ²) dx / p_t(z),   and likewise Var[x₀|z].
 * </pre>
 * The integrand is split at every prior component's ±14 sd range and at the likelihood peak {@code z/α ± 14σ/α},
 * so no mass is missed (tails beyond 14 sd are below e⁻⁹⁸). Quadrature is converged to 10⁻¹³ relative; the
 * tolerance 10⁻⁹ allows for the exponent rescaling and the summation over pieces.
 */
class QuadratureTest {

    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double[] MEANS = {-2.0, 0.5, 3.0};
    private static final double[] VARIANCES = {0.3, 0.05, 1.2};
    private static final GaussianMixture MIXTURE = GaussianMixture.isotropic(WEIGHTS,
            new double[][] {{MEANS[0]}, {MEANS[1]}, {MEANS[2]}}, VARIANCES);

    static Stream<Arguments> cases() {
        return Schedules.all().stream().flatMap(s -> Stream.of(0.05, 0.3, 0.7)
                .map(f -> Arguments.of(s, s.tMin() + f * (s.tMax() - s.tMin()))));
    }

    private static double logPrior(double x) {
        double[] terms = new double[WEIGHTS.length];
        for (int k = 0; k < WEIGHTS.length; k++) {
            double diff = x - MEANS[k];
            terms[k] = Math.log(WEIGHTS[k]) - 0.5 * Math.log(2 * Math.PI * VARIANCES[k])
                    - 0.5 * diff * diff / VARIANCES[k];
        }
        double max = Arrays.stream(terms).max().getAsDouble();
        double sum = 0;
        for (double term : terms) {
            sum += Math.exp(term - max);
        }
        return max + Math.log(sum);
    }

    private static double integrate(DoubleUnaryOperator f, double[] breaks) {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-300);
        double total = 0;
        for (int i = 0; i + 1 < breaks.length; i++) {
            if (breaks[i + 1] > breaks[i]) {
                total += integrator.integrate(1_000_000, f::applyAsDouble, breaks[i], breaks[i + 1]);
            }
        }
        return total;
    }

    @ParameterizedTest(name = "{0} t={1}")
    @MethodSource("cases")
    void densityAndPosteriorMomentsMatchQuadrature(NoiseSchedule s, double t) {
        MixtureMarginal p = MIXTURE.marginal().setTime(s, t);
        double alpha = p.alpha();
        double sigma = p.sigma();
        double[] z = {-3.1, -0.4, 0.5, 1.7, 4.2};
        for (int i = 0; i < z.length; i++) {
            z[i] = alpha * z[i] + sigma * 0.3 * i;
        }
        double[] logDensity = new double[z.length];
        double[] mean = new double[z.length];
        double[] variance = new double[z.length];
        p.logDensity(z, z.length, logDensity);
        p.posteriorMean(z, z.length, mean);
        p.posteriorCovariance(z, z.length, variance);
        for (int i = 0; i < z.length; i++) {
            double zi = z[i];
            double peak = zi / alpha;
            double width = sigma / alpha;
            double[] breaks = {-2 - 14 * Math.sqrt(0.3), 3 + 14 * Math.sqrt(1.2), peak - 14 * width, peak,
                    peak + 14 * width, -2, 0.5, 3};
            Arrays.sort(breaks);
            double lo = MEANS[0] - 14 * Math.sqrt(VARIANCES[0]);
            double hi = MEANS[2] + 14 * Math.sqrt(VARIANCES[2]);
            double[] clipped = Arrays.stream(breaks).map(b -> Math.min(hi, Math.max(lo, b))).distinct().toArray();
            // log of the integrand p₀(x) N(z; αx, σ²), shifted by its value at a reference point to avoid underflow.
            DoubleUnaryOperator logIntegrand = x -> logPrior(x)
                    - 0.5 * Math.log(2 * Math.PI * sigma * sigma) - 0.5 * Math.pow(zi - alpha * x, 2) / (sigma * sigma);
            double shift = Arrays.stream(clipped).map(logIntegrand).max().getAsDouble();
            double mass = integrate(x -> Math.exp(logIntegrand.applyAsDouble(x) - shift), clipped);
            double first = integrate(x -> x * Math.exp(logIntegrand.applyAsDouble(x) - shift), clipped);
            double second = integrate(x -> x * x * Math.exp(logIntegrand.applyAsDouble(x) - shift), clipped);
            double quadratureMean = first / mass;
            double quadratureVariance = second / mass - quadratureMean * quadratureMean;
            assertEquals(shift + Math.log(mass), logDensity[i], 1e-9 * (1 + Math.abs(logDensity[i])),
                    "log p_t(" + zi + ")");
            assertEquals(quadratureMean, mean[i], 1e-9 * (1 + Math.abs(quadratureMean)), "E[x₀|z = " + zi + "]");
            assertEquals(quadratureVariance, variance[i], 1e-8 * (1 + Math.abs(quadratureMean) * Math.abs(quadratureMean)),
                    "Var[x₀|z = " + zi + "]");
        }
    }
}
