package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.estimate.ExactSolverLaw;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.DiscreteDdpmSchedule;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.testing.RandomMixtures;
import org.junit.jupiter.api.Test;

/** The discrete DDPM sampler and Langevin dynamics. */
class DiscreteAndLangevinTest {

    private static final DiscreteDdpmSchedule CHAIN = DiscreteDdpmSchedule.standard();
    private static final GaussianMixture RING = BuiltinMixtures.ring8();

    @Test
    void continuousTimeViewIsExactAtTheKnots() {
        NoiseSchedule view = CHAIN.continuousTime();
        for (int k = 0; k <= CHAIN.steps(); k += 37) {
            assertEquals(CHAIN.alpha(k), view.alpha(CHAIN.time(k)), 0.0, "α at k = " + k);
            assertEquals(CHAIN.sigma(k), view.sigma(CHAIN.time(k)), 2e-16, "σ at k = " + k);
            if (k > 0) {
                assertEquals(CHAIN.time(k), view.inverseLogSnr(view.logSnr(CHAIN.time(k))), 1e-12, "λ⁻¹ at k = " + k);
            }
        }
    }

    @Test
    void reverseKernelMeanIsTheScoreStep() {
        // T11: μ̃_k(x_k, E[x₀|x_k]) = (x_k + β_k ∇log q_k(x_k))/√α_k, exactly, for every k. Both sides combine
        // terms of size |x_k|/√α_k; rounding is a few ε of that.
        MixtureMarginal p = RING.marginal();
        for (int k = 1; k <= CHAIN.steps(); k += 13) {
            p.setAlphaSigma(CHAIN.alpha(k), CHAIN.sigma(k));
            double[] x = RandomMixtures.marginalPoints(RING, CHAIN.alpha(k), CHAIN.sigma(k), 6, k);
            double[] mean = new double[12];
            double[] score = new double[12];
            p.posteriorMean(x, 6, mean);
            p.score(x, 6, score);
            double alphaK = CHAIN.alphaStep(k);
            for (int i = 0; i < 12; i++) {
                double kernel = CHAIN.posteriorMeanCoefficientX0(k) * mean[i] + CHAIN.posteriorMeanCoefficientXk(k) * x[i];
                double scoreStep = (x[i] + CHAIN.beta(k) * score[i]) / Math.sqrt(alphaK);
                assertEquals(scoreStep, kernel, 1e-12 * (1 + Math.abs(x[i])), "k = " + k);
            }
        }
    }

