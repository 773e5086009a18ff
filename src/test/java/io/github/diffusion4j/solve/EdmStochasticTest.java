package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One step of Karras et al.'s Algorithm 2 against the algorithm written out here: churn from σ̃₀ to
 * σ̂ = min(σ̃₀(1 + γ), σ̃(T)) with γ = min(S_churn/N, √2 − 1) inside [S_min, S_max], fresh noise
 * √(σ̂² − σ̃₀²) S_noise ξ in x̃ = z/α, then an EDM-Heun step from t̂ to t₁ — with the noise ξ supplied, so the
 * comparison is exact up to rounding (1e-13 relative: the same operations in another order).
 */
class EdmStochasticTest {

    private static final int N = 3;
    private static final double[] Z = {0.3, -1.2, 2.0, 0.4, -0.7, 1.5};
    private static final double[] XI = {0.9, -0.4, 1.3, 0.2, -1.1, 0.6};

    /** The first step of the solver on the grid, with ξ as its noise. */
    private static double[] firstStep(EdmStochastic solver, NoiseSchedule s, double... times) {
        double[] z = Z.clone();
        double[] noise = new double[(times.length - 1) * N * 2];
        System.arraycopy(XI, 0, noise, 0, XI.length);
        Integrator.of(solver, new MixtureScoreModel(BuiltinMixtures.ring8(), s), s)
                .noise(new ArrayNoise(noise, N, 2)).integrate(TimeGrid.of(s, times), 0, 1, z, N);
        return z;
    }

    /** Churn by hand to t̂, then EDM-Heun from t̂ to t₁. */
    private static double[] expected(NoiseSchedule s, double t0, double t1, double gamma, double noiseScale) {
        double alpha0 = s.alpha(t0);
        double sigmaTilde0 = s.sigma(t0) / alpha0;
        double top = s.sigma(s.tMax()) / s.alpha(s.tMax());
        double tHat = Math.max(t0, s.inverseLogSnr(-2 * Math.log(Math.min(sigmaTilde0 * (1 + gamma), top))));
        double alphaHat = s.alpha(tHat);
        double sigmaHat = s.sigma(tHat) / alphaHat;
        double added = Math.sqrt(sigmaHat * sigmaHat - sigmaTilde0 * sigmaTilde0) * noiseScale;
        double[] z = new double[Z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = alphaHat * (Z[i] / alpha0 + added * XI[i]);
        }
        Integrator.of(EdmHeun.INSTANCE, new MixtureScoreModel(BuiltinMixtures.ring8(), s), s)
                .integrate(TimeGrid.of(s, tHat, t1), z, N);
        return z;
    }

    @ParameterizedTest
    @CsvSource({"edm, 10, 5, 1", "vp-linear, 0.5, 0.3, 0.1", "ve, 0.6, 0.4, 0.1"})
    void oneStepIsChurnThenHeun(String name, double t0, double t1, double tEnd) {
        NoiseSchedule s = Schedules.byName(name);
        double[] actual = firstStep(new EdmStochastic(0.6, 0.05, 50, 1.003), s, t0, t1, tEnd);
        assertClose(expected(s, t0, t1, 0.3, 1.003), actual, "γ = S_churn/N = 0.3 on " + name);
    }

    @Test
    void gammaIsCappedAtRootTwoMinusOne() {
        NoiseSchedule s = Schedules.byName("edm");
        double[] actual = firstStep(new EdmStochastic(100, 0.05, 50, 1.0), s, 10, 5, 1);
        assertClose(expected(s, 10, 5, Math.sqrt(2) - 1, 1.0), actual, "γ = √2 − 1");
    }

    @Test
    void theRaisedNoiseLevelIsCappedAtTheSchedulesTop() {
        NoiseSchedule s = Schedules.byName("edm");
        double[] actual = firstStep(new EdmStochastic(0.6, 0.05, 100, 1.0), s, 70, 40, 1);
        assertClose(expected(s, 70, 40, 0.3, 1.0), actual, "σ̂ = min(91, 80)");
    }

    /** Outside [S_min, S_max] the step is EDM-Heun's, bit for bit; on its ends it churns. */
    @Test
    void withoutChurnTheStepIsHeun() {
        NoiseSchedule s = Schedules.byName("edm");
        double[] heun = Z.clone();
        Integrator.of(EdmHeun.INSTANCE, new MixtureScoreModel(BuiltinMixtures.ring8(), s), s)
                .integrate(TimeGrid.of(s, 10, 5, 1), 0, 1, heun, N);
        assertArrayEquals(heun, firstStep(new EdmStochastic(0.6, 10.5, 50, 1.0), s, 10, 5, 1), 0.0, "σ̃₀ < S_min");
        assertArrayEquals(heun, firstStep(new EdmStochastic(0.6, 0.05, 9.5, 1.0), s, 10, 5, 1), 0.0, "σ̃₀ > S_max");
        double sigmaTilde0 = s.sigma(10) / s.alpha(10);
        assertClose(expected(s, 10, 5, 0.3, 1.0),
                firstStep(new EdmStochastic(0.6, sigmaTilde0, sigmaTilde0, 1.0), s, 10, 5, 1),
                "[S_min, S_max] is closed: σ̃₀ = S_min = S_max churns");
    }

    @Test
    void declaresItsDrawsAndRejectsBadParameters() {
        assertEquals(1, new EdmStochastic(0.6, 0.05, 50, 1).drawsPerStep());
        assertEquals(0, new EdmStochastic(0, 0.05, 50, 1).drawsPerStep());
        assertEquals(0, new EdmStochastic(0, 0, 0, 1e-9).drawsPerStep(), "S_churn = 0 and S_min = S_max = 0 are valid");
        for (double[] bad : new double[][] {{-1, 0, 1, 1}, {1, -0.1, 1, 1}, {1, 2, 1, 1}, {1, 0, 1, 0}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new EdmStochastic(bad[0], bad[1], bad[2], bad[3]));
            assertTrue(e.getMessage().contains("S_churn = " + bad[0]), e.getMessage());
        }
        NoiseSchedule linear = Schedules.byName("linear");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> firstStep(new EdmStochastic(0.6, 0, 50, 1), linear, 1.0, 0.5, 0.1));
        assertTrue(e.getMessage().contains("α(1.0) = 0.0"), e.getMessage());
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-13 * (1 + Math.abs(expected[i])), what + ", index " + i);
        }
    }
}
