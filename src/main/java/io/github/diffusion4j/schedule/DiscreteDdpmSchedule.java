package io.github.diffusion4j.schedule;

/**
 * The discrete-time DDPM forward process (Ho et al. 2020) with {@code K} steps and linear {@code β_k}:
 * <pre>
 *   β_k = β_start + (k−1)/(K−1) · (β_end − β_start),   α_k = 1 − β_k,   ᾱ_k = ∏_{i≤k} α_i,   ᾱ_0 = 1
 *   q(x_k | x₀) = N(√ᾱ_k x₀, (1 − ᾱ_k) I)
 *   q(x_{k−1} | x_k, x₀) = N(μ̃_k, β̃_k I),
 *   μ̃_k = √ᾱ_{k−1} β_k/(1−ᾱ_k) · x₀ + √α_k (1−ᾱ_{k−1})/(1−ᾱ_k) · x_k,   β̃_k = (1−ᾱ_{k−1}) β_k/(1−ᾱ_k)
 * </pre>
 * (Ho et al. 2020, eqs. 4, 6–7.) {@code log ᾱ_k} is accumulated as a sum of {@code log1p(−β_i)} and
 * {@code 1 − ᾱ_k} is {@code −expm1(log ᾱ_k)}, so neither the product nor the difference loses digits when
 * {@code ᾱ_k} is close to 1. Step indices run from 0 (data) to {@code K} (noise).
 */
public final class DiscreteDdpmSchedule implements DiscreteChain {

    private final int steps;
    private final double[] beta;
    private final double[] logAlphaBar;
    private final double[] oneMinusAlphaBar;
    private final NoiseSchedule continuousTime;

    /**
     * @param steps     K ≥ 2
     * @param betaStart β_1, in (0, 1)
     * @param betaEnd   β_K, in (0, 1)
     */
    public DiscreteDdpmSchedule(int steps, double betaStart, double betaEnd) {
        if (steps < 2) {
            throw new IllegalArgumentException("number of steps K must be at least 2, got " + steps);
        }
        for (double b : new double[] {betaStart, betaEnd}) {
            if (!(b > 0 && b < 1)) {
                throw new IllegalArgumentException("β must lie in (0, 1), got β_start = " + betaStart
                        + ", β_end = " + betaEnd);
            }
        }
        this.steps = steps;
        this.beta = new double[steps + 1];
        this.logAlphaBar = new double[steps + 1];
        this.oneMinusAlphaBar = new double[steps + 1];
        for (int k = 1; k <= steps; k++) {
            beta[k] = betaStart + (k - 1) * (betaEnd - betaStart) / (steps - 1);
            logAlphaBar[k] = logAlphaBar[k - 1] + Math.log1p(-beta[k]);
            oneMinusAlphaBar[k] = -Math.expm1(logAlphaBar[k]);
        }
        this.continuousTime = new InterpolatedDdpmSchedule(logAlphaBar.clone());
    }

    /**
     * The chain as a continuous schedule on [0, 1] with {@code t_k = k/K}, exact at the knots and with {@code log α}
     * linear in t between them; models of the chain are evaluated through it. Always the same instance.
     *
     * @return the continuous-time view
     */
    @Override
    public NoiseSchedule continuousTime() {
        return continuousTime;
    }

    /**
     * @param k the step index
     * @return the time t_k = k/K of step k in {@link #continuousTime()}
     */
    @Override
    public double time(int k) {
        checkStep(k, 0);
        return (double) k / steps;
    }

    /** @return Ho et al.'s schedule: K = 1000, β linear from 1e-4 to 0.02 */
    public static DiscreteDdpmSchedule standard() {
        return new DiscreteDdpmSchedule(1000, 1e-4, 0.02);
    }

    /** @return the number of steps K */
    @Override
    public int steps() {
        return steps;
    }

    private void checkStep(int k, int lowest) {
        if (k < lowest || k > steps) {
            throw new IllegalArgumentException("step index k = " + k + " is outside [" + lowest + ", " + steps + "]");
        }
    }

    /** @return β_k for 1 ≤ k ≤ K */
    @Override
    public double beta(int k) {
        checkStep(k, 1);
        return beta[k];
    }

    /**
     * @param k the step index
     * @return the per-step α_k = 1 − β_k for 1 ≤ k ≤ K (not the marginal coefficient; see {@link #alpha})
     */
    public double alphaStep(int k) {
        checkStep(k, 1);
        return 1.0 - beta[k];
    }

    /** @return ᾱ_k for 0 ≤ k ≤ K */
    @Override
    public double alphaBar(int k) {
        checkStep(k, 0);
        return Math.exp(logAlphaBar[k]);
    }

    /**
     * @param k the step index
     * @return log ᾱ_k for 0 ≤ k ≤ K
     */
    public double logAlphaBar(int k) {
        checkStep(k, 0);
        return logAlphaBar[k];
    }

    /** @return 1 − ᾱ_k for 0 ≤ k ≤ K, computed as −expm1(log ᾱ_k) */
    @Override
    public double oneMinusAlphaBar(int k) {
        checkStep(k, 0);
        return oneMinusAlphaBar[k];
    }

    /**
     * @param k the step index
     * @return the marginal signal coefficient √ᾱ_k, for 0 ≤ k ≤ K
     */
    public double alpha(int k) {
        checkStep(k, 0);
        return Math.exp(0.5 * logAlphaBar[k]);
    }

    /**
     * @param k the step index
     * @return the marginal noise coefficient √(1 − ᾱ_k), for 0 ≤ k ≤ K
     */
    public double sigma(int k) {
        checkStep(k, 0);
        return Math.sqrt(oneMinusAlphaBar[k]);
    }

    /** @return the coefficient of x₀ in μ̃_k: √ᾱ_{k−1} β_k / (1 − ᾱ_k), for 1 ≤ k ≤ K */
    @Override
    public double posteriorMeanCoefficientX0(int k) {
        checkStep(k, 1);
        return Math.exp(0.5 * logAlphaBar[k - 1]) * beta[k] / oneMinusAlphaBar[k];
    }

    /** @return the coefficient of x_k in μ̃_k: √α_k (1 − ᾱ_{k−1}) / (1 − ᾱ_k), for 1 ≤ k ≤ K */
    @Override
    public double posteriorMeanCoefficientXk(int k) {
        checkStep(k, 1);
        return Math.sqrt(1.0 - beta[k]) * oneMinusAlphaBar[k - 1] / oneMinusAlphaBar[k];
    }

    /** @return the posterior variance β̃_k = (1 − ᾱ_{k−1}) β_k / (1 − ᾱ_k), for 1 ≤ k ≤ K */
    @Override
    public double posteriorVariance(int k) {
        checkStep(k, 1);
        return oneMinusAlphaBar[k - 1] * beta[k] / oneMinusAlphaBar[k];
    }
}
