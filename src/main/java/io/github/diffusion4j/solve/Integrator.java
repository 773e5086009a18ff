package io.github.diffusion4j.solve;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.github.diffusion4j.internal.WorkSharing;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

/**
 * Runs a {@link Solver} over a {@link TimeGrid} for n particles, in place.
 *
 * <p>Particles are cut into chunks of a fixed size (1024 by default) that do not depend on the number of threads;
 * each chunk is integrated through all steps by one worker with its own {@link StepContext}. Since every operation a
 * solver performs is per particle and noise is addressed by (step, draw, particle), a fixed-grid result is
 * bit-identical for any number of threads and any chunk size. Adaptive solvers control their step size per chunk
 * (the error norm is an RMS over the chunk), so their results depend on the chunk composition but not on the thread
 * count; a chunk size of 1 gives per-particle step control.
 *
 * <p>After every step the state is checked: a NaN or infinity raises an {@link IntegrationException} naming the step,
 * the times and the particle. Not thread-safe itself: configure, then call {@link #integrate} from one thread.
 */
public final class Integrator {

    private final Solver solver;
    private final ScoreModel model;
    private final NoiseSchedule schedule;
    private NoiseSource noise = new CounterNoise(0);
    private int threads = 1;
    private int chunkSize = 1024;
    private long particleOffset;
    private double absoluteTolerance = 1e-6;
    private double relativeTolerance = 1e-6;
    private StepSizeController controller = StepSizeController.defaults();
    private Progress progress = (done, total) -> { };

