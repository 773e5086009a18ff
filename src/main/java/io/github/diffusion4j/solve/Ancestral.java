package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * DDPM ancestral sampling in continuous time: the exponential Euler–Maruyama step of the reverse SDE (Ho et al. 2020;
 * Lu et al. 2022b, SDE-DPM-Solver-1), with {@code h = λ½(s) − λ½(t)}:
 * <pre>
 *   z_s = (σ_s/σ_t) e^{−h} z + α_s (1 − e^{−2h}) x̂₀(t, z) + σ_s √(1 − e^{−2h}) ξ
 * </pre>
 * It equals DDIM with η = 1 and, on a DDPM grid, the ancestral step with the β̃ posterior variance. Weak order 1,
 * one NFE and one normal draw per step. Strong order 1, not ½: the reverse SDE's noise is additive (g depends on t
 * only), and with ξ the normalised Brownian increment of the step the noise term {@code σ_s √(1 − e^{−2h}) ξ}
 * differs from the exact stochastic integral {@code ∫ k(τ) dW_τ} of the linear part by a term of variance
 * O(Δ³) per step, so the pathwise error accumulates to O(Δ) as for Euler–Maruyama with additive noise (Kloeden and
 * Platen 1992, §10.2).
 */
public final class Ancestral extends Solver {

    private static final int DATA = 1;
    private static final int XI = 2;

    /** The shared instance. */
    public static final Ancestral INSTANCE = new Ancestral();

    private Ancestral() {
        super("ancestral", 1, 3, 1, 1.0);
    }

    @Override
    public void step(StepContext c, double t, double s) {
        NoiseSchedule schedule = c.schedule();
        Exponential.requirePositiveAlpha(name(), schedule, t);
        double h = Exponential.step(schedule, t, s);
        double sigmaS = schedule.sigma(s);
        double variance = -Math.expm1(-2 * h);
        c.dataPrediction(t, StepContext.STATE, DATA);
        c.gaussian(0, XI);
        c.combine(StepContext.STATE, sigmaS / schedule.sigma(t) * Math.exp(-h), StepContext.STATE,
                schedule.alpha(s) * variance, DATA, sigmaS * Math.sqrt(variance), XI);
    }
}
