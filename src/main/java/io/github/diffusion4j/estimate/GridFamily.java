package io.github.diffusion4j.estimate;

import java.util.Arrays;
import java.util.List;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.TimeGrid;

/**
 * A family of time grids indexed by the number of steps N, for convergence studies: each member spans the same
 * interval {@code [t_N, t_0]}, and the members with N and 2N steps are nested (every time of the coarse grid is a time
 * of the fine one), as refinement studies and shared Brownian paths need.
 * <ul>
 *   <li>{@link #UNIFORM_T}: {@code t_i = t_0 + (i/N)(t_N − t_0)} ({@link TimeGrid#uniformTime});</li>
 *   <li>{@link #UNIFORM_LOG_SNR}: λ uniform between λ(t_0) and λ(t_N) ({@link TimeGrid#uniformLogSnr}, Lu et al.
 *       2022);</li>
 *   <li>{@link #QUADRATIC}: uniform in √t ({@link TimeGrid#quadratic}).</li>
 * </ul>
 * The Karras grid is not a family in this sense: its interior times move with N.
 */
public enum GridFamily {

    /** Uniform in t. */
    UNIFORM_T("uniform-t"),
    /** Uniform in the log-SNR λ. */
    UNIFORM_LOG_SNR("uniform-logsnr"),
    /** Uniform in √t. */
    QUADRATIC("quadratic");

    /** The command-line names, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(GridFamily::cliName).toList();

    private final String cliName;

    GridFamily(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name used on the command line, e.g. {@code "uniform-logsnr"} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name one of {@link #NAMES}
     * @return the family
     * @throws IllegalArgumentException naming the unknown value and listing the valid ones
     */
    public static GridFamily byName(String name) {
        for (GridFamily family : values()) {
            if (family.cliName.equals(name)) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown grid '" + name + "'; expected one of " + NAMES);
    }

    /**
     * @param schedule the schedule
     * @param start    t_0, the larger time
     * @param end      t_N
     * @param steps    N ≥ 1
     * @return the member of the family with N steps
     */
    public TimeGrid grid(NoiseSchedule schedule, double start, double end, int steps) {
        switch (this) {
            case UNIFORM_T:
                return TimeGrid.uniformTime(schedule, start, end, steps);
            case UNIFORM_LOG_SNR:
                return TimeGrid.uniformLogSnr(schedule, start, end, steps);
            case QUADRATIC:
                return TimeGrid.quadratic(schedule, start, end, steps);
            default:
                throw new IllegalStateException(name());
        }
    }
}
