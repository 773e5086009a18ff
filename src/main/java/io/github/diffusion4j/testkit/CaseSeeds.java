package io.github.diffusion4j.testkit;

/**
 * The seeds of generated cases: case i of a run with base seed b has seed {@code mix(b + i)} (the SplitMix64
 * finaliser, Steele et al. 2014), so neighbouring cases are unrelated and any single case can be replayed from its
 * seed alone. The system property {@value #PROPERTY} replaces a whole run by the one case with that seed.
 */
public final class CaseSeeds {

    /** Set to a case seed (as printed in a failure) to run only that case. */
    public static final String PROPERTY = "diffusion4j.testkit.seed";

    private CaseSeeds() {
    }

    /**
     * @param base  the run's base seed
     * @param count the number of cases
     * @return the case seeds: {@code count} of them, or the one pinned by {@value #PROPERTY}
     * @throws IllegalArgumentException if the property is set but not a long
     */
    public static long[] seeds(long base, int count) {
        String pinned = System.getProperty(PROPERTY);
        if (pinned != null && !pinned.isBlank()) {
            try {
                return new long[] {Long.decode(pinned.trim())};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + pinned + " is not a long", e);
            }
        }
        if (count < 1) {
            throw new IllegalArgumentException("need at least one case, got count = " + count);
        }
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = mix(base + i);
        }
        return seeds;
    }

    /**
     * @param x any long
     * @return the SplitMix64 finaliser of x
     */
    public static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
