package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.FlowDensity;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.plot.DensityCurves;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * T15, guidance (Ho and Salimans 2022; Dhariwal and Nichol 2021; Chidambaram et al. 2024; docs/THEORY.md T15).
 *
 * <p>(a) The identity ★: with the exact classifier {@code p_t(y|z) = r_y(z)} and {@code s(z|y) = ∇log p_t(z|y)},
 * Bayes gives {@code ∇log p_t(y|z) = s(z|y) − s(z)}, so classifier-free guidance {@code (1+γ) s(z|y) − γ s(z)} is
 * classifier guidance of the unconditional score with weight 1 + γ, {@code s(z) + (1+γ) ∇log p_t(y|z)}. Checked with
 * ∇log r_y by central differences of the ground truth's log-responsibilities (an independent route: step
 * h = 10⁻⁴(1 + |z_a|), truncation O(h²) ~ 10⁻⁸ relative to the curvature scale, rounding ~10⁻¹²/h = 10⁻⁸), tolerance
 * 10⁻⁵ relative; every problem × schedule × class, t at 10, 50 and 90% of the domain, γ ∈ {0.5, 2, 5}, 50 samples.
 *
 * <p>(b) The gap, measured: guided sampling does not sample the tilted law {@code p(x|y) p(y|x)^γ / Z}. On the 1-D
 * problem under VP-linear, class y = 0, exact samples of p_T(·|y) are pushed by the guided probability-flow ODE
 * (Heun, 200 log-SNR steps, to 10⁻³) carrying their exact log-density ({@link FlowDensity}), and KL(guided ‖ tilted)
 * is a Monte Carlo mean with the tilted law's normaliser Z by Gauss–Legendre quadrature (relative accuracy 10⁻¹⁰).
 * γ = 0 is the control — the conditional flow samples p(x|y) exactly, so its 99.9% interval must contain 0 — and for
 * γ ∈ {1, 3} the gap must be significant: lower 99.9% limit &gt; 0. 20,000 samples ({@code --thorough}: 200,000).
 */
final class GuidanceClaim extends BaseClaim {

    static final double TOLERANCE = 1e-5;
    private static final double[] GAMMAS = {0.5, 2, 5};
    private static final double[] GAP_GAMMAS = {0, 1, 3};
    private static final int SAMPLES = 50;
    private static final int LABEL = 0;

