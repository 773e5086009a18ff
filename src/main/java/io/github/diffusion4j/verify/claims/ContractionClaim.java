package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * T13, exponential contraction of the forward process to its stationary law (Bakry, Gentil and Ledoux 2014, §5.7:
 * the Gaussian log-Sobolev inequality): for the OU process {@code dx = −x dt + √2 dB} ({@code ou}, α = e^{−t}),
 * <pre>
 *   KL(p_t ‖ N(0, I)) ≤ e^{−2t} KL(p₀ ‖ N(0, I)),
 * </pre>
 * and with rate {@code e^{−t}} for {@code dx = −x/2 dt + dB} ({@code ddpm-limit}, α = e^{−t/2}). For single-Gaussian
 * data both sides are closed forms (checked to 10⁻¹² relative, rounding of the Gaussian KL). For the mixtures,
 * {@code KL(p_t ‖ N) = E_{p_t}[log p_t − log N]} by Monte Carlo over exact samples with the exact log-density, and the
 * two sides are coupled (the same x₀ and ε at every t: z_t = α x₀ + σ ε), so the claim is the one-sided test that the
 * mean of {@code [log p_t − log N](z_t) − r(t) [log p₀ − log N](x₀)} is not significantly positive: its lower
 * 1 − 10⁻³/m confidence limit (m = all mixture checks, Bonferroni) must be ≤ 0 — a false-alarm rate ≤ 10⁻³ for the
 * claim. Times t = 0.05 … 1.5 (OU) and twice those (rate e^{−t}), 4,000 samples ({@code --thorough}: 40,000).
 */
final class ContractionClaim extends BaseClaim {

    private static final double[] OU_TIMES = {0.05, 0.1, 0.25, 0.5, 1.0, 1.5};
    private static final double FALSE_ALARM = 1e-3;
    private static final double GAUSSIAN_TOLERANCE = 1e-12;

    ContractionClaim() {
        super("T13", "KL(p_t ‖ N(0,I)) ≤ e^{−2t} KL(p₀ ‖ N(0,I)) for OU (e^{−t} for dx = −x/2 dt + dB)",
                "Bakry, Gentil & Ledoux 2014, §5.7; docs/THEORY.md T13");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("ou", 2.0);
        rates.put("ddpm-limit", 1.0);
        int n = context.samples(4000, 40_000);
        int mixtureChecks = context.problems().size() * rates.size() * OU_TIMES.length;
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(FALSE_ALARM / mixtureChecks);
        double worstRatio = 0;
        for (Map.Entry<String, Double> rate : rates.entrySet()) {
            NoiseSchedule schedule = context.allSchedules().get(rate.getKey());
            if (schedule == null) {
                continue;
            }
            double timeScale = 2.0 / rate.getValue();
            GaussianMixture gauss = context.gaussianProblem();
            GaussianLaw standard = standardNormal(gauss.dimension());
            double kl0 = SolverOrderClaim.marginalLaw(gauss, schedule, 0).klDivergenceTo(standard);
            for (double time : OU_TIMES) {
                double t = time * timeScale;
                double bound = Math.exp(-rate.getValue() * t) * kl0;
                double kl = SolverOrderClaim.marginalLaw(gauss, schedule, t).klDivergenceTo(standard);
                worstRatio = Math.max(worstRatio, kl / bound);
                checks.add(Check.of(String.format(Locale.ROOT, "gaussian / %s / t = %.3g (closed form)", rate.getKey(),
                        t), kl / bound, "KL_t / (e^{−rt} KL₀) ≤ 1 + 1e-12", kl <= bound * (1 + GAUSSIAN_TOLERANCE)));
            }
            for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule);
                double[] excess0 = logRatioToStandard(truth, 0, n, context.seed() + 13);
                for (double time : OU_TIMES) {
                    double t = time * timeScale;
                    double[] excessT = logRatioToStandard(truth, t, n, context.seed() + 13);
                    double contraction = Math.exp(-rate.getValue() * t);
                    double[] difference = new double[n];
                    double klT = 0;
                    double klStart = 0;
                    for (int i = 0; i < n; i++) {
                        difference[i] = excessT[i] - contraction * excess0[i];
                        klT += excessT[i] / n;
                        klStart += excess0[i] / n;
                    }
                    Estimate gap = Estimate.ofMean(difference, 0.95);
                    double lower = gap.value() - z * gap.standardError();
                    worstRatio = Math.max(worstRatio, klT / (contraction * klStart));
                    checks.add(Check.of(String.format(Locale.ROOT, "%s / %s / t = %.3g", problem.getKey(),
                            rate.getKey(), t), klT / (contraction * klStart), String.format(Locale.ROOT,
                            "KL_t − e^{−rt} KL₀ = %.3g, lower limit %.3g ≤ 0", gap.value(), lower), lower <= 0));
                }
            }
        }
        return new Outcome(checks, String.format(Locale.ROOT, "max KL_t / (e^{−rt} KL₀) = %.3f (%d checks)",
                worstRatio, checks.size()), "≤ 1 (mixtures: one-sided, false alarm ≤ 1e-3)");
    }

    /** log p_t(z) − log N(z; 0, I) at n exact samples of p_t (the same x₀ and ε for every t with this seed). */
    private static double[] logRatioToStandard(GroundTruth truth, double t, int n, long seed) {
        int d = truth.mixture().dimension();
        double[] z = truth.sample(t, n, seed);
        double[] logP = new double[n];
        truth.logDensity(t, z, n, logP);
        for (int i = 0; i < n; i++) {
            double squared = 0;
            for (int a = 0; a < d; a++) {
                squared += z[i * d + a] * z[i * d + a];
            }
            logP[i] -= -0.5 * squared - 0.5 * d * Math.log(2 * Math.PI);
        }
        return logP;
    }

    private static GaussianLaw standardNormal(int d) {
        double[] identity = new double[d * d];
        for (int a = 0; a < d; a++) {
            identity[a * d + a] = 1;
        }
        return new GaussianLaw(new double[d], identity);
    }
}
