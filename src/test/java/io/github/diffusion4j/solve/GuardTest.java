package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.testing.PoisonedScoreModel;
import org.junit.jupiter.api.Test;

/** Every guard fires with a message naming what went wrong and where. */
class GuardTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");

    /** A model that returns NaN for particle 3 once t drops below 0.5. */
    private static final ScoreModel POISONED = new PoisonedScoreModel(3, 0.5);

    @Test
    void aNonFiniteStateNamesStepTimeAndParticle() {
        double[] z = Fixtures.normalPoints(10, 2, 1.0, 1);
        for (String name : new String[] {"euler", "heun", "ddim", "dpm-solver++2m", "euler-maruyama", "rk45"}) {
            IntegrationException e = assertThrows(IntegrationException.class, () -> Integrator.of(Solvers.byName(name),
                    POISONED, VP).integrate(TimeGrid.uniformTime(VP, 1.0, 0.1, 9), z.clone(), 10), name);
            assertEquals(IntegrationException.Reason.NON_FINITE_VALUE, e.reason());
            assertTrue(e.getMessage().contains("particle 3"), name + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("step "), name + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("NaN"), name + ": " + e.getMessage());
        }
    }

    @Test
    void badGridsAndArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(VP, 1.0, 0.5, 0.7));
        assertTrue(e.getMessage().contains("strictly decreasing") && e.getMessage().contains("0.7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(VP, 1.5, 0.5));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("vp-linear"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniformTime(VP, 1, 0.1, 0));
        assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.uniformLogSnr(VP, 1, 0, 5));
        assertTrue(e.getMessage().contains("finite λ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(VP, 1.0, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        MixtureScoreModel model = new MixtureScoreModel(BuiltinMixtures.ring8(), VP);
        Integrator integrator = Integrator.of(ExplicitRungeKutta.EULER, model, VP);
        TimeGrid grid = TimeGrid.uniformTime(VP, 1, 0.1, 3);
        e = assertThrows(IllegalArgumentException.class, () -> integrator.integrate(grid, new double[5], 3));
        assertTrue(e.getMessage().contains("length 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> integrator.integrate(grid, new double[6], 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Integrator.of(new DpmSolver(2), model, VP)
                .integrate(TimeGrid.of(VP, 1.0, 0.5, 0.0), new double[2], 1));
        assertTrue(e.getMessage().contains("finite log-SNR") && e.getMessage().contains("λ(0.0)"), e.getMessage());
        NoiseSchedule linear = Schedules.byName("linear");
        e = assertThrows(IllegalArgumentException.class, () -> Integrator.of(new EulerMaruyama(1),
                new MixtureScoreModel(BuiltinMixtures.ring8(), linear), linear)
                .integrate(TimeGrid.of(linear, 1.0, 0.5), new double[2], 1));
        assertTrue(e.getMessage().contains("finite SDE coefficients"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Integrator.of(Solvers.byName("pc"), model, VP)
                .noise(new ArrayNoise(new double[6], 1, 2)).integrate(grid, new double[2], 1));
        assertTrue(e.getMessage().contains("draw 1"), e.getMessage());
    }

    @Test
    void flowMatchingStartsExactlyAtAlphaZero() {
        // The linear interpolant at t = 1 has α = 0 and infinite f, g²: the velocity form α̇ x̂₀ + σ̇ ε̂ is used.
        NoiseSchedule linear = Schedules.byName("linear");
        MixtureScoreModel model = new MixtureScoreModel(BuiltinMixtures.ring8(), linear);
        double[] z = Fixtures.normalPoints(10, 2, 1.0, 1);
        for (String name : new String[] {"euler", "heun", "rk4", "rk45", "ddim"}) {
            double[] copy = z.clone();
            Integrator.of(Solvers.byName(name), model, linear).integrate(TimeGrid.uniformTime(linear, 1.0, 0.01, 20),
                    copy, 10);
            for (double v : copy) {
                assertTrue(Double.isFinite(v), name);
            }
        }
    }
}
