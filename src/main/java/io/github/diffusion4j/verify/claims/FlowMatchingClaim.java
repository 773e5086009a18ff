package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T4, conditional flow matching equals flow matching up to a constant (Lipman et al. 2023, Theorem 2; docs/THEORY.md T4):
 * for any velocity model u_θ,
 * <pre>
 *   E‖u_θ(z) − (α̇ x₀ + σ̇ ε)‖² − E‖u_θ(z) − u_t(z)‖² = C'(t),   independent of θ,
 * </pre>
 * with u_t the marginal (probability-flow) velocity of the ground truth. Per draw the difference minus its θ-free
 * part {@code ‖u_c‖² − ‖u_t‖²} is {@code −2 u_θ·(u_c − u_t)}, of mean 0 because {@code E[u_c | z] = u_t(z)}; so the
 * gap is one constant for all θ. The candidate velocities are those of the candidate scores,
 * {@code u_θ = f z − ½ g² s_θ}. Every candidate × three problems ×
 * three schedules × t at 10, 30, 60 and 90% of the domain, 2,000 draws ({@code --thorough}: 20,000);
 * Student-t tests at Bonferroni level, claim false alarm ≤ 10⁻³.
 */
final class FlowMatchingClaim extends BaseClaim {

    private static final double FALSE_ALARM = 1e-3;
    private static final double[] FRACTIONS = {0.1, 0.3, 0.6, 0.9};

    FlowMatchingClaim() {
        super("T4", "E‖u_θ − (α̇x₀ + σ̇ε)‖² − E‖u_θ − u_t‖² is the same constant C'(t) for every u_θ",
                "Lipman et al. 2023, Theorem 2; Liu et al. 2023; docs/THEORY.md T4");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        int n = context.samples(2000, 20_000);
        double critical = MeanZero.critical(n, CandidateSweep.tests(context, FRACTIONS), FALSE_ALARM);
        CandidateSweep.run(context, FRACTIONS, setting -> {
            double t = setting.t();
            NoiseSchedule schedule = setting.schedule();
            ForwardSamples draws = ForwardSamples.draw(setting.mixture(), schedule, t, n, context.seed() + 4);
            int d = draws.d();
            double[] marginal = new double[n * d];
            setting.truth().velocity(t, draws.z(), n, marginal);
            double f = schedule.drift(t);
            double g2 = schedule.diffusionSquared(t);
            double alphaDot = schedule.alphaDot(t);
            double sigmaDot = schedule.sigmaDot(t);
            return (model, label) -> {
                double[] s = new double[n * d];
                model.score(t, draws.z(), 0, n, s);
                double[] difference = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < d; a++) {
                        int ia = i * d + a;
                        double velocity = f * draws.z()[ia] - 0.5 * g2 * s[ia];
                        double conditional = alphaDot * draws.x0()[ia] + sigmaDot * draws.eps()[ia];
                        difference[i] += -2 * velocity * (conditional - marginal[ia]);
                    }
                }
                checks.add(MeanZero.test(label, difference, critical));
            };
        });
        return new Outcome(checks, String.format(Locale.ROOT, "max |t| %.2f (%d checks)", MeanZero.largest(checks),
                checks.size()), String.format(Locale.ROOT, "|t| ≤ %.2f (false alarm ≤ 1e-3)", critical));
    }
}
