package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.estimate.MarginalKolmogorovSmirnov;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.SolverClaim;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * S5, the probability-flow ODE and the reverse SDE share the marginals p_t at every t (Song et al. 2021, §4.3 and
 * Appendix D.1; Anderson 1982): started from exact samples of p_T, Heun on the PF-ODE, Euler–Maruyama on the reverse
 * SDE and the predictor–corrector sampler (Euler–Maruyama + Langevin corrector) are each tested against the exact
 * p_t at t = 3T/4, T/2, T/4 and T/100 (0.999 T instead of T where α(T) = 0). Grids: 50 log-SNR-uniform steps between
 * consecutive checkpoints (200 in all), which keeps the samplers' discretisation bias far below the tests'
 * resolution (the exact KL of Euler–Maruyama's law on Gaussian data at 200 such steps is ~10⁻⁵, claim S1).
 *
 * <p>Test: per-coordinate Kolmogorov–Smirnov against the exact marginal distribution functions of p_t, combined over
 * coordinates by Bonferroni ({@link MarginalKolmogorovSmirnov}), at family-wise level 10⁻³/m for the m = problems ×
 * schedules × samplers × checkpoints tests: the claim's false-alarm rate is ≤ 10⁻³. The measured value of a check is
 * its combined p-value. 1,500 samples ({@code --thorough}: 15,000).
 *
 * <p>Subjects: those three, EDM's stochastic sampler at its ImageNet settings (S_churn = 80 on the 200-step grid, so
 * γ = 0.4 on every step with σ̃ ∈ [0.05, 50]: its churn, which S1 and S6 cannot order, is checked here — a wrong
 * churn noise, e.g. of std σ̂ − σ̃ instead of √(σ̂² − σ̃²), gives KS p-values below 10⁻⁵⁸), and every fixed-grid
 * user solver ({@link VerificationContext#subjects}). A multistep
 * solver cannot resume mid-grid from its history, so it is run from the start to each checkpoint afresh.
 */
final class SharedMarginalsClaim extends BaseClaim implements SolverClaim {

    private static final double FALSE_ALARM = 1e-3;
    private static final double[] CHECKPOINTS = {0.75, 0.5, 0.25, 0.01};
    private static final int STEPS_PER_SEGMENT = 50;
    private static final List<String> SAMPLERS = List.of("heun", "euler-maruyama", "pc", "edm-stochastic");

    SharedMarginalsClaim() {
        super("S5", "The PF-ODE and the reverse SDE (and PC and EDM's stochastic sampler) reproduce the exact "
                        + "marginal p_t at every t",
                "Song et al. 2021, §4.3, Appendix D.1; Anderson 1982; docs/THEORY.md §3");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int n = context.samples(1500, 15_000);
        List<String> samplers = context.subjects(SAMPLERS, this::appliesTo);
        int tests = context.problems().size() * context.schedules().size() * samplers.size() * CHECKPOINTS.length;
        double level = FALSE_ALARM / tests;
        double smallest = 1;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                NoiseSchedule schedule = entry.getValue();
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule);
                double start = schedule.reverseStart();
                double[] times = grid(schedule, start);
                TimeGrid grid = TimeGrid.of(schedule, times);
                for (String sampler : samplers) {
                    Solver solver = context.solver(sampler);
                    double[] initial = truth.sample(start, n, context.seed() + 50);
                    double[] z = initial.clone();
                    Integrator integrator = Integrator.of(solver, truth.scoreModel(), schedule)
                            .seed(context.seed() + 51);
                    for (int c = 0; c < CHECKPOINTS.length; c++) {
                        try {
                            if (solver.isMultistep()) {
                                System.arraycopy(initial, 0, z, 0, z.length);
                                integrator.integrate(grid, 0, (c + 1) * STEPS_PER_SEGMENT, z, n);
                            } else {
                                integrator.integrate(grid, c * STEPS_PER_SEGMENT, (c + 1) * STEPS_PER_SEGMENT, z, n);
                            }
                        } catch (RuntimeException e) {
                            checks.add(Check.of(sampler + " / " + problem.getKey() + " / " + entry.getKey(),
                                    Double.NaN, "threw " + e.getMessage(), false));
                            break;
                        }
                        double t = times[(c + 1) * STEPS_PER_SEGMENT];
                        MarginalKolmogorovSmirnov.Result ks = new MarginalKolmogorovSmirnov(problem.getValue(),
                                schedule.alpha(t), schedule.sigma(t)).test(z, n, level);
                        double p = ks.combinedPValue();
                        smallest = Math.min(smallest, p);
                        checks.add(Check.of(String.format(Locale.ROOT, "%s / %s / %s / t = %.3g", sampler,
                                problem.getKey(), entry.getKey(), t), p, String.format(Locale.ROOT,
                                "KS p-value > %.1e", level), !ks.rejected()));
                    }
                }
            }
        }
        return new Outcome(checks, String.format(Locale.ROOT, "smallest KS p-value %.3g (%d tests)", smallest,
                checks.size()), String.format(Locale.ROOT, "> %.1e each (false alarm ≤ 1e-3)", level));
    }

    @Override
    public boolean appliesTo(Solver solver) {
        return !solver.isAdaptive();
    }

    /** 50 log-SNR-uniform steps between consecutive checkpoints, from start down to T/100. */
    private static double[] grid(NoiseSchedule schedule, double start) {
        double[] times = new double[CHECKPOINTS.length * STEPS_PER_SEGMENT + 1];
        double from = start;
        for (int c = 0; c < CHECKPOINTS.length; c++) {
            double to = CHECKPOINTS[c] * schedule.tMax();
            double[] segment = TimeGrid.uniformLogSnr(schedule, from, to, STEPS_PER_SEGMENT).times();
            System.arraycopy(segment, 0, times, c * STEPS_PER_SEGMENT, STEPS_PER_SEGMENT + 1);
            from = to;
        }
        return times;
    }
}
