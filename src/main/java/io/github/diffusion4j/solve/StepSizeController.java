package io.github.diffusion4j.solve;

/**
 * The proportional–integral step-size controller of Hairer and Wanner's DOPRI5 (Hairer, Nørsett and Wanner,
 * "Solving ODEs I", §II.4; Gustafsson 1991): after a step with scaled error norm {@code err} and previous accepted
 * norm {@code errPrevious},
 * <pre>
 *   factor = safety · err^{−(1/q − 0.75β)} · errPrevious^{β},   clipped to [minFactor, maxFactor],
 * </pre>
 * {@code h_new = factor · h}; a rejected step ({@code err > 1}) shrinks without the integral term, and the step after
 * a rejection may not grow. Integration fails with an {@link IntegrationException} when the step falls below
 * {@code minStep} or more than {@code maxSteps} steps are attempted.
 */
public final class StepSizeController {

    private final double safety;
    private final double minFactor;
    private final double maxFactor;
    private final double beta;
    private final double minStep;
    private final int maxSteps;

    /**
     * @param safety    safety factor (0.9)
     * @param minFactor smallest factor per step (0.2)
     * @param maxFactor largest factor per step (10)
     * @param beta      integral gain β (0.04 in DOPRI5; 0 gives the classical I-controller)
     * @param minStep   smallest allowed |h|
     * @param maxSteps  largest number of attempted steps
     */
    public StepSizeController(double safety, double minFactor, double maxFactor, double beta, double minStep,
                              int maxSteps) {
        if (!(safety > 0 && safety <= 1) || !(minFactor > 0 && minFactor < 1) || !(maxFactor > 1)
                || !(beta >= 0 && beta < 0.2) || !(minStep >= 0) || maxSteps < 1) {
            throw new IllegalArgumentException("invalid controller: safety = " + safety + ", factors [" + minFactor
                    + ", " + maxFactor + "], β = " + beta + ", minStep = " + minStep + ", maxSteps = " + maxSteps);
        }
        this.safety = safety;
        this.minFactor = minFactor;
        this.maxFactor = maxFactor;
        this.beta = beta;
        this.minStep = minStep;
        this.maxSteps = maxSteps;
    }

    /** @return DOPRI5's defaults: safety 0.9, factors [0.2, 10], β = 0.04, no minimum step, 100,000 steps */
    public static StepSizeController defaults() {
        return new StepSizeController(0.9, 0.2, 10.0, 0.04, 0.0, 100_000);
    }

    /**
     * @param step the smallest step size allowed, > 0
     * @return a copy with another minimum step
     */
    public StepSizeController withMinStep(double step) {
        return new StepSizeController(safety, minFactor, maxFactor, beta, step, maxSteps);
    }

    /**
     * @param steps the largest number of steps allowed, ≥ 1
     * @return a copy with another step limit
     */
    public StepSizeController withMaxSteps(int steps) {
        return new StepSizeController(safety, minFactor, maxFactor, beta, minStep, steps);
    }

    /** @return the smallest allowed |h| */
    public double minStep() {
        return minStep;
    }

    /** @return the largest number of attempted steps */
    public int maxSteps() {
        return maxSteps;
    }

    /**
     * @param err         scaled error norm of the step just attempted
     * @param errPrevious scaled error norm of the last accepted step (1e-4 initially)
     * @param q           the method's error order (5 for Dormand–Prince 5(4))
     * @param afterReject whether the previous attempt was rejected
     * @return the factor by which to multiply h
     */
    public double factor(double err, double errPrevious, int q, boolean afterReject) {
        if (!(err >= 0)) {
            return minFactor;
        }
        double proportional = Math.pow(Math.max(err, 1e-300), -(1.0 / q - 0.75 * beta));
        if (err > 1) {
            return Math.max(minFactor, safety * proportional);
        }
        double factor = safety * proportional * Math.pow(errPrevious, beta);
        factor = Math.min(maxFactor, Math.max(minFactor, factor));
        return afterReject ? Math.min(1.0, factor) : factor;
    }
}
