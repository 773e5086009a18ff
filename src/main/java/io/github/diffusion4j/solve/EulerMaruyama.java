package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * Euler–Maruyama on the reverse-time family of docs/THEORY.md §3 with stochasticity η ≥ 0: drift
 * {@code f z − ½(1 + η²) g² s}, diffusion {@code η g}; η = 1 is the reverse SDE of Anderson (1982), η = 0 the
 * probability-flow ODE (Euler). With coefficients at the larger time t and {@code Δ = t − s > 0}:
 * <pre>
 *   z_s = z − Δ [f(t) z − ½(1 + η²) g²(t) s_θ(t, z)] + η g(t) √Δ ξ
 * </pre>
 * Noise is added on every step, the last included. Weak order 1; for additive noise (g independent of z, as here)
 * the strong order is also 1 (Kloeden and Platen 1992, §10.2), not ½. One NFE and one draw per step.
 */
public final class EulerMaruyama extends Solver {

    private static final int SCORE = 1;
    private static final int XI = 2;

    private final double eta;

    /** @param eta the stochasticity η ≥ 0 (1 for the reverse SDE) */
    public EulerMaruyama(double eta) {
        super(eta == 1 ? "euler-maruyama" : "euler-maruyama(eta=" + eta + ")", 1, 3, eta > 0 ? 1 : 0,
                eta > 0 ? 1.0 : Double.NaN);
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("η must be finite and ≥ 0, got " + eta);
        }
        this.eta = eta;
    }

    /** @return η */
    public double eta() {
        return eta;
    }

    @Override
    public void step(StepContext c, double t, double s) {
        NoiseSchedule schedule = c.schedule();
        double f = schedule.drift(t);
        double g2 = schedule.diffusionSquared(t);
        if (!Double.isFinite(f) || !Double.isFinite(g2)) {
            throw new IllegalArgumentException(name() + " needs finite SDE coefficients, but at t = " + t + " f = " + f
                    + " and g² = " + g2 + "; start the grid below " + schedule.tMax());
        }
        double delta = t - s;
        c.score(t, StepContext.STATE, SCORE);
        double scoreCoefficient = 0.5 * (1 + eta * eta) * g2 * delta;
        if (eta == 0) {
            c.combine(StepContext.STATE, 1 - delta * f, StepContext.STATE, scoreCoefficient, SCORE);
            return;
        }
        c.gaussian(0, XI);
        c.combine(StepContext.STATE, 1 - delta * f, StepContext.STATE, scoreCoefficient, SCORE,
                eta * Math.sqrt(g2 * delta), XI);
    }
}
