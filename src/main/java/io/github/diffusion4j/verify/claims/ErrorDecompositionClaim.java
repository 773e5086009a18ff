package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.estimate.ErrorDecomposition;
import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.ExactSolverLaw;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.estimate.OrderFit;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.CandidateModel;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.SolverClaim;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T16, the error decomposition of the reverse SDE (Girsanov; Chen et al. 2023, Theorem 1; docs/THEORY.md T16):
 * <pre>
 *   KL(p₀ ‖ p̂₀) ≤ KL(p_T ‖ π) + ½ ∫ g² E_{p_t}‖s_θ − ∇log p_t‖² dt + (discretisation).
 * </pre>
 * On Gaussian data every term is exact or has a CI: Euler–Maruyama driven by an affine model from π has a Gaussian
 * output law ({@link ExactSolverLaw}), so the total KL is exact; the initialisation and score terms come from
 * {@link ErrorDecomposition} (Monte Carlo with 99.9% intervals; quadrature in λ with 32 nodes); the discretisation
 * term is measured as the same solver and grid with the exact score started from the exact p_T. The inequality must
 * hold with the terms' upper limits, for every candidate model whose map is affine (the built-in ones), on three
 * schedules (π = N(0, σ(T)² I)), at N = 400, 1,600 and 6,400 log-SNR-uniform steps from T (0.999 T where α(T) = 0) to
 * 10⁻³ T; and the discretisation term must vanish at least at Euler–Maruyama's weak order: √disc fitted against h
 * with order ≥ 0.75 (on VE, where f = 0, Gaussian data give order 2, as claim S1 also measures). Each interval has level 99.9%, so the claim's false-alarm rate is ≤ 2·10⁻³ per check pair.
 *
 * <p>Subjects: Euler–Maruyama and every fixed-grid stochastic user solver, whose discretisation term must vanish at
 * least at its declared weak order (order ≥ p − 0.25).
 */
final class ErrorDecompositionClaim extends BaseClaim implements SolverClaim {

    private static final int[] STEPS = {400, 1600, 6400};
    private static final double BAND = 0.25;

    ErrorDecompositionClaim() {
        super("T16", "KL(p₀‖p̂₀) ≤ KL(p_T‖π) + ½∫g²E‖s_θ − ∇log p_t‖²dt + discretisation, which vanishes at the "
                + "solver's rate", "Chen et al. 2023, Theorem 1; Song et al. 2021b; docs/THEORY.md T16");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        double worstSlack = Double.POSITIVE_INFINITY;
        for (String name : context.subjects(List.of("euler-maruyama"), this::appliesTo)) {
            try {
                worstSlack = Math.min(worstSlack, measure(context, context.solver(name), checks));
            } catch (RuntimeException e) {
                checks.add(Check.of(name, Double.NaN, "threw " + e.getMessage(), false));
            }
        }
        return new Outcome(checks, String.format(Locale.ROOT, "smallest slack bound − KL = %.3g (%d checks)",
                worstSlack, checks.size()), "KL ≤ sum of the upper limits; disc. order ≥ p − " + BAND);
    }

    @Override
    public boolean appliesTo(Solver solver) {
        return solver.isStochastic() && !solver.isAdaptive();
    }

    /** @return the smallest slack of the bound over the solver's checks */
    private static double measure(VerificationContext context, Solver solver, List<Check> checks) {
        GaussianMixture data = context.gaussianProblem();
        int d = data.dimension();
        int n = context.samples(2000, 20_000);
        double worstSlack = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
            NoiseSchedule schedule = entry.getValue();
            GroundTruth truth = context.groundTruth(data, schedule);
            double start = schedule.reverseStart();
            double end = 1e-3 * schedule.tMax();
            double priorVariance = schedule.sigma(start) * schedule.sigma(start);
            double[] identity = new double[d * d];
            for (int a = 0; a < d; a++) {
                identity[a * d + a] = priorVariance;
            }
            GaussianLaw prior = new GaussianLaw(new double[d], identity);
            GaussianLaw target = SolverOrderClaim.marginalLaw(data, schedule, end);
            GaussianLaw pT = SolverOrderClaim.marginalLaw(data, schedule, start);
            Estimate initialization = ErrorDecomposition.initialization(data, schedule, start, prior::logDensity,
                    10 * n, context.seed() + 160, 0.999);
            double[] discretisation = new double[STEPS.length];
            double[] h = new double[STEPS.length];
            for (int k = 0; k < STEPS.length; k++) {
                TimeGrid grid = TimeGrid.uniformLogSnr(schedule, start, end, STEPS[k]);
                discretisation[k] = target.klDivergenceTo(ExactSolverLaw.propagate(solver, truth.scoreModel(),
                        schedule, grid, pT));
                h[k] = (start - end) / STEPS[k];
            }
            for (CandidateModel candidate : context.candidates()) {
                ScoreModel model = candidate.factory().apply(truth);
                Estimate score = ErrorDecomposition.scoreError(data, schedule, model, end, start, 32, n,
                        context.seed() + 161, 0.999);
                for (int k = 0; k < STEPS.length; k++) {
                    TimeGrid grid = TimeGrid.uniformLogSnr(schedule, start, end, STEPS[k]);
                    double total;
                    try {
                        total = target.klDivergenceTo(ExactSolverLaw.propagate(solver, model, schedule, grid,
                                prior));
                    } catch (IllegalArgumentException notAffine) {
                        break;
                    }
                    double bound = initialization.upper() + score.upper() + discretisation[k];
                    worstSlack = Math.min(worstSlack, bound - total);
                    checks.add(Check.of(String.format(Locale.ROOT, "%s / %s / %s / N = %d", solver.name(),
                            candidate.name(), entry.getKey(), STEPS[k]), total, String.format(Locale.ROOT,
                            "≤ %.3g = init %.2e + score %.2e + disc %.2e", bound, initialization.upper(),
                            score.upper(), discretisation[k]), total <= bound));
                }
            }
            double[] root = new double[STEPS.length];
            for (int k = 0; k < STEPS.length; k++) {
                root[k] = Math.sqrt(discretisation[k]);
            }
            OrderFit fit = OrderFit.fit(h, root, 0.95);
            checks.add(Check.of(solver.name() + " / " + entry.getKey() + ": √discretisation ∝ h^p", fit.order(),
                    String.format(Locale.ROOT, "p ≥ %d − %.2f; fit 95%% CI [%.3f, %.3f]", solver.order(), BAND,
                            fit.lower(), fit.upper()), fit.order() >= solver.order() - BAND));
        }
        return worstSlack;
    }
}
