package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The time sampler's density is 1/(σ² Z) with Z by quadrature (in log t, where the integrand is smooth) to 10⁻⁵, and
 * its samples follow π: the fraction below each decile of π (quadrature CDF, bisection) is within 5 standard errors
 * (√(p(1−p)/n); false alarm ≈ 6·10⁻⁶ over the 9 deciles).
 */
class InverseVarianceTimeSamplerTest {

    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "ve", "linear", "edm"})
    void samplesTheInverseVarianceLaw(String name) {
        NoiseSchedule s = Schedules.byName(name);
        double tMin = 1e-3 * s.tMax();
        double tMax = s.alpha(s.tMax()) > 0 ? s.tMax() : 0.999 * s.tMax();
        InverseVarianceTimeSampler sampler = new InverseVarianceTimeSampler(s, tMin, tMax);
        IterativeLegendreGaussIntegrator quadrature = new IterativeLegendreGaussIntegrator(16, 1e-11, 1e-13);
        DoubleUnaryOperator inLogTime = u -> Math.exp(u) / (s.sigma(Math.exp(u)) * s.sigma(Math.exp(u)));
        double z = quadrature.integrate(1_000_000, inLogTime::applyAsDouble, Math.log(tMin), Math.log(tMax));
        for (double t : new double[] {2 * tMin, 0.01 * tMax, 0.3 * tMax, 0.9 * tMax}) {
            double exact = 1 / (s.sigma(t) * s.sigma(t) * z);
            assertEquals(exact, sampler.density(t), 1e-5 * exact, "density at " + t);
        }
        int n = 100_000;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = sampler.sample(rng.nextDouble());
            assertTrue(t[i] >= tMin * (1 - 1e-12) && t[i] <= tMax * (1 + 1e-12));
        }
        double low = tMin;
        for (int k = 1; k <= 9; k++) {
            double p = k / 10.0;
            double[] bracket = {low, tMax};
            for (int it = 0; it < 100; it++) {
                double mid = 0.5 * (bracket[0] + bracket[1]);
                double mass = quadrature.integrate(1_000_000, inLogTime::applyAsDouble, Math.log(tMin), Math.log(mid)) / z;
                bracket[mass < p ? 0 : 1] = mid;
            }
            double quantile = 0.5 * (bracket[0] + bracket[1]);
            long below = 0;
            for (double v : t) {
                below += v <= quantile ? 1 : 0;
            }
            assertEquals(p, (double) below / n, 5 * Math.sqrt(p * (1 - p) / n), "decile " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1})
    void aDomainReachingSigmaZeroIsRejected(double tMin) {
        assertThrows(IllegalArgumentException.class, () -> new InverseVarianceTimeSampler(
                Schedules.byName("vp-linear"), tMin, 1));
    }
}
