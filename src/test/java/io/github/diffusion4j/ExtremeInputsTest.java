package io.github.diffusion4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import java.lang.management.ManagementFactory;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extreme but valid inputs (issue "robustness"): every quantity stays finite, and where the answer is known it is the
 * answer — a silent NaN is never an outcome. Covers d = 1000, modes 1000 apart, weights down to 1e-300, t = 1e-8 and
 * t = T on every schedule, covariance condition number 1e12, n = 1 and n = 10⁷ particles (with the memory used).
 */
class ExtremeInputsTest {

    private static final double EPS = Math.ulp(1.0);
    private static final int THOUSAND = 1000;

    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "ve", "linear"})
    void dimensionOneThousandDiagonal(String scheduleName) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1000L);
        double[][] means = randomMeans(3, rng);
        double[][] variances = new double[3][THOUSAND];
        for (double[] row : variances) {
            for (int j = 0; j < THOUSAND; j++) {
                row[j] = 0.1 + 10 * rng.nextDouble();
            }
        }
        checkDimensionOneThousand(GaussianMixture.diagonal(new double[] {0.2, 0.3, 0.5}, means, variances),
                Schedules.byName(scheduleName), rng);
    }

    /**
     * Full 1000 × 1000 covariances D + u uᵀ + v vᵀ (D diagonal in [0.1, 10.1], u and v with entries in ±1): every
     * evaluation at a new time factors each component's α²Σ + σ²I (Cholesky, d³/3 flops), so this runs on one
     * schedule.
     */
    @Test
    void dimensionOneThousandFull() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1001L);
        double[][][] covariances = new double[2][][];
        for (int k = 0; k < 2; k++) {
            double[] u = new double[THOUSAND];
            double[] v = new double[THOUSAND];
            for (int j = 0; j < THOUSAND; j++) {
                u[j] = 2 * rng.nextDouble() - 1;
                v[j] = 2 * rng.nextDouble() - 1;
            }
            covariances[k] = new double[THOUSAND][THOUSAND];
            for (int i = 0; i < THOUSAND; i++) {
                for (int j = 0; j < THOUSAND; j++) {
                    covariances[k][i][j] = u[i] * u[j] + v[i] * v[j];
                }
                covariances[k][i][i] += 0.1 + 10 * rng.nextDouble();
            }
        }
        checkDimensionOneThousand(GaussianMixture.full(new double[] {0.4, 0.6}, randomMeans(2, rng), covariances),
                Schedules.byName("vp-linear"), rng);
    }

    private static void checkDimensionOneThousand(GaussianMixture data, NoiseSchedule s, UniformRandomProvider rng) {
        double start = s.tMax() - 1e-3;
        for (double t : new double[] {1e-8, 0.5 * s.tMax(), start}) {
            double[] z = data.sampleMarginal(s, t, rng, 8);
            assertAllQuantitiesFinite(data.marginal().setTime(s, t), z, 8, s.name() + ", t = " + t);
        }
        double[] z = data.sampleMarginal(s, start, rng, 4);
        Integrator.of(Solvers.byName("dpm-solver++2m"), new MixtureScoreModel(data, s), s)
                .integrate(TimeGrid.uniformLogSnr(s, start, 1e-3 * s.tMax(), 5), z, 4);
        assertFinite(z, "DPM-Solver++(2M) samples, d = 1000, " + s.name());
    }

    private static double[][] randomMeans(int components, UniformRandomProvider rng) {
        double[][] means = new double[components][THOUSAND];
        for (double[] mean : means) {
            for (int j = 0; j < THOUSAND; j++) {
                mean[j] = 5 * (rng.nextDouble() - 0.5);
            }
        }
        return means;
    }

    /**
     * Means 0 and 1000, unit variances. Away from the midpoint one component carries all the responsibility, so the
     * score is that component's: −(z − α μ_k) / (α² + σ²). At the midpoint both carry ½ and the score is 0. The
     * log-density there is ≈ −(500α)²/(2s²), about −1.25·10⁵ near t = 0: a raw density would underflow to 0.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "ve", "linear", "edm"})
    void modesOneThousandApart(String scheduleName) {
        NoiseSchedule s = Schedules.byName(scheduleName);
        GaussianMixture data = GaussianMixture.isotropic(new double[] {0.5, 0.5}, new double[][] {{0}, {1000}},
                new double[] {1, 1});
        double t = Math.max(1e-8, s.tMin());
        MixtureMarginal p = data.marginal().setTime(s, t);
        double a = p.alpha();
        double variance = a * a + p.sigma() * p.sigma();
        double[] z = {300 * a, 500 * a, 700 * a};
        double[] score = new double[3];
        double[] logDensity = new double[3];
        p.score(z, 3, score);
        p.logDensity(z, 3, logDensity);
        assertEquals(-300 * a / variance, score[0], 1e-12 * 300 * a / variance);
        assertEquals(0, score[1], 1e-9 * 500 * a / variance);
        assertEquals(300 * a / variance, score[2], 1e-12 * 300 * a / variance);
        double expected = -0.5 * 500 * a * 500 * a / variance - 0.5 * Math.log(2 * Math.PI * variance);
        assertEquals(expected, logDensity[1], 1e-12 * Math.abs(expected));
        assertAllQuantitiesFinite(p, z, 3, scheduleName);

        double start = scheduleName.equals("linear") ? 0.999 : s.tMax();
        double end = scheduleName.equals("edm") ? 0.002 : 1e-3 * s.tMax();
        int n = 256;
        double[] samples = data.sampleMarginal(s, start, RandomSource.XO_RO_SHI_RO_128_PP.create(7L), n);
        Integrator.of(Solvers.byName("dpm-solver++2m"), new MixtureScoreModel(data, s), s)
                .integrate(TimeGrid.uniformLogSnr(s, start, end, 50), samples, n);
        double aEnd = s.alpha(end);
        double sdEnd = Math.sqrt(aEnd * aEnd + s.sigma(end) * s.sigma(end));
        for (double x : samples) {
            double distance = Math.min(Math.abs(x), Math.abs(x - 1000 * aEnd));
            assertTrue(distance < 8 * sdEnd, "sample " + x + " is not near a mode (sd " + sdEnd + ")");
        }
    }

    /**
     * Weight 1e-300 on a component at 100, the rest on a component at 0 (unit variances, t near 0). At z = 100α the
     * tiny component wins by ≈ 5000 − 691 nats: log p = log 1e-300 + log N(0; 0, s²) to within e^{−4300}, and the
     * score is that component's, ≈ 0. A weight turned into 0 (or a density computed raw) would give −∞ or NaN.
     */
    @Test
    void weightsDownToOneInTenToThe300() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        for (double tiny : new double[] {1e-300, 1e-200, 1e-100}) {
            GaussianMixture data = GaussianMixture.isotropic(new double[] {tiny, 1}, new double[][] {{100}, {0}},
                    new double[] {1, 1});
            MixtureMarginal p = data.marginal().setTime(s, 1e-8);
            double a = p.alpha();
            double variance = a * a + p.sigma() * p.sigma();
            double[] z = {100 * a, 0, 50 * a};
            double[] logDensity = new double[3];
            double[] score = new double[3];
            p.logDensity(z, 3, logDensity);
            p.score(z, 3, score);
            double expected = Math.log(tiny) - 0.5 * Math.log(2 * Math.PI * variance);
            assertEquals(expected, logDensity[0], 1e-13 * Math.abs(expected), "weight " + tiny);
            assertEquals(0, score[0], 1e-12, "weight " + tiny);
            assertEquals(0, score[1], 1e-12, "weight " + tiny);
            assertEquals(-50 * a / variance, score[2], 1e-12 * 50 * a / variance, "weight " + tiny);
            assertAllQuantitiesFinite(p, z, 3, "weight " + tiny);
        }
    }

    /**
     * Every schedule at t = 1e-8 and t = T: coefficients and every marginal quantity finite on ring8 — except the
     * drift and diffusion of the linear interpolant at t = 1, where α = 0 makes them exactly ∓∞ (f = d log α/dt).
     */
    @ParameterizedTest
    @ValueSource(strings = {"vp-linear", "vp-cosine", "ve", "sub-vp", "ou", "ddpm-limit", "linear", "edm"})
    void extremeTimes(String scheduleName) {
        NoiseSchedule s = Schedules.byName(scheduleName);
        GaussianMixture data = BuiltinMixtures.ring8();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        for (double t : new double[] {Math.max(1e-8, s.tMin()), s.tMax()}) {
            String where = scheduleName + " at t = " + t;
            assertTrue(Double.isFinite(s.alpha(t)) && Double.isFinite(s.sigma(t)), where);
            if (s.alpha(t) > 0) {
                assertTrue(Double.isFinite(s.drift(t)) && Double.isFinite(s.diffusionSquared(t)), where);
            } else {
                assertEquals(Double.NEGATIVE_INFINITY, s.drift(t), where + ": f = d log α/dt at α = 0");
                assertEquals(Double.POSITIVE_INFINITY, s.diffusionSquared(t), where + ": g² = dσ²/dt − 2fσ² at α = 0");
            }
            double[] z = data.sampleMarginal(s, t, rng, 64);
            z[0] = 1e6;
            z[1] = -1e6;
            assertAllQuantitiesFinite(data.marginal().setTime(s, t), z, 64, where);
        }
    }

    /**
     * A full covariance R diag(1, 1e-12) Rᵀ (R a rotation by 0.3 rad) at t = 1e-8 on VP-linear, against the score
     * computed in the eigenbasis. Rounding the covariance entries perturbs the small eigenvalue by ~ε, and a
     * Cholesky solve has relative error ~ d κ ε; with σ² ≈ 1e-9 added, κ(Σ_t) ≈ 1e9, so the tolerance is 8 κ ε
     * relative to the score's norm (≈ 2e-6).
     */
    @Test
    void conditionNumberOneInTenToThe12() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        double c = Math.cos(0.3);
        double sn = Math.sin(0.3);
        double[] eigen = {1, 1e-12};
        double[][] covariance = new double[2][2];
        double[][] rotation = {{c, -sn}, {sn, c}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                covariance[i][j] = rotation[i][0] * eigen[0] * rotation[j][0] + rotation[i][1] * eigen[1] * rotation[j][1];
            }
        }
        covariance[1][0] = covariance[0][1];
        GaussianMixture data = GaussianMixture.full(new double[] {1}, new double[][] {{0, 0}}, new double[][][] {covariance});
        MixtureMarginal p = data.marginal().setTime(s, 1e-8);
        double a = p.alpha();
        double sigma2 = p.sigma() * p.sigma();
        double[] z = {0.7, -0.2, 1e-5, 3e-5};
        double[] score = new double[4];
        p.score(z, 2, score);
        double kappa = (a * a * eigen[0] + sigma2) / (a * a * eigen[1] + sigma2);
        for (int i = 0; i < 2; i++) {
            double[] reference = new double[2];
            for (int m = 0; m < 2; m++) {
                double along = rotation[0][m] * z[2 * i] + rotation[1][m] * z[2 * i + 1];
                double coefficient = -along / (a * a * eigen[m] + sigma2);
                reference[0] += rotation[0][m] * coefficient;
                reference[1] += rotation[1][m] * coefficient;
            }
            double norm = Math.hypot(reference[0], reference[1]);
            assertArrayEquals(reference, new double[] {score[2 * i], score[2 * i + 1]}, 8 * kappa * EPS * norm,
                    "point " + i);
        }
        assertAllQuantitiesFinite(p, z, 2, "κ = 1e12");
        assertAllQuantitiesFinite(data.marginal().setTime(s, 0), z, 2, "κ = 1e12 at t = 0");
    }

    /** One particle through every solver: finite, and bit-identical to the same particle inside a batch of 37. */
    @Test
    void oneParticle() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        GaussianMixture data = BuiltinMixtures.ring8();
        MixtureScoreModel model = new MixtureScoreModel(data, s);
        double[] batch = data.sampleMarginal(s, 1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(11L), 37);
        for (Solver solver : Solvers.all()) {
            TimeGrid grid = solver.isAdaptive() ? TimeGrid.of(s, 1.0, 1e-3) : TimeGrid.uniformTime(s, 1.0, 1e-3, 12);
            double[] all = batch.clone();
            double[] one = {batch[0], batch[1]};
            Integrator.of(solver, model, s).seed(5).chunkSize(1).integrate(grid, all, 37);
            Integrator.of(solver, model, s).seed(5).chunkSize(1).integrate(grid, one, 1);
            assertFinite(one, solver.name());
            assertArrayEquals(new double[] {all[0], all[1]}, one, 0.0, solver.name());
        }
    }

    /**
     * Ten million particles (d = 1): the state is the caller's 80 MB array and the integrator's own memory does not
     * grow with n — its workspace is per chunk of 1024 particles, and beyond it only one 3-long cost record per chunk
     * (≈ 0.4 MB here). Measured as the bytes this thread allocates during a run in a warmed-up JVM, bounded by 8 MB.
     */
    @Test
    void tenMillionParticles() {
        NoiseSchedule s = Schedules.byName("vp-linear");
        GaussianMixture data = BuiltinMixtures.bimodal1d();
        int n = 10_000_000;
        double[] z = data.sampleMarginal(s, 1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(13L), n);
        Integrator integrator = Integrator.of(Solvers.byName("dpm-solver++2m"), new MixtureScoreModel(data, s), s);
        TimeGrid grid = TimeGrid.uniformLogSnr(s, 1.0, 1e-3, 5);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // With the Vector API module, every vector operation allocates a box until C2 has compiled the kernels
        // (≈ 600 MB for the first 10⁶ particles × 6 evaluations in a cold JVM); warm up until a run of 10⁶ particles
        // allocates under 1 MB (one run suffices here; at most 10), then measure.
        for (int round = 0; round < 10; round++) {
            double[] w = data.sampleMarginal(s, 1.0, RandomSource.XO_RO_SHI_RO_128_PP.create(round), 1_000_000);
            long start = threads.getCurrentThreadAllocatedBytes();
            integrator.integrate(grid, w, 1_000_000);
            if (threads.getCurrentThreadAllocatedBytes() - start < 1 << 20) {
                break;
            }
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        integrator.integrate(grid, z, n);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 8L << 20, "integrating 10⁷ particles allocated " + allocated + " bytes");
        assertFinite(z, "10⁷ particles");
    }

    private static void assertAllQuantitiesFinite(MixtureMarginal p, double[] z, int n, String where) {
        int d = p.dimension();
        double[] vector = new double[n * d];
        double[] scalar = new double[n];
        p.score(z, n, vector);
        assertFinite(vector, "score, " + where);
        p.posteriorMean(z, n, vector);
        assertFinite(vector, "posterior mean, " + where);
        p.logDensity(z, n, scalar);
        assertFinite(scalar, "log-density, " + where);
        p.divergence(z, n, scalar);
        assertFinite(scalar, "divergence of the score, " + where);
        double[] responsibilities = new double[n * p.components()];
        p.responsibilities(z, n, responsibilities);
        assertFinite(responsibilities, "responsibilities, " + where);
    }

    private static void assertFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            int index = i;
            assertTrue(Double.isFinite(values[i]), () -> what + ": entry " + index + " = " + values[index]);
        }
    }
}
