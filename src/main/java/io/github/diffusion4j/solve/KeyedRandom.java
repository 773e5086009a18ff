package io.github.diffusion4j.solve;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A SplitMix64 stream (Steele, Lea and Flood 2014) whose start is a hash of a key (seed, particle, step, draw), re-keyed
 * in place so that per-particle, per-step streams cost no allocation. The key is absorbed one word at a time with the
 * SplitMix64 finaliser (a bijection of 64-bit words with full avalanche), so distinct keys give unrelated starting
 * points on the 2⁶⁴-periodic sequence; streams are a few dozen draws long, so overlaps have probability ~2⁻⁴⁰.
 *
 * <p>Commons RNG's counter-based Philox4x64 would serve too, but it cannot be re-keyed without allocating a new
 * instance per particle and step.
 */
final class KeyedRandom implements UniformRandomProvider {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** Sets the stream to the one named by the key. */
    void key(long seed, long particle, long step, long draw) {
        long h = mix(seed + GOLDEN_GAMMA);
        h = mix(h ^ (particle * 0xD1B54A32D192ED03L + 1));
        h = mix(h ^ (step * 0xABC98388FB8FAC03L + 2));
        h = mix(h ^ (draw * 0x8CB92BA72F3D8DD7L + 3));
        state = h;
    }

    @Override
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** The SplitMix64 output function (Stafford's mix variant 13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