    GuidanceClaim() {
        super("T15", "CFG (1+γ)s(z|y) − γs(z) = s(z) + (1+γ)∇log p_t(y|z); guided sampling misses the tilted law",
                "Ho & Salimans 2022; Dhariwal & Nichol 2021; Chidambaram et al. 2024; docs/THEORY.md T15");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                GroundTruth truth = context.groundTruth(problem.getValue(), entry.getValue());
                double residual = 0;
                for (double t : Times.fractions(entry.getValue(), 0.1, 0.5, 0.9)) {
                    for (int y = 0; y < problem.getValue().components(); y++) {
                        residual = Math.max(residual, identityResidual(truth, t, y, context.seed() + 15));
                    }
                }
                worst = Math.max(worst, residual);
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey() + ": CFG = classifier guidance",
                        residual, TOLERANCE));
            }
        }
        Outcome gap = gap(context, checks);
        return new Outcome(checks, String.format(Locale.ROOT, "identity residual %.2e; %s", worst, gap.measured()),
                String.format(Locale.ROOT, "≤ %.0e; gap lower 99.9%% limit > 0 for γ > 0", TOLERANCE), gap.figures());
    }

    /** The largest relative residual of ∇log r_y = s(z|y) − s(z) and of the two guidance forms at SAMPLES points. */
    private static double identityResidual(GroundTruth truth, double t, int y, long seed) {
        int d = truth.mixture().dimension();
        int k = truth.mixture().components();
        int n = SAMPLES;
        double[] z = truth.sample(t, n, seed);
        double[] score = new double[n * d];
        double[] conditional = new double[n * d];
        truth.score(t, z, n, score);
        truth.componentScore(y, t, z, n, conditional);
        double[] gradient = new double[n * d];
        double[] shifted = z.clone();
        double[] plus = new double[n * k];
        double[] minus = new double[n * k];
        for (int a = 0; a < d; a++) {
            double[] step = new double[n];
            for (int i = 0; i < n; i++) {
                step[i] = 1e-4 * (1 + Math.abs(z[i * d + a]));
                shifted[i * d + a] = z[i * d + a] + step[i];
            }
            truth.responsibilities(t, shifted, n, plus);
            for (int i = 0; i < n; i++) {
                shifted[i * d + a] = z[i * d + a] - step[i];
            }
            truth.responsibilities(t, shifted, n, minus);
            for (int i = 0; i < n; i++) {
                shifted[i * d + a] = z[i * d + a];
                gradient[i * d + a] = (Math.log(plus[i * k + y]) - Math.log(minus[i * k + y])) / (2 * step[i]);
            }
        }
        double worst = 0;
        for (int i = 0; i < n * d; i++) {
            double scale = Math.abs(conditional[i]) + Math.abs(score[i]) + 1;
            worst = Math.max(worst, Math.abs(conditional[i] - score[i] - gradient[i]) / scale);
            for (double gamma : GAMMAS) {
                double classifierFree = (1 + gamma) * conditional[i] - gamma * score[i];
                double classifier = score[i] + (1 + gamma) * gradient[i];
                worst = Math.max(worst, Math.abs(classifierFree - classifier) / ((1 + gamma) * scale));
            }
        }
        return worst;
    }

    /** Part (b): adds one check per γ to the list; returns the summary and the figure. */
    private static Outcome gap(VerificationContext context, List<Check> checks) {
        GaussianMixture data = context.problems().values().stream().filter(m -> m.dimension() == 1).findFirst()
                .orElse(null);
        NoiseSchedule schedule = context.allSchedules().get("vp-linear");
        if (data == null || schedule == null) {
            checks.add(Check.of("tilted-law gap", Double.NaN, "needs a 1-D problem and vp-linear", false));
            return new Outcome(List.of(), "no gap measured", "");
        }
        GroundTruth truth = context.groundTruth(data, schedule);
        int n = context.samples(20_000, 200_000);
        double start = schedule.tMax();
        double end = 1e-3 * schedule.tMax();
        double mean = data.mean(LABEL)[0];
        double variance = data.covariance(LABEL, 0, 0);
        double alphaT = schedule.alpha(start);
        double sigmaT = schedule.sigma(start);
        double startMean = alphaT * mean;
        double startSd = Math.sqrt(alphaT * alphaT * variance + sigmaT * sigmaT);
        double[] z = new double[n];
        double[] startLog = new double[n];
        double[] normals = new io.github.diffusion4j.solve.CounterNoise(context.seed() + 150).normals(n, 1);
        for (int i = 0; i < n; i++) {
            z[i] = startMean + startSd * normals[i];
            startLog[i] = -0.5 * normals[i] * normals[i] - Math.log(startSd * Math.sqrt(2 * Math.PI));
        }
        StringBuilder summary = new StringBuilder("KL(guided ‖ tilted):");
        DensityCurves figure = new DensityCurves("T15: guided sampler vs tilted law, class 0",
                "x at t = " + end);
        for (double gamma : GAP_GAMMAS) {
            GuidedScoreModel model = new GuidedScoreModel(truth, LABEL, gamma);
            FlowDensity.Samples samples = FlowDensity.push(Integrator.of(context.solver("heun"), model, schedule),
                    TimeGrid.uniformLogSnr(schedule, start, end, 200), z, startLog, n);
            double logNormaliser = Math.log(normaliser(truth, end, gamma, mean, variance));
            Estimate kl = FlowDensity.klDivergence(samples, (x, m, out) -> tiltedLogDensity(truth, end, gamma, x, m,
                    logNormaliser, out), 0.999);
            summary.append(String.format(Locale.ROOT, " γ=%.0f: %.4f", gamma, kl.value()));
            if (gamma == 0) {
                checks.add(Check.of("bimodal / vp-linear / γ = 0: conditional flow samples p(x|y)", kl.value(),
                        String.format(Locale.ROOT, "99.9%% CI [%.2e, %.2e] ∋ 0", kl.lower(), kl.upper()),
                        kl.contains(0)));
            } else {
                checks.add(Check.of(String.format(Locale.ROOT, "bimodal / vp-linear / γ = %.0f: gap to the tilted law",
                        gamma), kl.value(), String.format(Locale.ROOT, "99.9%% lower limit %.2e > 0", kl.lower()),
                        kl.lower() > 0));
            }
            if (gamma == GAP_GAMMAS[GAP_GAMMAS.length - 1]) {
                addCurves(figure, truth, end, gamma, logNormaliser, samples);
            }
        }
        return new Outcome(List.of(), summary.toString(), "").withFigure("guidance-gap", figure);
    }

    /** log p_t(x|y) + γ log r_y(x) − log Z. */
    private static void tiltedLogDensity(GroundTruth truth, double t, double gamma, double[] x, int n,
                                         double logNormaliser, double[] out) {
        int k = truth.mixture().components();
        double[] responsibilities = new double[n * k];
        truth.responsibilities(t, x, n, responsibilities);
        double alpha = truth.schedule().alpha(t);
        double sigma = truth.schedule().sigma(t);
        double mean = alpha * truth.mixture().mean(LABEL)[0];
        double variance = alpha * alpha * truth.mixture().covariance(LABEL, 0, 0) + sigma * sigma;
        for (int i = 0; i < n; i++) {
            double u = x[i] - mean;
            out[i] = -0.5 * u * u / variance - 0.5 * Math.log(2 * Math.PI * variance)
                    + gamma * Math.log(responsibilities[i * k + LABEL]) - logNormaliser;
        }
    }

    /** Z = ∫ p_t(x|y) r_y(x)^γ dx by Gauss–Legendre quadrature over ±12 standard deviations of p_t(x|y). */
    private static double normaliser(GroundTruth truth, double t, double gamma, double mean, double variance) {
        double alpha = truth.schedule().alpha(t);
        double sigma = truth.schedule().sigma(t);
        double centre = alpha * mean;
        double sd = Math.sqrt(alpha * alpha * variance + sigma * sigma);
        double[] point = new double[1];
        double[] log = new double[1];
        return new IterativeLegendreGaussIntegrator(16, 1e-10, 1e-14).integrate(100_000, x -> {
            point[0] = x;
            tiltedLogDensity(truth, t, gamma, point, 1, 0, log);
            return Math.exp(log[0]);
        }, centre - 12 * sd, centre + 12 * sd);
    }

    private static void addCurves(DensityCurves figure, GroundTruth truth, double t, double gamma,
                                  double logNormaliser, FlowDensity.Samples samples) {
        int n = samples.n();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(samples.points()[a], samples.points()[b]));
        int stride = Math.max(1, n / 400);
        int m = (n + stride - 1) / stride;
        double[] x = new double[m];
        double[] guided = new double[m];
        for (int j = 0; j < m; j++) {
            int i = order[j * stride];
            x[j] = samples.points()[i];
            guided[j] = Math.exp(samples.logDensity()[i]);
        }
        double alpha = truth.schedule().alpha(t);
        double sigma = truth.schedule().sigma(t);
        double centre = alpha * truth.mixture().mean(LABEL)[0];
        double sd = Math.sqrt(alpha * alpha * truth.mixture().covariance(LABEL, 0, 0) + sigma * sigma);
        double low = Math.min(x[0], centre - 4 * sd);
        double high = Math.max(x[m - 1], centre + 4 * sd);
        int points = 400;
        double[] grid = new double[points];
        for (int j = 0; j < points; j++) {
            grid[j] = low + (high - low) * j / (points - 1);
        }
        double[] tilted = new double[points];
        tiltedLogDensity(truth, t, gamma, grid, points, logNormaliser, tilted);
        for (int j = 0; j < points; j++) {
            tilted[j] = Math.exp(tilted[j]);
        }
        figure.add(String.format(Locale.ROOT, "guided sampler, γ = %.0f (exact density)", gamma), x, guided);
        figure.add(String.format(Locale.ROOT, "tilted law p(x|y) p(y|x)^%.0f / Z", gamma), grid, tilted);
    }
}
