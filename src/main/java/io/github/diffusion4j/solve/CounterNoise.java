package io.github.diffusion4j.solve;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Per-particle counter-based noise: the normals of particle i at (step j, draw m) come from a stream keyed by
 * (seed, i, j, m) and drawn with Commons RNG's ziggurat sampler, so they are the same whatever the batch size, the
 * chunking or the number of threads.
 */
public final class CounterNoise implements NoiseSource {

    private final long seed;
    private final ThreadLocal<Stream> streams = ThreadLocal.withInitial(Stream::new);

    /** @param seed the seed */
    public CounterNoise(long seed) {
        this.seed = seed;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    @Override
    public void normals(int step, int draw, double t0, double t1, int firstParticle, int count, int dimension,
                        double[] out) {
        Stream stream = streams.get();
        for (int p = 0; p < count; p++) {
            stream.random.key(seed, firstParticle + p, step, draw);
            for (int j = 0; j < dimension; j++) {
                out[p * dimension + j] = stream.gaussian.sample();
            }
        }
    }

    /**
     * Standard normal starting points: row i is particle i's vector, keyed by (seed, i) alone, so a particle's starting
     * point does not depend on n.
     *
     * @param n         number of points
     * @param dimension coordinates per point
     * @return n × d normals, row-major
     */
    public double[] normals(int n, int dimension) {
        if (n < 1 || dimension < 1) {
            throw new IllegalArgumentException("need n ≥ 1 and d ≥ 1, got n = " + n + ", d = " + dimension);
        }
        double[] out = new double[n * dimension];
        double[] row = new double[dimension];
        for (int i = 0; i < n; i++) {
            normals(i, -1, 0, row);
            System.arraycopy(row, 0, out, i * dimension, dimension);
        }
        return out;
    }

    /**
     * Normals for one key, e.g. to draw reproducible initial points: particle i's vector depends only on (seed, i,
     * step, draw).
     *
     * @param particle  global particle index
     * @param step      a step index (use −1 for initial points)
     * @param draw      a draw index
     * @param out       receives {@code out.length} normals. Modified.
     */
    public void normals(long particle, int step, int draw, double[] out) {
        Stream stream = streams.get();
        stream.random.key(seed, particle, step, draw);
        for (int j = 0; j < out.length; j++) {
            out[j] = stream.gaussian.sample();
        }
    }

    private static final class Stream {
        final KeyedRandom random = new KeyedRandom();
        final ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
    }
}
