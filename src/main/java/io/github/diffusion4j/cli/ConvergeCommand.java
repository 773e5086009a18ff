package io.github.diffusion4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.diffusion4j.estimate.ConvergenceProblem;
import io.github.diffusion4j.estimate.ConvergenceStudy;
import io.github.diffusion4j.estimate.ConvergenceTable;
import io.github.diffusion4j.estimate.ErrorMetric;
import io.github.diffusion4j.estimate.ExactKlError;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.estimate.GridFamily;
import io.github.diffusion4j.estimate.Resolution;
import io.github.diffusion4j.estimate.StrongError;
import io.github.diffusion4j.estimate.TestFunction;
import io.github.diffusion4j.estimate.WeakError;
import io.github.diffusion4j.io.AtomicFiles;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.plot.ConvergenceFigures;
import io.github.diffusion4j.plot.HistogramOverDensity;
import io.github.diffusion4j.plot.ScatterOverContours;
import io.github.diffusion4j.plot.TrajectoryPlot;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.CounterNoise;
import io.github.diffusion4j.solve.IntegrationException;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.solve.Trajectories;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code converge}: a convergence and work–precision study ({@link ConvergenceStudy}) of several solvers with the
 * exact score of a Gaussian mixture. Prints the table; with {@code --out}, writes it as CSV and JSON with the
 * figures (PNG and SVG).
 */
@Command(name = "converge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure orders of convergence and work-precision of solvers.",
            "The problem is an exact Gaussian mixture: each solver runs at every step count (tolerance",
            "for rk45) from exact samples of p at --t-start down to --t-end; orders are",
            "least-squares slopes of log error on log h, with confidence intervals."},
        footer = {"", "Metrics:",
            "  exact-kl  KL(p̂ ‖ p) of the solver's exact output law: Gaussian data,",
            "            fixed-grid solvers with an affine update; no sampling.",
            "            Orders are fitted to √KL (KL is quadratic in the error).",
            "  strong    RMS distance to a reference from the same starting points",
            "            and Brownian paths: the exact flow (Gaussian data) or RK45",
            "            at 1e-12 for ODE solvers, the same solver on",
            "            --reference-steps for SDE solvers (whose order column is",
            "            then the strong order).",
            "  weak      max over φ = x_i, x_i², cos x_i of |E φ(X_N) − E φ(X_ref)|,",
            "            by Monte Carlo with common random numbers.",
            "Verdicts: with a declared order p (a solver's own, or --declared-order),",
            "  PASS iff |p̂ − p| ≤ 0.3 (deterministic) or p̂ ≥ p − 0.3 (stochastic),",
            "  as verify's S1. No verdict for rk45 (its steps follow the",
            "  controller) nor for pc under strong/weak (its corrector's noise is",
            "  not coupled to the reference). Exit code 1 when a verdict fails,",
            "  2 for bad input or a failed --external run.",
            "External samplers (--external \"CMD …\"): CMD is split into arguments",
            "  without a shell ('…' literal, \"…\" with \\\" escapes); in each",
            "  argument {steps} is N, {times} a text file of the grid (one time",
            "  per line, decreasing, round-trip precision), {init} an .npy of",
            "  starting points from the exact p (float64, n × d), {out} the .npy",
            "  the command must write (final points, float64, n × d), {seed} the",
            "  seed. Its working directory is a fresh temporary directory, deleted",
            "  afterwards: give paths in CMD absolute (e.g. $PWD/sampler.py).",
            "  Metrics: strong (deterministic samplers) or weak (any), both",
            "  against the exact probability-flow map of {init}; exact-kl does",
            "  not apply. No trajectories figure (only final points are known).",
            "Output: the table on stdout; with --out DIR also convergence.csv,",
            "  points.csv, convergence.json and the figures convergence,",
            "  work-precision-nfe, work-precision-time, samples and trajectories,",
            "  each as .png and .svg.",
            "", "Examples:",
            "  java -jar target/diffusion4j-cli.jar converge --problem gauss2 \\",
            "      --metric exact-kl --steps 16,32,64,128,256 --out conv \\",
            "      --solvers euler,heun,rk4,dpm-solver-2,dpm-solver++2m",
            "  java -jar target/diffusion4j-cli.jar converge --problem gauss2 \\",
            "      --metric strong --grid uniform-t --solvers euler-maruyama \\",
            "      --steps 16,32,64,128 --seeds 4",
            "  java -jar target/diffusion4j-cli.jar converge --mixture M.json \\",
            "      --solvers heun,dpm-solver++2m,rk45 --tolerances 1e-3,1e-4,1e-5,1e-6",
            "  java -jar target/diffusion4j-cli.jar converge --problem gauss2 \\",
            "      --external \"python3 $PWD/heun.py {times} {init} {out}\" \\",
            "      --declared-order 2 --nfe-per-step 2 --steps 16,32,64,128"})
