package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.FlowDensity;
import io.github.diffusion4j.estimate.KozachenkoLeonenkoEntropy;
import io.github.diffusion4j.estimate.Mmd;
import io.github.diffusion4j.estimate.NearestNeighborKl;
import io.github.diffusion4j.io.AtomicFiles;
import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.learn.MlpFiles;
import io.github.diffusion4j.learn.MlpNoisePredictor;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.plot.HistogramOverDensity;
import io.github.diffusion4j.plot.ScatterOverContours;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.IntegrationResult;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.solve.UntrackedRegisterException;
import io.github.diffusion4j.verify.CandidateModel;
import io.github.diffusion4j.verify.ExactGroundTruth;
import io.github.diffusion4j.verify.Plugins;
import org.apache.commons.rng.simple.RandomSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sample}: draws n samples with a solver and the exact score of a mixture, from exact samples of p at the
 * first time of the grid, and measures them against the exact p at the last time: KL (exact model densities for
 * fixed-grid ODE solvers; the k-NN route for stochastic or adaptive ones in d ≤ 10) and block MMD² against as many
 * exact samples.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sample a mixture with a solver and the exact score; report KL and MMD.",
            "Reports NFE, wall time, and KL and MMD to the exact target law."},
        footer = {"", "Metrics (95% intervals):",
            "  kl   KL(p̂ ‖ p): exact model log-densities carried through every step for",
            "       fixed-grid ODE solvers (no density estimation); otherwise, in d ≤ 10,",
            "       Kozachenko-Leonenko entropy (k = 1) plus exact cross-entropy.",
            "       With --model (a learned score) always the k-NN route.",
            "  mmd2 unbiased block MMD² (Gaussian kernel, median bandwidth) against n",
            "       exact samples of p at the last time.",
            "Output: the summary on stdout; --out writes the samples (.npy or .csv);",
            "  --plot writes a PNG of the samples over the target density.",
            "", "Examples:",
            "  java -jar target/diffusion4j-cli.jar sample --problem ring8 \\",
            "      --solver dpm-solver++2m --steps 20 --n 10000 --out s.npy --plot s.png",
            "  java -jar target/diffusion4j-cli.jar sample --mixture M.json --schedule edm \\",
            "      --solver edm-heun --steps 18 --grid karras --n 5000"})