    /**
     * Told how far an integration has come, from the worker threads (so it must be thread-safe and quick): for a
     * fixed grid in particle-steps of n · (steps), for an adaptive solver in particles finished of n.
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done  units done so far, non-decreasing
         * @param total units in the whole integration
         */
        void advanced(long done, long total);
    }

    private Integrator(Solver solver, ScoreModel model, NoiseSchedule schedule) {
        this.solver = solver;
        this.model = model;
        this.schedule = schedule;
    }

    /**
     * @param solver   the solver
     * @param model    the score model
     * @param schedule the schedule of the model's times
     * @return an integrator with counter-based noise of seed 0, one thread, chunks of 1024, tolerances 1e-6
     */
    public static Integrator of(Solver solver, ScoreModel model, NoiseSchedule schedule) {
        return new Integrator(solver, model, schedule);
    }

    /**
     * @param source the noise source
     * @return this, with the given noise source
     */
    public Integrator noise(NoiseSource source) {
        this.noise = source;
        return this;
    }

    /**
     * @param seed the seed
     * @return this, with counter-based noise of the given seed
     */
    public Integrator seed(long seed) {
        this.noise = new CounterNoise(seed);
        return this;
    }

    /**
     * @param count the number of threads, ≥ 1
     * @return this, with the given number of worker threads (≥ 1)
     */
    public Integrator threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        this.threads = count;
        return this;
    }

    /**
     * @param listener told of the progress after every step of every chunk (fixed grids) or every finished chunk
     *                 (adaptive solvers); it does not affect the results
     * @return this
     */
    public Integrator progress(Progress listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * @param size particles per chunk, ≥ 1
     * @return this, with the given chunk size (≥ 1)
     */
    public Integrator chunkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
        }
        this.chunkSize = size;
        return this;
    }

    /**
     * Sets the global index of the first particle, so that a sampling job can be split into parts (across calls or
     * processes) whose results are bit-identical to one run over all particles: noise is keyed by global index.
     *
     * @param offset the global index of row 0 of the particle array, ≥ 0
     * @return this
     */
    public Integrator particleOffset(long offset) {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("particle offset must lie in [0, " + Integer.MAX_VALUE + "], got " + offset);
        }
        this.particleOffset = offset;
        return this;
    }

    /**
     * @param atol absolute tolerance
     * @param rtol relative tolerance
     * @return this, with the tolerances of adaptive solvers
     */
    public Integrator tolerances(double atol, double rtol) {
        if (!(atol >= 0 && rtol >= 0 && atol + rtol > 0)) {
            throw new IllegalArgumentException("need atol ≥ 0, rtol ≥ 0, not both zero; got atol = " + atol
                    + ", rtol = " + rtol);
        }
        this.absoluteTolerance = atol;
        this.relativeTolerance = rtol;
        return this;
    }

    /**
     * @param stepSizeController the controller
     * @return this, with the given step-size controller for adaptive solvers
     */
    public Integrator controller(StepSizeController stepSizeController) {
        this.controller = stepSizeController;
        return this;
    }

    /**
     * Integrates particles {@code 0 … n−1} from the grid's first time to its last.
     *
     * @param grid the times (for adaptive solvers: the span, and times the steps must land on)
     * @param z    the particles, row-major n × d; replaced by the result. Modified.
     * @param n    the number of particles, ≥ 1
     * @return the cost
     * @throws IntegrationException on a non-finite value, or when an adaptive solver cannot meet its tolerance
     */
    public IntegrationResult integrate(TimeGrid grid, double[] z, int n) {
        return run(grid, 0, grid.steps(), z, n, null);
    }

    /**
     * Integrates like {@link #integrate(TimeGrid, double[], int)} and also returns, for each particle, the
     * log-determinant of the Jacobian of the solver's whole map, {@code log |det ∂z_end/∂z_start|}, carried exactly
     * through every step in tangent mode ({@link StepContext}) from the model's Jacobian. With the starting density
     * π, the sampler's output density at the result is {@code log p̂(z_end) = log π(z_start) − log|det|}
     * (docs/THEORY.md §6). Costs an extra O(d³) per particle and model evaluation and {@code registers · chunk · d²}
     * doubles of memory.
     *
     * @param grid           the times
     * @param z              the particles; replaced by the result. Modified.
     * @param n              the number of particles
     * @param logDeterminant receives log|det ∂z_end/∂z_start| of particle i at index i. Modified.
     * @return the cost
     * @throws IllegalArgumentException if the solver is stochastic or the model is not a
     *                                  {@link io.github.diffusion4j.score.DifferentiableScoreModel}
     */
    public IntegrationResult integrate(TimeGrid grid, double[] z, int n, double[] logDeterminant) {
        if (solver.isStochastic()) {
            throw new IllegalArgumentException("log-determinants need a deterministic map, but " + solver.name()
                    + " draws noise");
        }
        if (logDeterminant.length < n) {
            throw new IllegalArgumentException("log-determinant array has length " + logDeterminant.length
                    + ", need n = " + n);
        }
        return run(grid, 0, grid.steps(), z, n, logDeterminant);
    }

    /**
     * Runs only the steps {@code firstStep … lastStep − 1} of the grid, with every step seeing its index, the grid's
     * step count and its end time exactly as in a run over the whole grid — so that noise addressed by step and
     * step-size rules that depend on the grid (EDM's churn, annealed Langevin) are those of the full run. Used to
     * advance or probe a sampler step by step. Multistep solvers, whose steps read history left by earlier steps,
     * and adaptive solvers must start at step 0.
     *
     * @param grid      the times
     * @param firstStep the first step to run, ≥ 0
     * @param lastStep  one past the last step to run, ≤ grid.steps()
     * @param z         the particles at time {@code grid.time(firstStep)}; replaced by the result. Modified.
     * @param n         the number of particles
     * @return the cost of the steps run
     */
    public IntegrationResult integrate(TimeGrid grid, int firstStep, int lastStep, double[] z, int n) {
        return run(grid, firstStep, lastStep, z, n, null);
    }

    private IntegrationResult run(TimeGrid grid, int firstStep, int lastStep, double[] z, int n,
                                  double[] logDeterminant) {
        if (firstStep < 0 || lastStep > grid.steps() || firstStep >= lastStep) {
            throw new IllegalArgumentException("need 0 ≤ firstStep < lastStep ≤ " + grid.steps() + ", got ["
                    + firstStep + ", " + lastStep + ")");
        }
        if (firstStep > 0 && solver.isMultistep()) {
            throw new IllegalArgumentException(solver.name() + " must start at step 0: its steps read the history "
                    + "of earlier steps");
        }
        if (solver.isAdaptive() && (firstStep > 0 || lastStep < grid.steps())) {
            throw new IllegalArgumentException(solver.name() + " chooses its own steps and runs the whole grid");
        }
        int d = model.dimension();
        if (n < 1) {
            throw new IllegalArgumentException("number of particles must be at least 1, got " + n);
        }
        if (z.length < (long) n * d) {
            throw new IllegalArgumentException("particle array has length " + z.length + ", but " + n
                    + " particles of dimension " + d + " need " + (long) n * d);
        }
        double[] times = grid.times();
        for (double t : times) {
            schedule.checkTime(t);
        }
        int chunks = (n + chunkSize - 1) / chunkSize;
        int capacity = Math.min(chunkSize, n);
        long[][] costs = new long[chunks][];
        int[] range = {firstStep, lastStep};
        Tally tally = new Tally(solver.isAdaptive() ? n : (long) n * (lastStep - firstStep));
        WorkSharing.run(threads, chunks, () -> {
            Worker worker = new Worker(times, range, z, n, capacity, logDeterminant, tally);
            return chunk -> costs[chunk] = worker.run(chunk);
        }, "integrator");
        long evaluations = 0;
        long accepted = 0;
        long rejected = 0;
        for (long[] cost : costs) {
            evaluations = Math.max(evaluations, cost[0]);
            accepted = Math.max(accepted, cost[1]);
            rejected = Math.max(rejected, cost[2]);
        }
        return new IntegrationResult(evaluations, accepted, rejected);
    }

    /** The progress of one integration, shared by its workers. */
    private final class Tally {
        private final AtomicLong done = new AtomicLong();
        private final long total;

        Tally(long total) {
            this.total = total;
        }

        void add(long units) {
            progress.advanced(done.addAndGet(units), total);
        }
    }

    /** One worker's context, reused for every chunk it integrates. */
    private final class Worker {
        private final double[] times;
        private final int[] range;
        private final double[] z;
        private final int n;
        private final StepContext context;
        private final int d;
        private final double[] logDeterminant;
        private final DMatrixRMaj jacobian;
        private final LUDecompositionAlt_DDRM lu;
        private final Tally tally;

        Worker(double[] times, int[] range, double[] z, int n, int capacity, double[] logDeterminant, Tally tally) {
            this.tally = tally;
            this.times = times;
            this.range = range;
            this.z = z;
            this.n = n;
            this.logDeterminant = logDeterminant;
            this.context = new StepContext(model, schedule, noise, solver.registers(), capacity,
                    logDeterminant != null);
            this.d = model.dimension();
            this.jacobian = logDeterminant == null ? null : new DMatrixRMaj(d, d);
            this.lu = logDeterminant == null ? null : new LUDecompositionAlt_DDRM();
        }

        long[] run(int chunk) {
            int first = chunk * chunkSize;
            int count = Math.min(chunkSize, n - first);
            double[] state = context.raw(StepContext.STATE);
            System.arraycopy(z, first * d, state, 0, count * d);
            context.startChunk((int) (particleOffset + first), count, times.length - 1, times[times.length - 1]);
            context.resetTangents();
            solver.begin(context);
            long[] cost = solver instanceof AdaptiveSolver adaptive
                    ? runAdaptive(adaptive)
                    : runFixed(count);
            if (solver.isAdaptive()) {
                tally.add(count);
            }
            System.arraycopy(state, 0, z, first * d, count * d);
            if (logDeterminant != null) {
                storeLogDeterminants(first, count);
            }
            return cost;
        }

        /** log|det J| from the LU factors (partial pivoting): Σ log|U_ii|, without forming the determinant. */
        private void storeLogDeterminants(int first, int count) {
            double[] tangents = context.tangent(StepContext.STATE);
            int dd = d * d;
            for (int p = 0; p < count; p++) {
                System.arraycopy(tangents, p * dd, jacobian.data, 0, dd);
                if (!lu.decompose(jacobian)) {
                    throw new ArithmeticException("LU factorisation of the Jacobian of particle " + (first + p)
                            + " failed");
                }
                double[] factors = lu.getLU().data;
                double sum = 0;
                for (int a = 0; a < d; a++) {
                    sum += Math.log(Math.abs(factors[a * d + a]));
                }
                logDeterminant[first + p] = sum;
            }
        }

        private long[] runFixed(int count) {
            for (int j = range[0]; j < range[1]; j++) {
                context.startStep(j, times[j], times[j + 1]);
                try {
                    solver.step(context, times[j], times[j + 1]);
                } catch (IntegrationException e) {
                    throw e.ofSolver(solver.name());
                }
                checkState(j, times[j], times[j + 1]);
                tally.add(count);
            }
            return new long[] {context.evaluations(), range[1] - range[0], 0};
        }

        private long[] runAdaptive(AdaptiveSolver adaptive) {
            double t = times[0];
            double h = initialStep(adaptive);
            double errPrevious = 1e-4;
            boolean afterReject = false;
            long accepted = 0;
            long rejected = 0;
            int target = 1;
            while (target < times.length) {
                if (accepted + rejected >= controller.maxSteps()) {
                    throw new IntegrationException(IntegrationException.Reason.MAXIMUM_STEPS_EXCEEDED,
                            "adaptive solver " + adaptive.name() + " exceeded " + controller.maxSteps()
                                    + " steps at t = " + t + " (h = " + h + ")");
                }
                double goal = times[target];
                boolean lands = Math.abs(h) >= Math.abs(goal - t) * (1 - 1e-12);
                double next = lands ? goal : t + h;
                double step = next - t;
                if (Math.abs(step) < controller.minStep() && !lands) {
                    throw new IntegrationException(IntegrationException.Reason.MINIMUM_STEP_REACHED,
                            "adaptive step |h| = " + Math.abs(step) + " fell below the minimum "
                                    + controller.minStep() + " at t = " + t);
                }
                context.startStep((int) Math.min(Integer.MAX_VALUE, accepted), t, next);
                double err;
                try {
                    err = adaptive.attempt(context, t, next, absoluteTolerance, relativeTolerance);
                } catch (IntegrationException e) {
                    throw e.ofSolver(solver.name());
                }
                double factor = controller.factor(err, errPrevious, adaptive.errorOrder(), afterReject);
                if (err <= 1) {
                    adaptive.accept(context);
                    checkState((int) accepted, t, next);
                    accepted++;
                    t = next;
                    errPrevious = Math.max(err, 1e-4);
                    afterReject = false;
                    if (lands) {
                        target++;
                    }
                } else {
                    rejected++;
                    afterReject = true;
                }
                h = step * factor;
                if (!(Math.abs(h) > 0) || !Double.isFinite(h)) {
                    throw new IntegrationException(IntegrationException.Reason.MINIMUM_STEP_REACHED,
                            "adaptive step size became " + h + " at t = " + t + " (error norm " + err + ")");
                }
            }
            return new long[] {context.evaluations(), accepted, rejected};
        }

        private double initialStep(AdaptiveSolver adaptive) {
            context.startStep(0, times[0], times[times.length - 1]);
            return adaptive.initialStep(context, times[0], times[times.length - 1], absoluteTolerance,
                    relativeTolerance);
        }

        private void checkState(int step, double t0, double t1) {
            double[] state = context.raw(StepContext.STATE);
            for (int i = 0; i < context.count() * d; i++) {
                if (!Double.isFinite(state[i])) {
                    throw new IntegrationException(IntegrationException.Reason.NON_FINITE_VALUE, "non-finite value "
                            + state[i] + " in coordinate " + (i % d) + " of particle "
                            + (context.firstParticle() + i / d) + " after step " + step + " (t = " + t0 + " → " + t1
                            + ") of solver " + solver.name());
                }
            }
        }
    }
}
