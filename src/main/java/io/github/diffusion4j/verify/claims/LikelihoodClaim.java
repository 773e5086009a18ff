package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.estimate.FlowLikelihood;
import io.github.diffusion4j.estimate.Hutchinson;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * T9, the continuous-normalising-flow likelihood (Chen et al. 2018; Song et al. 2021, §4.3, eq. 39): integrating the
 * probability-flow ODE with the exact divergence of the exact score from t₀ = 10⁻² T up to T (0.999 T where α(T) = 0)
 * and adding the exact log p_T gives the closed-form log p_{t₀}. Classical RK4 on 256 log-SNR-uniform steps has a
 * global error ~10⁻⁸ here (order 4: halving the steps divides the error by ≈ 16 — reported), so the tolerance is
 * 10⁻⁵ absolute per point, far above the integration error and far below any modelling error (a wrong factor in the
 * drift changes log p by O(1)). 40 exact samples of p_{t₀} per problem and main schedule.
 *
 * <p>Hutchinson (1990): {@code vᵀ A v} estimates tr A without bias, with variance {@code 2‖offdiag A‖_F²} for
 * Rademacher probes and {@code 2‖A‖_F²} for Gaussian ones (A symmetric). Checked on the exact score Hessian at exact
 * samples of p_t (d ≥ 2 problems; in d = 1 the Rademacher estimate is exact, which is checked too): the probe mean
 * against the trace and the probe variance against the formula, each a z-test with the empirical standard error
 * (for the variance, that of the squared deviations), and unbiasedness of the whole Hutchinson likelihood
 * ({@link FlowLikelihood} with one Rademacher probe per point, probes fixed along each trajectory) against the exact
 * one (a Student-t test over the 40 points). Level 10⁻³/m per test for the m tests (Bonferroni): false alarm
 * ≤ 10⁻³ for the claim.
 */
final class LikelihoodClaim extends BaseClaim {

    static final double TOLERANCE = 1e-5;
    private static final int STEPS = 256;
    private static final int POINTS = 40;
    private static final double FALSE_ALARM = 1e-3;

    LikelihoodClaim() {
        super("T9", "The PF-ODE likelihood with the exact divergence equals log p₀; Hutchinson is unbiased with "
                + "variance 2‖offdiag ∇s‖²", "Chen et al. 2018; Song et al. 2021, §4.3; Hutchinson 1990; docs/THEORY.md T9");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int probes = context.samples(4000, 40_000);
        int zTests = context.problems().size() * context.schedules().size() * 5;
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(FALSE_ALARM / (2 * zTests));
        double studentT = MeanZero.critical(POINTS, zTests, FALSE_ALARM);
        double worstError = 0;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                NoiseSchedule schedule = entry.getValue();
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule);
                String configuration = problem.getKey() + " / " + entry.getKey();
                double start = schedule.reverseStart();
                double end = 1e-2 * schedule.tMax();
                double[] x = truth.sample(end, POINTS, context.seed() + 9);
                double[] closedForm = new double[POINTS];
                truth.logDensity(end, x, POINTS, closedForm);
                double[] fine = likelihood(truth, FlowLikelihood.Divergence.EXACT, start, end, STEPS, x, 0);
                double[] coarse = likelihood(truth, FlowLikelihood.Divergence.EXACT, start, end, STEPS / 2, x, 0);
                double error = maxAbsDifference(fine, closedForm);
                double coarseError = maxAbsDifference(coarse, closedForm);
                worstError = Math.max(worstError, error);
                checks.add(Check.of(configuration + ": exact-divergence likelihood", error, String.format(Locale.ROOT,
                        "≤ %.0e (RK4 error ratio %d/%d steps: %.1f)", TOLERANCE, STEPS / 2, STEPS,
                        coarseError / error), error <= TOLERANCE));
                double[] hutchinson = likelihood(truth, FlowLikelihood.Divergence.RADEMACHER, start, end, STEPS, x,
                        context.seed() + 91);
                checks.add(MeanZero.test(configuration + ": Hutchinson likelihood unbiased (t-test, 39 df)",
                        differences(hutchinson, fine), studentT));
                hessianChecks(truth, 0.5 * (start + end), probes, context.seed() + 92, configuration, z, checks);
            }
        }
        return new Outcome(checks, String.format(Locale.ROOT, "max |log p error| %.2e; %d checks", worstError,
                checks.size()), String.format(Locale.ROOT, "≤ %.0e; z-tests |z| ≤ %.2f (false alarm ≤ 1e-3)",
                TOLERANCE, z));
    }

    private static double[] likelihood(GroundTruth truth, FlowLikelihood.Divergence divergence, double start,
                                       double end, int steps, double[] x, long seed) {
        NoiseSchedule schedule = truth.schedule();
        TimeGrid grid = TimeGrid.uniformLogSnr(schedule, start, end, steps);
        double[] out = new double[POINTS];
        new FlowLikelihood(truth.scoreModel(), schedule, divergence, 1, seed).logDensity(grid, x, POINTS,
                (points, n, result) -> truth.logDensity(start, points, n, result), out);
        return out;
    }

    /** Probe mean against the trace and probe variance against Hutchinson's formula, at one sample of p_t. */
    private static void hessianChecks(GroundTruth truth, double t, int probes, long seed, String configuration,
                                      double z, List<Check> checks) {
        int d = truth.mixture().dimension();
        double[] point = truth.sample(t, 1, seed);
        double[] hessian = new double[d * d];
        truth.hessian(t, point, 1, hessian);
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += hessian[a * d + a];
        }
        for (Hutchinson.Probe kind : Hutchinson.Probe.values()) {
            double[] q = new double[probes];
            double[] v = new double[d];
            CounterNoise noise = new CounterNoise(seed + kind.ordinal());
            for (int m = 0; m < probes; m++) {
                noise.normals(m, 0, 0, v);
                Hutchinson.toProbe(v, d, kind);
                q[m] = Hutchinson.quadraticForm(hessian, 0, d, v);
            }
            double variance = Hutchinson.variance(hessian, 0, d, kind);
            String name = configuration + ": " + kind.name().toLowerCase(Locale.ROOT) + " probes";
            if (variance == 0) {
                double worst = 0;
                for (double value : q) {
                    worst = Math.max(worst, Math.abs(value - trace));
                }
                checks.add(Check.of(name + ": zero variance, vᵀAv = tr A", worst, "≤ 1e-12 max(1, |tr A|)",
                        worst <= 1e-12 * Math.max(1, Math.abs(trace))));
                continue;
            }
            double[] centred = new double[probes];
            double[] squared = new double[probes];
            double mean = 0;
            for (double value : q) {
                mean += value / probes;
            }
            for (int m = 0; m < probes; m++) {
                centred[m] = q[m] - trace;
                squared[m] = (q[m] - mean) * (q[m] - mean) - variance;
            }
            checks.add(MeanZero.test(name + ": mean = tr A", centred, z));
            checks.add(MeanZero.test(name + ": variance = Hutchinson's formula", squared, z));
        }
    }

    private static double[] differences(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
