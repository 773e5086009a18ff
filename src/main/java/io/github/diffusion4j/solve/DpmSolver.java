package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * Singlestep DPM-Solver-1, -2 and -3 in noise prediction (Lu et al. 2022, Algorithms 1 and 2, docs/THEORY.md §5), with
 * {@code h = λ½(s) − λ½(t)} in the half log-SNR and intermediate times at λ½-fractions obtained with λ⁻¹:
 * <pre>
 *   k = 1:  z_s = (α_s/α_t) z − σ_s(e^h − 1) ε̂(z, t)
 *   k = 2:  u at λ½_t + h/2,  z_u = (α_u/α_t) z − σ_u(e^{h/2} − 1) ε̂_t,  z_s = (α_s/α_t) z − σ_s(e^h − 1) ε̂(z_u, u)
 *   k = 3:  r₁ = 1/3, r₂ = 2/3, s₁, s₂ at λ½_t + r_i h:
 *           z₁ = (α_{s₁}/α_t) z − σ_{s₁}(e^{r₁h} − 1) ε̂_t,                      D₁ = ε̂(z₁, s₁) − ε̂_t
 *           z₂ = (α_{s₂}/α_t) z − σ_{s₂}(e^{r₂h} − 1) ε̂_t − σ_{s₂}(r₂/r₁)((e^{r₂h} − 1)/(r₂h) − 1) D₁
 *           D₂ = ε̂(z₂, s₂) − ε̂_t,   z_s = (α_s/α_t) z − σ_s(e^h − 1) ε̂_t − (σ_s/r₂)((e^h − 1)/h − 1) D₂
 * </pre>
 * {@code e^x − 1} is always {@code expm1}, and {@code (e^x − 1)/x − 1 = x φ₂(x)} is evaluated without cancellation.
 * Order k with k NFE per step. DPM-Solver-1 may step to σ = 0 (taking the limit of {@code σ_s(e^h − 1)}); the
 * higher orders need a finite log-SNR at every grid time.
 */
public final class DpmSolver extends Solver {

    private static final double R1 = 1.0 / 3;
    private static final double R2 = 2.0 / 3;
    private static final int EPS_T = 1;
    private static final int STAGE = 2;
    private static final int EPS_STAGE = 3;

    /** @param order 1, 2 or 3 */
    public DpmSolver(int order) {
        super("dpm-solver-" + checkOrder(order), order, order == 1 ? 2 : 4);
    }

    private static int checkOrder(int order) {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("DPM-Solver order must be 1, 2 or 3, got " + order);
        }
        return order;
    }

    @Override
    public void step(StepContext c, double t, double s) {
        NoiseSchedule schedule = c.schedule();
        Exponential.requirePositiveAlpha(name(), schedule, t);
        if (order() > 1) {
            Exponential.requireFiniteLogSnr(name(), schedule, t, s);
        }
        double alphaT = schedule.alpha(t);
        double h = Exponential.step(schedule, t, s);
        double ratioS = schedule.alpha(s) / alphaT;
        c.noisePrediction(t, StepContext.STATE, EPS_T);
        if (order() == 1) {
            c.combine(StepContext.STATE, ratioS, StepContext.STATE, -Exponential.sigmaExpm1(schedule, t, s, h), EPS_T);
            return;
        }
        double lambdaT = schedule.halfLogSnr(t);
        double sigmaS = schedule.sigma(s);
        if (order() == 2) {
            double u = schedule.inverseHalfLogSnr(lambdaT + 0.5 * h);
            c.combine(STAGE, schedule.alpha(u) / alphaT, StepContext.STATE,
                    -schedule.sigma(u) * Math.expm1(0.5 * h), EPS_T);
            c.noisePrediction(u, STAGE, EPS_STAGE);
            c.combine(StepContext.STATE, ratioS, StepContext.STATE, -sigmaS * Math.expm1(h), EPS_STAGE);
            return;
        }
        double s1 = schedule.inverseHalfLogSnr(lambdaT + R1 * h);
        double s2 = schedule.inverseHalfLogSnr(lambdaT + R2 * h);
        double sigma1 = schedule.sigma(s1);
        double sigma2 = schedule.sigma(s2);
        c.combine(STAGE, schedule.alpha(s1) / alphaT, StepContext.STATE, -sigma1 * Math.expm1(R1 * h), EPS_T);
        c.noisePrediction(s1, STAGE, EPS_STAGE);
        // EPS_STAGE ← D₁ = ε̂(z₁, s₁) − ε̂_t
        c.addScaled(EPS_STAGE, -1, EPS_T);
        double correction1 = sigma2 * (R2 / R1) * (R2 * h) * Exponential.phi2(R2 * h);
        c.combine(STAGE, schedule.alpha(s2) / alphaT, StepContext.STATE, -sigma2 * Math.expm1(R2 * h), EPS_T,
                -correction1, EPS_STAGE);
        c.noisePrediction(s2, STAGE, EPS_STAGE);
        c.addScaled(EPS_STAGE, -1, EPS_T);
        double correction2 = (sigmaS / R2) * h * Exponential.phi2(h);
        c.combine(StepContext.STATE, ratioS, StepContext.STATE, -sigmaS * Math.expm1(h), EPS_T, -correction2,
                EPS_STAGE);
    }
}
