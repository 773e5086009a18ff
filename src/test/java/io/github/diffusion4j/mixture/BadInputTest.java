package io.github.diffusion4j.mixture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each kind of bad input raises IllegalArgumentException with a message naming the offending value. */
class BadInputTest {

    private static final double[][] MEANS = {{0, 0}, {1, 1}};

    private static void rejects(String expectedFragment, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expectedFragment),
                () -> "message '" + e.getMessage() + "' should name '" + expectedFragment + "'");
    }

    @Test
    void weights() {
        rejects("-0.2", () -> GaussianMixture.isotropic(new double[] {1.2, -0.2}, MEANS, new double[] {1, 1}));
        rejects("sum to 0.9", () -> GaussianMixture.isotropic(new double[] {0.5, 0.4}, MEANS, new double[] {1, 1}));
        rejects("NaN", () -> GaussianMixture.isotropic(new double[] {Double.NaN, 1}, MEANS, new double[] {1, 1}));
        rejects("at least one component", () -> GaussianMixture.isotropic(new double[0], new double[0][], new double[0]));
    }

    @Test
    void meansAndDimensions() {
        rejects("means[1] has length 3", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5},
                new double[][] {{0, 0}, {1, 1, 1}}, new double[] {1, 1}));
        rejects("Infinity", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5},
                new double[][] {{0, 0}, {1, Double.POSITIVE_INFINITY}}, new double[] {1, 1}));
        rejects("expected 2 means", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5},
                new double[][] {{0, 0}}, new double[] {1, 1}));
        rejects("dimension must be at least 1", () -> GaussianMixture.isotropic(new double[] {1},
                new double[][] {{}}, new double[] {1}));
    }

    @Test
    void covariances() {
        rejects("variances[1] = -1.0", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5}, MEANS,
                new double[] {1, -1}));
        rejects("variances[0][1] = 0.0", () -> GaussianMixture.diagonal(new double[] {0.5, 0.5}, MEANS,
                new double[][] {{1, 0}, {1, 1}}));
        rejects("not positive definite", () -> GaussianMixture.full(new double[] {0.5, 0.5}, MEANS,
                new double[][][] {{{1, 0}, {0, 1}}, {{1, 2}, {2, 1}}}));
        rejects("not symmetric", () -> GaussianMixture.full(new double[] {0.5, 0.5}, MEANS,
                new double[][][] {{{1, 0.5}, {0.4, 1}}, {{1, 0}, {0, 1}}}));
        rejects("NaN", () -> GaussianMixture.full(new double[] {0.5, 0.5}, MEANS,
                new double[][][] {{{1, Double.NaN}, {0, 1}}, {{1, 0}, {0, 1}}}));
        rejects("expected dimension 2", () -> GaussianMixture.full(new double[] {0.5, 0.5}, MEANS,
                new double[][][] {{{1, 0}, {0, 1}}, {{1}}}));
    }

    @Test
    void nearlySingularButPositiveDefiniteIsAccepted() {
        double eps = 1e-12;
        GaussianMixture m = GaussianMixture.full(new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 1 - eps}, {1 - eps, 1}}});
        assertTrue(m.components() == 1);
    }

    @Test
    void evaluation() {
        GaussianMixture m = GaussianMixture.isotropic(new double[] {0.5, 0.5}, MEANS, new double[] {1, 1});
        MixtureMarginal p = m.marginal();
        assertThrows(IllegalStateException.class, () -> p.score(new double[2], 1, new double[2]));
        rejects("t = 1.5", () -> p.setTime(Schedules.byName("vp-linear"), 1.5));
        p.setTime(Schedules.byName("vp-linear"), 0.5);
        rejects("zero points", () -> p.score(new double[2], 0, new double[2]));
        rejects("points array has length 3", () -> p.score(new double[3], 2, new double[4]));
        rejects("output array has length 1", () -> p.score(new double[4], 2, new double[1]));
        rejects("point 1 = (0.0, NaN)", () -> p.score(new double[] {0, 0, 0, Double.NaN}, 2, new double[4]));
        rejects("Infinity", () -> p.logDensity(new double[] {Double.NEGATIVE_INFINITY, 0}, 1, new double[1]));
        rejects("σ = -1.0", () -> p.setAlphaSigma(1.0, -1.0));
        rejects("component 5", () -> p.componentScore(5, new double[2], 1, new double[2]));
        assertThrows(IllegalStateException.class, () -> m.marginal().setAlphaSigma(1, 1).velocity(new double[2], 1, new double[2]));
    }
}
