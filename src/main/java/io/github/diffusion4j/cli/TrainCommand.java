package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.io.AtomicFiles;
import io.github.diffusion4j.learn.Activation;
import io.github.diffusion4j.learn.DsmTrainer;
import io.github.diffusion4j.learn.Mlp;
import io.github.diffusion4j.learn.MlpFiles;
import io.github.diffusion4j.learn.MlpNoisePredictor;
import io.github.diffusion4j.learn.ScoreError;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: learns the score of a Gaussian mixture with a noise-predicting MLP by denoising score matching,
 * writes it as safetensors and reports its exact score error before and after training.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an MLP score by denoising score matching; write safetensors.",
            "Reports the exact σ²-weighted score error against the true score before and after."},
        footer = {"", "Examples:",
            "  java -jar target/diffusion4j-cli.jar train --problem ring8 \\",
            "      --out ring8.safetensors",
            "  java -jar target/diffusion4j-cli.jar train --mixture M.json --schedule ve \\",
            "      --hidden 128,128 --steps 5000 --out m.safetensors"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DataSource data;

    @Option(names = "--schedule", defaultValue = "vp-linear", paramLabel = "NAME",
            description = "Schedule (default: ${DEFAULT-VALUE}).")
    String scheduleName;

    @Option(names = "--hidden", defaultValue = "64,64", split = ",", paramLabel = "W",
            description = "Hidden widths (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--frequencies", defaultValue = "4", paramLabel = "M",
            description = "Time-embedding frequencies (default: ${DEFAULT-VALUE}).")
    int frequencies;

    @Option(names = "--activation", defaultValue = "silu", paramLabel = "A",
            description = "silu or gelu (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--steps", defaultValue = "3000", paramLabel = "N",
            description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "B",
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--learning-rate", defaultValue = "2e-3", paramLabel = "LR",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the initial weights and the minibatches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No progress bar (it is drawn only on a terminal, after a second).")
    boolean quiet;

    @Option(names = "--out", required = true, paramLabel = "FILE.safetensors",
            description = "Where to write the trained network.")
    Path out;

    @Override
    public Integer call() {
        AtomicFiles.requireWritable(out, "--out");
        String name = DataSource.name(data);
        GaussianMixture mixture = DataSource.mixture(data);
        NoiseSchedule schedule = Schedules.byName(scheduleName);
        Activation kind;
        try {
            kind = Activation.valueOf(activation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + activation + "'; expected silu or gelu", e);
        }
        double tMax = schedule.reverseStart();
        double tMin = Math.max(1e-3 * schedule.tMax(), schedule.tMin());
        Mlp mlp = DsmTrainer.initialise(mixture.dimension(), frequencies, hidden, kind, tMin, tMax, seed);
        MlpNoisePredictor predictor = new MlpNoisePredictor(mlp);
        double before = ScoreError.weighted(predictor.asScoreModel(schedule), mixture, schedule, tMin, tMax, seed);
        long begin = System.nanoTime();
        DsmTrainer.Result result;
        try (ProgressDisplay display = ProgressDisplay.forCommand(spec.commandLine().getErr(), "train", quiet)) {
            result = new DsmTrainer().steps(steps).batchSize(batch).learningRate(learningRate).seed(seed + 1)
                    .progress((done, total, loss) -> display.update(done, total,
                            String.format(Locale.ROOT, "loss %.3g", loss)))
                    .train(mlp, mixture, schedule);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        double after = ScoreError.weighted(predictor.asScoreModel(schedule), mixture, schedule, tMin, tMax, seed);
        MlpFiles.save(mlp, schedule.name(), out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "# %s (d=%d, K=%d) under %s; MLP %d→%s→%d (%s), %d parameters%n", name,
                mixture.dimension(), mixture.components(), schedule.name(), mixture.dimension() + 2 * frequencies,
                java.util.Arrays.toString(hidden), mixture.dimension(), kind.name().toLowerCase(Locale.ROOT),
                mlp.parameters().length);
        stdout.printf(Locale.ROOT, "steps          %d × %d draws, %.1f s%n", result.steps(), batch, seconds);
        stdout.printf(Locale.ROOT, "final loss     %.4f (mean ‖ε̂ − ε‖², t ∝ 1/σ²)%n", result.finalLoss());
        stdout.printf(Locale.ROOT, "score error    %.4f → %.4f (E σ²‖s_θ − ∇log p_t‖², exact)%n", before, after);
        if (mixture.dimension() <= SampledKl.MAX_DIMENSION) {
            Estimate learned = SampledKl.of(predictor.asScoreModel(schedule), mixture, schedule, seed);
            Estimate exact = SampledKl.of(new MixtureScoreModel(mixture, schedule), mixture, schedule, seed);
            stdout.printf(Locale.ROOT, "sampled KL     %.3g [%.3g, %.3g] nats; the exact score: %.3g [%.3g, %.3g]%n",
                    learned.value(), learned.lower(), learned.upper(), exact.value(), exact.lower(), exact.upper());
            stdout.printf(Locale.ROOT, "               (%s, %d steps, %d samples, k-NN KL to p at the last time)%n",
                    SampledKl.SOLVER, SampledKl.STEPS, SampledKl.SAMPLES);
        }
        stdout.printf(Locale.ROOT, "wrote          %s%n", out);
        return Diffusion4j.OK;
    }
}
