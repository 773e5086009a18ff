package io.github.diffusion4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: exact marginal quantities of a mixture at one time, one CSV row per input point. A stable contract
 * used by external reference checks; see the README.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate an exact marginal quantity of a Gaussian mixture at time t on a set of points.",
        footer = {"", "Quantities: log-density, score, posterior-mean, divergence, responsibilities, velocity, eps, x0, v.",
                "", "Example:",
                "  java -jar target/diffusion4j-cli.jar eval --mixture M.json \\",
            "      --schedule vp-linear --t 0.5 \\",
                "      --points P.csv --quantity score"})
final class EvalCommand implements Callable<Integer> {

    static final List<String> QUANTITIES = List.of("log-density", "score", "posterior-mean", "divergence",
            "responsibilities", "velocity", "eps", "x0", "v");

    @Spec
    CommandSpec spec;

    @Mixin
    MixtureOptions data;

    @Option(names = "--t", required = true, paramLabel = "T", description = "Time in the schedule's domain.")
    double t;

    @Option(names = "--points", required = true, paramLabel = "P.csv", description = "Points, one per row.")
    Path pointsFile;

    @Option(names = "--quantity", required = true, paramLabel = "Q", description = "Quantity to print: ${COMPLETION-CANDIDATES}.",
            completionCandidates = QuantityNames.class)
    String quantity;

    @Override
    public Integer call() {
        if (!QUANTITIES.contains(quantity)) {
            throw new IllegalArgumentException("unknown quantity '" + quantity + "'; expected one of " + QUANTITIES);
        }
        NoiseSchedule schedule = data.schedule();
        GaussianMixture mixture = data.mixture();
        CsvPoints.Table points = CsvPoints.read(pointsFile, mixture.dimension());
        MixtureMarginal marginal = mixture.marginal().setTime(schedule, t);
        int n = points.rows();
        int d = mixture.dimension();
        double[] z = points.values();
        int width = switch (quantity) {
            case "log-density", "divergence" -> 1;
            case "responsibilities" -> mixture.components();
            default -> d;
        };
        double[] out = new double[n * width];
        switch (quantity) {
            case "log-density" -> marginal.logDensity(z, n, out);
            case "score" -> marginal.score(z, n, out);
            case "posterior-mean", "x0" -> marginal.posteriorMean(z, n, out);
            case "divergence" -> marginal.divergence(z, n, out);
            case "responsibilities" -> marginal.responsibilities(z, n, out);
            case "velocity" -> marginal.velocity(z, n, out);
            case "eps" -> marginal.noisePrediction(z, n, out);
            case "v" -> marginal.vPrediction(z, n, out);
            default -> throw new IllegalStateException(quantity);
        }
        CsvPoints.write(out, n, width, spec.commandLine().getOut());
        return Diffusion4j.OK;
    }

    static final class QuantityNames extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        QuantityNames() {
            super(QUANTITIES);
        }
    }
}
