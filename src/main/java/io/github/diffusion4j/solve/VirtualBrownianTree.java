package io.github.diffusion4j.solve;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A seeded Brownian path per particle on {@code [tLow, tHigh]} that can be queried at any time, consistently: the
 * value at a time is the same however the path was queried before, so solvers on nested grids see the same path
 * (Gaines and Lyons 1997; diffrax's {@code VirtualBrownianTree}).
 *
 * <p>{@code W(tLow) = 0} and {@code W(tHigh) ~ N(0, (tHigh − tLow) I)}. A query descends the dyadic tree of the
 * interval: at a node {@code [l, r]} with known end values the midpoint value is the Brownian bridge sample
 * {@code (W(l) + W(r))/2 + √((r − l)/4) ξ_node}, with {@code ξ_node} keyed by (seed, particle, node), until the query
 * time is a node point (within 8 ulp) — exact for dyadic times, as on nested uniform grids with 2^k steps — or the
 * depth limit (48 levels, intervals of 2⁻⁴⁸ of the range) is reached, where a last bridge sample keyed by the time
 * is drawn. Cost: one d-vector of normals per level per query.
 *
 * <p>As a {@link NoiseSource}, draw 0 of a step is {@code (W(t0) − W(t1))/√(t0 − t1)}; further draws of a step
 * (solvers needing more than one normal vector per step) come from {@link CounterNoise} with the same seed.
 */
public final class VirtualBrownianTree implements NoiseSource {

    private static final int MAX_DEPTH = 48;
    private static final long ROOT_STEP = -1_000_003L;
    private static final long LEAF_STEP = -1_000_033L;

    private final long seed;
    private final double tLow;
    private final double tHigh;
    private final double tolerance;
    private final CounterNoise extraDraws;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /**
     * @param seed  the seed
     * @param tLow  the start of the path's domain
     * @param tHigh the end of the path's domain
     */
    public VirtualBrownianTree(long seed, double tLow, double tHigh) {
        if (!(tLow < tHigh) || !Double.isFinite(tLow) || !Double.isFinite(tHigh)) {
            throw new IllegalArgumentException("need finite tLow < tHigh, got [" + tLow + ", " + tHigh + "]");
        }
        this.seed = seed;
        this.tLow = tLow;
        this.tHigh = tHigh;
        this.tolerance = 8 * Math.ulp(Math.max(Math.abs(tLow), Math.abs(tHigh)));
        this.extraDraws = new CounterNoise(seed);
    }

    /**
     * The path value W(t) of one particle.
     *
     * @param particle global particle index
     * @param t        a time in [tLow, tHigh]
     * @param out      receives W(t), length = the dimension. Modified.
     */
    public void value(long particle, double t, double[] out) {
        if (!(t >= tLow - tolerance && t <= tHigh + tolerance)) {
            throw new IllegalArgumentException("t = " + t + " is outside the Brownian tree's domain [" + tLow + ", "
                    + tHigh + "]");
        }
        Scratch s = scratch.get();
        int d = out.length;
        s.ensure(d);
        double l = tLow;
        double r = tHigh;
        java.util.Arrays.fill(s.left, 0, d, 0.0);
        draw(s, particle, ROOT_STEP, 1, d);
        double rootScale = Math.sqrt(tHigh - tLow);
        for (int j = 0; j < d; j++) {
            s.right[j] = rootScale * s.normals[j];
        }
        long node = 1;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            if (Math.abs(t - l) <= tolerance) {
                System.arraycopy(s.left, 0, out, 0, d);
                return;
            }
            if (Math.abs(t - r) <= tolerance) {
                System.arraycopy(s.right, 0, out, 0, d);
                return;
            }
            double m = l + 0.5 * (r - l);
            draw(s, particle, node, 0, d);
            double scale = Math.sqrt(0.25 * (r - l));
            boolean goLeft = t < m;
            for (int j = 0; j < d; j++) {
                double mid = 0.5 * (s.left[j] + s.right[j]) + scale * s.normals[j];
                if (goLeft) {
                    s.right[j] = mid;
                } else {
                    s.left[j] = mid;
                }
            }
            if (goLeft) {
                r = m;
                node = 2 * node;
            } else {
                l = m;
                node = 2 * node + 1;
            }
        }
        draw(s, particle, LEAF_STEP, Double.doubleToLongBits(t), d);
        double fraction = (t - l) / (r - l);
        double scale = Math.sqrt(Math.max(0.0, (t - l) * (r - t) / (r - l)));
        for (int j = 0; j < d; j++) {
            out[j] = s.left[j] + fraction * (s.right[j] - s.left[j]) + scale * s.normals[j];
        }
    }

    private void draw(Scratch s, long particle, long step, long draw, int d) {
        s.random.key(seed, particle, step, draw);
        for (int j = 0; j < d; j++) {
            s.normals[j] = s.gaussian.sample();
        }
    }

    @Override
    public void normals(int step, int draw, double t0, double t1, int firstParticle, int count, int dimension,
                        double[] out) {
        if (draw > 0) {
            extraDraws.normals(step, draw, t0, t1, firstParticle, count, dimension, out);
            return;
        }
        Scratch s = scratch.get();
        s.ensure(dimension);
        double scale = 1.0 / Math.sqrt(t0 - t1);
        for (int p = 0; p < count; p++) {
            value(firstParticle + p, t0, s.upper);
            value(firstParticle + p, t1, s.lower);
            for (int j = 0; j < dimension; j++) {
                out[p * dimension + j] = (s.upper[j] - s.lower[j]) * scale;
            }
        }
    }

    private static final class Scratch {
        final KeyedRandom random = new KeyedRandom();
        final ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        double[] left = new double[0];
        double[] right = new double[0];
        double[] normals = new double[0];
        double[] upper = new double[0];
        double[] lower = new double[0];

        void ensure(int d) {
            if (left.length < d) {
                left = new double[d];
                right = new double[d];
                normals = new double[d];
                upper = new double[d];
                lower = new double[d];
            }
        }
    }
}