final class ConvergeCommand implements Callable<Integer> {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final List<String> METRICS = List.of("exact-kl", "strong", "weak");
    private static final int SAMPLE_FIGURE_PARTICLES = 2000;
    private static final int TRAJECTORIES = 6;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DataSource data;

    @Option(names = "--solvers", split = ",", paramLabel = "NAME",
            description = "Solvers to compare (names as for integrate); or --external.")
    List<String> solverNames;

    @Option(names = "--external", paramLabel = "CMD",
            description = {"A sampler that is another program, run once per step count and seed (see below).",
                "Split into arguments without a shell (quotes as in sh); placeholders replaced per argument."})
    String external;

    @Option(names = "--declared-order", paramLabel = "P",
            description = "Declared order of every sampler in the study (default: each solver's own; none for "
                    + "--external): PASS/FAIL verdicts, exit 1 on a FAIL.")
    Double declaredOrder;

    @Option(names = "--stochastic", description = "The --external sampler draws its own noise: one-sided verdict "
            + "(p̂ ≥ P − 0.3); the strong metric does not apply.")
    boolean stochastic;

    @Option(names = "--nfe-per-step", defaultValue = "1", paramLabel = "K",
            description = "Model evaluations per step of the --external sampler, for the NFE columns "
                    + "(default: ${DEFAULT-VALUE}).")
    long nfePerStep;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Longest run of the --external command (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--schedule", defaultValue = "vp-linear", paramLabel = "NAME",
            description = "Schedule (default: ${DEFAULT-VALUE}).")
    String scheduleName;

    @Option(names = "--metric", defaultValue = "strong", paramLabel = "M",
            description = "exact-kl, strong or weak (default: ${DEFAULT-VALUE}).")
    String metricName;

    @Option(names = "--steps", defaultValue = "16,32,64,128", split = ",", paramLabel = "N",
            description = "Step counts for fixed-grid solvers (default: ${DEFAULT-VALUE}).")
    int[] steps;

    @Option(names = "--tolerances", defaultValue = "1e-3,1e-4,1e-5,1e-6", split = ",", paramLabel = "TOL",
            description = "atol = rtol for adaptive solvers (rk45) (default: ${DEFAULT-VALUE}).")
    double[] tolerances;

    @Option(names = "--grid", defaultValue = "uniform-logsnr", paramLabel = "KIND",
            description = "uniform-t, uniform-logsnr or quadratic (default: ${DEFAULT-VALUE}).")
    String gridName;

    @Option(names = "--t-start", paramLabel = "T",
            description = "First time (default: T; 0.999 T where α(T) = 0).")
    Double start;

