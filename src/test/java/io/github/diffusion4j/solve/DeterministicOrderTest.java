package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.diffusion4j.estimate.OrderFit;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every deterministic solver of the registry converges at its declared order on the probability-flow ODE of
 * Gaussian data (the correlated 2-D Gaussian {@code gauss2}), where the exact flow map is known
 * ({@link GaussianFlow}). The order is the least-squares slope of log error on log h over step counts in the
 * asymptotic regime — chosen per order so that the errors stay far above rounding (≥ 10⁻¹³) — and must be within
 * ±0.2 of the declared order (the tolerance of the solver issue; pre-asymptotic curvature over these ranges was
 * measured below 0.1).
 */
class DeterministicOrderTest {

    private static final GaussianMixture DATA = BuiltinMixtures.gauss2();
    private static final double[] START_POINTS = {1, 1, -1, 0.5, 0.3, -2, 2, -1};

    static Stream<Arguments> solversAndSchedules() {
        List<Arguments> cases = new ArrayList<>();
        for (Solver solver : Solvers.all()) {
            if (solver.isStochastic()) {
                continue;
            }
            for (String schedule : new String[] {"vp-linear", "linear", "ve"}) {
                cases.add(Arguments.of(solver, schedule));
            }
        }
        return cases.stream();
    }

    static int[] stepCounts(int order) {
        return order >= 5 ? new int[] {64, 128, 256} : new int[] {32, 64, 128, 256};
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("solversAndSchedules")
    void fittedOrderIsTheDeclaredOrder(Solver solver, String scheduleName) {
        NoiseSchedule schedule = Schedules.byName(scheduleName);
        MixtureScoreModel model = new MixtureScoreModel(DATA, schedule);
        double start = scheduleName.equals("linear") ? 0.999 : schedule.tMax();
        double end = 0.01 * schedule.tMax();
        double[] exact = new GaussianFlow(DATA).map(schedule, start, end, START_POINTS, 4);
        int[] steps = stepCounts(solver.order());
        double[] errors = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            double[] z = START_POINTS.clone();
            Integrator.of(solver, model, schedule).integrate(TimeGrid.uniformLogSnr(schedule, start, end, steps[k]), z, 4);
            for (int i = 0; i < z.length; i++) {
                errors[k] = Math.max(errors[k], Math.abs(z[i] - exact[i]));
            }
            assertTrue(errors[k] > 1e-13, "error " + errors[k] + " at N = " + steps[k] + " is at the rounding floor");
        }
        OrderFit fit = OrderFit.fit(Fixtures.stepSizes(steps), errors, 0.95);
        assertTrue(Math.abs(fit.order() - solver.order()) <= 0.2, () -> solver.name() + " on " + scheduleName
                + ": fitted order " + fit.order() + " [" + fit.lower() + ", " + fit.upper() + "], declared "
                + solver.order() + ", errors " + java.util.Arrays.toString(errors));
    }
}
