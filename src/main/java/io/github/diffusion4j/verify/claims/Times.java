package io.github.diffusion4j.verify.claims;

import io.github.diffusion4j.schedule.NoiseSchedule;

/** Times at which claims evaluate, as fractions of a schedule's domain. */
final class Times {

    private Times() {
    }

    /** @return tMin + f (tMax − tMin) for each fraction */
    static double[] fractions(NoiseSchedule schedule, double... fractions) {
        double[] t = new double[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            t[i] = schedule.tMin() + fractions[i] * (schedule.tMax() - schedule.tMin());
        }
        return t;
    }

    /** Five-point central difference step for a time, 10⁻³ of the distance to the nearer end of the domain. */
    static double step(NoiseSchedule schedule, double t) {
        return 1e-3 * Math.min(t - schedule.tMin(), schedule.tMax() - t);
    }

    /** @return the largest |x_i| over a range */
    static double maxAbs(double[] x, int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }
}
