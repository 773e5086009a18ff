package io.github.diffusion4j.schedule;

import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;

/**
 * A forward noising process {@code z_t = α(t) x₀ + σ(t) ε}, {@code ε ~ N(0, I)}, on {@code t ∈ [tMin, tMax]},
 * with {@code t = 0} the data end (docs/THEORY.md §0–§1).
 *
 * <p>A schedule is defined by one primitive: {@code log α(t)}, {@code log σ(t)} and their time derivatives. Every
 * other quantity derives from it:
 * <pre>
 *   α̇ = α · d log α/dt          σ̇ = σ · d log σ/dt
 *   λ  = log(α²/σ²)             (full log-SNR; strictly decreasing)
 *   λ½ = log(α/σ) = λ/2         (half log-SNR, used by the DPM-Solver papers)
 *   dλ/dt = 2 (d log α/dt − d log σ/dt)
 *   f  = d log α/dt             (drift coefficient of dz = f z dt + g dW)
 *   g² = dσ²/dt − 2 f σ² = −σ² dλ/dt
 * </pre>
 * Subclasses supply the primitive in closed form and may override a derived quantity where a closed form is more
 * accurate than the generic route (for instance {@code g² = β(t)} on VP, which avoids {@code 0 · ∞} at
 * {@code t = 0}). The inverse log-SNR {@code λ⁻¹} is a bracketed root find unless a subclass supplies a closed form.
 *
 * <p>Every public method validates its time argument: a time that is NaN or outside {@code [tMin, tMax]} raises an
 * {@link IllegalArgumentException} naming the value and the domain. Instances are immutable and thread-safe.
 */
public abstract class NoiseSchedule {

    private final String name;
    private final double tMin;
    private final double tMax;

    /**
     * @param name a short identifier, e.g. {@code "vp-linear"}
     * @param tMin the smallest valid time (usually 0)
     * @param tMax the largest valid time {@code T}
     */
    protected NoiseSchedule(String name, double tMin, double tMax) {
        if (!(tMin < tMax) || !Double.isFinite(tMin) || !Double.isFinite(tMax)) {
            throw new IllegalArgumentException("schedule domain must satisfy finite tMin < tMax, got [" + tMin + ", " + tMax + "]");
        }
        this.name = name;
        this.tMin = tMin;
        this.tMax = tMax;
    }

    /**
     * @param t the time
     * @return log α(t); {@code t} is already validated.
     */
    protected abstract double logAlphaAt(double t);

    /**
     * @param t the time
     * @return d log α / dt at {@code t}; {@code t} is already validated.
     */
    protected abstract double dLogAlphaAt(double t);

    /**
     * @param t the time
     * @return log σ(t); {@code t} is already validated.
     */
    protected abstract double logSigmaAt(double t);

    /**
     * @param t the time
     * @return d log σ / dt at {@code t}; {@code t} is already validated.
     */
    protected abstract double dLogSigmaAt(double t);

    /**
     * @param t validated time
     * @return {@code g²(t) = −σ² dλ/dt = 2σ²(d log σ/dt − d log α/dt)}; override where a closed form is more accurate
     */
    protected double diffusionSquaredAt(double t) {
        double sigma = Math.exp(logSigmaAt(t));
        return 2.0 * sigma * sigma * (dLogSigmaAt(t) - dLogAlphaAt(t));
    }

    /**
     * @param t validated time
     * @return {@code α̇ = α · d log α/dt}; override where that product is {@code 0 · ∞} (e.g. {@code α = 0})
     */
    protected double alphaDotAt(double t) {
        return Math.exp(logAlphaAt(t)) * dLogAlphaAt(t);
    }

    /**
     * @param t validated time
     * @return {@code σ̇ = σ · d log σ/dt}; override where that product is {@code 0 · ∞} (e.g. {@code σ = 0})
     */
    protected double sigmaDotAt(double t) {
        return Math.exp(logSigmaAt(t)) * dLogSigmaAt(t);
    }

    /**
     * @param t validated time
     * @return {@code λ(t) = 2(log α − log σ)}; override where a closed form is more accurate
     */
    protected double logSnrAt(double t) {
        return 2.0 * (logAlphaAt(t) - logSigmaAt(t));
    }

    /**
     * The inverse of the log-SNR on {@code [tMin, tMax]}. The default is a bracketed root find (Hipparchus'
     * {@link BracketingNthOrderBrentSolver}) to an absolute time accuracy of {@code 4 ulp(tMax)}; subclasses
     * override it with a closed form where one exists.
     *
     * @param lambda a log-SNR value already checked to lie in {@code [λ(tMax), λ(tMin)]}
     * @return {@code t} with {@code λ(t) = lambda}
     */
    protected double inverseLogSnrAt(double lambda) {
        return solveInverseLogSnr(lambda);
    }

    /**
     * The generic bracketed root find for {@code λ⁻¹}, exposed so that tests can compare it to closed forms.
     * Infinite log-SNR values at the ends of the domain (e.g. {@code λ(0) = +∞} on VP) are clamped to
     * {@code ±Double.MAX_VALUE} so that the bracket keeps its signs.
     *
     * @param lambda the target log-SNR, inside {@code [λ(tMax), λ(tMin)]}
     * @return the time at which the log-SNR equals {@code lambda}
     */
    public final double solveInverseLogSnr(double lambda) {
        checkLogSnr(lambda);
        double lambdaAtMin = logSnrAt(tMin);
        double lambdaAtMax = logSnrAt(tMax);
        if (lambda == lambdaAtMin) {
            return tMin;
        }
        if (lambda == lambdaAtMax) {
            return tMax;
        }
        BracketingNthOrderBrentSolver solver =
                new BracketingNthOrderBrentSolver(1e-300, 4 * Math.ulp(tMax), 1e-300, 5);
        try {
            return solver.solve(10_000, t -> clampInfinite(logSnrAt(t) - lambda), tMin, tMax);
        } catch (MathIllegalArgumentException e) {
            throw new ArithmeticException("could not invert the log-SNR of schedule " + name + " at λ = " + lambda
                    + ": " + e.getMessage());
        }
    }

