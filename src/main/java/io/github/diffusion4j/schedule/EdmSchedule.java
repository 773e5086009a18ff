package io.github.diffusion4j.schedule;

/**
 * The EDM parametrisation (Karras et al. 2022, Table 1): time is the noise level.
 * <pre>
 *   α = 1,   σ(t) = t,   t ∈ [0, T],  T = 80 by default
 *   f = 0,   g² = dσ²/dt = 2t,   λ = −2 log t,   λ⁻¹(y) = e^{−y/2}
 * </pre>
 */
public final class EdmSchedule extends NoiseSchedule {

    /**
     * @param sigmaMax the largest noise level T
     */
    public EdmSchedule(double sigmaMax) {
        super("edm", 0.0, VpLinearSchedule.checkPositive("σ_max", sigmaMax));
    }

    /** @return the default EDM schedule, σ ∈ [0, 80] */
    public static EdmSchedule standard() {
        return new EdmSchedule(80.0);
    }

    @Override
    protected double logAlphaAt(double t) {
        return 0.0;
    }

    @Override
    protected double dLogAlphaAt(double t) {
        return 0.0;
    }

    @Override
    protected double logSigmaAt(double t) {
        return Math.log(t);
    }

    @Override
    protected double dLogSigmaAt(double t) {
        return 1.0 / t;
    }

    @Override
    protected double alphaDotAt(double t) {
        return 0.0;
    }

    @Override
    protected double sigmaDotAt(double t) {
        return 1.0;
    }

    @Override
    protected double diffusionSquaredAt(double t) {
        return 2.0 * t;
    }

    @Override
    protected double logSnrAt(double t) {
        return -2.0 * Math.log(t);
    }

    @Override
    protected double inverseLogSnrAt(double lambda) {
        return Math.exp(-0.5 * lambda);
    }
}
