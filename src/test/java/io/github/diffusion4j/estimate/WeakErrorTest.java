package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weak error's Monte Carlo estimates agree with the exact answer. On Gaussian data (gauss2, VP) Euler–Maruyama's
 * output law at N steps is exactly Gaussian ({@link ExactSolverLaw}), and so is the reference's (the same solver at
 * 512 steps), so {@code E φ(X_N) − E φ(X_ref)} is known in closed form for every built-in test function:
 * {@code E x_i = m_i}, {@code E x_i² = C_ii + m_i²}, {@code E cos x_i = cos m_i · e^{−C_ii/2}}.
 *
 * <p>Each paired estimate must lie within 3.89 standard errors of the exact difference: a two-sided false-alarm rate
 * of 10⁻⁴ per assertion under the central limit theorem (500 particles), 24 assertions, so at most 2.4·10⁻³ for the
 * whole test by the union bound (seeds are fixed, so the test itself is deterministic).
 */
class WeakErrorTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");
    private static final int REFERENCE_STEPS = 512;
    private static final double Z = 3.89;

    @ParameterizedTest
    @ValueSource(longs = {3, 4})
    void pairedDifferencesCoverTheExactWeakError(long seed) {
        ConvergenceProblem problem = new ConvergenceProblem(BuiltinMixtures.gauss2(), VP, 1.0, 0.01,
                GridFamily.UNIFORM_T);
        Solver em = Solvers.byName("euler-maruyama");
        List<TestFunction> functions = TestFunction.defaults(2);
        WeakError weak = new WeakError(problem, 500, REFERENCE_STEPS, functions, 0.95);
        GaussianLaw initial = problem.momentLaw(problem.start());
        double[] reference = expectations(ExactSolverLaw.propagate(em, problem.model(), VP,
                problem.grid(REFERENCE_STEPS), initial));
        for (int steps : new int[] {16, 64}) {
            double[] coarse = expectations(ExactSolverLaw.propagate(em, problem.model(), VP, problem.grid(steps),
                    initial));
            List<Estimate> estimates = weak.differences(em, new Resolution.Steps(steps), seed);
            assertEquals(functions.size(), estimates.size());
            for (int f = 0; f < functions.size(); f++) {
                double exact = coarse[f] - reference[f];
                Estimate estimate = estimates.get(f);
                String what = functions.get(f).name() + " at N = " + steps + ", seed " + seed;
                assertTrue(estimate.standardError() > 0, what);
                assertTrue(Math.abs(estimate.value() - exact) <= Z * estimate.standardError(), () -> what
                        + ": estimate " + estimate + ", exact " + exact);
            }
        }
    }

    /** @return E x_i, E x_i², E cos x_i per coordinate i, in the order of {@link TestFunction#defaults} */
    private static double[] expectations(GaussianLaw law) {
        int d = law.dimension();
        double[] m = law.mean();
        double[] c = law.covariance();
        double[] out = new double[3 * d];
        for (int i = 0; i < d; i++) {
            double variance = c[i * d + i];
            out[3 * i] = m[i];
            out[3 * i + 1] = variance + m[i] * m[i];
            out[3 * i + 2] = Math.cos(m[i]) * Math.exp(-variance / 2);
        }
        return out;
    }
}
