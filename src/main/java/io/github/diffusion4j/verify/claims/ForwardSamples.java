package io.github.diffusion4j.verify.claims;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Draws of the forward process at one time, keeping both halves: {@code x₀} from the data, {@code ε ~ N(0, I)} and
 * {@code z = α x₀ + σ ε}, n × d each, row-major — what the loss identities (DSM, CFM, ELBO) average over.
 *
 * @param x0    the data draws
 * @param eps   the noise draws
 * @param z     the noised points
 * @param alpha α(t)
 * @param sigma σ(t)
 * @param n     the number of draws
 * @param d     the dimension
 */
record ForwardSamples(double[] x0, double[] eps, double[] z, double alpha, double sigma, int n, int d) {

    /**
     * @param data     the data
     * @param schedule the forward process
     * @param t        the time
     * @param n        the number of draws
     * @param seed     the seed (the same seed gives the same x₀ and ε at every t)
     * @return the draws
     */
    static ForwardSamples draw(GaussianMixture data, NoiseSchedule schedule, double t, int n, long seed) {
        int d = data.dimension();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] x0 = new double[n * d];
        data.sample(rng, n, x0, null);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        double[] eps = new double[n * d];
        double[] z = new double[n * d];
        for (int i = 0; i < n * d; i++) {
            eps[i] = normal.sample();
            z[i] = alpha * x0[i] + sigma * eps[i];
        }
        return new ForwardSamples(x0, eps, z, alpha, sigma, n, d);
    }
}
