package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.diffusion4j.estimate.ConvergenceVerdict;
import io.github.diffusion4j.estimate.ExactSolverLaw;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.estimate.OrderFit;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.plot.ConvergencePlot;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.SolverClaim;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * S6: every fixed-grid solver keeps its declared order on seeded non-uniform grids ({@link RandomGrids}), on every
 * schedule, both on grids ending inside the domain and on grids ending at σ = 0. S1 measures orders on uniform
 * log-SNR grids of three schedules, where every step has the same h: a bug that depends on the ratio of
 * neighbouring steps, on where an intermediate stage sits inside a step, on one schedule's derivatives, on the last
 * step into σ = 0 or on a stochasticity parameter strictly between 0 and 1 can pass S1 and is caught here.
 *
 * <p>Measurement as in S1: Gaussian data with the exact (affine) score, so the output law is propagated exactly
 * ({@link ExactSolverLaw}) and the error is {@code √KL(p̂ ‖ p_end)} with no Monte Carlo; N ∈ {192, 384, 768, 1536}
 * steps, {384, …, 3072} with {@code --thorough} (multiples of the grids' period, 3: pre-asymptotic curvature is the
 * limit here — RK4 into σ = 0 on sub-VP, ρ = 3.1, has local orders 3.41, 3.54, 3.80, 3.92 from 192 to 3072 steps,
 * a fit of 3.58 on the default range, so the rarer grids of the thorough run need the finer one); fitted order by
 * least squares of log √KL on log h̄. Grid families: {@code samples(2, 6)} seeds per
 * (solver, schedule, end). Ends: {@code 10⁻² T} (finite log-SNR), and {@code t_min} where σ(t_min) = 0 — the data
 * law itself is then the target (VP, sub-VP, OU, DDPM-limit, linear, EDM; VE has σ_min &gt; 0). A solver that rejects
 * a grid into σ = 0 before computing (an {@link IllegalArgumentException}, e.g. a noise-prediction solver whose
 * log-SNR would be infinite) is listed in the summary, not failed: stepping into σ = 0 is a capability, not a
 * requirement. Subjects: the fixed-grid solvers of S1, DDIM and Euler–Maruyama at η = ½
 * ({@link VerificationContext#PARAMETER_VARIANTS}), and every user solver S1 applies to.
 *
 * <p>Criteria: those of S1 ({@link ConvergenceVerdict}, band {@value ConvergenceVerdict#ORDER_BAND}); one figure,
 * √KL against h̄ for every subject on its first grid family on {@code vp-linear} into σ = 0.
 */
final class RandomGridOrderClaim extends BaseClaim implements SolverClaim {

    private static final int[] STEPS = {192, 384, 768, 1536};
    private static final int[] THOROUGH_STEPS = {384, 768, 1536, 3072};
    private static final String FIGURE_SCHEDULE = "vp-linear";

    RandomGridOrderClaim() {
        super("S6", "Each fixed-grid solver keeps its declared order on random non-uniform grids, on every "
                        + "schedule, into σ = 0 and at η = ½",
                "Hairer et al. 1993 §II.3–4 (variable steps); Lu et al. 2022; docs/THEORY.md §5");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        GaussianMixture data = context.gaussianProblem();
        List<String> builtIn = new ArrayList<>(SolverOrderClaim.builtInSubjects());
        builtIn.addAll(VerificationContext.PARAMETER_VARIANTS.keySet());
        List<String> subjects = context.subjects(builtIn, this::appliesTo);
        int familyCount = context.samples(2, 6);
        int[] steps = context.thorough() ? THOROUGH_STEPS : STEPS;
        List<Check> checks = new ArrayList<>();
        Set<String> rejectZero = new TreeSet<>();
        ConvergencePlot figure = new ConvergencePlot("S6 random grids into σ = 0, " + FIGURE_SCHEDULE,
                "mean step size h", "√KL(p̂ ‖ p)", 1);
        OrderVerdicts verdicts = new OrderVerdicts();
        long seed = context.seed() ^ 0x5EED_6A1DL;
        for (Map.Entry<String, NoiseSchedule> entry : context.allSchedules().entrySet()) {
            NoiseSchedule schedule = entry.getValue();
            GroundTruth truth = context.groundTruth(data, schedule);
            double start = schedule.reverseStart();
            List<Double> ends = new ArrayList<>(List.of(1e-2 * schedule.tMax()));
            if (schedule.sigma(schedule.tMin()) == 0) {
                ends.add(schedule.tMin());
            }
            GaussianLaw initial = SolverOrderClaim.marginalLaw(data, schedule, start);
            for (double end : ends) {
                boolean intoZero = schedule.sigma(end) == 0;
                GaussianLaw target = SolverOrderClaim.marginalLaw(data, schedule, end);
                RandomGrids[] families = new RandomGrids[familyCount];
                TimeGrid[][] grids = new TimeGrid[familyCount][steps.length];
                for (int f = 0; f < familyCount; f++) {
                    families[f] = new RandomGrids(seed + 7919L * f);
                    for (int i = 0; i < steps.length; i++) {
                        grids[f][i] = families[f].grid(schedule, start, end, steps[i]);
                    }
                }
                for (String name : subjects) {
                    Solver solver = context.solver(name);
                    for (int f = 0; f < familyCount; f++) {
                        String configuration = String.format(Locale.ROOT, "%s / %s → %s / grid %d (%s)",
                                name, entry.getKey(), intoZero ? "σ = 0" : String.format(Locale.ROOT, "t %.3g", end), f,
                                families[f].describe(intoZero));
                        double[] h = new double[steps.length];
                        double[] error = new double[steps.length];
                        int i = 0;
                        try {
                            for (; i < steps.length; i++) {
                                h[i] = (start - end) / steps[i];
                                error[i] = OrderVerdicts.exactError(solver, truth, schedule, grids[f][i], initial,
                                        target);
                            }
                        } catch (IllegalArgumentException e) {
                            if (intoZero && i == 0 && f == 0) {
                                rejectZero.add(name);
                                break;
                            }
                            checks.add(Check.of(configuration, Double.NaN, "threw " + e.getMessage(), false));
                            continue;
                        } catch (RuntimeException e) {
                            checks.add(Check.of(configuration, Double.NaN, "threw " + e.getMessage(), false));
                            continue;
                        }
                        checks.add(verdicts.judge(configuration, solver, OrderFit.fit(h, error, 0.95)));
                        if (f == 0 && intoZero && entry.getKey().equals(FIGURE_SCHEDULE)) {
                            figure.add(name, h, error, solver.order());
                        }
                    }
                }
            }
        }
        String rejected = rejectZero.isEmpty() ? "" : "; reject σ = 0: " + String.join(", ", rejectZero);
        return new Outcome(checks, String.format(Locale.ROOT, "%s, %d fits%s", verdicts.summary(), checks.size(),
                rejected), OrderVerdicts.criterion()).withFigure("order-random-grids", figure);
    }

    @Override
    public boolean appliesTo(Solver solver) {
        return SolverOrderClaim.isFixedGridFamily(solver);
    }
}
