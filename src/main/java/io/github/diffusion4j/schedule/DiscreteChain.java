package io.github.diffusion4j.schedule;

/**
 * A discrete-time Gaussian noising chain {@code q(x_k | x_{k−1}) = N(√(1−β_k) x_{k−1}, β_k I)}, k = 1 … K, described by
 * its coefficients (Ho et al. 2020, eqs. 2–7). {@link DiscreteDdpmSchedule} is the implementation; claims read the
 * chain through this interface so that a deliberately broken variant can be substituted in tests.
 */
public interface DiscreteChain {

    /** @return K */
    int steps();

    /**
     * @param k the step index
     * @return β_k, 1 ≤ k ≤ K
     */
    double beta(int k);

    /**
     * @param k the step index
     * @return ᾱ_k = ∏_{i≤k} (1 − β_i), 0 ≤ k ≤ K
     */
    double alphaBar(int k);

    /**
     * @param k the step index
     * @return 1 − ᾱ_k, 0 ≤ k ≤ K
     */
    double oneMinusAlphaBar(int k);

    /**
     * @param k the step index
     * @return the coefficient of x₀ in μ̃_k, 1 ≤ k ≤ K
     */
    double posteriorMeanCoefficientX0(int k);

    /**
     * @param k the step index
     * @return the coefficient of x_k in μ̃_k, 1 ≤ k ≤ K
     */
    double posteriorMeanCoefficientXk(int k);

    /**
     * @param k the step index
     * @return β̃_k, 1 ≤ k ≤ K
     */
    double posteriorVariance(int k);

    /**
     * The chain as a continuous schedule on [0, 1]: {@code t_k = k/K}, {@code α(t_k)² = ᾱ_k} exactly at the knots and
     * log α linear in t between them, so that models and exact marginals of the chain are evaluated through it. The
     * default builds it from {@link #alphaBar}; implementations with a more accurate log ᾱ override it.
     *
     * @return the continuous-time view
     */
    default NoiseSchedule continuousTime() {
        double[] logAlphaBar = new double[steps() + 1];
        for (int k = 0; k <= steps(); k++) {
            logAlphaBar[k] = Math.log(alphaBar(k));
        }
        return new InterpolatedDdpmSchedule(logAlphaBar);
    }

    /**
     * @param k the step index, 0 ≤ k ≤ K
     * @return the time t_k = k/K of step k in {@link #continuousTime()}
     */
    default double time(int k) {
        return (double) k / steps();
    }
}