final class SampleCommand implements Callable<Integer> {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Largest dimension for the k-NN KL route (the k-d tree's useful range). */
    private static final int KNN_MAX_DIMENSION = 10;
    /** Fewest samples the metrics accept: block MMD² needs two blocks of at least two points. */
    private static final int MIN_METRIC_SAMPLES = 4;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DataSource data;

    @Option(names = "--schedule", defaultValue = "vp-linear", paramLabel = "NAME",
            description = "Schedule (default: ${DEFAULT-VALUE}).")
    String scheduleName;

    @Option(names = "--solver", defaultValue = "dpm-solver++2m", paramLabel = "S",
            description = "Solver, as for integrate (default: ${DEFAULT-VALUE}).")
    String solverName;

    @Option(names = "--steps", defaultValue = "20", paramLabel = "N",
            description = "Steps of a fixed-grid solver (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--grid", defaultValue = "uniform-logsnr", paramLabel = "KIND",
            description = "Grid kind: " + GridKinds.HELP + " (default: ${DEFAULT-VALUE}).")
    String gridKind;

    @Option(names = "--tolerance", defaultValue = "1e-6", paramLabel = "TOL",
            description = "atol = rtol of an adaptive solver (rk45) (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--t-start", paramLabel = "T", description = "First time (default: T).")
    Double start;

    @Option(names = "--t-end", paramLabel = "T", description = "Last time (default: 1e-3 T; 0.002 on edm).")
    Double end;

    @Option(names = "--n", defaultValue = "10000", paramLabel = "N",
            description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the starting points and the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "Worker threads; the samples are the same for any count (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the samples: .npy or .csv.")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the samples over the target density.")
    Path plot;

    @Mixin
    ResultsOption results;

    @Option(names = "--no-metrics", description = "Skip KL and MMD.")
    boolean noMetrics;

    @Option(names = "--quiet", description = "No progress bar (it is drawn only on a terminal, after a second).")
    boolean quiet;

    @Option(names = "--model", paramLabel = "FILE|NAME",
            description = "Sample with another score instead of the exact one: a trained model, safetensors (see train) "
                    + "or a NumPy .npz with the same tensors and metadata (README, Learned scores); or the name of a "
                    + "score model from a --plugin jar.")
    String modelFile;

    @Override
    public Integer call() {
        if (n < 2) {
            throw new IllegalArgumentException("--n must be at least 2, got " + n);
        }
        if (!noMetrics && n < MIN_METRIC_SAMPLES) {
            throw new IllegalArgumentException("--n " + n + ": the metrics need at least " + MIN_METRIC_SAMPLES
                    + " samples (block MMD² needs two blocks of two); pass --no-metrics for fewer");
        }
        results.check();
        if (out != null && !out.toString().endsWith(".npy") && !out.toString().endsWith(".csv")) {
            throw new IllegalArgumentException("--out " + out + ": the file name must end in .npy or .csv");
        }
        if (out != null) {
            AtomicFiles.requireWritable(out, "--out");
        }
        if (plot != null) {
            if (!plot.getFileName().toString().endsWith(".png")) {
                throw new IllegalArgumentException("--plot " + plot + ": the file name must end in .png (an .svg is "
                        + "written beside it)");
            }
            AtomicFiles.requireWritable(plot, "--plot");
            AtomicFiles.requireWritable(plot.resolveSibling(plot.getFileName().toString()
                    .replaceFirst("\\.png$", ".svg")), "--plot");
        }
        String name = DataSource.name(data);
        GaussianMixture mixture = DataSource.mixture(data);
        NoiseSchedule schedule = Schedules.byName(scheduleName);
        Solver solver = Solvers.byName(solverName);
        TimeGrid grid = solver.isAdaptive()
                ? TimeGrid.of(schedule, start != null ? start : GridKinds.defaultStart(schedule),
                        end != null ? end : GridKinds.defaultEnd(schedule))
                : GridKinds.grid(schedule, gridKind, steps, start, end);
        double[] times = grid.times();
        double first = times[0];
        double last = times[times.length - 1];
        int d = mixture.dimension();
        ScoreModel model = modelFile == null ? new MixtureScoreModel(mixture, schedule) : otherModel(schedule, mixture);
        Integrator integrator = Integrator.of(solver, model, schedule).seed(seed).threads(threads)
                .tolerances(tolerance, tolerance);
        double[] z = mixture.sampleMarginal(schedule, first, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), n);
        MixtureMarginal initial = mixture.marginal().setTime(schedule, first);
        MixtureMarginal target = mixture.marginal().setTime(schedule, last);
        boolean exactDensity = !solver.isStochastic() && !solver.isAdaptive() && modelFile == null && !noMetrics;
        long begin = System.nanoTime();
        Estimate kl = null;
        IntegrationResult result = null;
        try (ProgressDisplay display = ProgressDisplay.forCommand(spec.commandLine().getErr(), "sample", quiet)) {
            integrator.progress(display.asIntegratorProgress());
            if (exactDensity) {
                double[] startLog = new double[n];
                initial.logDensity(z, n, startLog);
                try {
                    FlowDensity.Samples samples = FlowDensity.push(integrator, grid, z, startLog, n);
                    System.arraycopy(samples.points(), 0, z, 0, z.length);
                    result = new IntegrationResult(samples.evaluations(), grid.steps(), 0);
                    kl = FlowDensity.klDivergence(samples, target::logDensity, 0.95);
                } catch (UntrackedRegisterException e) {
                    spec.commandLine().getErr().println("note: no exact model density for " + solver.name() + ": "
                            + e.getMessage());
                    exactDensity = false;
                }
            }
            if (result == null) {
                result = integrator.integrate(grid, z, n);
            }
        }
        double millis = (System.nanoTime() - begin) / 1e6;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "# %s (d=%d, K=%d) under %s, %s, t %s → %s%n", name, d, mixture.components(),
                schedule.name(), solver.isAdaptive() ? solver.name() + " at tolerance " + tolerance
                        : solver.name() + " on " + grid.steps() + " " + gridKind + " steps", first, last);
        stdout.printf(Locale.ROOT, "samples   %d%n", n);
        stdout.printf(Locale.ROOT, "nfe       %d per sample%n", result.evaluations());
        stdout.printf(Locale.ROOT, "wall_ms   %.1f%s%n", millis, exactDensity
                ? " (including the d×d tangent propagation for the exact density)" : "");
        Estimate mmd = null;
        if (!noMetrics) {
            if (kl == null && d <= KNN_MAX_DIMENSION) {
                kl = new NearestNeighborKl(new KozachenkoLeonenkoEntropy(1).threads(threads))
                        .estimate(z, n, d, target::logDensity, 0.95);
            }
            stdout.printf(Locale.ROOT, "kl        %s%n", kl == null ? "— (k-NN route needs d ≤ " + KNN_MAX_DIMENSION
                    + ")" : format(kl) + (exactDensity ? "  (exact model density)" : "  (k-NN entropy, k = 1)"));
            double[] reference = mixture.sampleMarginal(schedule, last, RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1),
                    n);
            int block = Math.max(2, (int) Math.sqrt(n));
            mmd = new Mmd(seed).blockUnbiased(z, n, reference, n, d, Math.min(block, n / 2), 0.95);
            stdout.printf(Locale.ROOT, "mmd2      %s  (block MMD², %d exact samples)%n", format(mmd), n);
        }
        stdout.flush();
        results.write(List.of("problem", "schedule", "solver", "steps", "samples", "nfe", "wall_ms", "kl", "kl_lower",
                "kl_upper", "mmd2", "mmd2_lower", "mmd2_upper"), List.of(List.of(name, schedule.name(), solver.name(),
                solver.isAdaptive() ? -1 : grid.steps(), n, result.evaluations(), millis, value(kl, Estimate::value),
                value(kl, Estimate::lower), value(kl, Estimate::upper), value(mmd, Estimate::value),
                value(mmd, Estimate::lower), value(mmd, Estimate::upper))));
        if (out != null) {
            if (out.toString().endsWith(".npy")) {
                Npy.write(out, z, n, d);
            } else {
                AtomicFiles.writeText(out, w -> {
                    PrintWriter printer = new PrintWriter(w);
                    CsvPoints.write(z, n, d, printer);
                    printer.flush();
                });
            }
        }
        if (plot != null) {
            writePlot(mixture, schedule, solver, last, z, name);
        }
        return Diffusion4j.OK;
    }

    /** A plugin's score model by name, else a trained model from a file. */
    private ScoreModel otherModel(NoiseSchedule schedule, GaussianMixture mixture) {
        List<CandidateModel> plugin = Plugins.loaded().stream().flatMap(p -> p.plugin().scoreModels().stream())
                .filter(c -> c.name().equals(modelFile)).toList();
        if (!plugin.isEmpty()) {
            ScoreModel model = plugin.get(0).factory().apply(new ExactGroundTruth(mixture, schedule));
            if (model.dimension() != mixture.dimension()) {
                throw new IllegalArgumentException("plugin model '" + modelFile + "' has dimension "
                        + model.dimension() + ", the data " + mixture.dimension());
            }
            return model;
        }
        Path file = Path.of(modelFile);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--model " + modelFile + ": no such file, and no plugin score model of "
                    + "that name (plugin models: " + Plugins.loaded().stream().flatMap(p -> p.plugin().scoreModels()
                    .stream()).map(CandidateModel::name).toList() + ")");
        }
        MlpFiles.Loaded loaded = MlpFiles.load(file);
        if (!loaded.schedule().equals(schedule.name())) {
            throw new IllegalArgumentException(modelFile + " was trained on schedule " + loaded.schedule()
                    + ", not " + schedule.name() + "; pass --schedule " + loaded.schedule());
        }
        if (loaded.mlp().dimension() != mixture.dimension()) {
            throw new IllegalArgumentException(modelFile + " has dimension " + loaded.mlp().dimension()
                    + ", the data " + mixture.dimension());
        }
        return new MlpNoisePredictor(loaded.mlp()).asScoreModel(schedule);
    }

    private void writePlot(GaussianMixture mixture, NoiseSchedule schedule, Solver solver, double last, double[] z,
                           String name) {
        Path directory = plot.toAbsolutePath().getParent();
        String file = plot.getFileName().toString().replaceFirst("\\.png$", "");
        String title = String.format(Locale.ROOT, "%s, %s: n = %d, t = %.3g", name, solver.name(), n, last);
        if (mixture.dimension() == 1) {
            new HistogramOverDensity(title, mixture, schedule, last, z, n, 0).write(directory, file, 800, 650);
        } else {
            new ScatterOverContours(title, mixture, schedule, last, z, n, 0, 1).write(directory, file, 800, 700);
        }
    }

    private static String format(Estimate e) {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", e.value(), e.lower(), e.upper());
    }

    /** A component of an estimate for {@code --results}, NaN when the estimate was not computed. */
    private static double value(Estimate estimate, java.util.function.ToDoubleFunction<Estimate> part) {
        return estimate == null ? Double.NaN : part.applyAsDouble(estimate);
    }
}
