package io.github.diffusion4j.verify.claims;

import java.util.Locale;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.TimeGrid;

/**
 * Seeded families of non-uniform time grids, one family per seed, refined by the number of steps N. A grid is the
 * image of points {@code 0 = u_0 < u_1 < … < u_N = 1} under a warp {@code u ↦ t}:
 * <ul>
 *   <li><b>Widths.</b> The steps in u repeat a pattern of three widths drawn once per seed from U(0.4, 1.6)
 *   (so consecutive steps differ by ratios up to 4 everywhere on the grid, at every N), then normalised to sum to 1.
 *   A periodic pattern, not i.i.d. widths, so the family is smooth in N and an order fit carries no grid noise;
 *   three widths, not two, so that no first-order effect of the ratio cancels between neighbouring steps (with
 *   alternating r and 1/r, an error odd in log r would).</li>
 *   <li><b>Warp, both ends with finite log-SNR.</b> {@code t(u) = ω t_time(u) + (1 − ω) t_λ(u)}, a convex blend (so
 *   still strictly monotone) of the uniform-time and the uniform-log-SNR maps, ω drawn once per seed from U(0, ¼) (a grid mostly uniform in
 *   time is one nobody runs: on EDM's [0.8, 80] its first steps span σ̃ ≈ 1, and RK4 is still pre-asymptotic at 768
 *   steps, fitting 3.4 at ω ≈ 0.9 and 3.6 at ω ≈ 0.4).</li>
 *   <li><b>Warp into σ = 0.</b> Uniform in {@code σ̃^{1/ρ}}, σ̃ = σ/α (the EDM spacing, Karras et al. 2022 eq. 5), ρ
 *   drawn once per seed from U(3, 7) (7 is EDM's choice). No uniform-time part here: near σ = 0 every grid has log-SNR steps of order 1
 *   (λ → ∞ in finitely many steps), and on time-uniform steps there σ̃² ∝ t, so the local errors of exponential
 *   integrators sum to O(h log 1/h) — a correct DDIM fits order 0.64 on VP — whereas with {@code σ̃ ∝ (k/N)^ρ} near
 *   the end they are O(N^{−2ρ}) and the declared order is the right expectation.</li>
 * </ul>
 * On a uniform grid in log-SNR every step has the same h, so a bug that only depends on the ratio of neighbouring
 * steps (a multistep coefficient written as h/h_prev for h_prev/h) cancels by construction; on these grids it does
 * not. Deterministic: the same (seed, N) gives the same grid on every machine.
 */
final class RandomGrids {

    static final double MIN_WIDTH = 0.4;
    static final double MAX_WIDTH = 1.6;
    static final int PATTERN = 3;
    static final double MAX_OMEGA = 0.25;
    static final double MIN_RHO = 3;
    static final double MAX_RHO = 7;

    private final double[] widths = new double[PATTERN];
    private final double omega;
    private final double rho;

    /** @param seed the family's seed */
    RandomGrids(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int i = 0; i < PATTERN; i++) {
            widths[i] = MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * rng.nextDouble();
        }
        omega = MAX_OMEGA * rng.nextDouble();
        rho = MIN_RHO + (MAX_RHO - MIN_RHO) * rng.nextDouble();
    }

    /**
     * @param intoZero whether the grid ends at σ = 0
     * @return the warp's parameter: ω (finite ends) or ρ (into σ = 0), for the report
     */
    String describe(boolean intoZero) {
        return intoZero ? String.format(Locale.ROOT, "ρ %.2f", rho)
                : String.format(Locale.ROOT, "ω %.2f", omega);
    }

    /**
     * @param schedule the schedule
     * @param start    t_0
     * @param end      t_N &lt; t_0 (may have σ = 0)
     * @param steps    N ≥ 1
     * @return the family's grid of N steps
     */
    TimeGrid grid(NoiseSchedule schedule, double start, double end, int steps) {
        double[] u = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            u[i + 1] = u[i] + widths[i % PATTERN];
        }
        double[] t = new double[steps + 1];
        t[0] = start;
        t[steps] = end;
        double lambdaStart = schedule.logSnr(start);
        double lambdaEnd = schedule.logSnr(end);
        boolean finite = Double.isFinite(lambdaStart) && Double.isFinite(lambdaEnd);
        double rootStart = Math.pow(Math.exp(-0.5 * lambdaStart), 1 / rho);
        double rootEnd = Math.pow(Math.exp(-0.5 * lambdaEnd), 1 / rho);
        for (int i = 1; i < steps; i++) {
            double v = u[i] / u[steps];
            t[i] = finite ? omega * (start + v * (end - start))
                    + (1 - omega) * schedule.inverseLogSnr(lambdaStart + v * (lambdaEnd - lambdaStart))
                    : schedule.inverseLogSnr(-2 * rho * Math.log(rootStart + v * (rootEnd - rootStart)));
        }
        return TimeGrid.of(schedule, t);
    }
}
