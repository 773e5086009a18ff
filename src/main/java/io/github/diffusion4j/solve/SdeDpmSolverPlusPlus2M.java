package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * SDE-DPM-Solver++(2M) (Lu et al. 2022b, §5; the midpoint variant of k-diffusion's {@code sample_dpmpp_2m_sde} with
 * η = 1), in data prediction with {@code h = λ½(s) − λ½(t)}:
 * <pre>
 *   z_s = (σ_s/σ_t) e^{−h} z + α_s (1 − e^{−2h}) D + σ_s √(1 − e^{−2h}) ξ,
 *   D = (1 + 1/(2r)) x̂₀(t) − (1/(2r)) x̂₀(t_prev),   r = h_prev/h   (D = x̂₀(t) on the first step and into σ = 0)
 * </pre>
 * With D = x̂₀(t) this is the exponential Euler–Maruyama step of the reverse SDE ({@link Ancestral}). One NFE and one
 * normal draw per step. Weak order 1; strong order 1 for the additive noise of the reverse SDE, like {@link Ancestral}
 * (the multistep correction of the drift does not change the O(Δ) error of the noise term).
 */
public final class SdeDpmSolverPlusPlus2M extends Solver {

    private static final int DATA = 1;
    private static final int DATA_PREVIOUS = 2;
    private static final int XI = 3;
    private static final int SLOT_PREVIOUS_H = 0;

    /** The shared instance. */
    public static final SdeDpmSolverPlusPlus2M INSTANCE = new SdeDpmSolverPlusPlus2M();

    private SdeDpmSolverPlusPlus2M() {
        super("sde-dpm-solver++2m", 1, 4, 1, 1.0);
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
        double sigmaS = schedule.sigma(s);
        double decay = sigmaS / schedule.sigma(t) * Math.exp(-h);
        double variance = -Math.expm1(-2 * h);
        double dataCoefficient = schedule.alpha(s) * variance;
        c.dataPrediction(t, StepContext.STATE, DATA);
        c.gaussian(0, XI);
        if (c.isFirstStep() || !Double.isFinite(h)) {
            c.combine(StepContext.STATE, decay, StepContext.STATE, dataCoefficient, DATA, sigmaS * Math.sqrt(variance), XI);
        } else {
            double w = 1 / (2 * (c.memory(SLOT_PREVIOUS_H) / h));
            c.combine(StepContext.STATE, decay, StepContext.STATE, dataCoefficient * (1 + w), DATA,
                    -dataCoefficient * w, DATA_PREVIOUS, sigmaS * Math.sqrt(variance), XI);
        }
        c.copy(DATA_PREVIOUS, DATA);
        c.remember(SLOT_PREVIOUS_H, h);
    }
}
