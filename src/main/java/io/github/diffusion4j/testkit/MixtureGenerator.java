package io.github.diffusion4j.testkit;

import java.util.Arrays;

import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Draws {@link MixtureSpec}s from a case seed: d uniform in [1, maxDimension], K uniform in [1, maxComponents], the
 * kind uniform over the allowed kinds, separation log-uniform in [0.1, maxSeparation], condition number log-uniform in
 * [1, maxCondition], skew uniform in [0, maxSkew]. The spec's own seed is the case seed, so a printed spec replays.
 *
 * @param maxDimension  largest d
 * @param maxComponents largest K
 * @param kinds         covariance kinds to draw from
 * @param maxSeparation largest mean scale
 * @param maxCondition  largest condition number of full covariances
 * @param maxSkew       largest weight skew, in decades
 */
public record MixtureGenerator(int maxDimension, int maxComponents, CovarianceKind[] kinds, double maxSeparation,
                               double maxCondition, double maxSkew) {

    /** d ≤ 4, K ≤ 4, every kind, separation ≤ 3, condition ≤ 10³, skew ≤ 3 decades. */
    public static final MixtureGenerator DEFAULT = new MixtureGenerator(4, 4, CovarianceKind.values(), 3, 1e3, 3);

    /**
     * @param maxDimension  largest d
     * @param maxComponents largest K
     * @param kinds         covariance kinds to draw from (copied)
     * @param maxSeparation largest mean scale, ≥ 0.1
     * @param maxCondition  largest condition number of full covariances
     * @param maxSkew       largest weight skew, in decades
     * @throws IllegalArgumentException for an empty kind list or bounds below their minimum
     */
    public MixtureGenerator {
        if (maxDimension < 1 || maxComponents < 1 || kinds.length == 0 || !(maxSeparation >= 0.1)
                || !(maxCondition >= 1) || !(maxSkew >= 0)) {
            throw new IllegalArgumentException("need maxDimension, maxComponents ≥ 1, a kind, maxSeparation ≥ 0.1, "
                    + "maxCondition ≥ 1, maxSkew ≥ 0; got " + maxDimension + ", " + maxComponents + ", "
                    + Arrays.toString(kinds) + ", " + maxSeparation + ", " + maxCondition + ", " + maxSkew);
        }
        kinds = kinds.clone();
    }

    /**
     * @param caseSeed the case's seed
     * @return its spec
     */
    public MixtureSpec spec(long caseSeed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(caseSeed);
        int d = 1 + rng.nextInt(maxDimension);
        int k = 1 + rng.nextInt(maxComponents);
        CovarianceKind kind = kinds[rng.nextInt(kinds.length)];
        double separation = 0.1 * Math.pow(maxSeparation / 0.1, rng.nextDouble());
        double condition = Math.pow(maxCondition, rng.nextDouble());
        double skew = maxSkew * rng.nextDouble();
        return new MixtureSpec(caseSeed, d, k, kind, separation, condition, skew);
    }

    /**
     * @param baseSeed the run's base seed
     * @param count    number of cases
     * @return the specs of {@link CaseSeeds#seeds(long, int)}
     */
    public MixtureSpec[] specs(long baseSeed, int count) {
        return Arrays.stream(CaseSeeds.seeds(baseSeed, count)).mapToObj(this::spec).toArray(MixtureSpec[]::new);
    }

    /** @return a copy of the covariance kinds */
    @Override
    public CovarianceKind[] kinds() {
        return kinds.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MixtureGenerator g && g.maxDimension == maxDimension
                && g.maxComponents == maxComponents && Arrays.equals(g.kinds, kinds)
                && g.maxSeparation == maxSeparation && g.maxCondition == maxCondition && g.maxSkew == maxSkew;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kinds) + Double.hashCode(maxCondition) + maxDimension * 7 + maxComponents;
    }

    @Override
    public String toString() {
        return "MixtureGenerator(d ≤ " + maxDimension + ", K ≤ " + maxComponents + ", " + Arrays.toString(kinds)
                + ", separation ≤ " + maxSeparation + ", condition ≤ " + maxCondition + ", skew ≤ " + maxSkew + ")";
    }
}
