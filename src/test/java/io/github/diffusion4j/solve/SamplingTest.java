package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.estimate.ExactSolverLaw;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.testing.RandomMixtures;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probability-flow ODE and the reverse SDE carry exact samples of p_T back to p_{t_min} (claim T8).
 *
 * <p>Gaussian data: exactly, through the exact output laws of a fine RK4 and a fine Euler–Maruyama run, whose KL to
 * the target must fall below the discretisation error measured for those step counts (10⁻⁶ and 10⁻⁴).
 * Mixtures: 2000 exact samples of p_T pushed back by RK45 (tol 10⁻⁸) and Euler–Maruyama (1000 steps) pass a one-sample
 * Kolmogorov–Smirnov test per coordinate against the exact marginal CDF at t_min (a mixture of normal CDFs), at
 * significance 10⁻³ each; seeds are fixed so the outcome is deterministic.
 */
class SamplingTest {

    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "ve", "linear"})
    void gaussianDataComeBackExactly(String name) {
        NoiseSchedule s = Schedules.byName(name);
        GaussianMixture data = BuiltinMixtures.gauss2();
        MixtureScoreModel model = new MixtureScoreModel(data, s);
        double start = name.equals("linear") ? 0.999 : s.tMax();
        double end = 1e-3 * s.tMax();
        GaussianLaw initial = Fixtures.marginalLaw(data, s, start);
        GaussianLaw target = Fixtures.marginalLaw(data, s, end);
        double ode = ExactSolverLaw.propagate(ExplicitRungeKutta.RK4, model, s,
                TimeGrid.uniformLogSnr(s, start, end, 200), initial).klDivergenceTo(target);
        assertTrue(ode < 1e-6, "PF-ODE (RK4, 200 steps) KL " + ode);
        if (!name.equals("linear")) {
            double sde = ExactSolverLaw.propagate(new EulerMaruyama(1), model, s,
                    TimeGrid.uniformTime(s, start, end, 2000), initial).klDivergenceTo(target);
            assertTrue(sde < 1e-4, "reverse SDE (EM, 2000 steps) KL " + sde);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bimodal1d", "ring8"})
    void mixturesComeBackInDistribution(String problem) {
        NoiseSchedule s = Schedules.byName("vp-linear");
        GaussianMixture data = BuiltinMixtures.byName(problem);
        MixtureScoreModel model = new MixtureScoreModel(data, s);
        int n = 2000;
        int d = data.dimension();
        double tEnd = 1e-3;
        for (Solver solver : new Solver[] {DormandPrince54.INSTANCE, new EulerMaruyama(1)}) {
            double[] z = RandomMixtures.marginalPoints(data, s.alpha(1.0), s.sigma(1.0), n, 31);
            TimeGrid grid = solver.isAdaptive() ? TimeGrid.of(s, 1.0, tEnd) : TimeGrid.uniformTime(s, 1.0, tEnd, 1000);
            Integrator.of(solver, model, s).tolerances(1e-8, 1e-8).seed(4).integrate(grid, z, n);
            double alpha = s.alpha(tEnd);
            double sigma = s.sigma(tEnd);
            for (int j = 0; j < d; j++) {
                double[] coordinate = new double[n];
                for (int i = 0; i < n; i++) {
                    coordinate[i] = z[i * d + j];
                }
                int axis = j;
                double p = KolmogorovSmirnovTest.withDefaults().test(coordinate, x -> {
                    double cdf = 0;
                    for (int k = 0; k < data.components(); k++) {
                        double sd = Math.sqrt(alpha * alpha * data.covariance(k, axis, axis) + sigma * sigma);
                        cdf += data.weight(k) * NormalDistribution.of(alpha * data.mean(k)[axis], sd)
                                .cumulativeProbability(x);
                    }
                    return cdf;
                }).getPValue();
                assertTrue(p > 1e-3, solver.name() + " on " + problem + ", coordinate " + j + ": KS p = " + p);
            }
        }
    }
}
