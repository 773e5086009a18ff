package io.github.diffusion4j.solve;

/**
 * Heun's method in the EDM σ-form (Karras et al. 2022, Algorithm 1), on any schedule. In the variables
 * {@code x̃ = z/α} and {@code σ̃ = σ/α = e^{−λ/2}} the forward process is variance exploding, {@code x̃ = x₀ + σ̃ ε}, and
 * the probability-flow ODE is {@code dx̃/dσ̃ = (x̃ − D(x̃; σ̃))/σ̃ = ε̂}. One step from σ̃₀ to σ̃₁:
 * <pre>
 *   d₀ = ε̂(t0, z),   x̃' = x̃ + (σ̃₁ − σ̃₀) d₀
 *   if σ̃₁ = 0:  x̃₁ = x̃'                                        (Euler into the data, one NFE)
 *   else:       d₁ = ε̂(t1, α₁ x̃'),   x̃₁ = x̃ + (σ̃₁ − σ̃₀)(d₀ + d₁)/2
 *   z₁ = α₁ x̃₁
 * </pre>
 * On a Karras grid of N noise levels ending in 0 this costs 2N − 1 NFE. On the EDM schedule (α = 1, σ = t) it is the
 * t-form Heun; elsewhere it is Heun in the log-SNR-adapted variables, second order either way.
 */
public final class EdmHeun extends Solver {

    private static final int SLOPE = 1;
    private static final int SLOPE_END = 2;
    private static final int STAGE = 3;

    /** The shared instance. */
    public static final EdmHeun INSTANCE = new EdmHeun();

    private EdmHeun() {
        super("edm-heun", 2, 4);
    }

    @Override
    public void step(StepContext c, double t0, double t1) {
        double alpha0 = c.schedule().alpha(t0);
        double alpha1 = c.schedule().alpha(t1);
        if (!(alpha0 > 0)) {
            throw new IllegalArgumentException("edm-heun needs α(t) > 0, but α(" + t0 + ") = " + alpha0);
        }
        double sigmaTilde0 = c.schedule().sigma(t0) / alpha0;
        double sigmaTilde1 = c.schedule().sigma(t1) / alpha1;
        double ratio = alpha1 / alpha0;
        double increment = alpha1 * (sigmaTilde1 - sigmaTilde0);
        c.noisePrediction(t0, StepContext.STATE, SLOPE);
        if (sigmaTilde1 == 0) {
            c.combine(StepContext.STATE, ratio, StepContext.STATE, increment, SLOPE);
            return;
        }
        c.combine(STAGE, ratio, StepContext.STATE, increment, SLOPE);
        c.noisePrediction(t1, STAGE, SLOPE_END);
        c.combine(StepContext.STATE, ratio, StepContext.STATE, 0.5 * increment, SLOPE, 0.5 * increment, SLOPE_END);
    }
}
