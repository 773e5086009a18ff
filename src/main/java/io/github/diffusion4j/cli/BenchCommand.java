package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.diffusion4j.internal.WorkSharing;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.mixture.SyntheticMixtures;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: quick side-by-side timings of the hot paths on a synthetic mixture — {@code score} (the exact batch
 * score at t = 0.3 under VP, the JMH ScoreBenchmark's workload) and {@code sample} (a solver end to end) — warming up,
 * timing repeated runs and printing {@code median_ms=…} with min and max. For publishable numbers use the JMH suite
 * in {@code benchmarks/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the exact score or a sampler; print median_ms, min_ms, max_ms.",
            "A quick check; the JMH suite in benchmarks/ gives the recorded numbers."},
        footer = {"", "Examples:",
            "  java -jar target/diffusion4j-cli.jar bench score --n 1000000 --k 8 --d 2 \\",
            "      --covariance diagonal --threads 1",
            "  java -jar target/diffusion4j-cli.jar bench sample \\",
            "      --solver dpm-solver++2m --steps 20 --n 100000"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "score or sample.")
    String what;

    @Option(names = "--n", defaultValue = "1000000", paramLabel = "N", description = "Points (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--k", defaultValue = "8", paramLabel = "K", description = "Components (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--d", defaultValue = "2", paramLabel = "D", description = "Dimension (default: ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--covariance", defaultValue = "diagonal", paramLabel = "KIND",
            description = "diagonal or full (default: ${DEFAULT-VALUE}).")
    String covariance;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--solver", defaultValue = "dpm-solver++2m", paramLabel = "S",
            description = "Solver for sample (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--steps", defaultValue = "20", paramLabel = "N",
            description = "Steps for sample (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "W",
            description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", defaultValue = "10", paramLabel = "R",
            description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    ResultsOption results;

    @Override
    public Integer call() {
        results.check();
        requireAtLeast("--n", n, 1);
        requireAtLeast("--k", k, 1);
        requireAtLeast("--d", d, 1);
        requireAtLeast("--threads", threads, 1);
        requireAtLeast("--repeats", repeats, 1);
        requireAtLeast("--warmup", warmup, 0);
        GaussianMixture mixture = SyntheticMixtures.random(k, d, covariance, 42);
        NoiseSchedule vp = Schedules.byName("vp-linear");
        Runnable run;
        String description;
        double[] z = new double[n * d];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * (2 * rng.nextDouble() - 1);
        }
        switch (what) {
            case "score": {
                double[] out = new double[n * d];
                int block = 4096;
                int blocks = (n + block - 1) / block;
                ThreadLocal<MixtureMarginal> marginal = ThreadLocal.withInitial(
                        () -> mixture.marginal().setTime(vp, 0.3));
                run = () -> WorkSharing.run(threads, blocks, () -> {
                    MixtureMarginal m = marginal.get();
                    return b -> m.score(z, b * block, Math.min(n, (b + 1) * block), out);
                }, "bench");
                description = String.format(Locale.ROOT, "score: n=%d K=%d d=%d %s, %d thread(s)", n, k, d,
                        covariance, threads);
                break;
            }
            case "sample": {
                MixtureScoreModel model = new MixtureScoreModel(mixture, vp);
                Integrator integrator = Integrator.of(Solvers.byName(solver), model, vp).threads(threads);
                TimeGrid grid = TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, steps);
                double[] work = new double[n * d];
                run = () -> {
                    System.arraycopy(z, 0, work, 0, z.length);
                    integrator.integrate(grid, work, n);
                };
                description = String.format(Locale.ROOT, "sample: %s, %d steps, n=%d K=%d d=%d %s, %d thread(s)",
                        solver, steps, n, k, d, covariance, threads);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown benchmark '" + what + "'; expected score or sample");
        }
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long begin = System.nanoTime();
            run.run();
            millis[i] = (System.nanoTime() - begin) / 1e6;
        }
        Arrays.sort(millis);
        double median = repeats % 2 == 1 ? millis[repeats / 2]
                : 0.5 * (millis[repeats / 2 - 1] + millis[repeats / 2]);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "# %s; %d warm-up, %d timed runs%n", description, warmup, repeats);
        out.printf(Locale.ROOT, "median_ms=%.3f%nmin_ms=%.3f%nmax_ms=%.3f%n", median, millis[0], millis[repeats - 1]);
        double perPointComponentDim = what.equals("score") ? median * 1e6 / ((double) n * k * d) : Double.NaN;
        if (what.equals("score")) {
            out.printf(Locale.ROOT, "ns_per_point_component_dim=%.3f%n", perPointComponentDim);
        }
        out.flush();
        results.write(List.of("benchmark", "median_ms", "min_ms", "max_ms", "ns_per_point_component_dim"),
                List.of(List.of(description, median, millis[0], millis[repeats - 1], perPointComponentDim)));
        return Diffusion4j.OK;
    }

    private static void requireAtLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
        }
    }
}
