package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.estimate.InverseVarianceTimeSampler;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.CandidateModel;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * T17, importance sampling of t lowers the variance of the denoising-score-matching estimator (Song et al. 2021b,
 * §4; Kingma et al. 2021; docs/THEORY.md T17). The objective is the unweighted DSM loss
 * {@code L(θ) = ∫_{t_min}^{T} E‖s_θ(z_t) + ε/σ_t‖² dt}, whose integrand grows like d/σ² as t → 0. One draw is
 * {@code ‖s_θ(z_t) + ε/σ_t‖² / q(t)} with t ~ q: uniform on [t_min, T], or {@link InverseVarianceTimeSampler}'s
 * {@code π ∝ 1/σ²}. Both are unbiased for L (checked: the two means agree within a z-test); the claim is that the
 * importance-sampled draw has the smaller variance: the ratio {@code Var_uniform / Var_IS} must exceed 1 at its lower
 * confidence limit (log-ratio delta method with the empirical fourth moments). t_min = 10⁻³ T, T (0.999 T where
 * α(T) = 0), the "perturbed" candidate model (the first non-exact one), 10,000 draws per scheme ({@code --thorough}:
 * 100,000), three problems × three schedules; z-tests at level 10⁻³/m (Bonferroni over the claim's m tests).
 */
final class ImportanceSamplingClaim extends BaseClaim {

    private static final double FALSE_ALARM = 1e-3;

    ImportanceSamplingClaim() {
        super("T17", "Sampling t ∝ 1/σ²(t) lowers the variance of the DSM loss estimator (variance ratio > 1)",
                "Song et al. 2021b, §4; Kingma et al. 2021; docs/THEORY.md T17");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int n = context.samples(10_000, 100_000);
        int tests = 2 * context.problems().size() * context.schedules().size();
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(FALSE_ALARM / (2 * tests));
        CandidateModel candidate = context.candidates().stream().filter(c -> !c.name().equals("exact")).findFirst()
                .orElse(context.candidates().get(0));
        double smallestRatio = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                NoiseSchedule schedule = entry.getValue();
                GroundTruth truth = context.groundTruth(problem.getValue(), schedule);
                ScoreModel model = candidate.factory().apply(truth);
                double tMin = 1e-3 * schedule.tMax();
                double tMax = schedule.reverseStart();
                InverseVarianceTimeSampler importance = new InverseVarianceTimeSampler(schedule, tMin, tMax);
                double[] uniform = draws(problem.getValue(), model, schedule, tMin, tMax, null, n,
                        context.seed() + 170);
                double[] weighted = draws(problem.getValue(), model, schedule, tMin, tMax, importance, n,
                        context.seed() + 171);
                Moments a = Moments.of(uniform);
                Moments b = Moments.of(weighted);
                String configuration = candidate.name() + " / " + problem.getKey() + " / " + entry.getKey();
                double meanZ = (a.mean - b.mean) / Math.sqrt(a.variance / n + b.variance / n);
                checks.add(Check.of(configuration + ": both estimators unbiased", meanZ, String.format(Locale.ROOT,
                        "L = %.4g vs %.4g, |z| ≤ %.2f", a.mean, b.mean, z), Math.abs(meanZ) <= z));
                double logRatio = Math.log(a.variance / b.variance);
                double se = Math.sqrt(a.varianceOfVariance / (n * a.variance * a.variance)
                        + b.varianceOfVariance / (n * b.variance * b.variance));
                double lower = Math.exp(logRatio - z * se);
                smallestRatio = Math.min(smallestRatio, Math.exp(logRatio));
                checks.add(Check.of(configuration + ": Var_uniform / Var_IS", Math.exp(logRatio),
                        String.format(Locale.ROOT, "lower limit %.3g > 1", lower), lower > 1));
            }
        }
        return new Outcome(checks, String.format(Locale.ROOT, "smallest variance ratio %.3g (%d checks)",
                smallestRatio, checks.size()), "lower limit > 1 (false alarm ≤ 1e-3)");
    }

    /** n draws of ‖s_θ(z_t) + ε/σ_t‖²/q(t), t uniform (importance = null) or from the importance sampler. */
    private static double[] draws(GaussianMixture data, ScoreModel model, NoiseSchedule schedule, double tMin,
                                  double tMax, InverseVarianceTimeSampler importance, int n, long seed) {
        int d = data.dimension();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x0 = new double[n * d];
        data.sample(rng, n, x0, null);
        double[] z = new double[d];
        double[] eps = new double[d];
        double[] s = new double[d];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double t = importance == null ? tMin + u * (tMax - tMin) : importance.sample(u);
            double density = importance == null ? 1 / (tMax - tMin) : importance.density(t);
            double alpha = schedule.alpha(t);
            double sigma = schedule.sigma(t);
            for (int a = 0; a < d; a++) {
                eps[a] = normal.sample();
                z[a] = alpha * x0[i * d + a] + sigma * eps[a];
            }
            model.score(t, z, 0, 1, s);
            double loss = 0;
            for (int a = 0; a < d; a++) {
                double r = s[a] + eps[a] / sigma;
                loss += r * r;
            }
            out[i] = loss / density;
        }
        return out;
    }

    /** Mean, variance and the variance of the sample variance, (m₄ − s⁴), of a sample. */
    private record Moments(double mean, double variance, double varianceOfVariance) {
        static Moments of(double[] x) {
            int n = x.length;
            double mean = 0;
            for (double v : x) {
                mean += v / n;
            }
            double m2 = 0;
            double m4 = 0;
            for (double v : x) {
                double c = (v - mean) * (v - mean);
                m2 += c / n;
                m4 += c * c / n;
            }
            return new Moments(mean, m2, m4 - m2 * m2);
        }
    }
}