    private static double clampInfinite(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return Double.MAX_VALUE;
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return -Double.MAX_VALUE;
        }
        return x;
    }

    /** @return the schedule's short identifier */
    public final String name() {
        return name;
    }

    /** @return the smallest valid time */
    public final double tMin() {
        return tMin;
    }

    /** @return the largest valid time {@code T} */
    public final double tMax() {
        return tMax;
    }

    /**
     * The first time of the reverse dynamics: T, or 0.999 T where α(T) = 0 (the linear interpolant), since the
     * probability-flow drift f = α̇/α and the score of p_T are singular there.
     *
     * @return the time reverse-time samplers start from by default
     */
    public final double reverseStart() {
        return alpha(tMax) > 0 ? tMax : 0.999 * tMax;
    }

    /**
     * @param t a time
     * @throws IllegalArgumentException if {@code t} is NaN or outside {@code [tMin, tMax]}
     */
    public final void checkTime(double t) {
        if (!(t >= tMin && t <= tMax)) {
            throw new IllegalArgumentException(
                    "t = " + t + " is outside the domain [" + tMin + ", " + tMax + "] of schedule " + name);
        }
    }

    private void checkLogSnr(double lambda) {
        double hi = logSnrAt(tMin);
        double lo = logSnrAt(tMax);
        if (!(lambda >= lo && lambda <= hi)) {
            throw new IllegalArgumentException("log-SNR λ = " + lambda + " is outside the range [" + lo + ", " + hi
                    + "] of schedule " + name);
        }
    }

    /**
     * @param t the time
     * @return {@code log α(t)}
     */
    public final double logAlpha(double t) {
        checkTime(t);
        return logAlphaAt(t);
    }

    /**
     * @param t the time
     * @return {@code log σ(t)}
     */
    public final double logSigma(double t) {
        checkTime(t);
        return logSigmaAt(t);
    }

    /**
     * @param t the time
     * @return the signal coefficient {@code α(t)}
     */
    public final double alpha(double t) {
        checkTime(t);
        return Math.exp(logAlphaAt(t));
    }

    /**
     * @param t the time
     * @return the noise coefficient {@code σ(t)}
     */
    public final double sigma(double t) {
        checkTime(t);
        return Math.exp(logSigmaAt(t));
    }

    /**
     * @param t the time
     * @return {@code dα/dt}
     */
    public final double alphaDot(double t) {
        checkTime(t);
        return alphaDotAt(t);
    }

    /**
     * @param t the time
     * @return {@code dσ/dt}
     */
    public final double sigmaDot(double t) {
        checkTime(t);
        return sigmaDotAt(t);
    }

    /**
     * @param t the time
     * @return the full log-SNR {@code λ(t) = log(α²/σ²)}
     */
    public final double logSnr(double t) {
        checkTime(t);
        return logSnrAt(t);
    }

    /**
     * @param t the time
     * @return the half log-SNR {@code λ½(t) = log(α/σ) = λ(t)/2} used by the DPM-Solver papers
     */
    public final double halfLogSnr(double t) {
        return 0.5 * logSnr(t);
    }

    /**
     * @param t the time
     * @return {@code dλ/dt = 2(d log α/dt − d log σ/dt)}, negative
     */
    public final double logSnrDerivative(double t) {
        checkTime(t);
        return 2.0 * (dLogAlphaAt(t) - dLogSigmaAt(t));
    }

    /**
     * @param t the time
     * @return the drift coefficient {@code f(t) = d log α/dt} of {@code dz = f z dt + g dW}
     */
    public final double drift(double t) {
        checkTime(t);
        return dLogAlphaAt(t);
    }

    /**
     * @param t the time
     * @return the squared diffusion coefficient {@code g²(t) = −σ² dλ/dt} of {@code dz = f z dt + g dW}
     */
    public final double diffusionSquared(double t) {
        checkTime(t);
        return diffusionSquaredAt(t);
    }

    /**
     * @param lambda a full log-SNR value in {@code [λ(tMax), λ(tMin)]}
     * @return the time {@code t = λ⁻¹(lambda)}
     * @throws IllegalArgumentException if {@code lambda} is NaN or outside the schedule's log-SNR range
     */
    public final double inverseLogSnr(double lambda) {
        checkLogSnr(lambda);
        return Math.min(tMax, Math.max(tMin, inverseLogSnrAt(lambda)));
    }

    /**
     * @param halfLambda a half log-SNR value {@code log(α/σ)}
     * @return the time {@code t} with {@code λ½(t) = halfLambda}, i.e. {@code λ⁻¹(2 · halfLambda)}
     */
    public final double inverseHalfLogSnr(double halfLambda) {
        return inverseLogSnr(2.0 * halfLambda);
    }

    @Override
    public String toString() {
        return name + " on [" + tMin + ", " + tMax + "]";
    }
}
