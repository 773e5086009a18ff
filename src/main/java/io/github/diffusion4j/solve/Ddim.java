package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * DDIM (Song, Meng and Ermon 2021) with stochasticity η ≥ 0, in docs/THEORY.md §5's form: with
 * {@code h = λ½(s) − λ½(t)},
 * <pre>
 *   c = η σ_s √(1 − e^{−2h}),     z_s = α_s x̂₀ + √(σ_s² − c²) ε̂ + c ξ
 * </pre>
 * where x̂₀ and ε̂ come from one model evaluation at (t, z). On VP, {@code c} is Song et al.'s σ_DDIM scaled by η;
 * η = 0 is deterministic and equal to DPM-Solver-1, η = 1 is DDPM's ancestral step with the β̃ variance. One NFE per
 * step; first order. An η for which {@code c > σ_s} at some step is rejected.
 */
public final class Ddim extends Solver {

    private static final int NOISE = 1;
    private static final int DATA = 2;
    private static final int XI = 3;

    private final double eta;

    /** @param eta the stochasticity η ≥ 0 */
    public Ddim(double eta) {
        super(eta == 0 ? "ddim" : "ddim(eta=" + eta + ")", 1, eta > 0 ? 4 : 3, eta > 0 ? 1 : 0,
                eta > 0 ? 0.5 : Double.NaN);
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("DDIM's η must be finite and ≥ 0, got " + eta);
        }
        this.eta = eta;
    }

    /** @return η */
    public double eta() {
        return eta;
    }

    @Override
    public void step(StepContext ctx, double t, double s) {
        NoiseSchedule schedule = ctx.schedule();
        double alphaS = schedule.alpha(s);
        double sigmaS = schedule.sigma(s);
        ctx.predictions(t, StepContext.STATE, NOISE, DATA);
        if (eta == 0) {
            ctx.combine(StepContext.STATE, alphaS, DATA, sigmaS, NOISE);
            return;
        }
        double h = Exponential.step(schedule, t, s);
        double c = eta * sigmaS * Math.sqrt(-Math.expm1(-2 * h));
        if (c > sigmaS) {
            throw new IllegalArgumentException("DDIM with η = " + eta + " asks for noise scale " + c + " > σ_s = "
                    + sigmaS + " at the step " + t + " → " + s);
        }
        ctx.gaussian(0, XI);
        ctx.combine(StepContext.STATE, alphaS, DATA, Math.sqrt(sigmaS * sigmaS - c * c), NOISE, c, XI);
    }
}
