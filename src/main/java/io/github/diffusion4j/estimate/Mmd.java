package io.github.diffusion4j.estimate;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ArraySampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The squared maximum mean discrepancy between the laws P and Q of two samples {@code x_1..x_m ~ P},
 * {@code y_1..y_n ~ Q} in R^d, with the Gaussian kernel {@code k(a, b) = exp(−‖a − b‖² / (2h²))} (Gretton, Borgwardt,
 * Rasch, Schölkopf and Smola 2012, JMLR 13, "A kernel two-sample test"):
 * <pre>
 *   MMD² = E k(x, x') + E k(y, y') − 2 E k(x, y),
 *   MMD²_u = 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j) − 2/(mn) Σ_{i,j} k(x_i, y_j)
 * </pre>
 * (the second line is their eq. 3). {@code MMD²_u} is unbiased, so it can be negative, and often is when P = Q. The
 * Gaussian kernel is characteristic: MMD = 0 iff P = Q.
 *
 * <p><b>Bandwidth.</b> Fixed by {@link #bandwidth(double)}, or else by the median heuristic (as in the experiments of
 * Gretton et al. 2012): h = the median of the Euclidean distances between distinct pairs of the pooled sample,
 * computed on a subsample of {@link #MEDIAN_SUBSAMPLE} pooled points drawn without replacement with the seed (all
 * points if there are fewer), i.e. on ≤ 499,500 pairs. The median of an even number of distances is the mean of the
 * middle two. The subsample is a uniformly random subset of the pooled points, so h does not depend on which sample
 * a point came from.
 *
 * <p><b>Estimators.</b>
 * <ul>
 *   <li>{@link #unbiased}: the complete U-statistic, (m + n)²/2 kernel evaluations. Standard error by the jackknife
 *   for two-sample U-statistics (Arvesen 1969, Ann. Math. Statist. 40): with {@code U_(−x_i)} the statistic without
 *   x_i, {@code V = (m−1)/m Σ_i (U_(−x_i) − Ū_x)² + (n−1)/n Σ_j (U_(−y_j) − Ū_y)²}, computed in closed form from the
 *   kernel row sums. Consistent when P ≠ Q; when P = Q the statistic is degenerate (its variance is O(1/n²) and its
 *   law a weighted sum of centred χ²'s) and the jackknife overstates its variance about twofold, so the normal interval
 *   is conservative there.</li>
 *   <li>{@link #blockUnbiased}: the block statistic of Zaremba, Gretton and Blaschko (2013, NeurIPS, "B-test"): both
 *   samples are permuted with the seed and cut into B blocks (sizes differing by at most one), {@code MMD²_u} is
 *   computed within each block pair and averaged. Each block value is unbiased, so the average is; the block values
 *   are i.i.d., so the standard error is their standard deviation over √B with a Student-t interval, valid under
 *   P = Q too. Cost: (m + n)·s kernel evaluations for blocks of s points per sample (n = m = 100,000, s = 316 in
 *   d ≤ 10: under a second, benchmarks/README.md). Its variance is larger than the complete statistic's by about
 *   (m + n)/(2s) when P = Q.</li>
 *   <li>{@link #permutationTest}: the p-value {@code (1 + #{p : U_p ≥ U}) / (1 + P)} of the complete statistic
 *   against P relabellings of the pooled sample drawn with the seed — exact (never anti-conservative) for any n when
 *   P = Q, since the bandwidth is fixed once from the pooled sample and so does not depend on the labels. Cost:
 *   (m + n)²/2 kernel evaluations per 64 permutations plus (m + n)²/2 multiply-adds per permutation.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. Results are deterministic for a given seed.
 */
public final class Mmd {

    /** Pooled points used by the median heuristic. */
    public static final int MEDIAN_SUBSAMPLE = 1000;
    /** Permutations evaluated per pass over the kernel rows. */
    private static final int PERMUTATION_BATCH = 64;

    private final double fixedBandwidth;
    private final long seed;

    /**
     * The estimator with the median-heuristic bandwidth.
     *
     * @param seed the seed of the bandwidth subsample, the blocks and the permutations
     */
    public Mmd(long seed) {
        this(Double.NaN, seed);
    }

    private Mmd(double fixedBandwidth, long seed) {
        this.fixedBandwidth = fixedBandwidth;
        this.seed = seed;
    }

    /**
     * @param h the kernel bandwidth, finite and &gt; 0
     * @return this estimator with a fixed bandwidth instead of the median heuristic
     */
    public Mmd bandwidth(double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("bandwidth must be finite and positive, got " + h);
        }
        return new Mmd(h, seed);
    }

    /**
     * The outcome of a permutation test.
     *
     * @param statistic    the observed MMD²_u
     * @param pValue       {@code (1 + #{U_p ≥ U}) / (1 + P)}
     * @param permutations P
     * @param bandwidth    the kernel bandwidth h used
     */
    public record PermutationTest(double statistic, double pValue, int permutations, double bandwidth) {
    }

    /**
     * @param x         m points, row-major, length m·d. Not modified.
     * @param m         number of x points, ≥ 2
     * @param y         n points, row-major, length n·d. Not modified.
     * @param n         number of y points, ≥ 2
     * @param dimension d ≥ 1
     * @return the bandwidth this estimator uses for these samples: the fixed one, or the median heuristic
     */
    public double bandwidthFor(double[] x, int m, double[] y, int n, int dimension) {
        checkSamples(x, m, y, n, dimension, 2);
        return bandwidthUnchecked(x, m, y, n, dimension);
    }

    private double bandwidthUnchecked(double[] x, int m, double[] y, int n, int dimension) {
        return Double.isNaN(fixedBandwidth) ? medianDistance(x, m, y, n, dimension) : fixedBandwidth;
    }

    /**
     * The complete unbiased statistic {@code MMD²_u} with its jackknife standard error and normal interval.
     *
     * @param x          m points of P, row-major, length m·d, finite. Not modified.
     * @param m          number of x points, ≥ 3
     * @param y          n points of Q, row-major, length n·d, finite. Not modified.
     * @param n          number of y points, ≥ 3
     * @param dimension  d ≥ 1
     * @param confidence the interval's level in (0, 1)
     * @return MMD²_u, its standard error and interval
     */
    public Estimate unbiased(double[] x, int m, double[] y, int n, int dimension, double confidence) {
        checkSamples(x, m, y, n, dimension, 3);
        double gamma = gamma(bandwidthUnchecked(x, m, y, n, dimension));
        double[] xx = new double[m];
        double[] xy = new double[m];
        double[] yy = new double[n];
        double[] yx = new double[n];
        double statistic = statistic(x, 0, m, y, 0, n, dimension, gamma, xx, xy, yy, yx);
        // Leaving out x_i changes U by a term that depends on i only through its row sums a_i = xx[i], b_i = xy[i]:
        // U_(−x_i) = const − 2 a_i / ((m−1)(m−2)) + 2 b_i / ((m−1) n); likewise for y_j.
        double varianceX = jackknifeVariance(xx, xy, -2.0 / ((m - 1.0) * (m - 2.0)), 2.0 / ((m - 1.0) * n));
        double varianceY = jackknifeVariance(yy, yx, -2.0 / ((n - 1.0) * (n - 2.0)), 2.0 / ((n - 1.0) * m));
        return Estimate.normal(statistic, Math.sqrt(varianceX + varianceY), confidence);
    }

    /** (c − 1)/c Σ_i (g_i − ḡ)² for g_i = within·within_i + across·across_i, c the number of points. */
    private static double jackknifeVariance(double[] within, double[] across, double withinWeight,
                                            double acrossWeight) {
        int c = within.length;
        double mean = 0;
        for (int i = 0; i < c; i++) {
            mean += withinWeight * within[i] + acrossWeight * across[i];
        }
        mean /= c;
        double sum = 0;
        for (int i = 0; i < c; i++) {
            double g = withinWeight * within[i] + acrossWeight * across[i] - mean;
            sum += g * g;
        }
        return (c - 1.0) / c * sum;
    }

    /**
     * The block statistic: the mean of {@code MMD²_u} over B block pairs, with the standard error of the mean of B
     * i.i.d. block values and a Student-t interval with B − 1 degrees of freedom.
     *
     * @param x          m points of P, row-major, length m·d, finite. Not modified.
     * @param m          number of x points
     * @param y          n points of Q, row-major, length n·d, finite. Not modified.
     * @param n          number of y points
     * @param dimension  d ≥ 1
     * @param blockSize  points of the smaller sample per block, ≥ 2; B = ⌊min(m, n)/blockSize⌋ must be ≥ 2
     * @param confidence the interval's level in (0, 1)
     * @return the block estimate of MMD²
     */
    public Estimate blockUnbiased(double[] x, int m, double[] y, int n, int dimension, int blockSize,
                                  double confidence) {
        checkSamples(x, m, y, n, dimension, 2);
        int blocks = blockSize < 2 ? 0 : Math.min(m, n) / blockSize;
        if (blocks < 2) {
            throw new IllegalArgumentException("block size " + blockSize + " must be ≥ 2 and leave at least 2 blocks"
                    + " of the smaller sample (min(m, n) = " + Math.min(m, n) + ")");
        }
        double gamma = gamma(bandwidthUnchecked(x, m, y, n, dimension));
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] xs = shuffledRows(x, m, dimension, rng);
        double[] ys = shuffledRows(y, n, dimension, rng);
        double[] values = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            int x0 = (int) ((long) b * m / blocks);
            int x1 = (int) ((long) (b + 1) * m / blocks);
            int y0 = (int) ((long) b * n / blocks);
            int y1 = (int) ((long) (b + 1) * n / blocks);
            values[b] = statistic(xs, x0, x1 - x0, ys, y0, y1 - y0, dimension, gamma, null, null, null, null);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        return KozachenkoLeonenkoEntropy.batchMeans(mean / blocks, values, confidence);
    }

    private static double[] shuffledRows(double[] points, int count, int dimension, UniformRandomProvider rng) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        ArraySampler.shuffle(rng, order);
        double[] out = new double[count * dimension];
        for (int i = 0; i < count; i++) {
            System.arraycopy(points, order[i] * dimension, out, i * dimension, dimension);
        }
        return out;
    }

    /**
     * The permutation test of P = Q with the complete statistic.
     *
     * @param x            m points of P, row-major, length m·d, finite. Not modified.
     * @param m            number of x points, ≥ 2
     * @param y            n points of Q, row-major, length n·d, finite. Not modified.
     * @param n            number of y points, ≥ 2
     * @param dimension    d ≥ 1
     * @param permutations P ≥ 1 random relabellings
     * @return the observed statistic and its p-value {@code (1 + #{U_p ≥ U})/(1 + P)}
     */
    public PermutationTest permutationTest(double[] x, int m, double[] y, int n, int dimension, int permutations) {
        checkSamples(x, m, y, n, dimension, 2);
        if (permutations < 1) {
            throw new IllegalArgumentException("need at least one permutation, got " + permutations);
        }
        double h = bandwidthUnchecked(x, m, y, n, dimension);
        double gamma = gamma(h);
        int total = m + n;
        double[] pooled = new double[total * dimension];
        System.arraycopy(x, 0, pooled, 0, m * dimension);
        System.arraycopy(y, 0, pooled, m * dimension, n * dimension);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] order = new int[total];
        double observed = Double.NaN;
        int atLeast = 0;
        // Labelling 0 is the observed one; labellings 1..P are random relabellings.
        for (int first = 0; first <= permutations; first += PERMUTATION_BATCH) {
            int count = Math.min(PERMUTATION_BATCH, permutations + 1 - first);
            double[] inX = new double[count * total];
            for (int p = 0; p < count; p++) {
                for (int i = 0; i < total; i++) {
                    order[i] = i;
                }
                if (first + p > 0) {
                    ArraySampler.shuffle(rng, order);
                }
                for (int i = 0; i < m; i++) {
                    inX[p * total + order[i]] = 1;
                }
            }
            double[] statistics = labelledStatistics(pooled, total, dimension, gamma, inX, count, m, n);
            for (int p = 0; p < count; p++) {
                if (first + p == 0) {
                    observed = statistics[0];
                } else if (statistics[p] >= observed) {
                    atLeast++;
                }
            }
        }
        return new PermutationTest(observed, (1.0 + atLeast) / (1.0 + permutations), permutations, h);
    }

    /**
     * {@code MMD²_u} for each of {@code count} labellings of the pooled points ({@code inX[p·N + i] = 1} when point i
     * is in the first sample under labelling p), in one pass over the kernel rows: for each i, the row
     * {@code K_ij, j > i}, is computed once and its dot product with each labelling's indicator gives the pairs of i
     * with the first sample.
     */
    private static double[] labelledStatistics(double[] pooled, int total, int dimension, double gamma, double[] inX,
                                               int count, int m, int n) {
        double[] row = new double[total];
        double[] withinX = new double[count];
        double[] withinY = new double[count];
        double[] across = new double[count];
        for (int i = 0; i < total; i++) {
            double rowSum = 0;
            for (int j = i + 1; j < total; j++) {
                row[j] = kernel(pooled, i * dimension, pooled, j * dimension, dimension, gamma);
                rowSum += row[j];
            }
            for (int p = 0; p < count; p++) {
                int base = p * total;
                double toX = 0;
                for (int j = i + 1; j < total; j++) {
                    toX += inX[base + j] * row[j];
                }
                if (inX[base + i] == 1) {
                    withinX[p] += toX;
                    across[p] += rowSum - toX;
                } else {
                    across[p] += toX;
                    withinY[p] += rowSum - toX;
                }
            }
        }
        double[] statistics = new double[count];
        for (int p = 0; p < count; p++) {
            statistics[p] = 2 * withinX[p] / ((double) m * (m - 1)) + 2 * withinY[p] / ((double) n * (n - 1))
                    - 2 * across[p] / ((double) m * n);
        }
        return statistics;
    }

    /**
     * {@code MMD²_u} of the points {@code x[x0, x0 + m)} and {@code y[y0, y0 + n)} (point indices). When the row-sum
     * arrays are not null they receive, per x point, {@code Σ_{j≠i} k(x_i, x_j)} and {@code Σ_j k(x_i, y_j)}, and per
     * y point {@code Σ_{j≠i} k(y_i, y_j)} and {@code Σ_j k(x_j, y_i)}.
     */
    private static double statistic(double[] x, int x0, int m, double[] y, int y0, int n, int dimension, double gamma,
                                    double[] xx, double[] xy, double[] yy, double[] yx) {
        double withinX = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double k = kernel(x, (x0 + i) * dimension, x, (x0 + j) * dimension, dimension, gamma);
                withinX += k;
                if (xx != null) {
                    xx[i] += k;
                    xx[j] += k;
                }
            }
        }
        double withinY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double k = kernel(y, (y0 + i) * dimension, y, (y0 + j) * dimension, dimension, gamma);
                withinY += k;
                if (yy != null) {
                    yy[i] += k;
                    yy[j] += k;
                }
            }
        }
        double across = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double k = kernel(x, (x0 + i) * dimension, y, (y0 + j) * dimension, dimension, gamma);
                across += k;
                if (xy != null) {
                    xy[i] += k;
                    yx[j] += k;
                }
            }
        }
        return 2 * withinX / ((double) m * (m - 1)) + 2 * withinY / ((double) n * (n - 1))
                - 2 * across / ((double) m * n);
    }

    /** exp(−γ ‖a − b‖²) for the rows starting at a[aOffset] and b[bOffset]. */
    private static double kernel(double[] a, int aOffset, double[] b, int bOffset, int dimension, double gamma) {
        double sum = 0;
        for (int j = 0; j < dimension; j++) {
            double diff = a[aOffset + j] - b[bOffset + j];
            sum += diff * diff;
        }
        return Math.exp(-gamma * sum);
    }

    private static double gamma(double h) {
        return 1 / (2 * h * h);
    }

    /** The median heuristic on the pooled sample (see the class comment). */
    private double medianDistance(double[] x, int m, double[] y, int n, int dimension) {
        int total = m + n;
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        if (total > MEDIAN_SUBSAMPLE) {
            ArraySampler.shuffle(RandomSource.XO_RO_SHI_RO_128_PP.create(~seed), order);
        }
        int s = Math.min(total, MEDIAN_SUBSAMPLE);
        double[] points = new double[s * dimension];
        for (int i = 0; i < s; i++) {
            int p = order[i];
            System.arraycopy(p < m ? x : y, (p < m ? p : p - m) * dimension, points, i * dimension, dimension);
        }
        double[] distances = new double[s * (s - 1) / 2];
        int c = 0;
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                double sum = 0;
                for (int a = 0; a < dimension; a++) {
                    double diff = points[i * dimension + a] - points[j * dimension + a];
                    sum += diff * diff;
                }
                distances[c++] = Math.sqrt(sum);
            }
        }
        Arrays.sort(distances);
        int half = distances.length / 2;
        double median = distances.length % 2 == 1 ? distances[half] : 0.5 * (distances[half - 1] + distances[half]);
        if (!(median > 0)) {
            throw new IllegalArgumentException("the median heuristic gives bandwidth " + median
                    + " (at least half of the pooled pairs coincide); set a bandwidth");
        }
        return median;
    }

    private static void checkSamples(double[] x, int m, double[] y, int n, int dimension, int minimum) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (m < minimum || n < minimum) {
            throw new IllegalArgumentException("need at least " + minimum + " points in each sample, got m = " + m
                    + ", n = " + n);
        }
        checkPoints("x", x, m, dimension);
        checkPoints("y", y, n, dimension);
    }

    static void checkPoints(String name, double[] points, int count, int dimension) {
        if (points.length != (long) count * dimension) {
            throw new IllegalArgumentException(name + " has length " + points.length + ", but " + count + " points of"
                    + " dimension " + dimension + " need " + (long) count * dimension);
        }
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i])) {
                throw new IllegalArgumentException(name + " point " + i / dimension + " has a non-finite coordinate "
                        + i % dimension + ": " + points[i]);
            }
        }
    }
}
