package io.github.diffusion4j.schedule;

import io.github.diffusion4j.internal.Numerics;

/**
 * The linear interpolant of rectified flow and conditional optimal transport (Liu et al. 2023; Lipman et al. 2023):
 * <pre>
 *   α = 1 − t,   σ = t,   t ∈ [0, 1]
 *   f = −1/(1 − t),   g² = 2σ²(d log σ/dt − d log α/dt) = 2t/(1 − t)
 *   λ = 2 log((1 − t)/t),   λ⁻¹(y) = 1/(1 + e^{y/2}) = sigmoid(−y/2)
 * </pre>
 * At {@code t = 1}, {@code α = 0}: the marginal is exactly {@code N(0, I)}, {@code f} and {@code g²} are infinite,
 * and a sampler either stops before 1 or starts from ε exactly.
 */
public final class LinearInterpolantSchedule extends NoiseSchedule {

    /** Creates the interpolant on [0, 1]. */
    public LinearInterpolantSchedule() {
        super("linear", 0.0, 1.0);
    }

    @Override
    protected double logAlphaAt(double t) {
        return Math.log1p(-t);
    }

    @Override
    protected double dLogAlphaAt(double t) {
        return -1.0 / (1.0 - t);
    }

    @Override
    protected double logSigmaAt(double t) {
        return Math.log(t);
    }

    @Override
    protected double dLogSigmaAt(double t) {
        return 1.0 / t;
    }

    @Override
    protected double alphaDotAt(double t) {
        return -1.0;
    }

    @Override
    protected double sigmaDotAt(double t) {
        return 1.0;
    }

    @Override
    protected double diffusionSquaredAt(double t) {
        return 2.0 * t / (1.0 - t);
    }

    @Override
    protected double logSnrAt(double t) {
        return 2.0 * (Math.log1p(-t) - Math.log(t));
    }

    @Override
    protected double inverseLogSnrAt(double lambda) {
        return Numerics.sigmoid(-0.5 * lambda);
    }
}
