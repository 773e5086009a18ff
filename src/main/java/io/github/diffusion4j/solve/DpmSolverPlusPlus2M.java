package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * Multistep DPM-Solver++(2M) in data prediction (Lu et al. 2022b, Algorithm 2), with {@code h = λ½(s) − λ½(t)}:
 * <pre>
 *   z_s = (σ_s/σ_t) z − α_s (e^{−h} − 1) D,     D = (1 + 1/(2r)) x̂₀(t) − (1/(2r)) x̂₀(t_prev),   r = h_prev/h
 * </pre>
 * The first step is first order ({@code D = x̂₀(t)}), all later steps second order. A step into σ = 0 (h = ∞) is first
 * order, as in the reference implementations; {@link #withLowerOrderFinalStep()} also makes the last step first order
 * when it is finite (off by default). One NFE per step.
 */
public final class DpmSolverPlusPlus2M extends Solver {

    private static final int DATA = 1;
    private static final int DATA_PREVIOUS = 2;
    private static final int SLOT_PREVIOUS_H = 0;

    private final boolean lowerOrderFinal;

    /** The default: second order on every step but the first. */
    public DpmSolverPlusPlus2M() {
        this(false);
    }

    private DpmSolverPlusPlus2M(boolean lowerOrderFinal) {
        super("dpm-solver++2m", 2, 3);
        this.lowerOrderFinal = lowerOrderFinal;
    }

    /** @return the variant whose last step is first order */
    public DpmSolverPlusPlus2M withLowerOrderFinalStep() {
        return new DpmSolverPlusPlus2M(true);
    }

    @Override
    public boolean isMultistep() {
        return true;
    }

    @Override
    public void step(StepContext c, double t, double s) {
        NoiseSchedule schedule = c.schedule();
        Exponential.requirePositiveAlpha(name(), schedule, t);
        double h = Exponential.step(schedule, t, s);
        double sigmaRatio = schedule.sigma(s) / schedule.sigma(t);
        double dataCoefficient = -schedule.alpha(s) * Math.expm1(-h);
        c.dataPrediction(t, StepContext.STATE, DATA);
        boolean firstOrder = c.isFirstStep() || !Double.isFinite(h) || (lowerOrderFinal && c.isLastStep());
        if (firstOrder) {
            c.combine(StepContext.STATE, sigmaRatio, StepContext.STATE, dataCoefficient, DATA);
        } else {
            double r = c.memory(SLOT_PREVIOUS_H) / h;
            double w = 1 / (2 * r);
            c.combine(StepContext.STATE, sigmaRatio, StepContext.STATE, dataCoefficient * (1 + w), DATA,
                    -dataCoefficient * w, DATA_PREVIOUS);
        }
        c.copy(DATA_PREVIOUS, DATA);
        c.remember(SLOT_PREVIOUS_H, h);
    }
}
