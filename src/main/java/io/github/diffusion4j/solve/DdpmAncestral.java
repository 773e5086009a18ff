package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.DiscreteDdpmSchedule;
import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * Ancestral sampling of the discrete DDPM chain (Ho et al. 2020, Algorithm 2), one chain step per grid step, from
 * k = K down to 0:
 * <pre>
 *   x_{k−1} = μ̃_k(x_k, x̂₀) + √v_k ξ,   μ̃_k = √ᾱ_{k−1} β_k/(1−ᾱ_k) x̂₀ + √α_k (1−ᾱ_{k−1})/(1−ᾱ_k) x_k,
 *   v_k = β̃_k = (1−ᾱ_{k−1})β_k/(1−ᾱ_k) (the true posterior variance) or v_k = β_k (the upper bound),
 * </pre>
 * with no noise on the last step (k = 1), as in Ho et al. The model is evaluated through the chain's
 * {@link DiscreteDdpmSchedule#continuousTime()} at t_k = k/K, where its marginals are exactly the chain's;
 * {@link #grid()} gives those times. With β̃ the step equals {@link Ancestral} between consecutive knots.
 */
public final class DdpmAncestral extends Solver {

    /** Which variance the reverse kernel uses. */
    public enum Variance {
        /** β̃_k, the variance of q(x_{k−1} | x_k, x₀). */
        POSTERIOR,
        /** β_k, the forward step's variance. */
        FORWARD
    }

    private static final int DATA = 1;
    private static final int XI = 2;

    private final DiscreteDdpmSchedule chain;
    private final Variance variance;

    /**
     * @param chain    the discrete chain
     * @param variance which variance to use
     */
    public DdpmAncestral(DiscreteDdpmSchedule chain, Variance variance) {
        super(variance == Variance.POSTERIOR ? "ddpm" : "ddpm(beta)", 1, 3, 1, 0.5);
        this.chain = chain;
        this.variance = variance;
    }

    /** @return the grid t_K = 1 > t_{K−1} > … > t_0 = 0 of the chain's continuous-time view */
    public TimeGrid grid() {
        double[] times = new double[chain.steps() + 1];
        for (int k = chain.steps(); k >= 0; k--) {
            times[chain.steps() - k] = chain.time(k);
        }
        return TimeGrid.of(chain.continuousTime(), times);
    }

    private int index(double t) {
        double x = t * chain.steps();
        long k = Math.round(x);
        if (Math.abs(x - k) > 1e-9) {
            throw new IllegalArgumentException("the DDPM sampler steps between chain indices t_k = k/K, but t = " + t
                    + " is not one (K = " + chain.steps() + ")");
        }
        return (int) k;
    }

    @Override
    public void step(StepContext c, double t0, double t1) {
        NoiseSchedule schedule = c.schedule();
        if (schedule != chain.continuousTime()) {
            throw new IllegalArgumentException("the DDPM sampler needs the model's schedule to be the chain's "
                    + "continuousTime(), got " + schedule.name());
        }
        int k = index(t0);
        if (index(t1) != k - 1) {
            throw new IllegalArgumentException("the DDPM sampler takes one chain step per grid step, but "
                    + t0 + " → " + t1 + " spans indices " + k + " → " + index(t1));
        }
        c.dataPrediction(t0, StepContext.STATE, DATA);
        double keep = chain.posteriorMeanCoefficientXk(k);
        double data = chain.posteriorMeanCoefficientX0(k);
        if (k == 1) {
            c.combine(StepContext.STATE, keep, StepContext.STATE, data, DATA);
            return;
        }
        double v = variance == Variance.POSTERIOR ? chain.posteriorVariance(k) : chain.beta(k);
        c.gaussian(0, XI);
        c.combine(StepContext.STATE, keep, StepContext.STATE, data, DATA, Math.sqrt(v), XI);
    }
}
