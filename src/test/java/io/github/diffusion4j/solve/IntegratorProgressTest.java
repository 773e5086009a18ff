package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The progress an integrator reports: monotone, complete at the end, and without effect on the results. */
class IntegratorProgressTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");
    private static final MixtureScoreModel MODEL = new MixtureScoreModel(BuiltinMixtures.ring8(), VP);
    private static final TimeGrid GRID = TimeGrid.uniformLogSnr(VP, 1.0, 1e-3, 10);

    @ParameterizedTest
    @ValueSource(strings = {"heun", "euler-maruyama", "rk45"})
    void reportsEveryUnitOnceAndChangesNothing(String name) {
        Solver solver = Solvers.byName(name);
        int n = 2500;
        double[] start = BuiltinMixtures.ring8().sampleMarginal(VP, 1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(1), n);
        TimeGrid grid = solver.isAdaptive() ? TimeGrid.of(VP, 1.0, 1e-3) : GRID;
        double[] plain = start.clone();
        Integrator.of(solver, MODEL, VP).seed(3).threads(3).chunkSize(solver.isAdaptive() ? 1 : 256)
                .integrate(grid, plain, n);
        AtomicLong last = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        AtomicLong expected = new AtomicLong();
        double[] watched = start.clone();
        Integrator.of(solver, MODEL, VP).seed(3).threads(3).chunkSize(solver.isAdaptive() ? 1 : 256)
                .progress((done, total) -> {
                    calls.incrementAndGet();
                    last.accumulateAndGet(done, Math::max);
                    expected.set(total);
                    assertTrue(done >= 1 && done <= total, done + " of " + total);
                }).integrate(grid, watched, n);
        assertArrayEquals(plain, watched, "a listener must not change the results");
        long total = solver.isAdaptive() ? n : (long) n * GRID.steps();
        assertEquals(total, expected.get());
        assertEquals(total, last.get(), "the last report is the whole integration");
        assertEquals(solver.isAdaptive() ? n : 10L * ((n + 255) / 256), calls.get());
    }
}
