package io.github.diffusion4j.cli;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.TimeGrid;

/** The grid kinds of the command line ({@code --grid}) and their default span. */
final class GridKinds {

    /** Help text listing the kinds and the default span. */
    static final String HELP = "uniform-t, uniform-logsnr, quadratic or karras (sigma_min 0.002, rho 7, a final sigma = 0 "
            + "appended when the schedule reaches it); default span T → 1e-3 T (0.002 on edm)";

    private GridKinds() {
    }

    /** @return the default first time: the schedule's T */
    static double defaultStart(NoiseSchedule schedule) {
        return schedule.tMax();
    }

    /** @return the default last time: 10⁻³ T, or 0.002 on the EDM schedule (its σ_min) */
    static double defaultEnd(NoiseSchedule schedule) {
        return schedule.name().equals("edm") ? 0.002 : 1e-3 * schedule.tMax();
    }

    /**
     * @param schedule the forward process
     * @param kind     uniform-t, uniform-logsnr, quadratic or karras
     * @param steps    N ≥ 1
     * @param start    first time, or null for the default
     * @param end      last time, or null for the default
     * @return the grid
     * @throws IllegalArgumentException naming an unknown kind
     */
    static TimeGrid grid(NoiseSchedule schedule, String kind, int steps, Double start, Double end) {
        double t0 = start != null ? start : defaultStart(schedule);
        double t1 = end != null ? end : defaultEnd(schedule);
        switch (kind) {
            case "uniform-t":
                return TimeGrid.uniformTime(schedule, t0, t1, steps);
            case "uniform-logsnr":
                return TimeGrid.uniformLogSnr(schedule, t0, t1, steps);
            case "quadratic":
                return TimeGrid.quadratic(schedule, t0, t1, steps);
            case "karras": {
                double sigmaMax = schedule.sigma(t0) / schedule.alpha(t0);
                double sigmaMin = end != null ? schedule.sigma(t1) / schedule.alpha(t1) : 0.002;
                boolean appendsZero = schedule.logSnr(schedule.tMin()) == Double.POSITIVE_INFINITY;
                return TimeGrid.karras(schedule, sigmaMin, sigmaMax, appendsZero ? steps : steps + 1, 7);
            }
            default:
                throw new IllegalArgumentException("unknown grid '" + kind
                        + "'; expected uniform-t, uniform-logsnr, quadratic or karras");
        }
    }
}
