package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * The stochastic sampler of Karras et al. 2022 (Algorithm 2) in the variables {@code x̃ = z/α},
 * {@code σ̃ = σ/α}: before each Heun step, noise is added to raise the level from σ̃_i to
 * {@code σ̂ = σ̃_i (1 + γ)} ("churn"), then an {@link EdmHeun} step runs from σ̂ to σ̃_{i+1}:
 * <pre>
 *   γ = min(S_churn/N, √2 − 1) if σ̃_i ∈ [S_min, S_max], else 0
 *   x̂ = x̃_i + √(σ̂² − σ̃_i²) S_noise ξ
 * </pre>
 * σ̂ is mapped to a time with λ⁻¹ and capped at the schedule's largest noise level. With S_churn = 0 it is EDM-Heun.
 * N is the number of steps of the grid. Up to 2 NFE and one draw per step.
 */
public final class EdmStochastic extends Solver {

    /** Registers 1–3 are {@link EdmHeun}'s, which performs the deterministic part of each step. */
    private static final int XI = 4;

    private final double churn;
    private final double sigmaMin;
    private final double sigmaMax;
    private final double noiseScale;

    /**
     * @param churn      S_churn ≥ 0
     * @param sigmaMin   S_min
     * @param sigmaMax   S_max
     * @param noiseScale S_noise &gt; 0
     */
    public EdmStochastic(double churn, double sigmaMin, double sigmaMax, double noiseScale) {
        super("edm-stochastic", 1, 5, churn > 0 ? 1 : 0, churn > 0 ? 0.5 : Double.NaN);
        if (!(churn >= 0) || !(sigmaMin >= 0) || !(sigmaMax >= sigmaMin) || !(noiseScale > 0)) {
            throw new IllegalArgumentException("need S_churn ≥ 0, 0 ≤ S_min ≤ S_max, S_noise > 0; got S_churn = "
                    + churn + ", S_min = " + sigmaMin + ", S_max = " + sigmaMax + ", S_noise = " + noiseScale);
        }
        this.churn = churn;
        this.sigmaMin = sigmaMin;
        this.sigmaMax = sigmaMax;
        this.noiseScale = noiseScale;
    }

    /** @return the ImageNet-64 settings of Karras et al.: S_churn = 80, S_min = 0.05, S_max = 50, S_noise = 1.003 */
    public static EdmStochastic imageNetDefaults() {
        return new EdmStochastic(80, 0.05, 50, 1.003);
    }

    @Override
    public void step(StepContext c, double t0, double t1) {
        NoiseSchedule schedule = c.schedule();
        double alpha0 = schedule.alpha(t0);
        if (!(alpha0 > 0)) {
            throw new IllegalArgumentException(name() + " needs α(t) > 0, but α(" + t0 + ") = " + alpha0);
        }
        double sigmaTilde0 = schedule.sigma(t0) / alpha0;
        double gamma = sigmaTilde0 >= sigmaMin && sigmaTilde0 <= sigmaMax
                ? Math.min(churn / c.totalSteps(), Math.sqrt(2) - 1) : 0;
        double tHat = t0;
        if (gamma > 0) {
            double top = schedule.sigma(schedule.tMax()) / schedule.alpha(schedule.tMax());
            double sigmaHat = Math.min(sigmaTilde0 * (1 + gamma), top);
            tHat = Math.max(t0, schedule.inverseLogSnr(-2 * Math.log(sigmaHat)));
            sigmaHat = schedule.sigma(tHat) / schedule.alpha(tHat);
            double alphaHat = schedule.alpha(tHat);
            double added = Math.sqrt(Math.max(0, sigmaHat * sigmaHat - sigmaTilde0 * sigmaTilde0)) * noiseScale;
            c.gaussian(0, XI);
            c.combine(StepContext.STATE, alphaHat / alpha0, StepContext.STATE, alphaHat * added, XI);
        }
        EdmHeun.INSTANCE.step(c, tHat, t1);
    }
}
