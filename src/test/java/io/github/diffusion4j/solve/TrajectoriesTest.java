package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recorded trajectories are the states of the full run: the last one is bit-identical to integrating the whole grid,
 * for a multistep solver (history rebuilt on every prefix) and a stochastic one (noise keyed by step).
 */
class TrajectoriesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dpm-solver++2m", "euler-maruyama", "heun"})
    void theLastStateIsTheFullRun(String name) {
        NoiseSchedule vp = Schedules.byName("vp-linear");
        MixtureScoreModel model = new MixtureScoreModel(BuiltinMixtures.ring8(), vp);
        Solver solver = Solvers.byName(name);
        TimeGrid grid = TimeGrid.uniformLogSnr(vp, 1.0, 0.01, 12);
        double[] initial = new CounterNoise(3).normals(4, 2);
        double[][] states = Trajectories.record(solver, model, vp, new CounterNoise(9), grid, initial, 4);
        assertEquals(13, states.length);
        assertArrayEquals(initial, states[0], 0);
        double[] full = initial.clone();
        Integrator.of(solver, model, vp).noise(new CounterNoise(9)).integrate(grid, full, 4);
        assertArrayEquals(full, states[12], 0);
    }

    @Test
    void adaptiveSolversAreRejected() {
        NoiseSchedule vp = Schedules.byName("vp-linear");
        MixtureScoreModel model = new MixtureScoreModel(BuiltinMixtures.gauss2(), vp);
        assertThrows(IllegalArgumentException.class, () -> Trajectories.record(Solvers.byName("rk45"), model, vp,
                new CounterNoise(0), TimeGrid.uniformTime(vp, 1, 0.1, 4), new double[2], 1));
    }
}
