package io.github.diffusion4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each schedule against its row of docs/THEORY.md's table, written out independently here. Tolerances are rounding
 * only: a few ulp of the quantities involved (1e-14 relative).
 */
class ScheduleFormulasTest {

    private static final double[] TIMES = {0.0, 1e-8, 1e-4, 0.01, 0.1, 0.37, 0.5, 0.9, 0.999};
    private static final double REL = 1e-14;

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.max(Math.abs(expected), 1e-300), what);
    }

    @Test
    void vpLinear() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        for (double t : TIMES) {
            double logAlpha = -0.25 * t * t * (20 - 0.1) - 0.5 * t * 0.1;
            close(Math.exp(logAlpha), s.alpha(t), "α");
            close(0.1 + t * (20 - 0.1), s.diffusionSquared(t), "g² = β(t)");
            close(-0.5 * (0.1 + t * (20 - 0.1)), s.drift(t), "f = −β/2");
            double alpha = s.alpha(t);
            double sigma = s.sigma(t);
            assertEquals(1.0, alpha * alpha + sigma * sigma, 4e-16, "α² + σ² = 1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "vp-cosine", "ou", "ddpm-limit"})
    void varianceIsPreserved(String name) {
        NoiseSchedule s = Schedules.byName(name);
        for (int i = 0; i <= 100; i++) {
            double t = s.tMin() + (s.tMax() - s.tMin()) * i / 100.0;
            double alpha = s.alpha(t);
            double sigma = s.sigma(t);
            assertEquals(1.0, alpha * alpha + sigma * sigma, 4e-16, name + " at t = " + t);
            close(-2 * s.drift(t), s.diffusionSquared(t), "VP: g² = −2f");
        }
    }

    @Test
    void ornsteinUhlenbeckAndDdpmLimit() {
        NoiseSchedule ou = Schedules.byName("ou");
        NoiseSchedule ddpm = Schedules.byName("ddpm-limit");
        for (double t : TIMES) {
            close(Math.exp(-t), ou.alpha(t), "OU α");
            close(Math.sqrt(-Math.expm1(-2 * t)), ou.sigma(t), "OU σ");
            close(2.0, ou.diffusionSquared(t), "OU g² = 2");
            close(Math.exp(-t / 2), ddpm.alpha(t), "DDPM-limit α");
            close(Math.sqrt(-Math.expm1(-t)), ddpm.sigma(t), "DDPM-limit σ");
            close(1.0, ddpm.diffusionSquared(t), "DDPM-limit g² = 1");
        }
    }

    @Test
    void varianceExploding() {
        NoiseSchedule s = Schedules.byName("ve");
        close(0.01, s.sigma(0), "σ(0)");
        close(50.0, s.sigma(1), "σ(1)");
        for (double t : TIMES) {
            assertEquals(1.0, s.alpha(t), 0.0);
            close(0.01 * Math.pow(5000, t), s.sigma(t), "σ");
            close(2 * Math.pow(s.sigma(t), 2) * Math.log(5000), s.diffusionSquared(t), "g²");
        }
    }

    @Test
    void subVp() {
        NoiseSchedule s = Schedules.byName("sub-vp");
        NoiseSchedule vp = Schedules.byName("vp-linear");
        for (double t : TIMES) {
            double alpha = vp.alpha(t);
            close(alpha, s.alpha(t), "α as VP");
            assertEquals(1 - alpha * alpha, s.sigma(t), 4e-16, "σ = 1 − α²");
            double beta = 0.1 + t * 19.9;
            double logAlpha = -0.25 * t * t * 19.9 - 0.05 * t;
            close(beta * -Math.expm1(4 * logAlpha), s.diffusionSquared(t), "g² = β(1 − α⁴)");
        }
    }

    @Test
    void linearInterpolantAndEdm() {
        NoiseSchedule lin = Schedules.byName("linear");
        NoiseSchedule edm = Schedules.byName("edm");
        for (double t : TIMES) {
            close(1 - t, lin.alpha(t), "α = 1 − t");
            close(t, lin.sigma(t), "σ = t");
            assertEquals(-1.0, lin.alphaDot(t), 0.0);
            assertEquals(1.0, lin.sigmaDot(t), 0.0);
            close(2 * t / (1 - t), lin.diffusionSquared(t), "g²");
            assertEquals(1.0, edm.alpha(t), 0.0);
            close(t, edm.sigma(t), "σ = t");
            close(2 * t, edm.diffusionSquared(t), "g² = 2t");
        }
        assertEquals(0.0, lin.alpha(1.0), 0.0);
        assertEquals(80.0, edm.tMax(), 0.0);
    }

    @Test
    void cosineIsClippedWhereBetaReaches999() {
        VpCosineSchedule s = VpCosineSchedule.standard();
        assertTrue(s.tMax() > 0.997 && s.tMax() < 0.999, "t_max = " + s.tMax());
        assertEquals(999.0, s.diffusionSquared(s.tMax()), 1e-9);
        double s0 = 0.008;
        for (double t : TIMES) {
            if (t > s.tMax()) {
                continue;
            }
            double c = Math.cos((t + s0) / (1 + s0) * Math.PI / 2);
            double c0 = Math.cos(s0 / (1 + s0) * Math.PI / 2);
            close(c / c0, s.alpha(t), "α = cos φ(t)/cos φ(0)");
        }
    }

    @Test
    void invalidParametersNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VpLinearSchedule("x", -0.1, 20, 1));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VeGeometricSchedule(1.0, 0.5));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EdmSchedule(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.byName("vp-linaer"));
        assertTrue(e.getMessage().contains("vp-linaer") && e.getMessage().contains("vp-linear"), e.getMessage());
    }
}
