package io.github.diffusion4j.estimate;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.IntegrationResult;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.NoiseSource;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.TimeGrid;
import org.apache.commons.rng.simple.RandomSource;

/**
 * What a convergence study integrates: Gaussian-mixture data under a forward process, sampled in reverse time with
 * the exact score from {@code t_0 = start} down to {@code t_N = end} on the grids of a {@link GridFamily}. Starting
 * points are exact samples of {@code p_start = Σ_k w_k N(α μ_k, α² Σ_k + σ² I)}, so that the only error left at
 * {@code end} is the solver's discretisation error.
 *
 * <p>Immutable and thread-safe (the score model evaluates through one marginal per thread).
 */
public final class ConvergenceProblem {

    private final GaussianMixture data;
    private final NoiseSchedule schedule;
    private final MixtureScoreModel model;
    private final double start;
    private final double end;
    private final GridFamily grids;

    /**
     * @param data     the data distribution
     * @param schedule the forward process
     * @param start    t_0, the larger time, inside the schedule's domain
     * @param end      t_N &lt; t_0, inside the schedule's domain
     * @param grids    the grid family used for fixed-step solvers
     * @throws IllegalArgumentException naming the offending time
     */
    public ConvergenceProblem(GaussianMixture data, NoiseSchedule schedule, double start, double end,
                              GridFamily grids) {
        schedule.checkTime(start);
        schedule.checkTime(end);
        if (!(end < start)) {
            throw new IllegalArgumentException("the study runs from t_start down to t_end, so t_end = " + end
                    + " must be below t_start = " + start);
        }
        this.data = data;
        this.schedule = schedule;
        this.model = new MixtureScoreModel(data, schedule);
        this.start = start;
        this.end = end;
        this.grids = grids;
    }

    /**
     * The default problem: from T (or 0.999 T where α(T) = 0, as for the linear interpolant, whose probability-flow
     * drift is singular there) down to 10⁻² T, on grids uniform in the log-SNR. Stopping at 10⁻² T rather than
     * near 0 keeps the finest grids of a study in the asymptotic regime at modest N.
     *
     * @param data     the data distribution
     * @param schedule the forward process
     * @return the problem
     */
    public static ConvergenceProblem of(GaussianMixture data, NoiseSchedule schedule) {
        double tMax = schedule.tMax();
        double start = schedule.reverseStart();
        return new ConvergenceProblem(data, schedule, start, 1e-2 * tMax, GridFamily.UNIFORM_LOG_SNR);
    }

    /** @return the data distribution */
    public GaussianMixture data() {
        return data;
    }

    /** @return the forward process */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** @return the exact score of the data's marginals */
    public MixtureScoreModel model() {
        return model;
    }

    /** @return t_0 */
    public double start() {
        return start;
    }

    /** @return t_N */
    public double end() {
        return end;
    }

    /** @return the grid family */
    public GridFamily grids() {
        return grids;
    }

    /** @return the dimension d */
    public int dimension() {
        return data.dimension();
    }

    /**
     * @param steps N ≥ 1
     * @return the family's grid with N steps from start to end
     */
    public TimeGrid grid(int steps) {
        return grids.grid(schedule, start, end, steps);
    }

    /**
     * The mean step size {@code h̄ = (t_0 − t_N)/N}, the abscissa of convergence plots and order fits.
     *
     * @param steps N ≥ 1 (for an adaptive solver, its accepted steps)
     * @return h̄
     */
    public double meanStepSize(long steps) {
        return (start - end) / steps;
    }

    /**
     * Integrates particles in place at a resolution: the family's grid of N steps, or the whole span with an adaptive
     * solver at {@code atol = rtol = τ}.
     *
     * @param solver     the solver (adaptive exactly when the resolution is a tolerance)
     * @param resolution steps or tolerance
     * @param noise      the noise source of stochastic solvers
     * @param z          the particles at {@code start}, row-major n × d; replaced by the result. Modified.
     * @param n          the number of particles
     * @param chunkSize  particles per chunk (adaptive solvers control their step per chunk)
     * @return the cost
     * @throws IllegalArgumentException when a fixed-grid solver is given a tolerance or an adaptive one a step count
     */
    public IntegrationResult integrate(Solver solver, Resolution resolution, NoiseSource noise, double[] z, int n,
                                       int chunkSize) {
        Integrator integrator = Integrator.of(solver, model, schedule).noise(noise).chunkSize(chunkSize);
        if (resolution instanceof Resolution.Tolerance tolerance) {
            if (!solver.isAdaptive()) {
                throw new IllegalArgumentException("solver " + solver.name() + " runs on a fixed grid; give it step "
                        + "counts, not the tolerance " + tolerance.value());
            }
            integrator.tolerances(tolerance.value(), tolerance.value());
            return integrator.integrate(TimeGrid.of(schedule, start, end), z, n);
        }
        int steps = ((Resolution.Steps) resolution).count();
        if (solver.isAdaptive()) {
            throw new IllegalArgumentException("solver " + solver.name() + " chooses its own steps; give it "
                    + "tolerances, not the step count " + steps);
        }
        return integrator.integrate(grid(steps), z, n);
    }

    /**
     * Exact samples of {@code p_start}: {@code z = α x₀ + σ ε} with {@code x₀} drawn from the data (alias method and
     * Cholesky factors) and {@code ε ~ N(0, I)}, from a XoRoShiRo128++ stream seeded with {@code seed}.
     *
     * @param n    the number of points, ≥ 1
     * @param seed the seed
     * @return n × d points, row-major
     */
    public double[] initialPoints(int n, long seed) {
        return data.sampleMarginal(schedule, start, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), n);
    }

    /**
     * @param t a time of the schedule
     * @return the exact marginal {@code p_t} as a Gaussian law (its mean and covariance; the law itself when K = 1)
     */
    public GaussianLaw momentLaw(double t) {
        int d = data.dimension();
        MixtureMarginal marginal = data.marginal().setTime(schedule, t);
        double[] mean = new double[d];
        double[] covariance = new double[d * d];
        marginal.mean(mean);
        marginal.covariance(covariance);
        return new GaussianLaw(mean, covariance);
    }

    @Override
    public String toString() {
        return data + " under " + schedule.name() + ", t " + start + " → " + end + ", " + grids.cliName() + " grids";
    }
}
