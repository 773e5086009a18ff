package io.github.diffusion4j.schedule;

import java.util.function.DoubleUnaryOperator;

/**
 * A schedule with the same signal-to-noise path as a base schedule, traversed on another clock and rescaled:
 * <pre>
 *   α(τ) = c(τ) α_base(φ(τ)),   σ(τ) = c(τ) σ_base(φ(τ)),   so   λ(τ) = λ_base(φ(τ)),
 * </pre>
 * with φ a strictly increasing time warp and c &gt; 0 a scale (Kingma et al. 2021, §5.1: the continuous-time loss and
 * the probability-flow map depend on a schedule only through its SNR path, up to the rescaling
 * {@code z ↦ c(τ) z}). Given as φ, φ', log c and (log c)', all on the new domain; the derivatives must be exact
 * (they enter f and g²).
 */
public final class ReparametrisedSchedule extends NoiseSchedule {

    private final NoiseSchedule base;
    private final DoubleUnaryOperator warp;
    private final DoubleUnaryOperator warpDerivative;
    private final DoubleUnaryOperator logScale;
    private final DoubleUnaryOperator logScaleDerivative;

    /**
     * @param name               the schedule's name
     * @param base               the base schedule
     * @param tMin               start of the new domain
     * @param tMax               end of the new domain
     * @param warp               φ: the new domain into the base's, strictly increasing
     * @param warpDerivative     φ'
     * @param logScale           log c
     * @param logScaleDerivative (log c)'
     */
    public ReparametrisedSchedule(String name, NoiseSchedule base, double tMin, double tMax, DoubleUnaryOperator warp,
                                  DoubleUnaryOperator warpDerivative, DoubleUnaryOperator logScale,
                                  DoubleUnaryOperator logScaleDerivative) {
        super(name, tMin, tMax);
        double from = warp.applyAsDouble(tMin);
        double to = warp.applyAsDouble(tMax);
        if (!(from < to) || from < base.tMin() || to > base.tMax()) {
            throw new IllegalArgumentException("the warp must map [" + tMin + ", " + tMax + "] increasingly into "
                    + base.name() + "'s domain [" + base.tMin() + ", " + base.tMax() + "], got [" + from + ", " + to
                    + "]");
        }
        this.base = base;
        this.warp = warp;
        this.warpDerivative = warpDerivative;
        this.logScale = logScale;
        this.logScaleDerivative = logScaleDerivative;
    }

    @Override
    protected double logAlphaAt(double t) {
        return logScale.applyAsDouble(t) + base.logAlphaAt(warp.applyAsDouble(t));
    }

    @Override
    protected double dLogAlphaAt(double t) {
        return logScaleDerivative.applyAsDouble(t)
                + base.dLogAlphaAt(warp.applyAsDouble(t)) * warpDerivative.applyAsDouble(t);
    }

    @Override
    protected double logSigmaAt(double t) {
        return logScale.applyAsDouble(t) + base.logSigmaAt(warp.applyAsDouble(t));
    }

    @Override
    protected double dLogSigmaAt(double t) {
        return logScaleDerivative.applyAsDouble(t)
                + base.dLogSigmaAt(warp.applyAsDouble(t)) * warpDerivative.applyAsDouble(t);
    }
}
