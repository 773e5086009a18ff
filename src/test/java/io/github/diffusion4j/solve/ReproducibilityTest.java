package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Particle i's output is bit-identical whether it is sampled alone, in a batch of 1000, with 1, 2 or 8 threads, or
 * with other chunk sizes — for every solver of the registry (RK45 with per-particle step control), Langevin dynamics
 * and the stochastic variants of DDIM and Euler–Maruyama.
 */
class ReproducibilityTest {

    private static final int N = 1000;
    private static final NoiseSchedule VP = Schedules.byName("vp-linear");
    private static final MixtureScoreModel MODEL = new MixtureScoreModel(BuiltinMixtures.mixture8d(), VP);
    private static final TimeGrid GRID = TimeGrid.uniformLogSnr(VP, 1.0, 1e-3, 12);

    static Stream<Solver> solvers() {
        return Stream.concat(Solvers.all().stream(),
                Stream.of(Langevin.fixed(1e-4, 3), Langevin.annealed(1e-5, 2), new Ddim(0.5), new EulerMaruyama(0.3)));
    }

    private static double[] sample(Solver solver, int threads, int chunk, int n, long offset) {
        double[] z = Fixtures.normalPoints(N, 8, 1.0, 2);
        double[] part = java.util.Arrays.copyOfRange(z, (int) offset * 8, (int) (offset + n) * 8);
        Integrator.of(solver, MODEL, VP).seed(77).threads(threads).chunkSize(solver.isAdaptive() ? 1 : chunk)
                .particleOffset(offset).integrate(GRID, part, n);
        return part;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void resultsDoNotDependOnBatchChunkingOrThreads(Solver solver) {
        double[] reference = sample(solver, 1, 1024, N, 0);
        assertArrayEquals(reference, sample(solver, 2, 1024, N, 0), 0.0, "2 threads");
        assertArrayEquals(reference, sample(solver, 8, 100, N, 0), 0.0, "8 threads, chunks of 100");
        assertArrayEquals(reference, sample(solver, 1, 7, N, 0), 0.0, "chunks of 7");
        double[] alone = sample(solver, 1, 1024, 1, 17);
        double[] row = java.util.Arrays.copyOfRange(reference, 17 * 8, 18 * 8);
        assertArrayEquals(row, alone, 0.0, "particle 17 sampled alone");
        double[] tail = sample(solver, 3, 64, 300, 700);
        assertArrayEquals(java.util.Arrays.copyOfRange(reference, 700 * 8, N * 8), tail, 0.0, "a split job");
        assertEquals(N * 8, reference.length);
    }
}