    @Option(names = "--t-end", paramLabel = "T", description = "Last time (default: 0.01 T).")
    Double end;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
            description = "Seeds per point for strong and weak errors, averaged (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--particles", defaultValue = "256", paramLabel = "N",
            description = "Particles per seed for strong and weak errors (default: ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--reference-steps", paramLabel = "N",
            description = "Steps of the SDE reference (default: 16 × the largest step count).")
    Integer referenceSteps;

    @Option(names = "--target-error", paramLabel = "E",
            description = "Error for the 'NFE to' column (default: a power of 10 inside the measured range).")
    Double targetError;

    @Option(names = "--at-nfe", paramLabel = "NFE",
            description = "NFE for the 'error at NFE' column (default: a power of 2 inside the measured range).")
    Double atNfe;

    @Option(names = "--work-particles", defaultValue = "1000", paramLabel = "N",
            description = "Samples drawn by each timed run (NFE and wall time) (default: ${DEFAULT-VALUE}).")
    int workParticles;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for CSV, JSON and figures.")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        if ((solverNames == null) == (external == null)) {
            throw new IllegalArgumentException("give either --solvers or --external (exactly one of the two)");
        }
        if (out != null) {
            AtomicFiles.requireDirectoryWritable(out, "--out");
        }
        GaussianMixture mixture = DataSource.mixture(data);
        NoiseSchedule schedule = Schedules.byName(scheduleName);
        List<Solver> solvers = new ArrayList<>();
        for (String name : solverNames != null ? solverNames : List.<String>of()) {
            solvers.add(Solvers.byName(name.strip()));
        }
        requireThreeResolutions("step counts", Arrays.stream(steps).boxed().toList(),
                external != null || solvers.stream().anyMatch(s -> !s.isAdaptive()));
        requireThreeResolutions("tolerances", Arrays.stream(tolerances).boxed().toList(),
                solvers.stream().anyMatch(Solver::isAdaptive));
        ExternalSampler sampler = external == null ? null : new ExternalSampler(CommandTemplate.parse(external),
                mixture.dimension(), nfePerStep, timeout, stochastic);
        ConvergenceProblem defaults = ConvergenceProblem.of(mixture, schedule);
        ConvergenceProblem problem = new ConvergenceProblem(mixture, schedule,
                start != null ? start : defaults.start(), end != null ? end : defaults.end(),
                GridFamily.byName(gridName));
        ErrorMetric metric = metric(problem);
        ConvergenceStudy study = ConvergenceStudy.of(problem, metric).steps(steps).tolerances(tolerances)
                .seeds(seeds, seed).timing(workParticles, sampler != null ? 1 : 3)
                .targetError(targetError != null ? targetError : Double.NaN)
                .fixedEvaluations(atNfe != null ? atNfe : Double.NaN)
                .declaredOrder(declaredOrder != null ? declaredOrder : Double.NaN);
        ConvergenceTable table;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(spec.commandLine().getErr(), "converge",
                quiet)) {
            study.progress(progress);
            table = sampler != null ? study.run(sampler) : study.run(solvers);
        } catch (IntegrationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        String description = describe(problem, mixture);
        stdout.printf(Locale.ROOT, "# %s%n", description);
        if (sampler != null) {
            stdout.printf(Locale.ROOT, "# external: %s (NFE = %d × N as declared by --nfe-per-step; reference: the "
                    + "exact probability-flow map of {init})%n", external, nfePerStep);
        }
        stdout.printf(Locale.ROOT, "# metric %s = %s; orders fitted to %s on log h; %s; NFE per sample%n",
                table.metric(), table.quantity(), table.power() == 1 ? "the error" : "error^(1/" + table.power() + ")",
                metric.isRandom() ? table.seeds() + (table.seeds() == 1 ? " seed" : " seeds") + " of " + particles
                        + " particles" : "exact, no sampling");
        table.print(stdout);
        stdout.flush();
        if (out != null) {
            writeFiles(new ConvergenceReport(table), table, problem, solvers, sampler, description);
        }
        return table.passes() ? Diffusion4j.OK : Diffusion4j.CHECK_FAILED;
    }

    /**
     * An order's confidence interval needs three distinct resolutions: with two, the line passes through both points
     * and leaves no residual degree of freedom.
     */
    private static void requireThreeResolutions(String what, List<? extends Number> values, boolean used) {
        if (used && values.size() < 3) {
            throw new IllegalArgumentException("an order with a confidence interval needs at least 3 distinct " + what
                    + ", got " + values.size() + " " + values + "; with 2 the fitted line passes through both points "
                    + "and has no CI");
        }
    }

    private ErrorMetric metric(ConvergenceProblem problem) {
        int largest = Arrays.stream(steps).max().orElse(1);
        int reference = referenceSteps != null ? referenceSteps : 16 * largest;
        switch (metricName) {
            case "exact-kl":
                return new ExactKlError(problem);
            case "strong":
                return new StrongError(problem, particles, reference, 0.95);
            case "weak":
                return new WeakError(problem, particles, reference, TestFunction.defaults(problem.dimension()), 0.95);
            default:
                throw new IllegalArgumentException("unknown metric '" + metricName + "'; expected one of " + METRICS);
        }
    }

    private String describe(ConvergenceProblem problem, GaussianMixture mixture) {
        String name = DataSource.name(data);
        return String.format(Locale.ROOT, "%s (d=%d, K=%d) under %s, t %s → %s on %s grids", name,
                mixture.dimension(), mixture.components(), problem.schedule().name(), problem.start(), problem.end(),
                problem.grids().cliName());
    }

    private void writeFiles(ConvergenceReport report, ConvergenceTable table, ConvergenceProblem problem,
                            List<Solver> solvers, ExternalSampler sampler, String description) {
        report.writeCsv(createDirectory(out));
        report.writeJson(out, description);
        String name = table.metric() + ": " + (data.problem != null ? data.problem : data.mixtureFile.getFileName())
                + ", " + problem.schedule().name();
        ConvergenceFigures.convergence(table, "Convergence — " + name).write(out, "convergence", 900, 600);
        ConvergenceFigures.errorVersusEvaluations(table, "Work–precision — " + name)
                .write(out, "work-precision-nfe", 900, 600);
        ConvergenceFigures.errorVersusWallTime(table, "Work–precision — " + name)
                .write(out, "work-precision-time", 900, 600);
        if (sampler != null) {
            int finest = Arrays.stream(steps).max().orElseThrow();
            double[] z = sampler.sample(problem.grid(finest), problem.initialPoints(SAMPLE_FIGURE_PARTICLES, seed),
                    SAMPLE_FIGURE_PARTICLES, seed);
            writeSamples(problem, sampler.name() + ", N=" + finest, z);
        } else {
            writeSamples(problem, solvers.get(0));
            solvers.stream().filter(s -> !s.isAdaptive()).findFirst().ifPresent(s -> writeTrajectories(problem, s));
        }
        spec.commandLine().getErr().println("wrote " + out.toAbsolutePath().normalize());
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Samples of the first solver at its finest resolution, over the exact density at t_end. */
    private void writeSamples(ConvergenceProblem problem, Solver solver) {
        Resolution finest = solver.isAdaptive()
                ? new Resolution.Tolerance(Arrays.stream(tolerances).min().orElseThrow())
                : new Resolution.Steps(Arrays.stream(steps).max().orElseThrow());
        double[] z = problem.initialPoints(SAMPLE_FIGURE_PARTICLES, seed);
        problem.integrate(solver, finest, new CounterNoise(seed), z, SAMPLE_FIGURE_PARTICLES, 1024);
        writeSamples(problem, solver.name() + ", " + finest.label(), z);
    }

    private void writeSamples(ConvergenceProblem problem, String label, double[] z) {
        int n = SAMPLE_FIGURE_PARTICLES;
        String title = String.format(Locale.ROOT, "%s: %d samples at t = %.3g", label, n, problem.end());
        if (problem.dimension() == 1) {
            new HistogramOverDensity(title, problem.data(), problem.schedule(), problem.end(), z, n, 0)
                    .write(out, "samples", 800, 650);
        } else {
            new ScatterOverContours(title, problem.data(), problem.schedule(), problem.end(), z, n, 0, 1)
                    .write(out, "samples", 800, 700);
        }
    }

    /** A few particles of a fixed-grid solver at the coarsest step count, over the exact mean ± 2 sd of x_0. */
    private void writeTrajectories(ConvergenceProblem problem, Solver solver) {
        int coarsest = Arrays.stream(steps).min().orElseThrow();
        TimeGrid grid = problem.grid(coarsest);
        double[] initial = problem.initialPoints(TRAJECTORIES, seed);
        double[][] states = Trajectories.record(solver, problem.model(), problem.schedule(), new CounterNoise(seed),
                grid, initial, TRAJECTORIES);
        double[] times = grid.times();
        double[] upper = new double[times.length];
        double[] lower = new double[times.length];
        int d = problem.dimension();
        for (int k = 0; k < times.length; k++) {
            GaussianLaw law = problem.momentLaw(times[k]);
            double mean = law.mean()[0];
            double sd = Math.sqrt(law.covariance()[0]);
            upper[k] = mean + 2 * sd;
            lower[k] = mean - 2 * sd;
        }
        new TrajectoryPlot(String.format(Locale.ROOT, "%s, N=%d: %d trajectories", solver.name(), coarsest,
                TRAJECTORIES), times, states, d, 0, TRAJECTORIES)
                .reference("exact mean + 2 sd", times, upper)
                .reference("exact mean − 2 sd", times, lower)
                .write(out, "trajectories", 900, 600);
    }
}
