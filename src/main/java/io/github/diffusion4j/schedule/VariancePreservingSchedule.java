package io.github.diffusion4j.schedule;

import io.github.diffusion4j.internal.Numerics;

/**
 * Base of the variance-preserving family, {@code σ² = 1 − α²}, in which only {@code log α} is free.
 *
 * <p>With {@code f = d log α/dt} this gives, in forms that stay accurate as {@code t → 0} (where
 * {@code σ → 0}):
 * <pre>
 *   σ²      = −expm1(2 log α)
 *   λ       = log(α²/σ²) = −log(expm1(−2 log α))
 *   d log σ/dt = −f α²/σ² = −f / expm1(−2 log α)
 *   σ̇       = −α² f / σ
 *   g²      = −2 f = β(t)          (since α² + σ² = 1)
 *   λ⁻¹(y): α² = sigmoid(y), i.e. log α = −½ softplus(−y), then t = (log α)⁻¹
 * </pre>
 * (Song et al. 2021, "Score-based generative modeling through SDEs", §3.4 and Appendix B.)
 */
public abstract class VariancePreservingSchedule extends NoiseSchedule {

    /**
     * @param name schedule identifier
     * @param tMin smallest valid time
     * @param tMax largest valid time
     */
    protected VariancePreservingSchedule(String name, double tMin, double tMax) {
        super(name, tMin, tMax);
    }

    /**
     * @param logAlpha a value of {@code log α} attained on the domain
     * @return the time at which {@code log α(t) = logAlpha}
     */
    protected abstract double timeOfLogAlpha(double logAlpha);

    @Override
    protected final double logSigmaAt(double t) {
        return 0.5 * Math.log(-Math.expm1(2.0 * logAlphaAt(t)));
    }

    @Override
    protected final double dLogSigmaAt(double t) {
        return -dLogAlphaAt(t) / Math.expm1(-2.0 * logAlphaAt(t));
    }

    @Override
    protected final double sigmaDotAt(double t) {
        double logAlpha = logAlphaAt(t);
        double sigma = Math.sqrt(-Math.expm1(2.0 * logAlpha));
        double f = dLogAlphaAt(t);
        if (sigma == 0.0) {
            return f == 0.0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return -Math.exp(2.0 * logAlpha) * f / sigma;
    }

    @Override
    protected final double diffusionSquaredAt(double t) {
        return -2.0 * dLogAlphaAt(t);
    }

    @Override
    protected final double logSnrAt(double t) {
        return -Math.log(Math.expm1(-2.0 * logAlphaAt(t)));
    }

    @Override
    protected double inverseLogSnrAt(double lambda) {
        return timeOfLogAlpha(-0.5 * Numerics.softplus(-lambda));
    }
}
