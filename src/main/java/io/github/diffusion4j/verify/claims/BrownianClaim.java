package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.VirtualBrownianTree;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * T14, the Brownian facts the samplers rely on, checked on the library's noise: the virtual Brownian tree has
 * {@code E W_t = 0} and {@code E W_t² = t} at dyadic and non-dyadic times, increments over disjoint intervals are
 * uncorrelated, and a path's value does not depend on the order of earlier queries (exactly); the counter-based
 * normals are standard and independent across steps; and the Euler–Maruyama chain of the OU process
 * {@code dx = −x dt + √2 dB} driven by the tree forgets a far start and settles at its stationary law
 * {@code N(0, 1/(1 − Δ/2))} (the exact stationary variance of {@code x' = (1 − Δ) x + √(2Δ) ξ}; → N(0, 1) as Δ → 0).
 *
 * <p>Each statistical check is a two-sided z-test (means, correlations: √n scaling; second moments:
 * {@code (m₂/v − 1)√(n/2)}, the normal limit of χ²_n/n), at level 10⁻³/m for the m checks (Bonferroni), so the claim
 * false-alarms with probability ≤ 10⁻³. n = 4,000 paths ({@code --thorough}: 40,000). Sources: Karatzas and Shreve
 * 1991 §2.1; Gaines and Lyons 1997; Kloeden and Platen 1992 §9.
 */
final class BrownianClaim extends BaseClaim {

    private static final double[] TIMES = {0.125, 0.25, 0.37, 0.5, 0.73, 1.0};
    private static final double FALSE_ALARM = 1e-3;
    private static final int OU_STEPS = 512;
    private static final double OU_HORIZON = 8;

    BrownianClaim() {
        super("T14", "Brownian paths: E W_t = 0, E W_t² = t, independent increments; OU forgets its start",
                "Karatzas & Shreve 1991, §2.1; Gaines & Lyons 1997; docs/THEORY.md T14");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        int n = context.samples(4000, 40_000);
        int tests = 2 * TIMES.length + 2 + 2 + 2 + 2;
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(FALSE_ALARM / (2 * tests));
        List<Check> checks = new ArrayList<>();
        VirtualBrownianTree tree = new VirtualBrownianTree(context.seed() + 14, 0, 1);
        double[][] w = new double[TIMES.length][n];
        double[] value = new double[1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < TIMES.length; j++) {
                tree.value(i, TIMES[j], value);
                w[j][i] = value[0];
            }
        }
        for (int j = 0; j < TIMES.length; j++) {
            double t = TIMES[j];
            checks.add(zCheck(String.format(Locale.ROOT, "tree: E W(%.3g) = 0", t), mean(w[j]) * Math.sqrt(n / t), z));
            checks.add(zCheck(String.format(Locale.ROOT, "tree: E W(%.3g)² = %.3g", t, t),
                    (secondMoment(w[j]) / t - 1) * Math.sqrt(n / 2.0), z));
        }
        double[] early = difference(w[1], null);
        double[] late = difference(w[5], w[3]);
        checks.add(zCheck("tree: corr(W(0.25) − W(0), W(1) − W(0.5)) = 0", correlation(early, late) * Math.sqrt(n), z));
        double[] left = difference(w[3], w[1]);
        checks.add(zCheck("tree: corr(W(0.5) − W(0.25), W(1) − W(0.5)) = 0", correlation(left, late) * Math.sqrt(n),
                z));
        checks.add(orderIndependence(context.seed() + 14));
        double[] first = new CounterNoise(context.seed() + 15).normals(n, 1);
        double[] second = new double[n];
        double[] draw = new double[1];
        CounterNoise counter = new CounterNoise(context.seed() + 15);
        for (int i = 0; i < n; i++) {
            counter.normals(i, 1, 0, draw);
            second[i] = draw[0];
        }
        checks.add(zCheck("counter normals: mean 0", mean(first) * Math.sqrt(n), z));
        checks.add(zCheck("counter normals: variance 1", (secondMoment(first) - 1) * Math.sqrt(n / 2.0), z));
        checks.add(zCheck("counter normals: corr(step 0, step 1) = 0", correlation(first, second) * Math.sqrt(n), z));
        double[] ou = stationaryOu(n, context.seed() + 16);
        double delta = OU_HORIZON / OU_STEPS;
        double variance = 1 / (1 - delta / 2);
        checks.add(zCheck(String.format(Locale.ROOT, "OU from x₀ = 3, t = %.0f: mean 0", OU_HORIZON),
                mean(ou) * Math.sqrt(n / variance), z));
        checks.add(zCheck(String.format(Locale.ROOT, "OU, Δ = %.4g: variance 1/(1 − Δ/2) = %.5f", delta, variance),
                (secondMoment(ou) / variance - 1) * Math.sqrt(n / 2.0), z));
        double worst = 0;
        for (Check c : checks) {
            worst = Math.max(worst, Math.abs(c.measured()));
        }
        return new Outcome(checks, String.format(Locale.ROOT, "max |z| = %.2f (%d checks)", worst, checks.size()),
                String.format(Locale.ROOT, "|z| ≤ %.2f (false alarm ≤ 1e-3)", z));
    }

    private static Check zCheck(String configuration, double statistic, double z) {
        return Check.of(configuration, statistic, String.format(Locale.ROOT, "|z| ≤ %.2f", z),
                Math.abs(statistic) <= z);
    }

    /** W(0.37) of one path is the same whether queried first or after other times (bit for bit). */
    private static Check orderIndependence(long seed) {
        double[] direct = new double[1];
        new VirtualBrownianTree(seed, 0, 1).value(7, 0.37, direct);
        VirtualBrownianTree tree = new VirtualBrownianTree(seed, 0, 1);
        double[] scratch = new double[1];
        for (double t : new double[] {0.9, 0.5, 0.3, 0.4, 0.36}) {
            tree.value(7, t, scratch);
        }
        double[] afterOthers = new double[1];
        tree.value(7, 0.37, afterOthers);
        double difference = Math.abs(direct[0] - afterOthers[0]);
        return Check.of("tree: W(0.37) independent of earlier queries", difference, "= 0 exactly", difference == 0);
    }

    /** Euler–Maruyama for dx = −x dt + √2 dB from x₀ = 3, driven by the tree's increments, at t = OU_HORIZON. */
    private static double[] stationaryOu(int n, long seed) {
        VirtualBrownianTree tree = new VirtualBrownianTree(seed, 0, OU_HORIZON);
        double delta = OU_HORIZON / OU_STEPS;
        double[] x = new double[n];
        double[] previous = new double[1];
        double[] next = new double[1];
        for (int i = 0; i < n; i++) {
            double state = 3;
            previous[0] = 0;
            for (int k = 1; k <= OU_STEPS; k++) {
                tree.value(i, k * delta, next);
                state += -state * delta + Math.sqrt(2) * (next[0] - previous[0]);
                previous[0] = next[0];
            }
            x[i] = state;
        }
        return x;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - (b == null ? 0 : b[i]);
        }
        return out;
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double secondMoment(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return sum / x.length;
    }

    /** The sample correlation of two zero-mean samples (means known to be 0, so not subtracted). */
    private static double correlation(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
