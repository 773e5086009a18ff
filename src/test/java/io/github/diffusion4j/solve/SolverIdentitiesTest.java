package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Algebraic identities between solvers, and their model-evaluation counts, on the ring of 8 Gaussians. */
class SolverIdentitiesTest {

    private static final GaussianMixture DATA = BuiltinMixtures.ring8();
    private static final int N = 50;

    private static double[] run(Solver solver, NoiseSchedule schedule, TimeGrid grid, long seed, long[] nfe) {
        double[] z = Fixtures.normalPoints(N, 2, schedule.sigma(grid.start()), 3);
        IntegrationResult result = Integrator.of(solver, new MixtureScoreModel(DATA, schedule), schedule).seed(seed)
                .integrate(grid, z, N);
        if (nfe != null) {
            nfe[0] = result.evaluations();
        }
        return z;
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * (1 + Math.abs(expected[i])), what + " at index " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "vp-cosine", "ve", "sub-vp", "linear", "edm"})
    void ddimWithEtaZeroIsDpmSolverOne(String name) {
        // z_s = α_s x̂₀ + σ_s ε̂ equals (α_s/α_t) z − σ_s(e^h − 1) ε̂ by Tweedie; the two differ only by rounding
        // (≈ 10⁻¹⁵ relative per step, accumulated over 30 steps): tolerance 10⁻¹².
        NoiseSchedule s = Schedules.byName(name);
        TimeGrid grid = TimeGrid.uniformLogSnr(s, name.equals("linear") ? 0.99 : s.tMax(), 0.01 * s.tMax(), 30);
        assertClose(run(new Ddim(0), s, grid, 0, null), run(new DpmSolver(1), s, grid, 0, null), 1e-12, "DDIM vs DPM-1");
    }

    @Test
    void ddimWithEtaOneIsAncestralSampling() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.uniformTime(s, 1.0, 1e-3, 40);
        assertClose(run(Ancestral.INSTANCE, s, grid, 9, null), run(new Ddim(1), s, grid, 9, null), 1e-12,
                "DDIM(η=1) vs ancestral with the same noise");
    }

    @Test
    void eulerMaruyamaWithEtaZeroIsEulerOnTheProbabilityFlow() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.uniformTime(s, 1.0, 1e-3, 40);
        assertClose(run(ExplicitRungeKutta.EULER, s, grid, 0, null), run(new EulerMaruyama(0), s, grid, 0, null),
                1e-13, "EM(η=0) vs Euler");
    }

    @Test
    void edmStochasticWithoutChurnIsEdmHeun() {
        NoiseSchedule s = Schedules.byName("edm");
        TimeGrid grid = TimeGrid.karras(s, 0.002, 80, 18, 7);
        assertClose(run(EdmHeun.INSTANCE, s, grid, 0, null), run(new EdmStochastic(0, 0, 100, 1), s, grid, 5, null),
                0.0, "S_churn = 0");
    }

    @Test
    void edmHeunOnAKarrasGridCostsTwoNMinusOneAndEndsWithTweedie() {
        NoiseSchedule s = Schedules.byName("edm");
        TimeGrid grid = TimeGrid.karras(s, 0.002, 80, 18, 7);
        assertEquals(18, grid.steps());
        assertEquals(0.0, grid.end(), 0.0);
        long[] nfe = new long[1];
        run(EdmHeun.INSTANCE, s, grid, 0, nfe);
        assertEquals(2 * 18 - 1, nfe[0]);
        // The last step is Euler into σ = 0: z − σ ε̂ = x̂₀, Tweedie's posterior mean of the state before it.
        TimeGrid last = TimeGrid.of(s, grid.time(17), 0.0);
        double[] z = Fixtures.normalPoints(N, 2, 1.0, 8);
        double[] expected = new double[z.length];
        MixtureMarginal p = DATA.marginal().setTime(s, grid.time(17));
        p.posteriorMean(z, N, expected);
        Integrator.of(EdmHeun.INSTANCE, new MixtureScoreModel(DATA, s), s).integrate(last, z, N);
        assertClose(expected, z, 1e-12, "final Euler step");
    }

    @Test
    void evaluationCountsPerStep() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.uniformLogSnr(s, 1.0, 1e-3, 10);
        String[] names = {"euler", "heun", "rk4", "ddim", "dpm-solver-1", "dpm-solver-2", "dpm-solver-3",
            "dpm-solver++2m", "sde-dpm-solver++2m", "euler-maruyama", "ancestral", "pc"};
        int[] perStep = {1, 2, 4, 1, 1, 2, 3, 1, 1, 1, 1, 2};
        for (int i = 0; i < names.length; i++) {
            long[] nfe = new long[1];
            run(Solvers.byName(names[i]), s, grid, 0, nfe);
            assertEquals(10L * perStep[i], nfe[0], names[i]);
        }
    }

    @Test
    void dpmSolverPlusPlusStepsIntoSigmaZeroAtFirstOrder() {
        // On VP, t = 0 has σ = 0 and h = ∞: the last step is x̂₀ exactly, no NaN.
        NoiseSchedule s = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.of(s, 1.0, 0.5, 0.1, 0.0);
        double[] z = run(new DpmSolverPlusPlus2M(), s, grid, 0, null);
        for (double v : z) {
            assertTrue(Double.isFinite(v));
        }
        double[] before = run(new DpmSolverPlusPlus2M(), s, TimeGrid.of(s, 1.0, 0.5, 0.1), 0, null);
        double[] expected = new double[before.length];
        DATA.marginal().setTime(s, 0.1).posteriorMean(before, N, expected);
        assertClose(expected, z, 1e-12, "last step into σ = 0");
    }

    @Test
    void lowerOrderFinalStepChangesOnlyTheLastStep() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.uniformLogSnr(s, 1.0, 1e-3, 12);
        double[] standard = run(new DpmSolverPlusPlus2M(), s, grid, 0, null);
        double[] lower = run(new DpmSolverPlusPlus2M().withLowerOrderFinalStep(), s, grid, 0, null);
        double difference = 0;
        for (int i = 0; i < standard.length; i++) {
            difference = Math.max(difference, Math.abs(standard[i] - lower[i]));
        }
        assertTrue(difference > 1e-6, "the option must change the result");
        // 11 second-order steps, then a fresh integrator's first (first-order) step: the same arithmetic.
        double[] times = grid.times();
        double[] elevenSteps = java.util.Arrays.copyOf(times, 12);
        double[] z = run(new DpmSolverPlusPlus2M(), s, TimeGrid.of(s, elevenSteps), 0, null);
        Integrator.of(new DpmSolverPlusPlus2M(), new MixtureScoreModel(DATA, s), s)
                .integrate(TimeGrid.of(s, times[11], times[12]), z, N);
        assertClose(lower, z, 0.0, "lower-order final step");
    }

    @Test
    void registryNamesAreTheCommandLineContract() {
        assertEquals(java.util.List.of("euler", "heun", "rk4", "rk45", "ddim", "dpm-solver-1", "dpm-solver-2",
                "dpm-solver-3", "dpm-solver++2m", "sde-dpm-solver++2m", "euler-maruyama", "ancestral", "edm-heun",
                "edm-stochastic", "pc"), Solvers.NAMES);
        for (String name : Solvers.NAMES) {
            assertEquals(name, Solvers.byName(name).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Solvers.byName("dpm"));
        assertTrue(e.getMessage().contains("'dpm'") && e.getMessage().contains("dpm-solver++2m"));
    }
    /**
     * On the linear interpolant at t = 1 (α = 0) the drift f = α̇/α is infinite, so ODE solvers take the velocity
     * u = α̇ x̂₀ + σ̇ (z − α x̂₀)/σ = z − x̂₀ from the model's native data prediction, which at α = 0 is the data mean
     * whatever z. One Euler step to 0.9 is then z − 0.1 (z − mean), and its Jacobian 0.9 I, so log|det| = d log 0.9.
     */
    @Test
    void odeSolversStartWhereAlphaVanishesThroughTheDataPrediction() {
        NoiseSchedule linear = Schedules.byName("linear");
        GaussianMixture data = BuiltinMixtures.mixture8d();
        int d = data.dimension();
        double[] mean = new double[d];
        for (int k = 0; k < data.components(); k++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.weight(k) * data.mean(k)[j];
            }
        }
        double[] z = Fixtures.normalPoints(4, d, 1.0, 9);
        double[] stepped = z.clone();
        double[] logDeterminant = new double[4];
        Integrator.of(ExplicitRungeKutta.EULER, new MixtureScoreModel(data, linear), linear)
                .integrate(TimeGrid.of(linear, 1.0, 0.9), stepped, 4, logDeterminant);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < d; j++) {
                double expected = z[i * d + j] - 0.1 * (z[i * d + j] - mean[j]);
                assertEquals(expected, stepped[i * d + j], 1e-14 * (1 + Math.abs(expected)), "particle " + i);
            }
            assertEquals(d * Math.log(0.9), logDeterminant[i], 1e-13, "log|det| of particle " + i);
        }
    }
}
