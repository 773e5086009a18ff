package io.github.diffusion4j.solve;

import java.util.Arrays;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;

/**
 * Records particle states at every time of a grid, for plotting trajectories. The {@link Integrator} keeps no
 * history, so the state at {@code t_k} is obtained by integrating the grid's prefix {@code t_0 > … > t_k} from the
 * initial points. For a fixed-grid solver this gives exactly the intermediate states of the full run: step j depends
 * only on the states and times before it (multistep history included), and noise is keyed by step index and times,
 * which a prefix shares. The cost is {@code N(N+1)/2} steps instead of N — meant for a few particles.
 */
public final class Trajectories {

    private Trajectories() {
    }

    /**
     * @param solver   a fixed-grid solver
     * @param model    the score model
     * @param schedule the model's schedule
     * @param noise    the noise of a stochastic solver
     * @param grid     the grid t_0 … t_N
     * @param initial  the particles at t_0, row-major n × d. Not modified.
     * @param n        the number of particles
     * @return {@code N + 1} arrays: the particles at t_0, t_1, …, t_N
     * @throws IllegalArgumentException for an adaptive solver, whose steps depend on the span
     */
    public static double[][] record(Solver solver, ScoreModel model, NoiseSchedule schedule, NoiseSource noise,
                                    TimeGrid grid, double[] initial, int n) {
        if (solver.isAdaptive()) {
            throw new IllegalArgumentException("trajectories need a fixed grid; " + solver.name()
                    + " chooses its own steps");
        }
        double[] times = grid.times();
        double[][] states = new double[times.length][];
        states[0] = Arrays.copyOf(initial, n * model.dimension());
        Integrator integrator = Integrator.of(solver, model, schedule).noise(noise);
        for (int k = 1; k < times.length; k++) {
            double[] z = states[0].clone();
            integrator.integrate(TimeGrid.of(schedule, Arrays.copyOf(times, k + 1)), z, n);
            states[k] = z;
        }
        return states;
    }
}
