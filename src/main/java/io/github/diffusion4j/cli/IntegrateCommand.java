package io.github.diffusion4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.ArrayNoise;
import io.github.diffusion4j.solve.IntegrationResult;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code integrate}: runs a solver with the exact score of a mixture from given initial points over a time grid. A
 * stable contract used by external reference checks; see the README.
 */
@Command(name = "integrate", mixinStandardHelpOptions = true,
        description = "Integrate points from t0 down to tN with a solver and the exact mixture score.",
        footer = {"", "Solvers: euler, heun, rk4, rk45, ddim, dpm-solver-1, dpm-solver-2, dpm-solver-3,",
                "  dpm-solver++2m, sde-dpm-solver++2m, euler-maruyama, ancestral, edm-heun,",
                "  edm-stochastic, pc, and those of --plugin jars.",
                "Grids (with --steps): uniform-t, uniform-logsnr, quadratic, karras",
                "  (sigma_min 0.002, rho 7, a final sigma = 0 appended when the schedule",
                "  reaches it). Default span: --t-start = T, --t-end = 1e-3 T (0.002 on edm).",
                "Output: the final points as CSV on stdout; 'nfe=<model evaluations>' on stderr.",
                "", "Examples:",
                "  java -jar target/diffusion4j-cli.jar integrate --mixture M.json \\",
            "      --schedule vp-linear \\",
                "      --solver dpm-solver++2m --times 1,0.5,0.1,0.001 --init X.csv",
                "  java -jar target/diffusion4j-cli.jar integrate --mixture M.json \\",
            "      --schedule edm \\",
                "      --solver edm-heun --steps 18 --grid karras --init X.csv"})
final class IntegrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MixtureOptions data;

    @Option(names = "--solver", required = true, paramLabel = "S", description = "Solver name (see below).")
    String solverName;

    @ArgGroup(exclusive = true, multiplicity = "1")
    GridOptions grid;

    static final class GridOptions {
        @Option(names = "--times", split = ",", paramLabel = "t0,t1,…", description = "Explicit decreasing grid.")
        double[] times;

        @ArgGroup(exclusive = false)
        GeneratedGrid generated;
    }

    static final class GeneratedGrid {
        @Option(names = "--steps", required = true, paramLabel = "N", description = "Number of steps.")
        int steps;

        @Option(names = "--grid", defaultValue = "uniform-logsnr", paramLabel = "KIND",
                description = "uniform-t, uniform-logsnr, quadratic or karras (default: ${DEFAULT-VALUE}).")
        String kind;

        @Option(names = "--t-start", paramLabel = "T", description = "First time (default: the schedule's T).")
        Double start;

        @Option(names = "--t-end", paramLabel = "T", description = "Last time (default: 1e-3 T; 0.002 on edm).")
        Double end;
    }

    @Option(names = "--init", required = true, paramLabel = "X.csv", description = "Initial points, one per row.")
    Path initFile;

    @Option(names = "--noise", paramLabel = "Z.csv",
            description = "Standard normals for stochastic solvers: N·n rows of d values, step j particle i at row j·n + i.")
    Path noiseFile;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the counter-based noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--atol", defaultValue = "1e-6", description = "Absolute tolerance for rk45 (default: ${DEFAULT-VALUE}).")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-6", description = "Relative tolerance for rk45 (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--threads", defaultValue = "1", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--quiet", description = "No progress bar (it is drawn only on a terminal, after a second).")
    boolean quiet;

    @Override
    public Integer call() {
        GaussianMixture mixture = data.mixture();
        NoiseSchedule schedule = data.schedule();
        Solver solver = Solvers.byName(solverName);
        if (noiseFile != null && !solver.isStochastic()) {
            throw new IllegalArgumentException("--noise " + noiseFile + ": solver " + solver.name() + " is "
                    + "deterministic and draws no noise; drop --noise or choose a stochastic solver ("
                    + Solvers.names().stream().filter(name -> Solvers.byName(name).isStochastic()).toList() + ")");
        }
        TimeGrid times = timeGrid(schedule);
        CsvPoints.Table init = CsvPoints.read(initFile, mixture.dimension());
        int n = init.rows();
        int d = mixture.dimension();
        Integrator integrator = Integrator.of(solver, new MixtureScoreModel(mixture, schedule), schedule)
                .seed(seed).tolerances(atol, rtol).threads(threads);
        if (noiseFile != null) {
            CsvPoints.Table noise = CsvPoints.read(noiseFile, d);
            int needed = times.steps() * n;
            if (noise.rows() != needed) {
                throw new IllegalArgumentException(noiseFile + ": expected N·n = " + times.steps() + "·" + n + " = "
                        + needed + " rows of standard normals, found " + noise.rows());
            }
            integrator.noise(new ArrayNoise(noise.values(), n, d));
        }
        double[] z = init.values();
        IntegrationResult result;
        try (ProgressDisplay display = ProgressDisplay.forCommand(spec.commandLine().getErr(), "integrate", quiet)) {
            result = integrator.progress(display.asIntegratorProgress()).integrate(times, z, n);
        }
        CsvPoints.write(z, n, d, spec.commandLine().getOut());
        spec.commandLine().getErr().println("nfe=" + result.evaluations());
        return Diffusion4j.OK;
    }

    private TimeGrid timeGrid(NoiseSchedule schedule) {
        if (grid.times != null) {
            return TimeGrid.of(schedule, grid.times);
        }
        GeneratedGrid g = grid.generated;
        return GridKinds.grid(schedule, g.kind, g.steps, g.start, g.end);
    }
}