    @Test
    void ddpmWithPosteriorVarianceIsAncestralSamplingBetweenKnots() {
        NoiseSchedule view = CHAIN.continuousTime();
        MixtureScoreModel model = new MixtureScoreModel(RING, view);
        DdpmAncestral ddpm = new DdpmAncestral(CHAIN, DdpmAncestral.Variance.POSTERIOR);
        TimeGrid grid = ddpm.grid();
        assertEquals(1000, grid.steps());
        double[] times = grid.times();
        TimeGrid early = TimeGrid.of(view, java.util.Arrays.copyOf(times, 900));
        double[] a = Fixtures.normalPoints(40, 2, 1.0, 3);
        double[] b = a.clone();
        Integrator.of(ddpm, model, view).seed(6).integrate(early, a, 40);
        Integrator.of(Ancestral.INSTANCE, model, view).seed(6).integrate(early, b, 40);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-10 * (1 + Math.abs(a[i])), "index " + i);
        }
    }

    @Test
    void ddpmConvergesToTheDataLawAtWeakOrderOne() {
        // Chains of K = 250 … 2000 steps with β scaled by 1000/K (the same continuous process), sampled exactly from
        // x_K, with the exact posterior mean: the exact output law's KL to the data law. KL is quadratic in the
        // weak error, so √KL must fall as 1/K. Measured at K = 1000: KL = 1.58e-4 with β̃ and 8.5e-6 with β; on this
        // near-unit-variance data the larger β is the better variance, as Ho et al. (2020, §3.2) note for N(0, I).
        GaussianMixture data = BuiltinMixtures.gauss2();
        int[] chainLengths = {250, 500, 1000, 2000};
        for (DdpmAncestral.Variance variance : DdpmAncestral.Variance.values()) {
            double[] rootKl = new double[chainLengths.length];
            for (int i = 0; i < chainLengths.length; i++) {
                int k = chainLengths[i];
                DiscreteDdpmSchedule chain = new DiscreteDdpmSchedule(k, 1e-4 * 1000.0 / k, 0.02 * 1000.0 / k);
                NoiseSchedule view = chain.continuousTime();
                DdpmAncestral sampler = new DdpmAncestral(chain, variance);
                GaussianLaw law = ExactSolverLaw.propagate(sampler, new MixtureScoreModel(data, view), view,
                        sampler.grid(), Fixtures.marginalLaw(data, view, 1.0));
                rootKl[i] = Math.sqrt(law.klDivergenceTo(Fixtures.marginalLaw(data, view, 0.0)));
            }
            double order = io.github.diffusion4j.estimate.OrderFit.fit(Fixtures.stepSizes(chainLengths), rootKl, 0.95)
                    .order();
            assertEquals(1.0, order, 0.2, variance + ": √KL " + java.util.Arrays.toString(rootKl));
            double atThousand = rootKl[2] * rootKl[2];
            assertTrue(variance == DdpmAncestral.Variance.POSTERIOR ? atThousand < 2e-4 : atThousand < 1e-5,
                    variance + " KL at K = 1000: " + atThousand);
        }
    }

    @Test
    void ddpmRejectsGridsThatAreNotChainSteps() {
        NoiseSchedule view = CHAIN.continuousTime();
        MixtureScoreModel model = new MixtureScoreModel(RING, view);
        DdpmAncestral ddpm = new DdpmAncestral(CHAIN, DdpmAncestral.Variance.POSTERIOR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Integrator.of(ddpm, model, view)
                .integrate(TimeGrid.of(view, 1.0, 0.998), new double[2], 1));
        assertTrue(e.getMessage().contains("1000 → 998"), e.getMessage());
        NoiseSchedule vp = Schedules.byName("vp-linear");
        e = assertThrows(IllegalArgumentException.class, () -> Integrator.of(ddpm, new MixtureScoreModel(RING, vp), vp)
                .integrate(TimeGrid.of(vp, 1.0, 0.999), new double[2], 1));
        assertTrue(e.getMessage().contains("continuousTime()"), e.getMessage());
    }

    @Test
    void langevinSamplesItsStationaryLaw() {
        // For N(m, C), x' = x − ε C⁻¹(x − m) + √(2ε) ξ has the stationary law N(m, S), S = C (I − ε C⁻¹/2)⁻¹
        // (per eigenvalue c: 2ε/(1 − (1 − ε/c)²) = c/(1 − ε/(2c))). After 1500 steps of ε = 0.01 the memory of the start
        // has contracted by (1 − ε/c_max)^1500 with c_max ≈ 1.3, below 10⁻⁵; the tolerance 10⁻⁵ covers that.
        GaussianMixture data = BuiltinMixtures.gauss2();
        NoiseSchedule vp = Schedules.byName("vp-linear");
        double t = 0.3;
        MixtureScoreModel model = new MixtureScoreModel(data, vp);
        double epsilon = 0.01;
        GaussianLaw start = new GaussianLaw(new double[] {3, -3}, new double[] {0.1, 0, 0, 0.1});
        GaussianLaw law = ExactSolverLaw.propagate(Langevin.fixed(epsilon, 1500), model, vp, TimeGrid.of(vp, 0.31, t),
                start);
        GaussianLaw marginal = Fixtures.marginalLaw(data, vp, t);
        double[] c = marginal.covariance();
        // S = C (I − εC⁻¹/2)⁻¹ = C + (ε/2) I (I − ε C⁻¹/2)⁻¹ … computed directly in 2 × 2: S = (C⁻¹ − (ε/2) C⁻²)⁻¹.
        double det = c[0] * c[3] - c[1] * c[2];
        double[] p = {c[3] / det, -c[1] / det, -c[2] / det, c[0] / det};
        double[] p2 = {p[0] * p[0] + p[1] * p[2], p[0] * p[1] + p[1] * p[3], p[2] * p[0] + p[3] * p[2],
            p[2] * p[1] + p[3] * p[3]};
        double[] a = {p[0] - epsilon / 2 * p2[0], p[1] - epsilon / 2 * p2[1], p[2] - epsilon / 2 * p2[2],
            p[3] - epsilon / 2 * p2[3]};
        double detA = a[0] * a[3] - a[1] * a[2];
        double[] stationary = {a[3] / detA, -a[1] / detA, -a[2] / detA, a[0] / detA};
        double[] cov = law.covariance();
        for (int i = 0; i < 4; i++) {
            assertEquals(stationary[i], cov[i], 1e-5, "stationary covariance entry " + i);
        }
        assertEquals(marginal.mean()[0], law.mean()[0], 1e-5);
        assertTrue(Math.abs(cov[0] - c[0]) > 1e-3, "the O(ε) bias of unadjusted Langevin is visible");
    }

    @Test
    void annealedLangevinScalesTheStepWithTheNoiseLevel() {
        // Over a grid ending at t_L, level σ̃_i uses ε σ̃_i²/σ̃_L²: the last level runs with ε itself, so after T steps
        // there the law is within (1 − ε/c_max)^T of that level's stationary law.
        GaussianMixture data = BuiltinMixtures.gauss2();
        NoiseSchedule ve = Schedules.byName("ve");
        MixtureScoreModel model = new MixtureScoreModel(data, ve);
        // Song and Ermon's rule keeps ε_i/σ̃_i² = ε/σ̃_L², so unadjusted Langevin is stable at every level only if
        // ε ≲ 2σ̃_L² (c ≈ σ̃² at high noise). Levels from VE t = 1 (σ̃ = 50) to t = 0.6 (σ̃_L = 1.66) with ε = 1 are
        // stable throughout (ε_i/c_i ≤ 0.37), and at the last level c ≤ 1.3 + 2.75 gives a contraction of
        // (1 − 1/4.05)¹⁰⁰ < 10⁻¹² — the two laws agree to rounding.
        TimeGrid levels = TimeGrid.uniformTime(ve, 1.0, 0.6, 4);
        double epsilon = 1.0;
        GaussianLaw start = Fixtures.marginalLaw(data, ve, 1.0);
        GaussianLaw annealed = ExactSolverLaw.propagate(Langevin.annealed(epsilon, 100), model, ve, levels, start);
        GaussianLaw fixed = ExactSolverLaw.propagate(Langevin.fixed(epsilon, 100), model, ve,
                TimeGrid.of(ve, 0.61, 0.6), Fixtures.marginalLaw(data, ve, 0.61));
        assertTrue(annealed.klDivergenceTo(fixed) < 1e-8, "KL to the last level's stationary law "
                + annealed.klDivergenceTo(fixed));
    }

    @Test
    void flowMatchingFromExactlyTOneConvergesAtTheSolverOrders() {
        // On the linear interpolant the ODE solvers start from α = 0 itself, where the velocity is α̇ x̂₀ + σ̇ ε̂.
        GaussianMixture data = BuiltinMixtures.gauss2();
        NoiseSchedule linear = Schedules.byName("linear");
        MixtureScoreModel model = new MixtureScoreModel(data, linear);
        double[] z0 = Fixtures.normalPoints(4, 2, 1.0, 9);
        double[] exact = new GaussianFlow(data).map(linear, 1.0, 0.01, z0, 4);
        for (Solver solver : new Solver[] {ExplicitRungeKutta.EULER, ExplicitRungeKutta.HEUN, ExplicitRungeKutta.RK4}) {
            int[] steps = {32, 64, 128, 256};
            double[] errors = new double[steps.length];
            for (int k = 0; k < steps.length; k++) {
                double[] z = z0.clone();
                Integrator.of(solver, model, linear).integrate(TimeGrid.uniformTime(linear, 1.0, 0.01, steps[k]), z, 4);
                for (int i = 0; i < z.length; i++) {
                    errors[k] = Math.max(errors[k], Math.abs(z[i] - exact[i]));
                }
            }
            double order = io.github.diffusion4j.estimate.OrderFit.fit(Fixtures.stepSizes(steps), errors, 0.95).order();
            assertEquals(solver.order(), order, 0.2, solver.name() + " errors " + java.util.Arrays.toString(errors));
        }
    }
}
