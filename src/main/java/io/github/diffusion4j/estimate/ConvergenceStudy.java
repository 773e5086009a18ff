package io.github.diffusion4j.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.IntegrationResult;
import io.github.diffusion4j.solve.Solver;

/**
 * A convergence and work–precision study in the manner of DiffEqDevTools' {@code test_convergence} and
 * {@code WorkPrecisionSet}: every solver is run at a sweep of resolutions — step counts N for fixed-grid solvers,
 * tolerances τ for adaptive ones — and, for random metrics, several seeds; the table reports per solver
 * <ul>
 *   <li>the order fitted by least squares of {@code log e^{1/q}} on {@code log h̄} ({@link OrderFit}, Student-t
 *       interval), with {@code h̄ = (t_0 − t_N)/N} the mean step (accepted steps for adaptive solvers) and q the
 *       metric's {@link ErrorMetric#power() power}, so the fitted order is comparable to the declared one;</li>
 *   <li>the NFE needed to reach a target error and the error at a fixed NFE, interpolated log–log between measured
 *       points ({@link WorkPrecisionCurve});</li>
 *   <li>the work–precision data: error against NFE and against wall time.</li>
 * </ul>
 *
 * <p>Errors come from the metric, once per seed (seeds {@code first, first+1, …}); with S ≥ 2 seeds the reported
 * error is their mean with a Student-t interval on S − 1 degrees of freedom, with one seed (or an exact metric) the
 * metric's own estimate. Cost comes from a separate timed run per point: {@code workParticles} exact samples of
 * {@code p_start} integrated with counter-based noise of the first seed, the best wall time of {@code repeats} runs
 * (the minimum is the least perturbed by the JIT, GC and other processes), after untimed warm-up runs of each solver
 * at its first resolution for 50 ms. NFE and wall time therefore mean "to draw that many samples at this
 * resolution", whatever the metric.
 *
 * <p>A {@link PointSampler} (a sampler seen only through its final points, such as an external command) is studied
 * with {@link #run(PointSampler)}: per step count, one run per seed from the metric's starting points, whose error is
 * {@link ErrorMetric#error(PointSampler, int, long)} (first, so that a metric that cannot measure it fails before
 * anything else runs), then its timed runs (as above, without warm-up; for an external command the wall time
 * includes its start-up); its NFE is what it declares.
 *
 * <p>Each row carries a {@link ConvergenceVerdict} when an order is declared: the order set by
 * {@link #declaredOrder(double)}, else a fixed-grid solver's own ({@link ErrorMetric#theoreticalOrder}). Adaptive
 * solvers get no verdict of their own: their order against the mean accepted step measures the step-size controller
 * as much as the method (verify's S1 leaves {@code rk45} out for the same reason); neither do solvers the metric
 * cannot judge ({@link ErrorMetric#judgesOrder}).
 *
 * <p>Without an explicit target error, the target is the power of ten nearest the geometric mean of all measured
 * errors; without an explicit NFE, the power of two nearest the geometric mean of all measured NFE, so both lie
 * inside the ranges measured over all solvers. Configure, then call {@link #run}; not thread-safe.
 */
public final class ConvergenceStudy {

