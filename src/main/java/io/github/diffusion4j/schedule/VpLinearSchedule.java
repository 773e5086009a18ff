package io.github.diffusion4j.schedule;

/**
 * Variance-preserving schedule with linear {@code β(t) = β₀ + t(β₁ − β₀)} (Song et al. 2021, eq. 33; Ho et al.
 * 2020 in the continuous limit):
 * <pre>
 *   log α(t) = −¼ t² (β₁ − β₀) − ½ t β₀,    σ = √(1 − α²),    f = −½ β(t),    g² = β(t)
 * </pre>
 * Its inverse in time is closed form: with {@code L = −log α}, {@code a = (β₁−β₀)/4}, {@code b = β₀/2},
 * {@code a t² + b t = L} gives {@code t = 2L / (b + √(b² + 4aL))} (the root written to avoid cancellation).
 *
 * <p>Constant β gives the Ornstein–Uhlenbeck process ({@code β = 2}, {@code α = e^{−t}}) and the DDPM limit
 * ({@code β = 1}, {@code α = e^{−t/2}}); see {@link #ornsteinUhlenbeck(double)} and {@link #ddpmLimit(double)}.
 */
public final class VpLinearSchedule extends VariancePreservingSchedule {

    private final double beta0;
    private final double beta1;

    /**
     * @param name  schedule identifier
     * @param beta0 β at t = 0, ≥ 0
     * @param beta1 β at t = T, ≥ 0
     * @param tMax  the final time T &gt; 0
     * @throws IllegalArgumentException if a β is negative or not finite, both are zero, or T is not positive
     */
    public VpLinearSchedule(String name, double beta0, double beta1, double tMax) {
        super(name, 0.0, checkPositive("T", tMax));
        if (!(beta0 >= 0 && Double.isFinite(beta0)) || !(beta1 >= 0 && Double.isFinite(beta1))
                || beta0 + beta1 == 0) {
            throw new IllegalArgumentException("β₀ and β₁ must be finite, non-negative and not both zero, got β₀ = "
                    + beta0 + ", β₁ = " + beta1);
        }
        this.beta0 = beta0;
        this.beta1 = beta1;
    }

    /** @return the default VP schedule: β₀ = 0.1, β₁ = 20, T = 1 */
    public static VpLinearSchedule standard() {
        return new VpLinearSchedule("vp-linear", 0.1, 20.0, 1.0);
    }

    /**
     * @param tMax final time
     * @return the Ornstein–Uhlenbeck process {@code dY = −Y dt + √2 dW}: α = e^{−t}, σ = √(1 − e^{−2t})
     */
    public static VpLinearSchedule ornsteinUhlenbeck(double tMax) {
        return new VpLinearSchedule("ou", 2.0, 2.0, tMax);
    }

    /**
     * @param tMax final time
     * @return the continuous limit of DDPM {@code dx = −x/2 dt + dB}: α = e^{−t/2}, σ = √(1 − e^{−t})
     */
    public static VpLinearSchedule ddpmLimit(double tMax) {
        return new VpLinearSchedule("ddpm-limit", 1.0, 1.0, tMax);
    }

    static double checkPositive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
        return value;
    }

    /**
     * @param t the time
     * @return β(t) = β₀ + t(β₁ − β₀)
     */
    public double beta(double t) {
        checkTime(t);
        return beta0 + t * (beta1 - beta0);
    }

    @Override
    protected double logAlphaAt(double t) {
        return -0.25 * t * t * (beta1 - beta0) - 0.5 * t * beta0;
    }

    @Override
    protected double dLogAlphaAt(double t) {
        return -0.5 * (beta0 + t * (beta1 - beta0));
    }

    @Override
    protected double timeOfLogAlpha(double logAlpha) {
        double l = -logAlpha;
        double a = 0.25 * (beta1 - beta0);
        double b = 0.5 * beta0;
        return 2.0 * l / (b + Math.sqrt(b * b + 4.0 * a * l));
    }
}
