package io.github.diffusion4j.schedule;

import io.github.diffusion4j.internal.Numerics;

/**
 * The cosine variance-preserving schedule (Nichol and Dhariwal 2021, eq. 17) in continuous time:
 * <pre>
 *   φ(t) = (t/T + s)/(1 + s) · π/2,    α(t) = cos φ(t) / cos φ(0),    σ = √(1 − α²)
 *   f = d log α/dt = −tan φ · π / (2T(1 + s)),    β(t) = −2f
 * </pre>
 * Since {@code α(T) = 0} and {@code β → ∞} as {@code t → T}, the domain is clipped at the time where
 * {@code β(t) = β_max = 999} (the same clipping as Nichol and Dhariwal's {@code β ≤ 0.999} per step, in the
 * continuous form used by Lu et al. 2022): {@code t_max = T(2(1+s) atan(β_max T(1+s)/π)/π − s)}, ≈ 0.998 T.
 *
 * <p>{@code log α} is evaluated as {@code log1p(−(1 − α))} with {@code δ = φ(t) − φ(0)} and
 * {@code 1 − α = 2 sin²(δ/2) + tan φ(0) sin δ} (from {@code cos(φ₀ + δ)/cos φ₀ = cos δ − tan φ₀ sin δ}), which keeps
 * full relative precision as {@code t → 0}; the direct {@code log cos φ − log cos φ₀} loses about three digits there.
 *
 * <p>The inverse log-SNR is closed form. From {@code α² = sigmoid(λ)} and {@code σ² = sigmoid(−λ)},
 * {@code cos φ = α cos φ(0)} and {@code sin² φ = σ² + α² sin² φ(0)}, so
 * {@code φ = atan2(√(σ² + α² sin² φ(0)), α cos φ(0))}. The time needs {@code δ = φ − φ(0)}, which subtracting φ(0)
 * would resolve only to φ(0)·ulp ≈ 2·10⁻¹⁸ (so every t below ~10⁻¹⁷ came back as 0): instead, with
 * {@code sin² φ − sin² φ(0) = σ² cos² φ(0)},
 * <pre>
 *   sin δ = σ² cos² φ₀ / sin(φ + φ₀),    cos δ = cos φ cos φ₀ + sin φ sin φ₀,    δ = atan2(sin δ, cos δ)
 * </pre>
 * — sums of positive terms only, so δ and t keep full relative precision down to t = 0.
 */
public final class VpCosineSchedule extends VariancePreservingSchedule {

    /** The clipping value of β(t) that fixes the end of the domain. */
    public static final double BETA_MAX = 999.0;

    private final double s;
    private final double horizon;
    private final double phi0;
    private final double tanPhi0;

    /**
     * @param s       offset s &gt; 0 (default 0.008) that keeps β(0) from vanishing
     * @param horizon the nominal end time T (α(T) = 0); the domain ends slightly before it
     */
    public VpCosineSchedule(double s, double horizon) {
        super("vp-cosine", 0.0, clippedEnd(s, horizon));
        this.s = s;
        this.horizon = horizon;
        this.phi0 = phi(0.0, s, horizon);
        this.tanPhi0 = Math.tan(phi0);
    }

    /** @return the default cosine schedule: s = 0.008, T = 1 (domain [0, ≈0.998]) */
    public static VpCosineSchedule standard() {
        return new VpCosineSchedule(0.008, 1.0);
    }

    private static double clippedEnd(double s, double horizon) {
        VpLinearSchedule.checkPositive("s", s);
        VpLinearSchedule.checkPositive("T", horizon);
        double phiMax = Math.atan(BETA_MAX * horizon * (1 + s) / Math.PI);
        return horizon * (2.0 * (1 + s) * phiMax / Math.PI - s);
    }

    private static double phi(double t, double s, double horizon) {
        return (t / horizon + s) / (1 + s) * 0.5 * Math.PI;
    }

    @Override
    protected double logAlphaAt(double t) {
        double delta = t / horizon / (1 + s) * 0.5 * Math.PI;
        double halfSine = Math.sin(0.5 * delta);
        return Math.log1p(-(2.0 * halfSine * halfSine + tanPhi0 * Math.sin(delta)));
    }

    @Override
    protected double dLogAlphaAt(double t) {
        return -Math.tan(phi(t, s, horizon)) * Math.PI / (2.0 * horizon * (1 + s));
    }

    @Override
    protected double timeOfLogAlpha(double logAlpha) {
        double alphaSquared = Math.exp(2.0 * logAlpha);
        return timeOfAlphaSquared(alphaSquared, -Math.expm1(2.0 * logAlpha));
    }

    @Override
    protected double inverseLogSnrAt(double lambda) {
        return timeOfAlphaSquared(Numerics.sigmoid(lambda), Numerics.sigmoid(-lambda));
    }

    private double timeOfAlphaSquared(double alphaSquared, double sigmaSquared) {
        double sinPhi0 = Math.sin(phi0);
        double cosPhi0 = Math.cos(phi0);
        double sinPhi = Math.sqrt(sigmaSquared + alphaSquared * sinPhi0 * sinPhi0);
        double cosPhi = Math.sqrt(alphaSquared) * cosPhi0;
        double sinDelta = sigmaSquared * cosPhi0 * cosPhi0 / (sinPhi * cosPhi0 + cosPhi * sinPhi0);
        double cosDelta = cosPhi * cosPhi0 + sinPhi * sinPhi0;
        return horizon * 2.0 * (1 + s) * Math.atan2(sinDelta, cosDelta) / Math.PI;
    }
}
