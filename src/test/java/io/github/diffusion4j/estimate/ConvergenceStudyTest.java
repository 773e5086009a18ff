package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fitted orders through the public {@link ConvergenceStudy} API reproduce the solvers' orders within ±0.2 (the
 * tolerance of the solver issue, as in the solver order tests).
 *
 * <p>The exact-KL cases are deterministic (no sampling). The strong, weak and RK45-reference cases sample starting
 * points and Brownian paths from fixed seeds, so each test is deterministic; the false-alarm rate stated with each is
 * the probability that a fresh seed would fail, estimated from the spread of fitted orders over many seeds offline and
 * a normal approximation.
 */
class ConvergenceStudyTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");
    private static final int TIMING_PARTICLES = 8;

    private static ConvergenceRow onlyRow(ConvergenceStudy study, String solver) {
        ConvergenceTable table = study.timing(TIMING_PARTICLES, 1).run(List.of(Solvers.byName(solver)));
        assertEquals(1, table.rows().size());
        return table.rows().get(0);
    }

    private static void assertOrder(ConvergenceRow row, double expected) {
        assertTrue(Math.abs(row.fit().order() - expected) <= 0.2, () -> row.solver() + ": fitted order "
                + row.fit().order() + " [" + row.fit().lower() + ", " + row.fit().upper() + "], expected " + expected
                + ", errors " + Arrays.toString(row.errors()));
    }

    /**
     * Exact KL on gauss2 from 1 to 0.01 on log-SNR-uniform grids of 32 … 256 steps, fitted on the √KL scale; deviations
     * measured at these step counts are at most 0.09 (Euler 1.043, RK4 3.973, DPM-Solver-3 3.082, DPM-Solver++(2M)
     * 1.976, Euler–Maruyama's exact output law 1.027).
     */
    @ParameterizedTest
    @ValueSource(strings = {"euler", "heun", "rk4", "dpm-solver-2", "dpm-solver-3", "dpm-solver++2m", "euler-maruyama"})
    void exactKlReproducesTheDeclaredOrder(String name) {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), VP);
        ConvergenceRow row = onlyRow(ConvergenceStudy.of(problem, new ExactKlError(problem)).steps(32, 64, 128, 256),
                name);
        Solver solver = Solvers.byName(name);
        assertEquals(solver.order(), row.theoreticalOrder());
        assertOrder(row, solver.order());
        for (ConvergencePoint point : row.points()) {
            assertEquals(0, point.error().standardError(), "the exact KL has no sampling error");
            assertEquals(problem.meanStepSize(point.steps()), point.stepSize(), 0);
        }
    }

    /** The table's raw KL falls like h^{2p}: the √KL fit is half the slope of KL itself. */
    @Test
    void klIsFittedOnTheSquareRootScale() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), VP);
        ConvergenceRow row = onlyRow(ConvergenceStudy.of(problem, new ExactKlError(problem)).steps(32, 64, 128, 256),
                "heun");
        OrderFit raw = OrderFit.fit(row.stepSizes(), row.errors(), 0.95);
        assertEquals(2 * row.fit().order(), raw.order(), 1e-12);
    }

    /**
     * Euler–Maruyama has strong order 1 on the reverse SDE (additive noise), on VP with gauss2 data, nested uniform-t
     * grids of 16 … 128 steps sharing one Brownian path per particle with a 2048-step reference, 200 particles. Over
     * 100 seeds offline the fitted order had mean 1.052 and standard deviation 0.013, so ±0.2 is 11 standard deviations
     * from the mean: false-alarm rate below 10⁻²⁰ per seed.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void eulerMaruyamaHasStrongOrderOne(long seed) {
        ConvergenceProblem problem = new ConvergenceProblem(BuiltinMixtures.gauss2(), VP, 1.0, 0.01,
                GridFamily.UNIFORM_T);
        ConvergenceRow row = onlyRow(ConvergenceStudy.of(problem, new StrongError(problem, 200, 2048, 0.95))
                .steps(16, 32, 64, 128).seeds(1, seed), "euler-maruyama");
        assertEquals(1.0, row.theoreticalOrder(), "the strong metric reports the strong order");
        assertOrder(row, 1.0);
    }

    /**
     * Weak error of Euler–Maruyama, as above but averaged over two seeds of 500 particles each, for x_i, x_i², cos x_i.
     * Over 100 single seeds of 500 particles offline the fitted order had mean 1.057 and standard deviation 0.037;
     * averaging two seeds gives about 0.026, so ±0.2 is 5.5 standard deviations away: false-alarm rate ~10⁻⁸ per case.
     */
    @ParameterizedTest
    @ValueSource(longs = {10, 20})
    void eulerMaruyamaHasWeakOrderOne(long seed) {
        ConvergenceProblem problem = new ConvergenceProblem(BuiltinMixtures.gauss2(), VP, 1.0, 0.01,
                GridFamily.UNIFORM_T);
        ErrorMetric weak = new WeakError(problem, 500, 2048, TestFunction.defaults(2), 0.95);
        ConvergenceRow row = onlyRow(ConvergenceStudy.of(problem, weak).steps(16, 32, 64, 128).seeds(2, seed),
                "euler-maruyama");
        assertOrder(row, 1.0);
        for (ConvergencePoint point : row.points()) {
            assertTrue(point.error().lower() < point.error().value() && point.error().value() < point.error().upper(),
                    "two seeds give a Student-t interval of positive width");
        }
    }

    /**
     * ODE solvers on a mixture (mixture8d: d = 8, four full-covariance components) against the RK45 reference at
     * 10⁻¹², 32 particles, grids of 32 … 256 steps. Over 10 seeds offline Heun's fitted order was 1.972 ± 0.003
     * (mean ± standard deviation): ±0.2 is over 60 standard deviations away.
     */
    @Test
    void heunHasOrderTwoAgainstTheRungeKuttaReferenceOnAMixture() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.mixture8d(), VP);
        ConvergenceRow row = onlyRow(ConvergenceStudy.of(problem, new StrongError(problem, 32, 4096, 0.95))
                .steps(32, 64, 128, 256).seeds(1, 7), "heun");
        assertOrder(row, 2.0);
    }

    /** RK4 against the exact Gaussian flow map (strong metric, deterministic solver): order 4 (measured 3.944). */
    @Test
    void rk4HasOrderFourAgainstTheExactFlow() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), VP);
        ConvergenceRow row = onlyRow(ConvergenceStudy.of(problem, new StrongError(problem, 64, 4096, 0.95))
                .steps(16, 32, 64, 128), "rk4");
        assertOrder(row, 4.0);
    }
}
