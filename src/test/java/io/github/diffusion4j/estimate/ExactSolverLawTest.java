package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.Ancestral;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.Ddim;
import io.github.diffusion4j.solve.DpmSolverPlusPlus2M;
import io.github.diffusion4j.solve.EdmStochastic;
import io.github.diffusion4j.solve.EulerMaruyama;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.SdeDpmSolverPlusPlus2M;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact output law agrees with Monte Carlo of the real solver.
 *
 * <p>Statistics: 40,000 samples, each from exact samples of p_T pushed through the solver with counter-based noise.
 * Each sample-mean coordinate is compared to the exact mean with standard error √(P_ii/n) and each sample-covariance
 * entry with √((P_ii P_jj + P_ij²)/n) (Gaussian fourth moments — the output is exactly Gaussian); a z-score above 4.5
 * fails, a two-sided false-alarm probability of 6.8·10⁻⁶ per entry, below 10⁻⁴ over the 42 entries of this class.
 */
class ExactSolverLawTest {

    private static final GaussianMixture DATA = BuiltinMixtures.gauss2();
    private static final int N = 40_000;

    static Stream<Solver> solvers() {
        return Stream.of(new EulerMaruyama(1), Ancestral.INSTANCE, new Ddim(0.5), SdeDpmSolverPlusPlus2M.INSTANCE,
                new DpmSolverPlusPlus2M(), new EdmStochastic(20, 0.05, 50, 1.003), Solvers.byName("heun"));
    }

    private static GaussianLaw marginal(NoiseSchedule s, double t) {
        MixtureMarginal m = DATA.marginal().setTime(s, t);
        double[] mean = new double[2];
        double[] cov = new double[4];
        m.mean(mean);
        m.covariance(cov);
        return new GaussianLaw(mean, cov);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void exactLawAgreesWithMonteCarloOfTheSolver(Solver solver) {
        boolean edm = solver instanceof EdmStochastic;
        NoiseSchedule s = Schedules.byName(edm ? "edm" : "vp-linear");
        TimeGrid grid = edm ? TimeGrid.karras(s, 0.002, 80, 12, 7) : TimeGrid.uniformLogSnr(s, 1.0, 1e-3, 12);
        MixtureScoreModel model = new MixtureScoreModel(DATA, s);
        GaussianLaw start = marginal(s, grid.start());
        GaussianLaw law = ExactSolverLaw.propagate(solver, model, s, grid, start);
        // exact samples of p_T: mean + L ξ with L the Cholesky factor of the 2 × 2 covariance
        double[] z = new CounterNoise(99).normals(N, 2);
        double[] m0 = start.mean();
        double[] c0 = start.covariance();
        double l00 = Math.sqrt(c0[0]);
        double l10 = c0[2] / l00;
        double l11 = Math.sqrt(c0[3] - l10 * l10);
        for (int i = 0; i < N; i++) {
            double a = z[2 * i];
            double b = z[2 * i + 1];
            z[2 * i] = m0[0] + l00 * a;
            z[2 * i + 1] = m0[1] + l10 * a + l11 * b;
        }
        Integrator.of(solver, model, s).seed(5).threads(2).integrate(grid, z, N);
        double[] mean = law.mean();
        double[] cov = law.covariance();
        double[] sampleMean = new double[2];
        for (int i = 0; i < N; i++) {
            sampleMean[0] += z[2 * i] / N;
            sampleMean[1] += z[2 * i + 1] / N;
        }
        double[] sampleCov = new double[4];
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    sampleCov[a * 2 + b] += (z[2 * i + a] - sampleMean[a]) * (z[2 * i + b] - sampleMean[b]) / (N - 1);
                }
            }
        }
        for (int a = 0; a < 2; a++) {
            double se = Math.sqrt(cov[a * 2 + a] / N);
            assertTrue(Math.abs(sampleMean[a] - mean[a]) < 4.5 * se,
                    solver.name() + " mean " + a + ": " + sampleMean[a] + " vs exact " + mean[a] + " (se " + se + ")");
            for (int b = 0; b < 2; b++) {
                double se2 = Math.sqrt((cov[a * 2 + a] * cov[b * 2 + b] + cov[a * 2 + b] * cov[a * 2 + b]) / N);
                assertTrue(Math.abs(sampleCov[a * 2 + b] - cov[a * 2 + b]) < 4.5 * se2, solver.name() + " cov "
                        + a + b + ": " + sampleCov[a * 2 + b] + " vs exact " + cov[a * 2 + b] + " (se " + se2 + ")");
            }
        }
    }

    @Test
    void nonAffineMapsAreReported() {
        NoiseSchedule vp = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.uniformTime(vp, 1.0, 0.01, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExactSolverLaw.propagate(
                Solvers.byName("euler"), new MixtureScoreModel(BuiltinMixtures.ring8(), vp), vp, grid,
                marginal(vp, 1.0)));
        assertTrue(e.getMessage().contains("not affine"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExactSolverLaw.propagate(Solvers.byName("rk45"),
                new MixtureScoreModel(DATA, vp), vp, grid, marginal(vp, 1.0)));
    }
}
