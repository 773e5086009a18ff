package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.github.diffusion4j.estimate.ConvergenceVerdict.Criterion;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * Verdicts of convergence studies (S1's criterion) and studies of samplers seen only through their final points,
 * here built-in solvers wrapped as {@link PointSampler}s so that the expected orders are known.
 */
class ConvergenceVerdictTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");

    private static OrderFit fit(double order) {
        return new OrderFit(order, 0, 0.01, order - 0.02, order + 0.02, 0.95);
    }

    /** A built-in solver behind the point-sampler interface: the exact score, its own counter-based noise. */
    private static PointSampler wrap(ConvergenceProblem problem, String name) {
        Solver solver = Solvers.byName(name);
        return new PointSampler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isStochastic() {
                return solver.isStochastic();
            }

            @Override
            public long evaluations(int steps) {
                return steps;
            }

            @Override
            public double[] sample(TimeGrid grid, double[] initial, int n, long seed) {
                double[] z = initial.clone();
                Integrator.of(solver, problem.model(), problem.schedule()).noise(new CounterNoise(seed + 1000))
                        .integrate(grid, z, n);
                return z;
            }
        };
    }

    @Test
    void theCriterionIsS1s() {
        assertTrue(ConvergenceVerdict.judge("a", 1, Criterion.WITHIN_BAND, fit(1.29)).passed());
        assertTrue(ConvergenceVerdict.judge("a", 1, Criterion.WITHIN_BAND, fit(0.71)).passed());
        assertFalse(ConvergenceVerdict.judge("a", 1, Criterion.WITHIN_BAND, fit(1.31)).passed());
        assertFalse(ConvergenceVerdict.judge("a", 2, Criterion.WITHIN_BAND, fit(1.02)).passed(), "Heun gone Euler");
        assertTrue(ConvergenceVerdict.judge("a", 1, Criterion.AT_LEAST, fit(2.0)).passed(), "superconvergence");
        assertFalse(ConvergenceVerdict.judge("a", 1, Criterion.AT_LEAST, fit(0.69)).passed());
        assertFalse(ConvergenceVerdict.judge("a", 1, Criterion.AT_LEAST, fit(Double.NaN)).passed(), "no fit fails");
        assertEquals(Criterion.AT_LEAST, Criterion.of(true));
        assertThrows(IllegalArgumentException.class,
                () -> ConvergenceVerdict.judge("a", Double.NaN, Criterion.AT_LEAST, fit(1)));
    }

    @Test
    void aFailedVerdictNamesTheFitItsIntervalAndTheRule() {
        ConvergenceVerdict verdict = ConvergenceVerdict.judge("heun", 2, Criterion.WITHIN_BAND, fit(1.021));
        assertEquals("FAIL heun: fitted order 1.021 [1.001, 1.041] (95% CI), declared 2, needs |p̂ − 2| ≤ 0.3",
                verdict.describe());
        OrderFit twoPoints = OrderFit.fit(new double[] {0.1, 0.05}, new double[] {0.1, 0.025}, 0.95);
        assertFalse(twoPoints.hasInterval());
        assertEquals(2, twoPoints.order(), 1e-12);
        assertTrue(ConvergenceVerdict.judge("x", 2, Criterion.WITHIN_BAND, twoPoints).describe()
                .contains("fitted order 2.000 (no CI with 2 points)"));
    }

    @Test
    void aStudyPrintsItsVerdictsFromJava() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), VP);
        ConvergenceTable table = ConvergenceStudy.of(problem, new ExactKlError(problem)).steps(32, 64, 128, 256)
                .timing(8, 1).run(List.of(Solvers.byName("euler"), Solvers.byName("heun")));
        assertEquals(2, table.verdicts().size());
        assertTrue(table.passes());
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text, true));
        assertTrue(text.toString().contains("2 of 2 verdicts pass"), text.toString());

        ConvergenceTable declared = ConvergenceStudy.of(problem, new ExactKlError(problem)).steps(32, 64, 128, 256)
                .timing(8, 1).declaredOrder(2).run(List.of(Solvers.byName("euler")));
        assertFalse(declared.passes());
        assertEquals(2.0, declared.rows().get(0).theoreticalOrder());
    }

    @Test
    void adaptiveAndUncoupledSolversHaveNoVerdict() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), VP);
        ConvergenceTable table = ConvergenceStudy.of(problem, new StrongError(problem, 8, 64, 0.95))
                .tolerances(1e-3, 1e-4, 1e-5).timing(8, 1).run(List.of(Solvers.byName("rk45")));
        assertTrue(table.verdicts().isEmpty());
        assertEquals(5.0, table.rows().get(0).theoreticalOrder());
        ConvergenceProblem uniform = new ConvergenceProblem(BuiltinMixtures.gauss2(), VP, 1.0, 0.01,
                GridFamily.UNIFORM_T);
        ConvergenceTable pc = ConvergenceStudy.of(uniform, new WeakError(uniform, 8, 256, TestFunction.defaults(2),
                0.95)).steps(4, 8, 16).timing(8, 1).declaredOrder(1).run(List.of(Solvers.byName("pc")));
        assertTrue(pc.verdicts().isEmpty(), "the corrector's draws are not coupled: no verdict on the metric's "
                + "artefact");
    }

    @Test
    void repeatedResolutionsAreRejectedByValue() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), VP);
        ConvergenceStudy study = ConvergenceStudy.of(problem, new ExactKlError(problem));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> study.steps(16, 16, 32)).getMessage()
                .contains("step count 16 is repeated"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> study.tolerances(1e-3, 1e-3)).getMessage()
                .contains("tolerance 0.001 is repeated"));
    }

    /**
     * Strong error of deterministic point samplers against the exact flow map of their own starting points: 64
     * particles, no Monte Carlo scatter between step counts, so the fit is as clean as the exact-KL one.
     */
    @Test
    void pointSamplersFitTheirOrdersAgainstTheExactFlow() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), VP);
        for (String[] c : new String[][] {{"euler", "1"}, {"heun", "2"}, {"rk4", "4"}}) {
            int p = Integer.parseInt(c[1]);
            ConvergenceTable table = ConvergenceStudy.of(problem, new StrongError(problem, 64, 2048, 0.95))
                    .steps(16, 32, 64, 128).timing(8, 1).declaredOrder(p).run(wrap(problem, c[0]));
            ConvergenceRow row = table.rows().get(0);
            assertEquals(p, row.fit().order(), 0.2, c[0] + " " + row.fit());
            assertTrue(table.passes(), c[0] + " " + row.verdict());
        }
    }

    /**
     * Weak error of a stochastic point sampler (Euler–Maruyama with its own noise, not shared with the reference)
     * against the exact flow map: an unbiased estimate of the weak error against the exact law. 10⁵ particles keep
     * the Monte Carlo error (~sd(φ)/√n ≈ 4·10⁻³) well below the finest weak error (3.4·10⁻², N = 64 on a uniform-t
     * grid); measured 1.183 [0.923, 1.443].
     */
    @Test
    void aStochasticPointSamplerIsMeasuredByItsWeakError() {
        ConvergenceProblem problem = new ConvergenceProblem(BuiltinMixtures.gauss2(), VP, 1.0, 0.01,
                GridFamily.UNIFORM_T);
        WeakError weak = new WeakError(problem, 100_000, 2048, TestFunction.defaults(2), 0.95);
        ConvergenceTable table = ConvergenceStudy.of(problem, weak).steps(8, 16, 32, 64).timing(8, 1)
                .declaredOrder(1).run(wrap(problem, "euler-maruyama"));
        ConvergenceRow row = table.rows().get(0);
        assertEquals(1, row.fit().order(), 0.3, row.fit().toString());
        assertTrue(table.passes(), row.fit() + " errors " + java.util.Arrays.toString(row.errors()));
        IllegalArgumentException strong = assertThrows(IllegalArgumentException.class, () -> ConvergenceStudy
                .of(problem, new StrongError(problem, 8, 64, 0.95)).timing(8, 1)
                .run(wrap(problem, "euler-maruyama")));
        assertTrue(strong.getMessage().contains("draws its own noise"), strong.getMessage());
        IllegalArgumentException kl = assertThrows(IllegalArgumentException.class, () -> ConvergenceStudy
                .of(problem, new ExactKlError(problem)).timing(8, 1).run(wrap(problem, "heun")));
        assertTrue(kl.getMessage().contains("exact-kl metric cannot measure heun"), kl.getMessage());
    }
}
