package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marginals}: a table of exact marginal quantities of a built-in mixture across time — α, σ, λ, the mean
 * log-density and score norm over exact samples of {@code p_t}, and the largest Tweedie residual between the
 * posterior mean by conditioning and {@code (z + σ² s)/α}.
 */
@Command(name = "marginals", mixinStandardHelpOptions = true,
        description = "Print exact marginal quantities of a built-in mixture across time.",
        footer = {"", "Example:", "  java -jar target/diffusion4j-cli.jar marginals --problem ring8 \\",
            "      --schedule vp-linear"})
final class MarginalsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--problem", defaultValue = "ring8", paramLabel = "NAME",
            description = "Built-in data problem: bimodal1d, ring8, gauss2, mixture8d (default: ${DEFAULT-VALUE}).")
    String problem;

    @Option(names = "--schedule", defaultValue = "vp-linear", paramLabel = "NAME",
            description = "Schedule (default: ${DEFAULT-VALUE}).")
    String scheduleName;

    @Option(names = "--n", defaultValue = "10000", description = "Samples per time (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ResultsOption results;

    @Override
    public Integer call() {
        results.check();
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, got " + n);
        }
        GaussianMixture mixture = BuiltinMixtures.byName(problem);
        NoiseSchedule schedule = Schedules.byName(scheduleName);
        int d = mixture.dimension();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "# %s (d=%d, K=%d) under %s, %d exact samples of p_t per row%n", problem, d,
                mixture.components(), schedule, n);
        out.printf(Locale.ROOT, "%10s %12s %12s %12s %14s %14s %16s%n", "t", "alpha", "sigma", "logSNR",
                "mean log p_t", "mean |score|", "max Tweedie res");
        MixtureMarginal marginal = mixture.marginal();
        double[] x = new double[n * d];
        double[] score = new double[n * d];
        double[] mean = new double[n * d];
        double[] logDensity = new double[n];
        double[] fractions = {0.0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (double fraction : fractions) {
            double t = schedule.tMin() + fraction * (schedule.tMax() - schedule.tMin());
            marginal.setTime(schedule, t);
            double alpha = marginal.alpha();
            double sigma = marginal.sigma();
            mixture.sample(rng, n, x, null);
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < n * d; i++) {
                x[i] = alpha * x[i] + sigma * normal.sample();
            }
            marginal.scoreAndLogDensity(x, 0, n, score, logDensity);
            marginal.posteriorMean(x, n, mean);
            double meanLog = 0;
            double meanNorm = 0;
            double residual = 0;
            for (int i = 0; i < n; i++) {
                meanLog += logDensity[i] / n;
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    int ij = i * d + j;
                    norm += score[ij] * score[ij];
                    if (alpha > 0) {
                        double tweedie = (x[ij] + sigma * sigma * score[ij]) / alpha;
                        residual = Math.max(residual, Math.abs(tweedie - mean[ij]) / (1 + Math.abs(mean[ij])));
                    }
                }
                meanNorm += Math.sqrt(norm) / n;
            }
            out.printf(Locale.ROOT, "%10.4g %12.6g %12.6g %12.5g %14.6g %14.6g %16s%n", t, alpha, sigma,
                    schedule.logSnr(t), meanLog, meanNorm, alpha > 0 ? String.format(Locale.ROOT, "%.2e", residual) : "n/a (α=0)");
            rows.add(List.of(t, alpha, sigma, schedule.logSnr(t), meanLog, meanNorm, alpha > 0 ? residual : Double.NaN));
        }
        out.flush();
        results.write(List.of("t", "alpha", "sigma", "log_snr", "mean_log_density", "mean_score_norm",
                "max_tweedie_residual"), rows);
        return Diffusion4j.OK;
    }
}