    /** Receives progress: {@code done} of {@code total} units (one timed run or one seed's error), and what ran. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done  units finished
         * @param total units in the study
         * @param task  the unit just finished, e.g. {@code "heun N=64"}
         */
        void update(long done, long total, String task);
    }

    private static final double WARM_UP_SECONDS = 0.05;

    private final ConvergenceProblem problem;
    private final ErrorMetric metric;
    private int[] steps = {16, 32, 64, 128};
    private double[] tolerances = {};
    private int seeds = 1;
    private long firstSeed;
    private double targetError = Double.NaN;
    private double fixedEvaluations = Double.NaN;
    private int workParticles = 1000;
    private int repeats = 3;
    private double confidence = 0.95;
    private double declaredOrder = Double.NaN;
    private Progress progress = (done, total, task) -> { };

    private ConvergenceStudy(ConvergenceProblem problem, ErrorMetric metric) {
        this.problem = problem;
        this.metric = metric;
    }

    /**
     * @param problem what to integrate
     * @param metric  how to measure the error
     * @return a study with steps 16, 32, 64, 128, no tolerances, one seed (0), 1000 work particles, 3 timing repeats,
     *         95% intervals
     */
    public static ConvergenceStudy of(ConvergenceProblem problem, ErrorMetric metric) {
        return new ConvergenceStudy(problem, metric);
    }

    /**
     * @param counts step counts N ≥ 1 for fixed-grid solvers, at least two, none repeated
     * @return this
     * @throws IllegalArgumentException naming a count below 1 or a repeated one
     */
    public ConvergenceStudy steps(int... counts) {
        Set<Integer> seen = new HashSet<>();
        for (int n : counts) {
            if (n < 1) {
                throw new IllegalArgumentException("number of steps must be at least 1, got " + n);
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("step count " + n + " is repeated in " + Arrays.toString(counts)
                        + "; each step count is measured once");
            }
        }
        this.steps = counts.clone();
        return this;
    }

    /**
     * @param values tolerances τ &gt; 0 for adaptive solvers ({@code atol = rtol = τ}), at least two, none repeated
     * @return this
     * @throws IllegalArgumentException naming a tolerance that is not positive and finite, or a repeated one
     */
    public ConvergenceStudy tolerances(double... values) {
        Set<Double> seen = new HashSet<>();
        for (double tau : values) {
            if (!(tau > 0) || !Double.isFinite(tau)) {
                throw new IllegalArgumentException("tolerance must be positive and finite, got " + tau);
            }
            if (!seen.add(tau)) {
                throw new IllegalArgumentException("tolerance " + tau + " is repeated in " + Arrays.toString(values)
                        + "; each tolerance is measured once");
            }
        }
        this.tolerances = values.clone();
        return this;
    }

    /**
     * @param count number of seeds S ≥ 1 (ignored by exact metrics)
     * @param first the first seed
     * @return this
     */
    public ConvergenceStudy seeds(int count, long first) {
        if (count < 1) {
            throw new IllegalArgumentException("number of seeds must be at least 1, got " + count);
        }
        this.seeds = count;
        this.firstSeed = first;
        return this;
    }

    /**
     * @param error the target error, on the metric's scale, positive (NaN: choose from the data)
     * @return this
     */
    public ConvergenceStudy targetError(double error) {
        if (!(error > 0) && !Double.isNaN(error)) {
            throw new IllegalArgumentException("target error must be positive, got " + error);
        }
        this.targetError = error;
        return this;
    }

    /**
     * @param nfe the NFE at which to read the error, positive (NaN: choose from the data)
     * @return this
     */
    public ConvergenceStudy fixedEvaluations(double nfe) {
        if (!(nfe > 0) && !Double.isNaN(nfe)) {
            throw new IllegalArgumentException("fixed NFE must be positive, got " + nfe);
        }
        this.fixedEvaluations = nfe;
        return this;
    }

    /**
     * @param particles particles of each timed run, ≥ 1
     * @param runs      timed runs per point, ≥ 1 (the best is kept)
     * @return this
     */
    public ConvergenceStudy timing(int particles, int runs) {
        if (particles < 1 || runs < 1) {
            throw new IllegalArgumentException("need at least one particle and one timed run, got " + particles
                    + " particles and " + runs + " runs");
        }
        this.workParticles = particles;
        this.repeats = runs;
        return this;
    }

    /**
     * @param level the confidence level of the intervals, in (0, 1)
     * @return this
     */
    public ConvergenceStudy confidence(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + level);
        }
        this.confidence = level;
        return this;
    }

    /**
     * @param order the order every sampler of the study is declared to have, judged by {@link ConvergenceVerdict}
     *              (positive and finite), or NaN for each solver's own declared order
     * @return this
     */
    public ConvergenceStudy declaredOrder(double order) {
        if (!(order > 0) && !Double.isNaN(order) || Double.isInfinite(order)) {
            throw new IllegalArgumentException("declared order must be positive and finite, got " + order);
        }
        this.declaredOrder = order;
        return this;
    }

    /**
     * @param listener receives progress after every unit of work
     * @return this
     */
    public ConvergenceStudy progress(Progress listener) {
        this.progress = listener;
        return this;
    }

    /**
     * @param solvers the solvers
     * @return the number of units {@link #run} reports progress in: per solver and resolution, one timed run and one
     *         error per seed
     */
    public long units(List<Solver> solvers) {
        long total = 0;
        for (Solver solver : solvers) {
            total += (long) resolutions(solver).size() * (1 + seedsUsed());
        }
        return total;
    }

    /**
     * Runs the study.
     *
     * @param solvers the solvers, at least one
     * @return the table, rows in the order of {@code solvers}
     * @throws IllegalArgumentException when a solver has fewer than two resolutions to run (an adaptive solver without
     *                                  tolerances) or the metric rejects a solver
     */
    public ConvergenceTable run(List<Solver> solvers) {
        if (solvers.isEmpty()) {
            throw new IllegalArgumentException("a convergence study needs at least one solver");
        }
        long total = units(solvers);
        long done = 0;
        List<List<ConvergencePoint>> measured = new ArrayList<>();
        for (Solver solver : solvers) {
            List<ConvergencePoint> points = new ArrayList<>();
            warmUp(solver, resolutions(solver).get(0));
            for (Resolution resolution : resolutions(solver)) {
                String task = solver.name() + " " + resolution.label();
                double[] cost = timedRun(solver, resolution);
                progress.update(++done, total, task + " (timed)");
                double[] errors = new double[seedsUsed()];
                Estimate single = null;
                for (int s = 0; s < errors.length; s++) {
                    single = metric.error(solver, resolution, firstSeed + s);
                    errors[s] = single.value();
                    progress.update(++done, total, task);
                }
                Estimate error = errors.length == 1 ? single : ConvergenceFits.acrossSeeds(errors, confidence);
                long n = (long) cost[0];
                points.add(new ConvergencePoint(resolution, n, (long) cost[1], cost[2], problem.meanStepSize(n),
                        error));
            }
            measured.add(points);
        }
        List<Optional<ConvergenceVerdict>> verdicts = new ArrayList<>();
        List<Double> orders = new ArrayList<>();
        for (int i = 0; i < solvers.size(); i++) {
            Solver solver = solvers.get(i);
            double own = metric.theoreticalOrder(solver);
            double declared = !metric.judgesOrder(solver) ? Double.NaN : !Double.isNaN(declaredOrder) ? declaredOrder
                    : solver.isAdaptive() ? Double.NaN : own;
            orders.add(Double.isNaN(declaredOrder) ? own : declaredOrder);
            verdicts.add(verdict(solver.name(), declared, solver.isStochastic(), ConvergenceFits.fit(measured.get(i), metric.power(), confidence)));
        }
        return tabulate(solvers.stream().map(Solver::name).toList(), orders, verdicts, measured);
    }

    /**
     * Runs the study for a sampler seen only through its final points: once per step count and seed.
     *
     * @param sampler the sampler; its declared order, if any, is {@link #declaredOrder(double)}
     * @return the table, one row
     * @throws IllegalArgumentException when the metric cannot measure a point sampler, fewer than two step counts are
     *                                  set, or the sampler fails
     */
    public ConvergenceTable run(PointSampler sampler) {
        if (steps.length < 2) {
            throw new IllegalArgumentException(sampler.name() + " needs at least two step counts to fit an order, got "
                    + steps.length);
        }
        long total = (long) steps.length * (1 + seedsUsed());
        long done = 0;
        double[] initial = problem.initialPoints(workParticles, firstSeed);
        List<ConvergencePoint> points = new ArrayList<>();
        for (int n : steps) {
            double[] errors = new double[seedsUsed()];
            Estimate single = null;
            for (int s = 0; s < errors.length; s++) {
                single = metric.error(sampler, n, firstSeed + s);
                errors[s] = single.value();
                progress.update(++done, total, sampler.name() + " N=" + n);
            }
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < repeats; r++) {
                long begin = System.nanoTime();
                sampler.sample(problem.grid(n), initial, workParticles, firstSeed);
                best = Math.min(best, (System.nanoTime() - begin) * 1e-9);
            }
            progress.update(++done, total, sampler.name() + " N=" + n + " (timed)");
            points.add(new ConvergencePoint(new Resolution.Steps(n), n, sampler.evaluations(n), best,
                    problem.meanStepSize(n), errors.length == 1 ? single : ConvergenceFits.acrossSeeds(errors, confidence)));
        }
        Optional<ConvergenceVerdict> verdict = verdict(sampler.name(), declaredOrder, sampler.isStochastic(),
                ConvergenceFits.fit(points, metric.power(), confidence));
        return tabulate(List.of(sampler.name()), List.of(declaredOrder), List.of(verdict), List.of(points));
    }

    private Optional<ConvergenceVerdict> verdict(String name, double declared, boolean stochastic, OrderFit fit) {
        if (Double.isNaN(declared)) {
            return Optional.empty();
        }
        return Optional.of(ConvergenceVerdict.judge(name, declared, ConvergenceVerdict.Criterion.of(stochastic), fit));
    }

    private ConvergenceTable tabulate(List<String> names, List<Double> orders,
                                      List<Optional<ConvergenceVerdict>> verdicts,
                                      List<List<ConvergencePoint>> measured) {
        double target = Double.isNaN(targetError) ? ConvergenceFits.nearestPower(measured, 10, false) : targetError;
        double nfe = Double.isNaN(fixedEvaluations) ? ConvergenceFits.nearestPower(measured, 2, true) : fixedEvaluations;
        List<ConvergenceRow> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<ConvergencePoint> points = measured.get(i);
            WorkPrecisionCurve curve = new ConvergenceRow(names.get(i), orders.get(i), ConvergenceFits.fit(points, metric.power(), confidence), Double.NaN,
                    Double.NaN, points, Optional.empty()).byEvaluations();
            rows.add(new ConvergenceRow(names.get(i), orders.get(i), ConvergenceFits.fit(points, metric.power(), confidence), curve.costToReach(target),
                    curve.errorAt(nfe), points, verdicts.get(i)));
        }
        return new ConvergenceTable(metric.name(), metric.quantity(), metric.power(), confidence, seedsUsed(),
                workParticles, target, nfe, rows);
    }

    private int seedsUsed() {
        return metric.isRandom() ? seeds : 1;
    }

    private List<Resolution> resolutions(Solver solver) {
        List<Resolution> list = new ArrayList<>();
        if (solver.isAdaptive()) {
            for (double tau : tolerances) {
                list.add(new Resolution.Tolerance(tau));
            }
        } else {
            for (int n : steps) {
                list.add(new Resolution.Steps(n));
            }
        }
        if (list.size() < 2) {
            throw new IllegalArgumentException("solver " + solver.name() + " needs at least two "
                    + (solver.isAdaptive() ? "tolerances" : "step counts") + " to fit an order, got " + list.size());
        }
        return list;
    }

    /** Runs the solver untimed for {@value #WARM_UP_SECONDS} s (at most 50 runs), so the JIT has compiled it. */
    private void warmUp(Solver solver, Resolution resolution) {
        double[] initial = problem.initialPoints(workParticles, firstSeed);
        long begin = System.nanoTime();
        for (int r = 0; r < 50 && System.nanoTime() - begin < WARM_UP_SECONDS * 1e9; r++) {
            problem.integrate(solver, resolution, new CounterNoise(firstSeed), initial.clone(), workParticles, 1024);
        }
    }

    /** @return {steps N, NFE, best wall time in seconds} of the timed run */
    private double[] timedRun(Solver solver, Resolution resolution) {
        double[] initial = problem.initialPoints(workParticles, firstSeed);
        double best = Double.POSITIVE_INFINITY;
        IntegrationResult result = null;
        for (int r = 0; r < repeats; r++) {
            double[] z = initial.clone();
            long begin = System.nanoTime();
            result = problem.integrate(solver, resolution, new CounterNoise(firstSeed), z, workParticles, 1024);
            best = Math.min(best, (System.nanoTime() - begin) * 1e-9);
        }
        return new double[] {result.accepted(), result.evaluations(), best};
    }
}
