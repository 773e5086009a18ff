package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.score.DifferentiableScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T3, implicit score matching (Hyvärinen 2005, Theorem 1; docs/THEORY.md T3): for any differentiable s_θ,
 * <pre>
 *   ½ E‖s_θ − ∇log p‖² = E[½‖s_θ‖² + ∇·s_θ] + ½ E‖∇log p‖².
 * </pre>
 * Per sample of p_t the difference of the two sides is {@code −s_θ·∇log p − ∇·s_θ}, whose mean is 0 by integration
 * by parts ({@code E[s_θ·∇log p] = ∫ s_θ·∇p = −E[∇·s_θ]}, p decaying like a Gaussian). ∇·s_θ is the model's own
 * divergence when it is a {@link DifferentiableScoreModel}, otherwise a central difference with step
 * h = 10⁻⁴(1 + |z_a|) (truncation O(h²) ~ 10⁻⁸, rounding ~10⁻¹² — both far below the Monte Carlo error). Every
 * candidate × three problems × three schedules × t at 10, 30, 60 and 90% of the domain, 2,000 exact samples of p_t
 * ({@code --thorough}: 20,000); Student-t tests at Bonferroni level, claim false alarm ≤ 10⁻³.
 */
final class ImplicitScoreMatchingClaim extends BaseClaim {

    private static final double FALSE_ALARM = 1e-3;
    private static final double[] FRACTIONS = {0.1, 0.3, 0.6, 0.9};

    ImplicitScoreMatchingClaim() {
        super("T3", "½E‖s_θ − ∇log p‖² = E[½‖s_θ‖² + ∇·s_θ] + ½E‖∇log p‖² for every differentiable s_θ",
                "Hyvärinen 2005, Theorem 1; docs/THEORY.md T3");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int n = context.samples(2000, 20_000);
        double critical = MeanZero.critical(n, CandidateSweep.tests(context, FRACTIONS), FALSE_ALARM);
        CandidateSweep.run(context, FRACTIONS, setting -> {
            double t = setting.t();
            int d = setting.mixture().dimension();
            double[] z = setting.truth().sample(t, n, context.seed() + 3);
            double[] exact = new double[n * d];
            setting.truth().score(t, z, n, exact);
            return (model, label) -> {
                double[] s = new double[n * d];
                model.score(t, z, 0, n, s);
                double[] divergence = divergence(model, t, z, n);
                double[] difference = new double[n];
                for (int i = 0; i < n; i++) {
                    double dot = 0;
                    for (int a = 0; a < d; a++) {
                        dot += s[i * d + a] * exact[i * d + a];
                    }
                    difference[i] = -dot - divergence[i];
                }
                checks.add(MeanZero.test(label, difference, critical));
            };
        });
        return new Outcome(checks, String.format(Locale.ROOT, "max |t| %.2f (%d checks)", MeanZero.largest(checks),
                checks.size()), String.format(Locale.ROOT, "|t| ≤ %.2f (false alarm ≤ 1e-3)", critical));
    }

    /** ∇·s_θ at each point: the model's own where it has one, else central differences. */
    static double[] divergence(ScoreModel model, double t, double[] z, int n) {
        double[] out = new double[n];
        if (model instanceof DifferentiableScoreModel differentiable) {
            differentiable.divergence(t, z, 0, n, out);
            return out;
        }
        int d = model.dimension();
        double[] shifted = z.clone();
        double[] plus = new double[n * d];
        double[] minus = new double[n * d];
        for (int a = 0; a < d; a++) {
            double[] step = new double[n];
            for (int i = 0; i < n; i++) {
                step[i] = 1e-4 * (1 + Math.abs(z[i * d + a]));
                shifted[i * d + a] = z[i * d + a] + step[i];
            }
            model.score(t, shifted, 0, n, plus);
            for (int i = 0; i < n; i++) {
                shifted[i * d + a] = z[i * d + a] - step[i];
            }
            model.score(t, shifted, 0, n, minus);
            for (int i = 0; i < n; i++) {
                shifted[i * d + a] = z[i * d + a];
                out[i] += (plus[i * d + a] - minus[i * d + a]) / (2 * step[i]);
            }
        }
        return out;
    }
}
