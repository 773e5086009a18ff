package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.diffusion4j.assess.Assessment;
import io.github.diffusion4j.assess.AssessmentRow;
import io.github.diffusion4j.assess.SampleAssessment;
import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.io.InputFormatException;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.io.PointFiles;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assess}: samples produced anywhere, or the mean and covariance of a Gaussian output law, measured against
 * the exact marginal p_t ({@link SampleAssessment}).
 */
@Command(name = "assess", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure samples from any sampler against the exact marginal p_t of a mixture.",
            "Cross-entropy, k-NN KL, MMD² with its permutation p-value, sliced W2, per-coordinate KS and",
            "per-component mass (mode coverage), with intervals; or, for Gaussian data, the exact KL and W2",
            "of a Gaussian law given by its mean and covariance."},
        footer = {"", "Rows (intervals at --confidence; 'exact p_t' is the value for exact samples):",
            "  cross-entropy  −E log p_t(X); exact p_t: the same over n exact samples",
            "  kl-knn         KL(q ‖ p_t): Kozachenko-Leonenko entropy (k = 1) plus",
            "                 the exact cross-entropy; d ≤ 10",
            "  mmd2           unbiased MMD² (Gaussian kernel, median bandwidth), up to",
            "                 --mmd-points samples vs as many exact; permutation p-value",
            "  sliced-w2      sliced W2 against n exact samples; exact p_t: the distance",
            "                 between two exact samples (the finite-sample floor)",
            "  ks / ks-all    Kolmogorov-Smirnov per coordinate against p_t's exact",
            "                 marginal CDF; Bonferroni over coordinates",
            "  mass / modes   mean responsibility of component k (exactly w_k under p_t)",
            "                 with a z-test; missing (< w_k/10), under, over; Bonferroni",
            "The verdict runs mmd2, ks-all and modes at --significance / 3 each (family-wise ≤ a).",
            "Exit 0 unless --check is given and a test rejects (then 1); bad input is exit 2.",
            "", "Examples:",
            "  java -jar target/diffusion4j-cli.jar assess --problem ring8 --t 0.001 \\",
            "      --samples X.npy",
            "  java -jar target/diffusion4j-cli.jar assess --problem gauss2 --t 0.01 \\",
            "      --mean m.npy --covariance C.npy"})
final class AssessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DataSource data;

    @Option(names = "--schedule", defaultValue = "vp-linear", paramLabel = "NAME",
            description = "Schedule (default: ${DEFAULT-VALUE}).")
    String scheduleName;

    @Option(names = "--t", required = true, paramLabel = "T", description = "Time of the exact marginal p_t.")
    double t;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the exact reference samples, MMD subset, permutations, directions "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "C",
            description = "Level of the intervals (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--significance", defaultValue = "" + SampleAssessment.DEFAULT_SIGNIFICANCE, paramLabel = "A",
            description = "Family-wise level of the verdict (default: ${DEFAULT-VALUE}).")
    double significance;

    @Option(names = "--mmd-points", defaultValue = "" + SampleAssessment.DEFAULT_MMD_POINTS, paramLabel = "N",
            description = "Samples in the complete MMD² (cost ∝ N²) (default: ${DEFAULT-VALUE}).")
    int mmdPoints;

    @Option(names = "--permutations", defaultValue = "" + SampleAssessment.DEFAULT_PERMUTATIONS, paramLabel = "P",
            description = "Relabellings of the MMD permutation test (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--directions", defaultValue = "" + SampleAssessment.DEFAULT_DIRECTIONS, paramLabel = "L",
            description = "Random directions of the sliced W2 (default: ${DEFAULT-VALUE}).")
    int directions;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "Worker threads of the k-NN search; results do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--check", description = "Exit 1 when a test rejects p_t.")
    boolean check;

    @Mixin
    ResultsOption results;

    /** What is assessed: samples, or a Gaussian law's mean and covariance. */
    static final class Input {
        @Option(names = "--samples", required = true, paramLabel = "X.npy|X.csv",
                description = "Samples, n × d (.npy of any float or int dtype, or CSV).")
        Path samples;

        @ArgGroup(exclusive = false)
        GaussianInput gaussian;
    }

    /** The Gaussian route's two files. */
    static final class GaussianInput {
        @Option(names = "--mean", required = true, paramLabel = "m.npy|m.csv",
                description = "Mean of a Gaussian output law (Gaussian data only), d values.")
        Path mean;

        @Option(names = "--covariance", required = true, paramLabel = "C.npy|C.csv",
                description = "Its covariance, d × d.")
        Path covariance;
    }

    @Override
    public Integer call() {
        results.check();
        GaussianMixture mixture = DataSource.mixture(data);
        NoiseSchedule schedule = Schedules.byName(scheduleName);
        SampleAssessment assessment = new SampleAssessment(mixture, schedule, t).seed(seed).confidence(confidence)
                .significance(significance).mmdPoints(mmdPoints).permutations(permutations).directions(directions)
                .threads(threads);
        int d = mixture.dimension();
        Assessment outcome;
        String what;
        if (input.samples != null) {
            CsvPoints.Table points = PointFiles.read(input.samples, d);
            outcome = assessment.assess(points.values(), points.rows());
            what = points.rows() + " samples in " + input.samples;
        } else {
            SampleAssessment.requireGaussianData(mixture);
            double[] mean = values(input.gaussian.mean, d, "the mean");
            double[] covariance = values(input.gaussian.covariance, d * d, "the covariance");
            outcome = assessment.assessGaussian(mean, covariance);
            what = "the Gaussian law N(" + input.gaussian.mean + ", " + input.gaussian.covariance + ")";
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "# %s (d=%d, K=%d) under %s at t = %s: %s%n", DataSource.name(data), d,
                mixture.components(), schedule.name(), t, what);
        out.print(outcome.text());
        out.flush();
        List<List<Object>> rows = new ArrayList<>();
        for (AssessmentRow row : outcome.rows()) {
            rows.add(List.of(row.metric(), row.index(), row.value(), row.lower(), row.upper(), row.pValue(),
                    row.reference(), row.status()));
        }
        results.write(List.of("metric", "index", "value", "lower", "upper", "p_value", "reference", "status"), rows);
        return check && !outcome.rejectedBy().isEmpty() ? Diffusion4j.CHECK_FAILED : Diffusion4j.OK;
    }

    /** The values of a mean (d) or covariance (d × d) file, .npy of any shape holding that many, or CSV. */
    private static double[] values(Path file, int count, String what) {
        double[] values;
        String name = file.toString();
        if (name.endsWith(".npy")) {
            values = Npy.read(file).values();
        } else if (name.endsWith(".csv")) {
            values = CsvPoints.read(file, -1).values();
        } else {
            throw new InputFormatException(file + ": the file name must end in .npy or .csv");
        }
        if (values.length != count) {
            throw new InputFormatException(file + ": " + what + " has " + values.length + " values; the data's "
                    + "dimension needs " + count);
        }
        return values;
    }
}
