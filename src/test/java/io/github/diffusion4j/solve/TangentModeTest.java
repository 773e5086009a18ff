package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import io.github.diffusion4j.estimate.ExactSolverLaw;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The log-determinants carried in tangent mode are exact: on Gaussian data they reproduce the exact output law's
 * density at every sample, and on a mixture they match finite differences of the solver's map.
 */
class TangentModeTest {

    static Stream<Solver> deterministicFixedGridSolvers() {
        return Solvers.all().stream().filter(s -> !s.isStochastic() && !s.isAdaptive());
    }

    private static double gaussianLogDensity(GaussianLaw law, double[] z, int offset) {
        int d = law.dimension();
        DMatrixRMaj cov = new DMatrixRMaj(d, d, true, law.covariance());
        DMatrixRMaj inverse = cov.copy();
        CommonOps_DDRM.invert(inverse);
        double[] m = law.mean();
        double q = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                q += (z[offset + a] - m[a]) * inverse.get(a, b) * (z[offset + b] - m[b]);
            }
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + Math.log(CommonOps_DDRM.det(cov)) + q);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministicFixedGridSolvers")
    void changeOfVariablesReproducesTheExactGaussianLaw(Solver solver) {
        // Affine map z_end = M z_start + c: log p̂(z_end) = log N(z_start; p_T) − log|det M| must equal
        // log N(z_end; M μ + c, M P Mᵀ) — two routes sharing only the solver. Rounding: 1e-9 relative.
        GaussianMixture data = BuiltinMixtures.gauss2();
        boolean edm = solver.name().equals("edm-heun");
        NoiseSchedule s = Schedules.byName(edm ? "edm" : "vp-linear");
        TimeGrid grid = edm ? TimeGrid.karras(s, 0.002, 80, 10, 7) : TimeGrid.uniformLogSnr(s, 1.0, 1e-3, 10);
        MixtureScoreModel model = new MixtureScoreModel(data, s);
        MixtureMarginal start = data.marginal().setTime(s, grid.start());
        double[] m = new double[2];
        double[] c = new double[4];
        start.mean(m);
        start.covariance(c);
        GaussianLaw output = ExactSolverLaw.propagate(solver, model, s, grid, new GaussianLaw(m, c));
        int n = 20;
        double[] z = Fixtures.normalPoints(n, 2, Math.sqrt(c[0]), 3);
        double[] startLog = new double[n];
        start.logDensity(z, n, startLog);
        double[] logDet = new double[n];
        Integrator.of(solver, model, s).integrate(grid, z, n, logDet);
        for (int i = 0; i < n; i++) {
            double expected = gaussianLogDensity(output, z, 2 * i);
            assertEquals(expected, startLog[i] - logDet[i], 1e-9 * (1 + Math.abs(expected)), "particle " + i);
        }
    }

    @Test
    void logDeterminantMatchesFiniteDifferencesOnAMixture() {
        // Central differences of the whole map with step 1e-5: truncation ≈ 1e-10 × third derivatives, rounding
        // ≈ 1e-16/1e-5 relative; log|det| of the 2 × 2 FD Jacobian is compared to 1e-6.
        GaussianMixture ring = BuiltinMixtures.ring8();
        for (String name : new String[] {"vp-linear", "linear"}) {
            NoiseSchedule s = Schedules.byName(name);
            MixtureScoreModel model = new MixtureScoreModel(ring, s);
            TimeGrid grid = TimeGrid.uniformTime(s, name.equals("linear") ? 1.0 : s.tMax(), 0.05, 16);
            for (String solverName : new String[] {"heun", "rk4", "ddim", "dpm-solver++2m", "euler"}) {
                Solver solver = Solvers.byName(solverName);
                if (name.equals("linear") && solverName.equals("dpm-solver++2m")) {
                    continue;
                }
                int n = 5;
                double[] z0 = Fixtures.normalPoints(n, 2, 1.0, 17);
                double[] z = z0.clone();
                double[] logDet = new double[n];
                Integrator.of(solver, model, s).integrate(grid, z, n, logDet);
                double h = 1e-5;
                for (int i = 0; i < n; i++) {
                    double[][] jac = new double[2][2];
                    for (int b = 0; b < 2; b++) {
                        double[] plus = {z0[2 * i], z0[2 * i + 1]};
                        double[] minus = plus.clone();
                        plus[b] += h;
                        minus[b] -= h;
                        Integrator.of(solver, model, s).integrate(grid, plus, 1);
                        Integrator.of(solver, model, s).integrate(grid, minus, 1);
                        for (int a = 0; a < 2; a++) {
                            jac[a][b] = (plus[a] - minus[a]) / (2 * h);
                        }
                    }
                    double fd = Math.log(Math.abs(jac[0][0] * jac[1][1] - jac[0][1] * jac[1][0]));
                    assertEquals(fd, logDet[i], 1e-6 * (1 + Math.abs(fd)), solverName + " on " + name + ", particle " + i);
                }
            }
        }
    }

    @Test
    void adaptiveSolverFreezesItsStepSizesAndTheGapScalesWithTheTolerance() {
        // Tangent mode differentiates the map of the accepted steps with their sizes held fixed. The adaptive map's
        // true derivative adds ∂z_end/∂h · ∂h/∂z₀, and ∂z_end/∂h is of the size of the local error, so the gap to a
        // finite difference of the adaptive run shrinks with the tolerance: checked at 10⁻⁶ and 10⁻⁹ (the gap must be
        // below 100·tol and fall by at least 30× over the 1000× tighter tolerance).
        GaussianMixture ring = BuiltinMixtures.ring8();
        NoiseSchedule s = Schedules.byName("vp-linear");
        MixtureScoreModel model = new MixtureScoreModel(ring, s);
        TimeGrid grid = TimeGrid.of(s, 1.0, 0.05);
        double[] gaps = new double[2];
        double[] tolerances = {1e-6, 1e-9};
        for (int k = 0; k < 2; k++) {
            double tol = tolerances[k];
            double[] z = {0.3, -0.4};
            double[] logDet = new double[1];
            Integrator.of(DormandPrince54.INSTANCE, model, s).tolerances(tol, tol).integrate(grid, z, 1, logDet);
            double h = 1e-5;
            double[][] jac = new double[2][2];
            for (int b = 0; b < 2; b++) {
                double[] plus = {0.3, -0.4};
                double[] minus = plus.clone();
                plus[b] += h;
                minus[b] -= h;
                Integrator.of(DormandPrince54.INSTANCE, model, s).tolerances(tol, tol).integrate(grid, plus, 1);
                Integrator.of(DormandPrince54.INSTANCE, model, s).tolerances(tol, tol).integrate(grid, minus, 1);
                for (int a = 0; a < 2; a++) {
                    jac[a][b] = (plus[a] - minus[a]) / (2 * h);
                }
            }
            double fd = Math.log(Math.abs(jac[0][0] * jac[1][1] - jac[0][1] * jac[1][0]));
            gaps[k] = Math.abs(fd - logDet[0]);
            assertTrue(gaps[k] < 100 * tol, "gap " + gaps[k] + " at tol " + tol);
        }
        assertTrue(gaps[1] < gaps[0] / 30, "gap must shrink with the tolerance: " + gaps[0] + " → " + gaps[1]);
    }

    @Test
    void tangentModeRefusesWhatItCannotDo() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.uniformTime(s, 1.0, 0.1, 4);
        MixtureScoreModel model = new MixtureScoreModel(BuiltinMixtures.ring8(), s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Integrator.of(
                Solvers.byName("euler-maruyama"), model, s).integrate(grid, new double[2], 1, new double[1]));
        assertTrue(e.getMessage().contains("deterministic"), e.getMessage());
        io.github.diffusion4j.score.ScoreModel plain = new io.github.diffusion4j.score.ScoreModel() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void score(double t, double[] z, int from, int to, double[] out) {
                model.score(t, z, from, to, out);
            }
        };
        e = assertThrows(IllegalArgumentException.class, () -> Integrator.of(Solvers.byName("heun"), plain, s)
                .integrate(grid, new double[2], 1, new double[1]));
        assertTrue(e.getMessage().contains("DifferentiableScoreModel"), e.getMessage());
    }
}
