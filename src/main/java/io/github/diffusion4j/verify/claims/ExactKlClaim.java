package io.github.diffusion4j.verify.claims;

import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.ExactSolverLaw;
import io.github.diffusion4j.estimate.FlowDensity;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.ExplicitRungeKutta;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * E3: the two KL routes {@code verify} reports agree in expectation — the closed-form Gaussian KL of S1 and S6
 * ({@link GaussianLaw#klDivergenceTo}, after {@link ExactSolverLaw}) and the exact-density Monte Carlo KL of S4
 * ({@link FlowDensity#klDivergence}, a mean of log p̂ − log p with a CLT interval). Each Monte Carlo estimate is
 * unbiased for the true KL, so over {@code samples(200, 1000)} replications its mean must be within its t band of
 * the closed form and its 95% intervals must cover it at the nominal rate ({@link Calibration}, false alarm 10⁻³
 * each). Two problems:
 * <ul>
 *   <li>the {@link GaussianPair}: samples and log-densities of P and Q from {@link GaussianMixture} against the
 *   closed form — a wrong trace, log-determinant or Mahalanobis term on either side shows;</li>
 *   <li>the law of Euler with {@value #STEPS} log-SNR-uniform steps on {@code gauss2} under {@code vp-linear},
 *   from the exact p_T to T/100 (KL ≈ 0.1): the Monte Carlo route integrates particles and carries each one's
 *   log-determinant in tangent mode ({@link Integrator}), the exact route propagates the Gaussian law's mean and
 *   covariance through the affine step maps.</li>
 * </ul>
 * {@value #SAMPLES} samples per replication.
 */
final class ExactKlClaim extends BaseClaim {

    static final int SAMPLES = 500;
    static final int STEPS = 8;
    private static final double CONFIDENCE = 0.95;
    private static final String SCHEDULE = "vp-linear";

    ExactKlClaim() {
        super("E3", "The closed-form Gaussian KL and the exact-density Monte Carlo KL agree, and the Monte Carlo "
                + "intervals cover at the nominal rate", "docs/THEORY.md §4 (E3), §6; Bishop 2006 (Gaussian KL)");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        int replications = context.samples(200, 1000);
        long seed = context.seed() ^ 0xE3L;
        Calibration direct = gaussianPair(replications, seed);
        Calibration flow = solverLaw(context, replications, seed + replications);
        Check directCoverage = direct.coverage(CONFIDENCE);
        Check flowCoverage = flow.coverage(CONFIDENCE);
        return new Outcome(List.of(direct.bias(), directCoverage, flow.bias(), flowCoverage), String.format(Locale.ROOT,
                "KL(P ‖ Q) = %.4f, KL(Euler %d steps ‖ p) = %.4f; coverage %.3f and %.3f of %d", direct.truth(), STEPS,
                flow.truth(), directCoverage.measured(), flowCoverage.measured(), replications),
                Calibration.criterion(true));
    }

    /** The mean of log P − log Q over samples of P (mixture route) against the closed-form KL(P ‖ Q). */
    private static Calibration gaussianPair(int replications, long seed) {
        GaussianPair pair = GaussianPair.distinct();
        Calibration direct = new Calibration("mean of log P − log Q, x ~ P / n = " + SAMPLES, pair.klDivergence(),
                replications);
        double[] logP = new double[SAMPLES];
        double[] logQ = new double[SAMPLES];
        double[] difference = new double[SAMPLES];
        for (int r = 0; r < replications; r++) {
            double[] x = GaussianPair.sample(pair.p(), SAMPLES, seed + r);
            GaussianPair.logDensity(pair.p(), x, SAMPLES, logP);
            GaussianPair.logDensity(pair.q(), x, SAMPLES, logQ);
            for (int i = 0; i < SAMPLES; i++) {
                difference[i] = logP[i] - logQ[i];
            }
            direct.add(Estimate.ofMean(difference, CONFIDENCE));
        }
        return direct;
    }

    /** The exact-density Monte Carlo KL of Euler's output against the KL of its exactly propagated Gaussian law. */
    private static Calibration solverLaw(VerificationContext context, int replications, long seed) {
        GaussianMixture data = context.gaussianProblem();
        NoiseSchedule schedule = context.allSchedules().get(SCHEDULE);
        GroundTruth truth = context.groundTruth(data, schedule);
        double start = schedule.reverseStart();
        double end = 1e-2 * schedule.tMax();
        TimeGrid grid = TimeGrid.uniformLogSnr(schedule, start, end, STEPS);
        Solver euler = ExplicitRungeKutta.EULER;
        GaussianLaw law = ExactSolverLaw.propagate(euler, truth.scoreModel(), schedule, grid,
                SolverOrderClaim.marginalLaw(data, schedule, start));
        double kl = law.klDivergenceTo(SolverOrderClaim.marginalLaw(data, schedule, end));
        Calibration flow = new Calibration(String.format(Locale.ROOT, "exact-density KL / euler %d steps / %s",
                STEPS, SCHEDULE), kl, replications);
        double[] startLog = new double[SAMPLES];
        for (int r = 0; r < replications; r++) {
            double[] z = truth.sample(start, SAMPLES, seed + r);
            truth.logDensity(start, z, SAMPLES, startLog);
            FlowDensity.Samples pushed = FlowDensity.push(Integrator.of(euler, truth.scoreModel(), schedule), grid, z,
                    startLog, SAMPLES);
            flow.add(FlowDensity.klDivergence(pushed, (x, n, out) -> truth.logDensity(end, x, n, out), CONFIDENCE));
        }
        return flow;
    }
}
