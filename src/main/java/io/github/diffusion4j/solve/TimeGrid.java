package io.github.diffusion4j.solve;

import java.util.Arrays;

import io.github.diffusion4j.internal.Sizes;
import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * A strictly decreasing sequence of times {@code t_0 > t_1 > … > t_N} inside a schedule's domain: the steps of a
 * reverse-time sampler, from noise ({@code t_0}) towards data ({@code t_N}).
 *
 * <p>Constructions:
 * <ul>
 *   <li>{@link #uniformTime}: {@code t_i = t_0 + (i/N)(t_N − t_0)};</li>
 *   <li>{@link #uniformLogSnr}: λ uniform between λ(t_0) and λ(t_N), mapped back with λ⁻¹; the end points are the
 *       given times exactly (Lu et al. 2022);</li>
 *   <li>{@link #quadratic}: uniform in {@code √t}, {@code t_i = (√t_0 + (i/N)(√t_N − √t_0))²} (Song et al. 2021a,
 *       DDIM; Lu et al. 2022);</li>
 *   <li>{@link #karras}: the EDM grid (Karras et al. 2022, eq. 5) in the noise level {@code σ̃ = σ/α = e^{−λ/2}},
 *       {@code σ̃_i = (σ̃_max^{1/ρ} + i/(N−1)(σ̃_min^{1/ρ} − σ̃_max^{1/ρ}))^ρ}, mapped to t with λ⁻¹, and a final point
 *       with σ = 0 appended when the schedule reaches it ({@code t_N = tMin}); on the EDM schedule {@code t = σ̃};</li>
 *   <li>{@link #of}: explicit times.</li>
 * </ul>
 * Every construction is validated: at least one step, finite times inside the domain, strictly decreasing.
 */
public final class TimeGrid {

    private final double[] times;

    private TimeGrid(double[] times) {
        this.times = times;
    }

    /**
     * @param schedule the schedule whose domain the times must lie in
     * @param times    the times, strictly decreasing, at least two. Not modified.
     * @return the grid
     * @throws IllegalArgumentException naming the offending time or index
     */
    public static TimeGrid of(NoiseSchedule schedule, double... times) {
        if (times == null || times.length < 2) {
            throw new IllegalArgumentException("a time grid needs at least two times (one step), got "
                    + (times == null ? "null" : times.length));
        }
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            if (!(t >= schedule.tMin() && t <= schedule.tMax())) {
                throw new IllegalArgumentException("time t_" + i + " = " + t + " is outside the domain ["
                        + schedule.tMin() + ", " + schedule.tMax() + "] of schedule " + schedule.name());
            }
            if (i > 0 && !(t < times[i - 1])) {
                throw new IllegalArgumentException("times must be strictly decreasing, but t_" + i + " = " + t
                        + " follows t_" + (i - 1) + " = " + times[i - 1]);
            }
        }
        return new TimeGrid(times.clone());
    }

    private static void checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("number of steps must be at least 1, got " + steps);
        }
        Sizes.arrayLength(steps + 1L, 1, "a grid of " + steps + " steps");
    }

    /**
     * @param schedule the schedule
     * @param start    t_0 (the larger time)
     * @param end      t_N
     * @param steps    N ≥ 1
     * @return the uniform grid
     */
    public static TimeGrid uniformTime(NoiseSchedule schedule, double start, double end, int steps) {
        checkSteps(steps);
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            t[i] = start + (end - start) * i / steps;
        }
        t[steps] = end;
        return of(schedule, t);
    }

    /**
     * @param schedule the schedule
     * @param start    t_0, with finite λ
     * @param end      t_N, with finite λ
     * @param steps    N ≥ 1
     * @return the grid uniform in the log-SNR
     */
    public static TimeGrid uniformLogSnr(NoiseSchedule schedule, double start, double end, int steps) {
        checkSteps(steps);
        double lambdaStart = schedule.logSnr(start);
        double lambdaEnd = schedule.logSnr(end);
        if (!Double.isFinite(lambdaStart) || !Double.isFinite(lambdaEnd)) {
            throw new IllegalArgumentException("a grid uniform in log-SNR needs finite λ at both ends, but λ(" + start
                    + ") = " + lambdaStart + " and λ(" + end + ") = " + lambdaEnd);
        }
        double[] t = new double[steps + 1];
        t[0] = start;
        t[steps] = end;
        for (int i = 1; i < steps; i++) {
            t[i] = schedule.inverseLogSnr(lambdaStart + (lambdaEnd - lambdaStart) * i / steps);
        }
        return of(schedule, t);
    }

    /**
     * @param schedule the schedule
     * @param start    t_0 ≥ 0
     * @param end      t_N ≥ 0
     * @param steps    N ≥ 1
     * @return the grid uniform in √t
     */
    public static TimeGrid quadratic(NoiseSchedule schedule, double start, double end, int steps) {
        checkSteps(steps);
        if (!(start >= 0 && end >= 0)) {
            throw new IllegalArgumentException("a quadratic grid needs non-negative times, got " + start + " and " + end);
        }
        double a = Math.sqrt(start);
        double b = Math.sqrt(end);
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double r = a + (b - a) * i / steps;
            t[i] = r * r;
        }
        t[0] = start;
        t[steps] = end;
        return of(schedule, t);
    }

    /**
     * @param schedule the schedule
     * @param sigmaMin the smallest positive noise level σ̃_min = σ/α
     * @param sigmaMax the largest noise level σ̃_max
     * @param levels   N ≥ 2 positive noise levels; the grid has N steps if a σ = 0 point is appended, else N − 1
     * @param rho      ρ (7 in EDM)
     * @return the Karras grid
     */
    public static TimeGrid karras(NoiseSchedule schedule, double sigmaMin, double sigmaMax, int levels, double rho) {
        if (levels < 2) {
            throw new IllegalArgumentException("a Karras grid needs at least 2 noise levels, got " + levels);
        }
        if (!(sigmaMin > 0 && sigmaMax > sigmaMin) || !Double.isFinite(sigmaMax) || !(rho > 0)) {
            throw new IllegalArgumentException("need 0 < σ_min < σ_max and ρ > 0, got σ_min = " + sigmaMin
                    + ", σ_max = " + sigmaMax + ", ρ = " + rho);
        }
        boolean reachesZero = schedule.logSnr(schedule.tMin()) == Double.POSITIVE_INFINITY;
        double[] t = new double[levels + (reachesZero ? 1 : 0)];
        double a = Math.pow(sigmaMax, 1 / rho);
        double b = Math.pow(sigmaMin, 1 / rho);
        for (int i = 0; i < levels; i++) {
            double sigma = Math.pow(a + (b - a) * i / (levels - 1), rho);
            if (i == 0) {
                sigma = sigmaMax;
            } else if (i == levels - 1) {
                sigma = sigmaMin;
            }
            t[i] = schedule.inverseLogSnr(-2 * Math.log(sigma));
        }
        if (reachesZero) {
            t[levels] = schedule.tMin();
        }
        return of(schedule, t);
    }

    /** @return the number of steps N */
    public int steps() {
        return times.length - 1;
    }

    /**
     * @param i the node index, 0 ≤ i ≤ N
     * @return t_i
     */
    public double time(int i) {
        return times[i];
    }

    /** @return t_0 */
    public double start() {
        return times[0];
    }

    /** @return t_N */
    public double end() {
        return times[times.length - 1];
    }

    /** @return a copy of the times */
    public double[] times() {
        return times.clone();
    }

    @Override
    public String toString() {
        return "TimeGrid" + Arrays.toString(times);
    }
}
