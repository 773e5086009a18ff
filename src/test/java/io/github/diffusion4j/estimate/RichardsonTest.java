package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import org.junit.jupiter.api.Test;

/** Richardson extrapolation removes the leading error term and raises Euler's order from 1 to 2. */
class RichardsonTest {

    /** For A(h) = 1 + 3h + 5h², p = 1: R(h) = 2A(h/2) − A(h) = 1 − 2.5h², exactly up to rounding (10⁻¹⁴). */
    @Test
    void theLeadingTermCancels() {
        for (double h : new double[] {0.5, 0.1, 0.01}) {
            double coarse = 1 + 3 * h + 5 * h * h;
            double fine = 1 + 1.5 * h + 1.25 * h * h;
            assertEquals(1 - 2.5 * h * h, Richardson.extrapolate(coarse, fine, 1), 1e-14);
        }
        double[] r = Richardson.extrapolate(new double[] {1 + 4 * 0.01}, new double[] {1 + 0.01}, 2);
        assertEquals(1.0, r[0], 1e-15, "p = 2 removes an h² term: (4(1 + h²/4) − (1 + h²))/3 = 1");
        assertThrows(IllegalArgumentException.class, () -> Richardson.extrapolate(1, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Richardson.extrapolate(new double[2], new double[3], 1));
    }

    /**
     * Euler on the probability-flow ODE of gauss2 (VP, log-SNR-uniform grids from 1 to 0.01), 16 exact samples of
     * p_1, errors as the largest deviation from the exact flow map: Euler alone fits order 1, the extrapolation of the
     * runs with N and 2N steps order 2 (±0.2, the tolerance of the solver issue; measured 1.04 and 1.99).
     */
    @Test
    void extrapolationRaisesEulersOrderFromOneToTwo() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), Schedules.byName("vp-linear"));
        int n = 16;
        double[] initial = problem.initialPoints(n, 5);
        double[] exact = initial.clone();
        new GaussianFlowMap(problem.data()).map(problem.schedule(), problem.start(), problem.end(), exact, n);
        Solver euler = Solvers.byName("euler");
        int[] steps = {32, 64, 128, 256};
        double[] h = new double[steps.length];
        double[] plain = new double[steps.length];
        double[] extrapolated = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            double[] coarse = run(problem, euler, steps[k], initial, n);
            double[] fine = run(problem, euler, 2 * steps[k], initial, n);
            h[k] = problem.meanStepSize(steps[k]);
            plain[k] = maxDeviation(coarse, exact);
            extrapolated[k] = maxDeviation(Richardson.extrapolate(coarse, fine, euler.order()), exact);
        }
        double plainOrder = OrderFit.fit(h, plain, 0.95).order();
        double raisedOrder = OrderFit.fit(h, extrapolated, 0.95).order();
        assertTrue(Math.abs(plainOrder - 1) <= 0.2, "Euler's order " + plainOrder + ", errors " + Arrays.toString(plain));
        assertTrue(Math.abs(raisedOrder - 2) <= 0.2, "extrapolated order " + raisedOrder + ", errors "
                + Arrays.toString(extrapolated));
    }

    private static double[] run(ConvergenceProblem problem, Solver solver, int steps, double[] initial, int n) {
        double[] z = initial.clone();
        problem.integrate(solver, new Resolution.Steps(steps), new CounterNoise(0), z, n, 1024);
        return z;
    }

    private static double maxDeviation(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
