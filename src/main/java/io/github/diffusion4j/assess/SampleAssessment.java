package io.github.diffusion4j.assess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.estimate.KozachenkoLeonenkoEntropy;
import io.github.diffusion4j.estimate.MarginalKolmogorovSmirnov;
import io.github.diffusion4j.estimate.Mmd;
import io.github.diffusion4j.estimate.NearestNeighborKl;
import io.github.diffusion4j.estimate.SlicedWasserstein;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Samples produced anywhere — a user's sampler in any language — measured against the exact marginal
 * {@code p_t = Σ_k w_k N(α_t μ_k, α_t² Σ_k + σ_t² I)} of a Gaussian mixture under a schedule (docs/THEORY.md §2, §6):
 * <ul>
 *   <li><b>cross-entropy</b> {@code −E_q log p_t}, the mean of the exact log-densities at the samples with its CLT
 *   interval; its reference is the same mean over n exact samples, an estimate of the entropy H(p_t), which the
 *   cross-entropy exceeds by KL(q ‖ p_t) in expectation;</li>
 *   <li><b>kl-knn</b> KL(q ‖ p_t) by {@link NearestNeighborKl} (Kozachenko–Leonenko entropy, k = 1, plus the exact
 *   cross-entropy), in d ≤ {@value #KNN_MAX_DIMENSION};</li>
 *   <li><b>mmd2</b> the complete unbiased MMD² ({@link Mmd}, Gaussian kernel, median bandwidth) of up to
 *   {@code mmdPoints} samples (a seeded random subset when there are more) against as many exact samples, with its
 *   jackknife interval and the permutation test's p-value;</li>
 *   <li><b>sliced-w2</b> the sliced 2-Wasserstein distance ({@link SlicedWasserstein}) of all n samples against n
 *   exact samples; its reference is the same distance between two independent exact samples of size n, the floor
 *   that finite samples put under it;</li>
 *   <li><b>ks</b> a one-sample Kolmogorov–Smirnov test per coordinate against p_t's exact marginal distribution
 *   function ({@link MarginalKolmogorovSmirnov}), and <b>ks-all</b> their Bonferroni combination;</li>
 *   <li><b>mass</b> per component and the <b>modes</b> family ({@link ModeCoverage}).</li>
 * </ul>
 * <b>Verdict.</b> The three test families — mmd2, ks-all, modes — are each run at level a/3, so that the assessment
 * as a whole rejects exact samples with probability ≤ a (Bonferroni); {@link Assessment#rejectedBy()} lists the
 * families that rejected.
 *
 * <p><b>Gaussian route.</b> A fixed-grid sampler applied to Gaussian data (one component) with the exact, affine
 * score is an affine map, so its output law is exactly Gaussian. Given that law's mean and covariance,
 * {@link #assessGaussian} reports the exact KL(q ‖ p_t) and W₂(q, p_t) ({@link GaussianLaw}), no sampling.
 *
 * <p>Immutable and thread-safe; the same seed and samples give bit-identical results for any thread count.
 */
public final class SampleAssessment {

    /** Largest dimension for the k-NN KL (the k-d tree's useful range). */
    public static final int KNN_MAX_DIMENSION = 10;
    /** Default number of points per sample in the complete MMD² and its permutation test. */
    public static final int DEFAULT_MMD_POINTS = 1000;
    /** Default number of relabellings in the MMD permutation test. */
    public static final int DEFAULT_PERMUTATIONS = 999;
    /** Default number of random directions of the sliced distance. */
    public static final int DEFAULT_DIRECTIONS = 200;
    /** Default family-wise level a of the verdict. */
    public static final double DEFAULT_SIGNIFICANCE = 0.01;
    /** The number of test families that share the level a. */
    private static final int FAMILIES = 3;

    private final GaussianMixture mixture;
    private final NoiseSchedule schedule;
    private final double t;
    /* The settings: set only on a fresh copy inside the fluent methods, so every instance is effectively immutable. */
    private long seed;
    private double confidence = 0.95;
    private double significance = DEFAULT_SIGNIFICANCE;
    private int mmdPoints = DEFAULT_MMD_POINTS;
    private int permutations = DEFAULT_PERMUTATIONS;
    private int directions = DEFAULT_DIRECTIONS;
    private int threads = 1;

    /**
     * The assessment with the defaults: seed 0, 95% intervals, level 0.01, {@value #DEFAULT_MMD_POINTS} MMD points,
     * {@value #DEFAULT_PERMUTATIONS} permutations, {@value #DEFAULT_DIRECTIONS} directions, one thread.
     *
     * @param mixture  the data law p₀
     * @param schedule the forward process
     * @param t        the time of the marginal, in the schedule's domain
     * @throws IllegalArgumentException if t is outside the schedule's domain
     */
    public SampleAssessment(GaussianMixture mixture, NoiseSchedule schedule, double t) {
        schedule.checkTime(t);
        this.mixture = mixture;
        this.schedule = schedule;
        this.t = t;
    }

    private SampleAssessment copy() {
        SampleAssessment copy = new SampleAssessment(mixture, schedule, t);
        copy.seed = seed;
        copy.confidence = confidence;
        copy.significance = significance;
        copy.mmdPoints = mmdPoints;
        copy.permutations = permutations;
        copy.directions = directions;
        copy.threads = threads;
        return copy;
    }

    /** @param value the seed of the exact reference samples, the MMD subset and permutations and the directions */
    public SampleAssessment seed(long value) {
        SampleAssessment copy = copy();
        copy.seed = value;
        return copy;
    }

    /** @param level the intervals' level in (0, 1) */
    public SampleAssessment confidence(double level) {
        requireOpenUnit("confidence", level);
        SampleAssessment copy = copy();
        copy.confidence = level;
        return copy;
    }

    /** @param level the verdict's family-wise level a in (0, 1) */
    public SampleAssessment significance(double level) {
        requireOpenUnit("significance", level);
        SampleAssessment copy = copy();
        copy.significance = level;
        return copy;
    }

    /** @param count points per sample in the complete MMD², ≥ 3 (cost grows as its square) */
    public SampleAssessment mmdPoints(int count) {
        requireAtLeast("MMD points", count, 3);
        SampleAssessment copy = copy();
        copy.mmdPoints = count;
        return copy;
    }

    /** @param count relabellings of the MMD permutation test, ≥ 1 */
    public SampleAssessment permutations(int count) {
        requireAtLeast("permutations", count, 1);
        SampleAssessment copy = copy();
        copy.permutations = count;
        return copy;
    }

    /** @param count directions of the sliced distance, ≥ 2 */
    public SampleAssessment directions(int count) {
        requireAtLeast("directions", count, 2);
        SampleAssessment copy = copy();
        copy.directions = count;
        return copy;
    }

    /** @param count worker threads of the k-NN search, ≥ 1; results do not depend on it */
    public SampleAssessment threads(int count) {
        requireAtLeast("threads", count, 1);
        SampleAssessment copy = copy();
        copy.threads = count;
        return copy;
    }

    /**
     * @param samples n points of the law q under test, row-major, length n·d, finite. Not modified.
     * @param n       number of points, ≥ 3
     * @return every metric of the class description, with the verdict
     * @throws IllegalArgumentException naming the point and coordinate of a non-finite value, or a wrong length, or
     *                                  if the permutations are too few to reach the level a/3 (P + 1 &lt; 3/a)
     */
    public Assessment assess(double[] samples, int n) {
        int d = mixture.dimension();
        requireAtLeast("samples", n, 3);
        if (samples.length != (long) n * d) {
            throw new IllegalArgumentException("samples has length " + samples.length + ", but " + n
                    + " points of dimension " + d + " need " + (long) n * d);
        }
        for (int i = 0; i < samples.length; i++) {
            if (!Double.isFinite(samples[i])) {
                throw new IllegalArgumentException("sample " + i / d + " has a non-finite coordinate " + i % d + ": "
                        + samples[i]);
            }
        }
        double level = significance / FAMILIES;
        if ((permutations + 1) * level < 1) {
            throw new IllegalArgumentException(permutations + " permutations cannot reject at level a/3 = " + level
                    + ": their smallest p-value is 1/(P + 1) = " + 1.0 / (permutations + 1) + "; use at least "
                    + (int) Math.ceil(1 / level - 1) + " permutations");
        }
        MixtureMarginal target = mixture.marginal().setTime(schedule, t);
        double[] exact = mixture.sampleMarginal(schedule, t, random(0), n);
        List<AssessmentRow> rows = new ArrayList<>();
        rows.add(crossEntropy(target, samples, exact, n));
        rows.add(nearestNeighborKl(target, samples, n, d));
        rows.add(mmd(samples, exact, n, d, level));
        rows.add(slicedWasserstein(samples, exact, n, d));
        rows.addAll(kolmogorovSmirnov(samples, n, target, level));
        if (mixture.components() > 1) {
            rows.addAll(ModeCoverage.rows(target, samples, n, confidence, level));
        } else {
            rows.add(AssessmentRow.notFormed("modes", "the data have one component"));
        }
        return new Assessment(n, d, t, confidence, significance, rows);
    }

    /**
     * The exact KL(q ‖ p_t) and W₂(q, p_t) of a Gaussian law q against the Gaussian marginal of one-component data.
     *
     * @param mean       q's mean, length d, finite. Not modified.
     * @param covariance q's covariance, row-major d × d, finite, symmetric (to rounding), positive semi-definite.
     *                   Not modified.
     * @return the two exact rows; KL is +∞ when q's covariance is singular
     * @throws IllegalArgumentException if the data have more than one component, or naming the bad entry
     */
    public Assessment assessGaussian(double[] mean, double[] covariance) {
        int d = mixture.dimension();
        requireGaussianData(mixture);
        if (mean.length != d) {
            throw new IllegalArgumentException("mean has " + mean.length + " entries; the data have dimension " + d);
        }
        if (covariance.length != d * d) {
            throw new IllegalArgumentException("covariance has " + covariance.length + " entries; a " + d + " × " + d
                    + " covariance has " + d * d);
        }
        GaussianLaw law = new GaussianLaw(mean, covariance);
        CovarianceChecks.requireSymmetric(covariance, d);
        CovarianceChecks.requirePositiveSemiDefinite(covariance, d);
        MixtureMarginal target = mixture.marginal().setTime(schedule, t);
        double[] targetMean = new double[d];
        double[] targetCovariance = new double[d * d];
        target.mean(targetMean);
        target.covariance(targetCovariance);
        GaussianLaw exact = new GaussianLaw(targetMean, targetCovariance);
        List<AssessmentRow> rows = List.of(AssessmentRow.exact("kl", law.klDivergenceTo(exact)),
                AssessmentRow.exact("w2", law.wasserstein2To(exact)));
        return new Assessment(0, d, t, confidence, significance, rows);
    }

    /**
     * @param mixture data
     * @throws IllegalArgumentException unless the data are Gaussian (one component), as {@link #assessGaussian}
     *                                  needs: a check a caller can make before reading a mean and covariance
     */
    public static void requireGaussianData(GaussianMixture mixture) {
        if (mixture.components() != 1) {
            throw new IllegalArgumentException("the exact KL and W2 of a Gaussian law need Gaussian data (one "
                    + "component), but the data have " + mixture.components() + " components; assess samples instead");
        }
    }

    private AssessmentRow crossEntropy(MixtureMarginal target, double[] samples, double[] exact, int n) {
        double[] logDensity = new double[n];
        target.logDensity(samples, n, logDensity);
        for (int i = 0; i < n; i++) {
            logDensity[i] = -logDensity[i];
        }
        Estimate estimate = Estimate.ofMean(logDensity, confidence);
        target.logDensity(exact, n, logDensity);
        double entropy = 0;
        for (int i = 0; i < n; i++) {
            entropy -= logDensity[i];
        }
        return AssessmentRow.estimate("cross-entropy", -1, estimate, entropy / n, "");
    }

    private AssessmentRow nearestNeighborKl(MixtureMarginal target, double[] samples, int n, int d) {
        if (d > KNN_MAX_DIMENSION) {
            return AssessmentRow.notFormed("kl-knn", "the k-NN route needs d ≤ " + KNN_MAX_DIMENSION + ", the data "
                    + "have d = " + d);
        }
        KozachenkoLeonenkoEntropy entropy = new KozachenkoLeonenkoEntropy(1).threads(threads).seed(seed);
        if (n < entropy.minimumSampleSize()) {
            return AssessmentRow.notFormed("kl-knn", "needs n ≥ " + entropy.minimumSampleSize() + ", got " + n);
        }
        try {
            return AssessmentRow.estimate("kl-knn", -1, new NearestNeighborKl(entropy).estimate(samples, n, d,
                    target::logDensity, confidence), 0, "");
        } catch (IllegalArgumentException e) {
            return AssessmentRow.notFormed("kl-knn", e.getMessage());
        }
    }

    private AssessmentRow mmd(double[] samples, double[] exact, int n, int d, double level) {
        int m = Math.min(n, mmdPoints);
        double[] subset = m == n ? samples : subset(samples, n, d, m);
        double[] reference = Arrays.copyOf(exact, m * d);
        Mmd mmd = new Mmd(seed);
        Estimate statistic = mmd.unbiased(subset, m, reference, m, d, confidence);
        double p = mmd.permutationTest(subset, m, reference, m, d, permutations).pValue();
        return new AssessmentRow("mmd2", -1, statistic.value(), statistic.lower(), statistic.upper(), p, 0,
                p <= level ? "reject" : "ok");
    }

    private AssessmentRow slicedWasserstein(double[] samples, double[] exact, int n, int d) {
        SlicedWasserstein sliced = new SlicedWasserstein(directions, seed);
        Estimate distance = sliced.distance(samples, n, exact, n, d, confidence);
        double[] second = mixture.sampleMarginal(schedule, t, random(1), n);
        double floor = sliced.distance(second, n, exact, n, d, confidence).value();
        return AssessmentRow.estimate("sliced-w2", -1, distance, floor, "");
    }

    private List<AssessmentRow> kolmogorovSmirnov(double[] samples, int n, MixtureMarginal target, double level) {
        MarginalKolmogorovSmirnov.Result ks = new MarginalKolmogorovSmirnov(mixture, target.alpha(), target.sigma())
                .test(samples, n, level);
        double[] statistics = ks.statistics();
        double[] pValues = ks.pValues();
        List<AssessmentRow> rows = new ArrayList<>(statistics.length + 1);
        for (int j = 0; j < statistics.length; j++) {
            rows.add(new AssessmentRow("ks", j, statistics[j], Double.NaN, Double.NaN, pValues[j], Double.NaN, ""));
        }
        rows.add(new AssessmentRow("ks-all", -1, Double.NaN, Double.NaN, Double.NaN, ks.combinedPValue(), Double.NaN,
                ks.rejected() ? "reject" : "ok"));
        return rows;
    }

    /** A seeded uniformly random subset of m of the n points, in the sampler's order. */
    private double[] subset(double[] samples, int n, int d, int m) {
        int[] chosen = PermutationSampler.natural(n);
        PermutationSampler.shuffle(random(2), chosen);
        Arrays.sort(chosen, 0, m);
        double[] out = new double[m * d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(samples, chosen[i] * d, out, i * d, d);
        }
        return out;
    }

    /**
     * The stream of one use of the seed: 0 the exact reference, 1 the second exact sample, 2 the MMD subset. The
     * two-word state {seed ⊕ c₁, stream ⊕ c₂} (c₁, c₂ the first fractional bits of √2 and √3) is never all zero, and
     * differs from the state of {@code create(seed)} that {@code sample --seed} uses, so the exact reference is
     * never built from the same random numbers as the samples under test.
     */
    private UniformRandomProvider random(int stream) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed ^ 0x6A09E667F3BCC909L,
            stream ^ 0xBB67AE8584CAA73BL});
    }

    private static void requireOpenUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must lie in (0, 1), got " + value);
        }
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("need at least " + minimum + " " + name + ", got " + value);
        }
    }
}
