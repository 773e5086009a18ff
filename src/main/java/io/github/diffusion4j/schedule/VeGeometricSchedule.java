package io.github.diffusion4j.schedule;

/**
 * The variance-exploding schedule with geometric noise levels (Song and Ermon 2019; Song et al. 2021, eq. 31):
 * <pre>
 *   α = 1,   σ(t) = σ_min (σ_max/σ_min)^t,   f = 0,   g² = dσ²/dt = 2σ² log(σ_max/σ_min),   t ∈ [0, 1]
 *   λ = −2 log σ,   λ⁻¹(y) = (−y/2 − log σ_min) / log(σ_max/σ_min)
 * </pre>
 * Defaults σ_min = 0.01, σ_max = 50, so that {@code p_1 ≈ N(0, σ_max² I)} for data of unit scale.
 */
public final class VeGeometricSchedule extends NoiseSchedule {

    private final double logSigmaMin;
    private final double logRatio;

    /**
     * @param sigmaMin σ(0) &gt; 0
     * @param sigmaMax σ(1) &gt; σ_min
     */
    public VeGeometricSchedule(double sigmaMin, double sigmaMax) {
        super("ve", 0.0, 1.0);
        VpLinearSchedule.checkPositive("σ_min", sigmaMin);
        VpLinearSchedule.checkPositive("σ_max", sigmaMax);
        if (!(sigmaMax > sigmaMin)) {
            throw new IllegalArgumentException("σ_max must exceed σ_min, got σ_min = " + sigmaMin + ", σ_max = " + sigmaMax);
        }
        this.logSigmaMin = Math.log(sigmaMin);
        this.logRatio = Math.log(sigmaMax / sigmaMin);
    }

    /** @return the default VE schedule σ = 0.01 · 5000^t */
    public static VeGeometricSchedule standard() {
        return new VeGeometricSchedule(0.01, 50.0);
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
        return logSigmaMin + t * logRatio;
    }

    @Override
    protected double dLogSigmaAt(double t) {
        return logRatio;
    }

    @Override
    protected double alphaDotAt(double t) {
        return 0.0;
    }

    @Override
    protected double inverseLogSnrAt(double lambda) {
        return (-0.5 * lambda - logSigmaMin) / logRatio;
    }
}
