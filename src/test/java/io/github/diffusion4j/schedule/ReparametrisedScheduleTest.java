package io.github.diffusion4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reparametrised schedule keeps the base's SNR path and has exact derivatives (against central differences). */
class ReparametrisedScheduleTest {

    private static NoiseSchedule warped(NoiseSchedule base) {
        return new ReparametrisedSchedule("warped", base, 0, 1, u -> u * u, u -> 2 * u, u -> Math.log1p(u),
                u -> 1 / (1 + u));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "ve", "linear"})
    void keepsTheSnrPathAndHasExactDerivatives(String name) {
        NoiseSchedule base = Schedules.byName(name);
        NoiseSchedule s = warped(base);
        for (double u : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
            assertEquals(base.logSnr(u * u), s.logSnr(u), 1e-12 * Math.max(1, Math.abs(s.logSnr(u))));
            assertEquals((1 + u) * base.alpha(u * u), s.alpha(u), 1e-14 * (1 + u));
            double h = 1e-5;
            double alphaDot = (s.alpha(u + h) - s.alpha(u - h)) / (2 * h);
            double sigmaDot = (s.sigma(u + h) - s.sigma(u - h)) / (2 * h);
            assertEquals(alphaDot, s.alphaDot(u), 1e-7 * Math.max(1, Math.abs(alphaDot)));
            assertEquals(sigmaDot, s.sigmaDot(u), 1e-7 * Math.max(1, Math.abs(sigmaDot)));
            assertEquals(u, s.inverseLogSnr(s.logSnr(u)), 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 2})
    void aWarpOutsideTheBaseDomainIsRejected(double shift) {
        NoiseSchedule base = Schedules.byName("vp-linear");
        assertThrows(IllegalArgumentException.class, () -> new ReparametrisedSchedule("bad", base, 0, 1,
                u -> u + shift, u -> 1, u -> 0, u -> 0));
    }
}
