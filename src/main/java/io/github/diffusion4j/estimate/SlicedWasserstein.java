package io.github.diffusion4j.estimate;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The sliced 2-Wasserstein distance between the empirical laws of two samples {@code x_1..x_m} and
 * {@code y_1..y_n} in R^d (Rabin, Peyré, Delon and Bernot 2011, SSVM, "Wasserstein barycenter and its application to
 * texture mixing"; Bonneel, Rabin, Peyré and Pfister 2015, J. Math. Imaging Vis. 51):
 * <pre>
 *   SW₂²(μ, ν) = ∫_{S^{d−1}} W₂²(θ#μ, θ#ν) dσ(θ),      SŴ₂² = (1/L) Σ_l W₂²(θ_l#μ, θ_l#ν)
 * </pre>
 * with θ#μ the law of the projection θ·x and θ_1..θ_L independent and uniform on the unit sphere (normalised standard
 * normal vectors from the seed). Each one-dimensional distance is exact, by matching quantiles of the projected
 * samples sorted ascending, {@code a_(1) ≤ … ≤ a_(m)} and {@code b_(1) ≤ … ≤ b_(n)}:
 * <pre>
 *   W₂²(θ#μ, θ#ν) = ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du = Σ over the cells of the merged grid {i/m} ∪ {j/n} of
 *                   (cell length) · (a_(i) − b_(j))²,
 * </pre>
 * F⁻¹ and G⁻¹ being step functions with steps at i/m and j/n; the cell ends are compared as the integers i·n and j·m,
 * so unequal sizes are handled exactly. Cost O(L (m log m + n log n) + L (m + n) d).
 *
 * <p><b>Interval.</b> The W₂²(θ_l) are i.i.d. given the samples, so SŴ₂² gets the Student-t interval of a mean over
 * the L directions. It measures the Monte Carlo error of the average over directions only — how far SŴ₂² is from
 * SW₂² of these two empirical laws — not the sampling error of the samples themselves. {@link #distance} maps the
 * interval of SŴ₂² through the square root.
 *
 * <p><b>Gaussians.</b> For P = N(m₁, σ²I) and Q = N(m₂, σ²I), θ#P = N(θ·m₁, σ²) and θ#Q = N(θ·m₂, σ²), so
 * W₂²(θ#P, θ#Q) = (θ·(m₁ − m₂))². By symmetry E θθᵀ = I/d (its trace is ‖θ‖² = 1), hence
 * <pre>
 *   SW₂²(P, Q) = E (θ·v)² = vᵀ (E θθᵀ) v = ‖m₁ − m₂‖² / d = W₂²(P, Q) / d,     v = m₁ − m₂,
 * </pre>
 * the last step because W₂² between Gaussians with equal covariances is the squared distance of their means.
 * For samples, translation splits each term exactly, W₂²(θ) = (θ·(x̄ − ȳ))² + W₂²(θ) of the centred samples, so
 * SŴ₂² estimates ‖x̄ − ȳ‖²/d plus a non-negative shape term, of order log log n / n for Gaussian samples (Bobkov
 * and Ledoux 2019, Mem. Amer. Math. Soc. 261, "One-dimensional empirical measures, order statistics, and
 * Kantorovich transport distances").
 *
 * <p>Immutable and thread-safe. Results are deterministic for a given seed.
 */
public final class SlicedWasserstein {

    private final int directions;
    private final long seed;

    /**
     * @param directions L ≥ 2 random directions
     * @param seed       the seed of the directions
     */
    public SlicedWasserstein(int directions, long seed) {
        if (directions < 2) {
            throw new IllegalArgumentException("need at least 2 directions for an interval, got " + directions);
        }
        this.directions = directions;
        this.seed = seed;
    }

    /**
     * SŴ₂², the mean over directions of the squared one-dimensional distances, with its Student-t interval over
     * directions.
     *
     * @param x          m points, row-major, length m·d, finite. Not modified.
     * @param m          number of x points, ≥ 1
     * @param y          n points, row-major, length n·d, finite. Not modified.
     * @param n          number of y points, ≥ 1
     * @param dimension  d ≥ 1
     * @param confidence the interval's level in (0, 1)
     * @return the estimate of SW₂²
     */
    public Estimate squared(double[] x, int m, double[] y, int n, int dimension, double confidence) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("need at least one point in each sample, got m = " + m + ", n = " + n);
        }
        Mmd.checkPoints("x", x, m, dimension);
        Mmd.checkPoints("y", y, n, dimension);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] theta = new double[dimension];
        double[] a = new double[m];
        double[] b = new double[n];
        double[] values = new double[directions];
        double sum = 0;
        for (int l = 0; l < directions; l++) {
            randomDirection(normal, theta);
            project(x, m, theta, a);
            project(y, n, theta, b);
            Arrays.sort(a);
            Arrays.sort(b);
            values[l] = sortedSquaredDistance(a, b);
            sum += values[l];
        }
        return KozachenkoLeonenkoEntropy.batchMeans(sum / directions, values, confidence);
    }

    /**
     * SŴ₂ = √SŴ₂², with the interval of {@link #squared} mapped through the square root and the standard error by
     * the delta method, se(SŴ₂²) / (2 SŴ₂) (infinite when SŴ₂ = 0).
     *
     * @param x          m points, row-major, length m·d, finite. Not modified.
     * @param m          number of x points, ≥ 1
     * @param y          n points, row-major, length n·d, finite. Not modified.
     * @param n          number of y points, ≥ 1
     * @param dimension  d ≥ 1
     * @param confidence the interval's level in (0, 1)
     * @return the estimate of SW₂
     */
    public Estimate distance(double[] x, int m, double[] y, int n, int dimension, double confidence) {
        Estimate squared = squared(x, m, y, n, dimension, confidence);
        double value = Math.sqrt(squared.value());
        double standardError = squared.standardError() == 0 ? 0 : squared.standardError() / (2 * value);
        return new Estimate(value, standardError, Math.sqrt(Math.max(0, squared.lower())),
                Math.sqrt(squared.upper()), confidence);
    }

    /**
     * The exact squared 2-Wasserstein distance between two one-dimensional empirical laws (equal weights 1/m and 1/n).
     *
     * @param a m ≥ 1 values, finite. Not modified.
     * @param b n ≥ 1 values, finite. Not modified.
     * @return W₂²
     */
    public static double squaredDistance1d(double[] a, double[] b) {
        if (a.length < 1 || b.length < 1) {
            throw new IllegalArgumentException("need at least one value in each sample, got " + a.length + " and "
                    + b.length);
        }
        Mmd.checkPoints("a", a, a.length, 1);
        Mmd.checkPoints("b", b, b.length, 1);
        double[] sortedA = a.clone();
        double[] sortedB = b.clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedB);
        return sortedSquaredDistance(sortedA, sortedB);
    }

    /**
     * Quantile matching of sorted samples. In units of 1/(mn) the cells of u ∈ [0, 1] end at (i + 1)·n for a and
     * (j + 1)·m for b; each cell adds its length times (a_i − b_j)².
     */
    private static double sortedSquaredDistance(double[] a, double[] b) {
        int m = a.length;
        int n = b.length;
        long at = 0;
        int i = 0;
        int j = 0;
        double sum = 0;
        while (i < m && j < n) {
            long endA = (long) (i + 1) * n;
            long endB = (long) (j + 1) * m;
            long end = Math.min(endA, endB);
            double diff = a[i] - b[j];
            sum += (end - at) * (diff * diff);
            at = end;
            if (endA == end) {
                i++;
            }
            if (endB == end) {
                j++;
            }
        }
        return sum / ((double) m * n);
    }

    private static void randomDirection(ZigguratSampler.NormalizedGaussian normal, double[] theta) {
        double norm = 0;
        while (!(norm > 0)) {
            norm = 0;
            for (int j = 0; j < theta.length; j++) {
                theta[j] = normal.sample();
                norm += theta[j] * theta[j];
            }
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < theta.length; j++) {
            theta[j] /= norm;
        }
    }

    private static void project(double[] points, int count, double[] theta, double[] out) {
        int d = theta.length;
        for (int i = 0; i < count; i++) {
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += points[i * d + j] * theta[j];
            }
            out[i] = dot;
        }
    }
}
