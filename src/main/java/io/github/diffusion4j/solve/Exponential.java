package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/** Shared coefficient arithmetic of the exponential integrators, in the half log-SNR {@code λ½ = log(α/σ)}. */
final class Exponential {

    private Exponential() {
    }

    /**
     * @return {@code h = λ½(s) − λ½(t)} for a step from t to s &lt; t (positive; +∞ when σ(s) = 0)
     */
    static double step(NoiseSchedule schedule, double t, double s) {
        return schedule.halfLogSnr(s) - schedule.halfLogSnr(t);
    }

    /**
     * {@code σ_s (e^h − 1)} with {@code e^h = α_s σ_t / (σ_s α_t)}: computed with expm1 for accuracy at small h, and
     * as its limit {@code α_s σ_t / α_t} when σ_s = 0 (h = ∞).
     */
    static double sigmaExpm1(NoiseSchedule schedule, double t, double s, double h) {
        double sigmaS = schedule.sigma(s);
        if (sigmaS == 0) {
            return schedule.alpha(s) * schedule.sigma(t) / schedule.alpha(t);
        }
        return sigmaS * Math.expm1(h);
    }

    /** φ₂(x) = (e^x − 1 − x)/x², by its series near 0 where the direct form cancels. */
    static double phi2(double x) {
        if (Math.abs(x) < 1e-3) {
            return 0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x / 120));
        }
        return (Math.expm1(x) - x) / (x * x);
    }

    /**
     * Requires finite λ at both ends of a step.
     *
     * @throws IllegalArgumentException naming the solver and the time
     */
    static void requireFiniteLogSnr(String solver, NoiseSchedule schedule, double t, double s) {
        for (double time : new double[] {t, s}) {
            double lambda = schedule.logSnr(time);
            if (!Double.isFinite(lambda)) {
                throw new IllegalArgumentException(solver + " needs a finite log-SNR at every grid time, but λ("
                        + time + ") = " + lambda + "; end the grid at t > " + schedule.tMin()
                        + " or use a solver that can step to σ = 0");
            }
        }
    }

    /** Requires α(t) &gt; 0 (a finite starting log-SNR). */
    static void requirePositiveAlpha(String solver, NoiseSchedule schedule, double t) {
        if (!(schedule.alpha(t) > 0)) {
            throw new IllegalArgumentException(solver + " needs α(t) > 0, but α(" + t + ") = " + schedule.alpha(t)
                    + "; start the grid below " + schedule.tMax());
        }
    }
}
