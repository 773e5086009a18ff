package io.github.diffusion4j.schedule;

import org.hipparchus.util.FastMath;

/**
 * The sub-VP schedule (Song et al. 2021, eq. 34): the VP schedule's {@code α} with {@code σ = 1 − α²}, whose
 * marginal variance is bounded by the VP one. With {@code f = d log α/dt = −½β(t)}:
 * <pre>
 *   log σ = log(−expm1(2 log α)),      d log σ/dt = −2f / expm1(−2 log α),      σ̇ = −2α² f
 *   g² = dσ²/dt − 2fσ² = β(t)(1 − α⁴) = β(t)(1 − e^{−2∫β})
 *   λ⁻¹(y): α/(1 − α²) = e^{y/2}  ⇒  −log α = asinh(½ e^{−y/2}), then VP's time of log α
 * </pre>
 */
public final class SubVpSchedule extends NoiseSchedule {

    private final VpLinearSchedule vp;

    /**
     * @param beta0 β at t = 0
     * @param beta1 β at t = T
     * @param tMax  T
     */
    public SubVpSchedule(double beta0, double beta1, double tMax) {
        super("sub-vp", 0.0, tMax);
        this.vp = new VpLinearSchedule("sub-vp", beta0, beta1, tMax);
    }

    /** @return the default sub-VP schedule: β₀ = 0.1, β₁ = 20, T = 1 */
    public static SubVpSchedule standard() {
        return new SubVpSchedule(0.1, 20.0, 1.0);
    }

    @Override
    protected double logAlphaAt(double t) {
        return vp.logAlphaAt(t);
    }

    @Override
    protected double dLogAlphaAt(double t) {
        return vp.dLogAlphaAt(t);
    }

    @Override
    protected double logSigmaAt(double t) {
        return Math.log(-Math.expm1(2.0 * vp.logAlphaAt(t)));
    }

    @Override
    protected double dLogSigmaAt(double t) {
        return -2.0 * vp.dLogAlphaAt(t) / Math.expm1(-2.0 * vp.logAlphaAt(t));
    }

    @Override
    protected double sigmaDotAt(double t) {
        return -2.0 * Math.exp(2.0 * vp.logAlphaAt(t)) * vp.dLogAlphaAt(t);
    }

    @Override
    protected double diffusionSquaredAt(double t) {
        return -2.0 * vp.dLogAlphaAt(t) * -Math.expm1(4.0 * vp.logAlphaAt(t));
    }

    @Override
    protected double inverseLogSnrAt(double lambda) {
        return vp.timeOfLogAlpha(-FastMath.asinh(0.5 * Math.exp(-0.5 * lambda)));
    }
}
