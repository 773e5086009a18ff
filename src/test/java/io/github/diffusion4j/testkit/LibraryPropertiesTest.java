package io.github.diffusion4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.Ddim;
import io.github.diffusion4j.solve.DpmSolver;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.TimeGrid;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * diffusion4j's own invariants over thousands of generated cases (mixtures up to d = 6, K = 5, condition numbers up
 * to 10⁶, weights skewed over 8 decades; times near both ends of every schedule; 10% far-tail points): mixtures,
 * schedules and solvers.
 */
class LibraryPropertiesTest {

    private static final double EPS = Math.ulp(1.0);

    /**
     * Responsibilities are a probability vector and the log-density is finite everywhere, far tails included: the
     * sum is 1 to K ulp (K rounded divisions by the same sum).
     */
    @ParameterizedTest
    @RandomMarginalCases(count = 1500, maxDim = 6, maxComponents = 5, maxCondition = 1e6, maxSkew = 8)
    void responsibilitiesAreAProbabilityVectorAndLogDensitiesAreFinite(MarginalCase c) {
        GaussianMixture m = c.mixture().build();
        MixtureMarginal marginal = m.marginal().setTime(c.noiseSchedule(), c.t());
        int n = 40;
        double[] z = c.points(n, 0.1);
        int k = m.components();
        double[] r = new double[n * k];
        double[] logDensity = new double[n];
        marginal.responsibilities(z, n, r);
        marginal.logDensity(z, n, logDensity);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double v = r[i * k + j];
                assertTrue(v >= 0 && v <= 1, "r = " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 2 * k * EPS, "point " + i);
            assertTrue(Double.isFinite(logDensity[i]), "log p = " + logDensity[i] + " at point " + i);
        }
    }

    /**
     * Two routes to the posterior mean agree: conditioning ({@code Σ_k r_k (μ_k + G_k(z − m_k))}) and Tweedie's
     * formula {@code (z + σ² s)/α} from the score. Their difference is rounding in solves with C_k, amplified by the
     * condition number κ ≤ 10⁴ here and by 1/α in Tweedie's division: tolerance
     * {@code 20 κ ε (1 + |z| + |x̂₀|)/α}, ε the double precision; the factor 20 covers the d ≤ 6 accumulated
     * roundings of the two solves and of the responsibility weighting (the worst of the 1,500 cases reaches 2.2).
     */
    @ParameterizedTest
    @RandomMarginalCases(count = 1500, maxDim = 6, maxComponents = 5, maxCondition = 1e4, maxSkew = 8)
    void tweedieByTheScoreEqualsConditioning(MarginalCase c) {
        NoiseSchedule s = c.noiseSchedule();
        double alpha = s.alpha(c.t());
        double sigma = s.sigma(c.t());
        GaussianMixture m = c.mixture().build();
        MixtureMarginal marginal = m.marginal().setTime(s, c.t());
        int n = 40;
        int d = m.dimension();
        double[] z = c.points(n, 0.1);
        double[] score = new double[n * d];
        double[] posteriorMean = new double[n * d];
        marginal.score(z, n, score);
        marginal.posteriorMean(z, n, posteriorMean);
        double kappa = c.mixture().kind() == GaussianMixture.CovarianceKind.FULL ? c.mixture().condition() : 11;
        for (int i = 0; i < n * d; i++) {
            double tweedie = (z[i] + sigma * sigma * score[i]) / alpha;
            double tolerance = 20 * kappa * EPS * (1 + Math.abs(z[i]) + Math.abs(posteriorMean[i])) / alpha;
            assertEquals(posteriorMean[i], tweedie, tolerance, "coordinate " + i);
        }
    }

    /** λ⁻¹(λ(t)) = t to 10⁻⁹ of the span, and α² + σ² = 1 on variance-preserving schedules, over random times. */
    @ParameterizedTest
    @RandomMarginalCases(count = 3000, maxDim = 1, maxComponents = 1)
    void logSnrInverseRoundTrips(MarginalCase c) {
        NoiseSchedule s = c.noiseSchedule();
        double t = c.t();
        double lambda = s.logSnr(t);
        if (Double.isFinite(lambda)) {
            assertEquals(t, s.inverseLogSnr(lambda), 1e-9 * (s.tMax() - s.tMin()), c.schedule());
        }
        if (c.schedule().startsWith("vp")) {
            double alpha = s.alpha(t);
            double sigma = s.sigma(t);
            assertEquals(1.0, alpha * alpha + sigma * sigma, 4 * EPS, c.schedule());
        }
    }

    /**
     * DDIM (η = 0) and DPM-Solver-1 are the same update written two ways (Lu et al. 2022, §4.1): on random mixtures,
     * schedules and start times their samples agree to 10⁻¹² relative (rounding of the two formulas over 6 steps),
     * and particle 3 sampled alone is bit-identical to particle 3 of the batch.
     */
    @ParameterizedTest
    @RandomMarginalCases(count = 300, maxDim = 4, maxComponents = 4, maxCondition = 1e4,
            schedules = {"vp-linear", "vp-cosine", "ve", "sub-vp", "edm"})
    void ddimIsDpmSolverOneAndParticlesDoNotDependOnTheBatch(MarginalCase c) {
        NoiseSchedule s = c.noiseSchedule();
        GaussianMixture m = c.mixture().build();
        MixtureScoreModel model = new MixtureScoreModel(m, s);
        double start = Math.max(c.t(), s.tMin() + 0.5 * (s.reverseStart() - s.tMin()));
        TimeGrid grid = TimeGrid.uniformLogSnr(s, start, s.tMin() + 1e-3 * (s.tMax() - s.tMin()), 6);
        int n = 16;
        int d = m.dimension();
        double[] ddim = c.points(n, 0.0);
        double[] dpm = ddim.clone();
        double[] alone = java.util.Arrays.copyOfRange(ddim, 3 * d, 4 * d);
        Integrator.of(new Ddim(0), model, s).integrate(grid, ddim, n);
        Integrator.of(new DpmSolver(1), model, s).integrate(grid, dpm, n);
        Integrator.of(new Ddim(0), model, s).particleOffset(3).integrate(grid, alone, 1);
        for (int i = 0; i < n * d; i++) {
            assertEquals(ddim[i], dpm[i], 1e-12 * (1 + Math.abs(ddim[i])), "coordinate " + i);
        }
        for (int j = 0; j < d; j++) {
            assertEquals(ddim[3 * d + j], alone[j], 0.0, "particle 3 alone, coordinate " + j);
        }
    }
}
