package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import org.junit.jupiter.api.Test;

/**
 * Log–log interpolation of work–precision data on synthetic errors with known answers, directly and through
 * {@link ConvergenceStudy} with a metric whose errors are a given power law. Tolerances are relative 10⁻¹², a few
 * hundred ulps for the logarithms and exponentials involved; the interpolation is exact for power laws.
 */
class WorkPrecisionCurveTest {

    private static final double RELATIVE = 1e-12;

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, RELATIVE * Math.abs(expected));
    }

    /** e = 10 c⁻², measured at c = 10, 20, 40, 80. */
    private static WorkPrecisionCurve powerLaw() {
        double[] cost = {40, 10, 80, 20};
        double[] error = new double[4];
        for (int i = 0; i < 4; i++) {
            error[i] = 10 / (cost[i] * cost[i]);
        }
        return new WorkPrecisionCurve(cost, error);
    }

    @Test
    void powerLawsAreInterpolatedExactly() {
        WorkPrecisionCurve curve = powerLaw();
        assertRelative(Math.sqrt(10 / 1e-2), curve.costToReach(1e-2));
        assertRelative(10.0 / 900, curve.errorAt(30));
        assertRelative(10.0 / 100, curve.errorAt(10));
        assertRelative(10.0 / 6400, curve.errorAt(80));
        assertRelative(20, curve.costToReach(10.0 / 400));
    }

    @Test
    void nothingIsExtrapolated() {
        WorkPrecisionCurve curve = powerLaw();
        assertTrue(Double.isNaN(curve.errorAt(9.99)));
        assertTrue(Double.isNaN(curve.errorAt(80.01)));
        assertTrue(Double.isNaN(curve.costToReach(1.0)), "already below the target at the cheapest point");
        assertTrue(Double.isNaN(curve.costToReach(1e-4)), "never reached");
    }

    /** Between (10, 1e-1) and (100, 1e-3) the log–log line has slope −2; a later dip below the target is ignored. */
    @Test
    void theFirstCrossingOfANonMonotoneCurveIsTaken() {
        WorkPrecisionCurve curve = new WorkPrecisionCurve(new double[] {10, 100, 1000, 10000},
                new double[] {1e-1, 1e-3, 1e-2, 1e-4});
        assertRelative(Math.pow(10, 1.5), curve.costToReach(1e-2));
        assertRelative(Math.pow(10, -2.5), curve.errorAt(Math.pow(10, 2.5)));
    }

    @Test
    void pointsWithoutALogarithmAreDropped() {
        WorkPrecisionCurve curve = new WorkPrecisionCurve(new double[] {10, 20, 0, 40, 80},
                new double[] {0.1, 0, 0.5, Double.NaN, 0.1 / 64});
        assertEquals(2, curve.size());
        assertRelative(0.1 / 8, curve.errorAt(Math.sqrt(10 * 80)));
    }

    /**
     * A metric returning exactly {@code e = A · h^{q p}} with h the mean step: the study's fitted order is p on the
     * {@code e^{1/q}} scale with a zero-width interval, and its NFE and error columns are the power law's. Euler makes
     * one evaluation per step, so NFE = N.
     */
    @Test
    void theStudyReadsTargetAndBudgetOffThePowerLaw() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), Schedules.byName("vp-linear"));
        double span = problem.start() - problem.end();
        ErrorMetric synthetic = new PowerLawMetric(problem, 2, 1.5);
        ConvergenceTable table = ConvergenceStudy.of(problem, synthetic).steps(16, 32, 64, 128, 256)
                .targetError(1e-6).fixedEvaluations(50).timing(4, 1).run(List.of(Solvers.byName("euler")));
        ConvergenceRow row = table.rows().get(0);
        assertEquals(1.5, row.fit().order(), 1e-12);
        assertEquals(0, row.fit().stderr(), 1e-12);
        // e(N) = 3 (span/N)^3 = 1e-6  ⇔  N = span · (3e6)^{1/3}
        assertRelative(span * Math.cbrt(3e6), row.evaluationsToTarget());
        assertRelative(3 * Math.pow(span / 50, 3), row.errorAtEvaluations());
        assertEquals(2, table.power());
        assertEquals(1, table.seeds());
    }

    /**
     * With three seeds giving errors (1, 2, 6)·e the reported error is their mean 3e with standard error
     * √(7/3)·e and a 95% Student-t interval on 2 degrees of freedom (quantile 4.3027).
     */
    @Test
    void seedsAreAveragedWithAStudentInterval() {
        ConvergenceProblem problem = ConvergenceProblem.of(BuiltinMixtures.gauss2(), Schedules.byName("vp-linear"));
        ErrorMetric seeded = new ErrorMetric() {
            @Override
            public String name() {
                return "seeded";
            }

            @Override
            public String quantity() {
                return "e";
            }

            @Override
            public int power() {
                return 1;
            }

            @Override
            public boolean isRandom() {
                return true;
            }

            @Override
            public Estimate error(Solver solver, Resolution resolution, long seed) {
                double base = 1.0 / ((Resolution.Steps) resolution).count();
                return Estimate.exact(base * new double[] {1, 2, 6}[(int) seed]);
            }
        };
        ConvergenceTable table = ConvergenceStudy.of(problem, seeded).steps(10, 20).seeds(3, 0).timing(2, 1)
                .run(List.of(Solvers.byName("heun")));
        Estimate first = table.rows().get(0).points().get(0).error();
        assertRelative(0.3, first.value());
        double standardError = Math.sqrt(7.0 / 3) * 0.1;
        assertRelative(standardError, first.standardError());
        assertEquals(0.3 + 4.302652729911275 * standardError, first.upper(), 1e-9);
        assertEquals(1.0, table.rows().get(0).fit().order(), 1e-12);
    }

    /** e = A h^{q p} with A = 3, for the mean step h of each point's step count. */
    private static final class PowerLawMetric implements ErrorMetric {
        private final ConvergenceProblem problem;
        private final int power;
        private final double order;

        PowerLawMetric(ConvergenceProblem problem, int power, double order) {
            this.problem = problem;
            this.power = power;
            this.order = order;
        }

        @Override
        public String name() {
            return "power-law";
        }

        @Override
        public String quantity() {
            return "A h^(qp)";
        }

        @Override
        public int power() {
            return power;
        }

        @Override
        public boolean isRandom() {
            return false;
        }

        @Override
        public Estimate error(Solver solver, Resolution resolution, long seed) {
            double h = problem.meanStepSize(((Resolution.Steps) resolution).count());
            return Estimate.exact(3 * Math.pow(h, power * order));
        }
    }
}
