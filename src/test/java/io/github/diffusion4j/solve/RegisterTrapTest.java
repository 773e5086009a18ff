package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.estimate.FlowDensity;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * A correct solver that writes its update through {@link StepContext#register} integrates correctly, but tangent mode
 * cannot see those writes: its log-determinants (and FlowDensity's KL, which came out as −1.1 nats) would be another
 * map's. The context refuses the access in tangent mode with a message saying why, instead of a wrong density.
 */
class RegisterTrapTest {

    /** Euler on the PF-ODE with the combination written element by element into the state register. */
    static final class RegisterWritingEuler extends Solver {
        RegisterWritingEuler() {
            super("register-writing-euler", 1, 2);
        }

        @Override
        public void step(StepContext c, double t, double s) {
            c.velocity(t, StepContext.STATE, 1);
            double[] z = c.register(StepContext.STATE);
            double[] v = c.register(1);
            for (int i = 0; i < c.count() * c.dimension(); i++) {
                z[i] -= (t - s) * v[i];
            }
        }
    }

    private final GaussianMixture data = BuiltinMixtures.byName("ring8");
    private final NoiseSchedule schedule = Schedules.byName("vp-linear");
    private final MixtureScoreModel model = new MixtureScoreModel(data, schedule);
    private final TimeGrid grid = TimeGrid.uniformLogSnr(schedule, 1, 1e-3, 20);

    @Test
    void directRegisterAccessIsAllowedWithoutTangentsAndGivesEulersBits() {
        int n = 64;
        double[] start = data.sampleMarginal(schedule, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(3L), n);
        double[] direct = start.clone();
        double[] euler = start.clone();
        Integrator.of(new RegisterWritingEuler(), model, schedule).integrate(grid, direct, n);
        Integrator.of(ExplicitRungeKutta.EULER, model, schedule).integrate(grid, euler, n);
        assertArrayEquals(euler, direct, 1e-12);
    }

    @Test
    void inTangentModeTheAccessIsAnErrorNotAWrongDensity() {
        int n = 16;
        double[] start = data.sampleMarginal(schedule, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(4L), n);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FlowDensity.push(
                Integrator.of(new RegisterWritingEuler(), model, schedule), grid, start, new double[n], n));
        assertTrue(e.getMessage().contains("StepContext.register(0) in tangent mode"), e.getMessage());
        assertTrue(e.getMessage().contains("context's operations"), e.getMessage());
    }
}
