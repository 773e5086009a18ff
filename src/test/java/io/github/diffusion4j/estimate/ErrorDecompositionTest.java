package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.score.PerturbedScoreModel;
import io.github.diffusion4j.solve.EulerMaruyama;
import io.github.diffusion4j.solve.TimeGrid;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The error decomposition of T16 on Gaussian data with a perturbed score s_θ = c s + b, where every term has an
 * independent exact value: 99.9% intervals (false-alarm probability 10⁻³ per containment check, fixed seeds).
 */
class ErrorDecompositionTest {

    private static final GaussianMixture DATA = BuiltinMixtures.gauss2();
    private static final double[] BIAS = {0.05, -0.02};

    private static GaussianLaw law(NoiseSchedule s, double t) {
        MixtureMarginal m = DATA.marginal().setTime(s, t);
        double[] mean = new double[2];
        double[] cov = new double[4];
        m.mean(mean);
        m.covariance(cov);
        return new GaussianLaw(mean, cov);
    }

    @Test
    void scoreErrorMatchesItsClosedForm() {
        // E‖(c−1) s + b‖² = (c−1)² tr C_t⁻¹ + ‖b‖² for p_t = N(m_t, C_t) (E s = 0, E s sᵀ = C_t⁻¹); integrated in λ by
        // adaptive Gauss–Legendre to 10⁻¹².
        NoiseSchedule vp = Schedules.byName("vp-linear");
        double c = 1.1;
        PerturbedScoreModel model = new PerturbedScoreModel(new MixtureScoreModel(DATA, vp), c, BIAS);
        double tMin = 1e-3;
        Estimate estimate = ErrorDecomposition.scoreError(DATA, vp, model, tMin, 1.0, 32, 4000, 3, 0.999);
        double biasSquared = BIAS[0] * BIAS[0] + BIAS[1] * BIAS[1];
        double exact = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14).integrate(100_000, lambda -> {
            double t = vp.inverseLogSnr(lambda);
            double[] cov = law(vp, t).covariance();
            double det = cov[0] * cov[3] - cov[1] * cov[2];
            double tracePrecision = (cov[0] + cov[3]) / det;
            double sigma = vp.sigma(t);
            return 0.5 * sigma * sigma * ((c - 1) * (c - 1) * tracePrecision + biasSquared);
        }, vp.logSnr(1.0), vp.logSnr(tMin));
        assertTrue(estimate.contains(exact), estimate + " vs exact " + exact);
        Estimate none = ErrorDecomposition.scoreError(DATA, vp, new MixtureScoreModel(DATA, vp), tMin, 1.0, 8, 100, 3,
                0.999);
        assertEquals(0.0, none.value(), 0.0, "the exact score has no score error");
    }

    @Test
    void initializationErrorMatchesTheGaussianKl() {
        NoiseSchedule ve = Schedules.byName("ve");
        GaussianLaw prior = new GaussianLaw(new double[] {0, 0}, new double[] {2500, 0, 0, 2500});
        GaussianLaw pT = law(ve, 1.0);
        Estimate estimate = ErrorDecomposition.initialization(DATA, ve, 1.0, prior::logDensity, 50_000, 5, 0.999);
        assertTrue(estimate.contains(pT.klDivergenceTo(prior)), estimate + " vs " + pT.klDivergenceTo(prior));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.05, 1.2})
    void girsanovBoundHoldsAndDiscretisationVanishesAtTheSolverRate(double scale) {
        // KL(p_{t_min} ‖ p̂) of Euler–Maruyama with s_θ and π = N(0, I), exact through ExactSolverLaw, must not exceed
        // the upper ends of the initialisation and score intervals plus the measured discretisation term (the same
        // solver and grid with the exact score from the exact p_T). Measured: total 3.5e-3 / 7.7e-3 / 6.5e-2 against
        // score terms 1.5e-2 / 4.2e-2 / 0.46 at 1600 steps. √(discretisation) falls as h (weak order 1).
        NoiseSchedule vp = Schedules.byName("vp-linear");
        MixtureScoreModel exact = new MixtureScoreModel(DATA, vp);
        PerturbedScoreModel model = new PerturbedScoreModel(exact, scale, BIAS);
        double tMin = 1e-3;
        GaussianLaw prior = new GaussianLaw(new double[] {0, 0}, new double[] {1, 0, 0, 1});
        GaussianLaw target = law(vp, tMin);
        GaussianLaw pT = law(vp, 1.0);
        Estimate initialization = ErrorDecomposition.initialization(DATA, vp, 1.0, prior::logDensity, 20_000, 1, 0.999);
        Estimate score = ErrorDecomposition.scoreError(DATA, vp, model, tMin, 1.0, 32, 2000, 2, 0.999);
        int[] steps = {400, 1600, 6400};
        double[] rootDiscretisation = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            TimeGrid grid = TimeGrid.uniformTime(vp, 1.0, tMin, steps[k]);
            double total = target.klDivergenceTo(ExactSolverLaw.propagate(new EulerMaruyama(1), model, vp, grid, prior));
            double discretisation = target.klDivergenceTo(ExactSolverLaw.propagate(new EulerMaruyama(1), exact, vp,
                    grid, pT));
            rootDiscretisation[k] = Math.sqrt(discretisation);
            assertTrue(total <= initialization.upper() + score.upper() + discretisation, "c = " + scale + ", N = "
                    + steps[k] + ": KL " + total + " > " + initialization + " + " + score + " + " + discretisation);
        }
        double[] h = {1.0 / 400, 1.0 / 1600, 1.0 / 6400};
        assertEquals(1.0, OrderFit.fit(h, rootDiscretisation, 0.95).order(), 0.2, "√discretisation vs h");
    }
}
