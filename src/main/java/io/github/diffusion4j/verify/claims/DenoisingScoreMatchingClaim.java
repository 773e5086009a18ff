package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T2, denoising score matching equals explicit score matching up to a constant (Vincent 2011, eq. 11; docs/THEORY.md T2):
 * for any model s_θ,
 * <pre>
 *   E‖s_θ(z) − ∇log q(z|x₀)‖² − E‖s_θ(z) − ∇log p_t(z)‖² = C(t) = d/σ² − E‖∇log p_t‖²,   ∇log q(z|x₀) = −ε/σ.
 * </pre>
 * Per draw (x₀, ε) the difference minus its C-part {@code ‖ε‖²/σ² − ‖s(z)‖²} is {@code 2 s_θ(z)·(ε/σ + s(z))}, whose
 * mean is 0 exactly because {@code E[ε | z] = −σ s(z)}; with common random numbers across candidates that is the
 * same as "the DSM − ESM gap is one constant for every θ". Second, the DSM minimiser is the exact score:
 * {@code DSM(θ) − DSM(exact) − ESM(θ) = 2(s_θ − s)·(s + ε/σ)} has mean 0 while ESM(θ) > 0 for every candidate that
 * is not the exact score (lower 1 − 10⁻³/m limit above 0). Each candidate of the context (exact, perturbed, the
 * moment-matched Gaussian's score, and any added ones), three problems × three schedules × t at 10, 30, 60 and 90% of
 * the domain, 2,000 draws ({@code --thorough}: 20,000); Student-t tests at Bonferroni level, claim false alarm ≤ 10⁻³.
 */
final class DenoisingScoreMatchingClaim extends BaseClaim {

    private static final double FALSE_ALARM = 1e-3;
    private static final double[] FRACTIONS = {0.1, 0.3, 0.6, 0.9};

    DenoisingScoreMatchingClaim() {
        super("T2", "E‖s_θ + ε/σ‖² − E‖s_θ − ∇log p_t‖² = d/σ² − E‖∇log p_t‖² for every s_θ; the exact score minimises",
                "Vincent 2011, eq. 11; Song & Ermon 2019; docs/THEORY.md T2");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        List<Check> constants = new ArrayList<>();
        int n = context.samples(2000, 20_000);
        double critical = MeanZero.critical(n, CandidateSweep.tests(context, FRACTIONS) * 2, FALSE_ALARM);
        CandidateSweep.run(context, FRACTIONS, setting -> {
            double t = setting.t();
            ForwardSamples draws = ForwardSamples.draw(setting.mixture(), setting.schedule(), t, n, context.seed() + 2);
            int d = draws.d();
            double sigma = draws.sigma();
            double[] exact = new double[n * d];
            setting.truth().score(t, draws.z(), n, exact);
            return (model, label) -> {
                double[] s = new double[n * d];
                model.score(t, draws.z(), 0, n, s);
                double[] gap = new double[n];
                double[] minimiser = new double[n];
                double[] explicit = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < d; a++) {
                        int ia = i * d + a;
                        double residual = draws.eps()[ia] / sigma + exact[ia];
                        gap[i] += 2 * s[ia] * residual;
                        minimiser[i] += 2 * (s[ia] - exact[ia]) * residual;
                        explicit[i] += (s[ia] - exact[ia]) * (s[ia] - exact[ia]);
                    }
                }
                Check constant = MeanZero.test(label + ": DSM − ESM = C(t)", gap, critical);
                constants.add(constant);
                checks.add(constant);
                checks.add(minimiserCheck(label, minimiser, explicit, critical));
            };
        });
        return new Outcome(checks, String.format(Locale.ROOT, "max |t| of DSM − ESM − C(t): %.2f (%d checks)",
                MeanZero.largest(constants), checks.size()),
                String.format(Locale.ROOT, "|t| ≤ %.2f (false alarm ≤ 1e-3)", critical));
    }

    /** DSM(θ) − DSM(exact) = ESM(θ) in mean, and ESM(θ) is significantly positive unless s_θ is the exact score. */
    private static Check minimiserCheck(String configuration, double[] minimiser, double[] explicit,
                                        double critical) {
        double t = MeanZero.statistic(minimiser);
        int n = explicit.length;
        double mean = 0;
        double max = 0;
        for (double v : explicit) {
            mean += v / n;
            max = Math.max(max, v);
        }
        double variance = 0;
        for (double v : explicit) {
            variance += (v - mean) * (v - mean) / (n - 1);
        }
        double lower = mean - critical * Math.sqrt(variance / n);
        boolean exact = max <= 1e-20;
        boolean passed = Math.abs(t) <= critical && (exact || lower > 0);
        return Check.of(configuration + ": DSM(θ) − DSM(exact) = ESM(θ) " + (exact ? "= 0" : "> 0"), t,
                String.format(Locale.ROOT, "|t| ≤ %.2f; ESM lower limit %.3g %s", critical, lower,
                        exact ? "(exact score)" : "> 0"), passed);
    }
}
