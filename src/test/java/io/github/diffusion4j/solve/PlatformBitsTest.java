package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.learn.Activation;
import io.github.diffusion4j.learn.DsmTrainer;
import io.github.diffusion4j.learn.Mlp;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same bits on every platform the build is tested on: JDK 17 and 25, with the scalar kernels
 * and with the SIMD kernels of any vector width ({@code .ci/run} runs this suite in all four combinations, on a
 * machine with 8-lane vectors; the 4-lane case was checked with {@code -XX:MaxVectorSize=32}). Each case reduces its
 * output to a 64-bit fingerprint of the exact bit patterns and compares it with the value recorded here; a change of a
 * single last bit anywhere changes the fingerprint. A deliberate change of an algorithm changes these constants — the
 * failure message prints the new value — but an unexplained change between two platforms is a reproducibility bug.
 */
class PlatformBitsTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");

    private static long fingerprint(double[] values) {
        long h = 0x9E3779B97F4A7C15L;
        for (double v : values) {
            h = (h ^ Double.doubleToRawLongBits(v)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    private static void assertFingerprint(long expected, double[] values, String what) {
        long actual = fingerprint(values);
        assertEquals(expected, actual, what + ": fingerprint 0x" + Long.toHexString(actual));
    }

    @Test
    void exactMixtureScores() {
        GaussianMixture[] mixtures = {BuiltinMixtures.ring8(), BuiltinMixtures.mixture8d()};
        long[][] expected = {{0x96762b6e491e150cL, 0x6ae986380f1857d2L}, {0x14add45862d77b8dL, 0x9b47613351c4e19fL}};
        for (int m = 0; m < mixtures.length; m++) {
            GaussianMixture mixture = mixtures[m];
            int d = mixture.dimension();
            int n = 101;
            double[] z = Fixtures.normalPoints(n, d, 2.0, 5);
            MixtureMarginal marginal = mixture.marginal().setTime(VP, 0.2);
            double[] score = new double[n * d];
            double[] logDensity = new double[n];
            marginal.scoreAndLogDensity(z, 0, n, score, logDensity);
            assertFingerprint(expected[m][0], score, "score, d = " + d);
            assertFingerprint(expected[m][1], logDensity, "log-density, d = " + d);
        }
    }

    @Test
    void samplers() {
        GaussianMixture ring = BuiltinMixtures.ring8();
        MixtureScoreModel model = new MixtureScoreModel(ring, VP);
        TimeGrid grid = TimeGrid.uniformLogSnr(VP, 1.0, 1e-3, 15);
        String[] names = {"dpm-solver++2m", "euler-maruyama", "sde-dpm-solver++2m", "rk45"};
        long[] expected = {0xbc42a419f53a0758L, 0x467415c2806cb70cL, 0xe40f75be217e918eL, 0x74e90e61b148f01aL};
        for (int s = 0; s < names.length; s++) {
            String name = names[s];
            double[] z = Fixtures.normalPoints(200, 2, 1.0, 9);
            Integrator.of(Solvers.byName(name), model, VP).seed(3).integrate(grid, z, 200);
            assertFingerprint(expected[s], z, name);
        }
    }

    @Test
    void mlpForward() {
        long[] expected = {0x5bb5c246f7b22f4eL, 0x2c3bdea22470cf8cL};
        for (Activation activation : Activation.values()) {
            Mlp mlp = DsmTrainer.initialise(2, 4, new int[] {33, 17}, activation, 1e-3, 1, 11);
            double[] z = Fixtures.normalPoints(37, 2, 1.0, 13);
            double[] t = new double[37];
            for (int i = 0; i < t.length; i++) {
                t[i] = (i + 0.5) / t.length;
            }
            double[] out = new double[z.length];
            mlp.forward(t, z, 37, out, new Mlp.Workspace());
            assertFingerprint(expected[activation.ordinal()], out, activation.name());
        }
    }
}
