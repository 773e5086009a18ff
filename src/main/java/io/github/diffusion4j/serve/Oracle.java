package io.github.diffusion4j.serve;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The exact answers the server gives: a mixture's marginals under one schedule. Every method computes what the
 * command line computes for the same input, by the same code ({@link MixtureMarginal} for {@code eval},
 * {@link GaussianMixture#sampleMarginal} with {@code XO_RO_SHI_RO_128_PP} for {@code sample}), so answers are
 * bit-identical to the CLI's.
 *
 * <p>Thread-safe: each request thread has a marginal of its own ({@link MixtureMarginal} is not thread-safe).
 */
final class Oracle {

    private final String name;
    private final GaussianMixture mixture;
    private final NoiseSchedule schedule;
    private final ThreadLocal<MixtureMarginal> marginals;

    /**
     * @param name     the data's name as the CLI reports it (a built-in problem or the mixture file)
     * @param mixture  the data law p₀
     * @param schedule the forward process
     */
    Oracle(String name, GaussianMixture mixture, NoiseSchedule schedule) {
        this.name = name;
        this.mixture = mixture;
        this.schedule = schedule;
        this.marginals = ThreadLocal.withInitial(mixture::marginal);
    }

    /** @return the data's name */
    String name() {
        return name;
    }

    /** @return the data law */
    GaussianMixture mixture() {
        return mixture;
    }

    /** @return the forward process */
    NoiseSchedule schedule() {
        return schedule;
    }

    /** @return the data's dimension d */
    int dimension() {
        return mixture.dimension();
    }

    /**
     * @param quantity what to compute
     * @param t        a time in the schedule's domain
     * @param z        n points, row-major, finite. Not modified.
     * @param n        number of points, ≥ 1
     * @return n × width values, row-major
     * @throws IllegalArgumentException if t is outside the schedule's domain (the schedule's own message)
     */
    double[] evaluate(Quantity quantity, double t, double[] z, int n) {
        MixtureMarginal marginal = marginals.get().setTime(schedule, t);
        double[] out = new double[n * quantity.width(mixture.dimension(), mixture.components())];
        quantity.evaluate(marginal, z, n, out);
        return out;
    }

    /**
     * @param t    a time in the schedule's domain
     * @param n    number of samples, ≥ 1
     * @param seed the seed of {@code XO_RO_SHI_RO_128_PP}, as {@code sample --seed}
     * @return n × d exact samples of p_t, row-major
     * @throws IllegalArgumentException if t is outside the schedule's domain
     */
    double[] sample(double t, int n, long seed) {
        schedule.checkTime(t);
        return mixture.sampleMarginal(schedule, t, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), n);
    }
}
