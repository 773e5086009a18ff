package io.github.diffusion4j.assess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SampleAssessmentTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");
    private static final GaussianMixture RING8 = BuiltinMixtures.byName("ring8");
    private static final GaussianMixture GAUSS2 = BuiltinMixtures.byName("gauss2");
    private static final double T = 0.01;

    private static double[] exact(GaussianMixture mixture, long seed, int n) {
        return mixture.sampleMarginal(VP, T, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), n);
    }

    /** The assessment used where speed matters: a small MMD and few permutations. */
    private static SampleAssessment quick(GaussianMixture mixture) {
        return new SampleAssessment(mixture, VP, T).mmdPoints(400).permutations(299).directions(50);
    }

    /**
     * Exact samples: the verdict's family-wise false-alarm rate is ≤ a = 0.01, so in 40 independent replicates
     * the number of rejections is stochastically below Binomial(40, 0.01), and P(≥ 4) ≈ 8e-4 — the false-alarm rate of
     * this test. The cross-entropy interval covers the exact entropy... only in expectation, so it is not asserted;
     * each component's mass interval must cover w_k in at least 80% of replicates × components (nominal 95%;
     * P(Binomial(320, 0.95) < 256) &lt; 1e-12).
     */
    @Test
    void exactSamplesAreConsistentAtTheStatedLevel() {
        int rejections = 0;
        int covered = 0;
        int replicates = 40;
        for (int r = 0; r < replicates; r++) {
            Assessment a = quick(RING8).seed(1000 + r).assess(exact(RING8, r, 1000), 1000);
            rejections += a.rejectedBy().isEmpty() ? 0 : 1;
            for (AssessmentRow row : a.rows()) {
                if (row.metric().equals("mass") && row.lower() <= row.reference() && row.reference() <= row.upper()) {
                    covered++;
                }
            }
        }
        assertTrue(rejections <= 3, rejections + " of " + replicates + " exact replicates rejected");
        assertTrue(covered >= 256, covered + " of 320 mass intervals cover w_k");
    }

    @Test
    void aMissingModeIsNamed() {
        int n = 4000;
        double[] z = exact(RING8, 7, n);
        MixtureMarginal marginal = RING8.marginal().setTime(VP, T);
        double[] r = new double[n * 8];
        marginal.responsibilities(z, n, r);
        double[] kept = new double[n * 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (r[i * 8 + 3] < 0.5) {
                System.arraycopy(z, 2 * i, kept, 2 * m++, 2);
            }
        }
        Assessment a = quick(RING8).assess(Arrays.copyOf(kept, 2 * m), m);
        AssessmentRow third = a.rows().stream().filter(row -> row.metric().equals("mass") && row.index() == 3)
                .findFirst().orElseThrow();
        assertEquals("missing", third.status());
        assertTrue(third.value() < 0.01, "mass of the dropped mode " + third.value());
        for (AssessmentRow row : a.rows()) {
            if (row.metric().equals("mass") && row.index() != 3) {
                assertTrue(row.value() > row.reference(), "component " + row.index() + " should carry excess mass");
            }
        }
        assertTrue(a.rejectedBy().contains("modes"), a.text());
        assertTrue(a.row("kl-knn").value() > 0.1, "KL of 7/8 of the law is log(8/7) ≈ 0.134: " + a.row("kl-knn"));
    }

    /**
     * A shift of 0.2 in x₀ (modes of ring8 have standard deviation about 0.1... 0.2 at t = 0.01): Kolmogorov–Smirnov
     * on x₀ and the cross-entropy see it; MMD with the median bandwidth (of the order of the ring's diameter) is
     * blind to so local a change at 400 points, so it is not asserted here.
     */
    @Test
    void aShiftedSampleIsRejectedByKs() {
        int n = 2000;
        double[] z = exact(RING8, 8, n);
        for (int i = 0; i < n; i++) {
            z[2 * i] += 0.2;
        }
        Assessment a = quick(RING8).assess(z, n);
        assertTrue(a.rejectedBy().contains("ks-all"), a.text());
        assertTrue(a.row("ks").pValue() < 1e-6, a.text());
        assertTrue(a.row("cross-entropy").lower() > a.row("cross-entropy").reference(), a.text());
        assertTrue(a.row("kl-knn").lower() > 0, a.text());
    }

    /** A ring 30% too wide: a global change the median-bandwidth MMD does see. */
    @Test
    void aWidenedSampleIsRejectedByMmd() {
        int n = 2000;
        double[] z = exact(RING8, 10, n);
        for (int i = 0; i < 2 * n; i++) {
            z[i] *= 1.3;
        }
        Assessment a = quick(RING8).assess(z, n);
        assertTrue(a.rejectedBy().contains("mmd2"), a.text());
        assertTrue(a.row("mmd2").lower() > 0, a.text());
        assertTrue(a.row("sliced-w2").value() > 2 * a.row("sliced-w2").reference(), a.text());
    }

    @Test
    void sameSeedGivesBitIdenticalRowsForAnyThreadCount() {
        double[] z = exact(RING8, 9, 1500);
        Assessment one = quick(RING8).seed(5).assess(z, 1500);
        Assessment three = quick(RING8).seed(5).threads(3).assess(z, 1500);
        assertEquals(one, three);
        assertFalse(one.equals(quick(RING8).seed(6).assess(z, 1500)));
    }

    /**
     * The Gaussian route against closed forms worked independently: for N(m + δ, C) against N(m, C),
     * KL = ½ δᵀ C⁻¹ δ and W₂ = ‖δ‖. With C = [[a, b], [b, c]], C⁻¹ = [[c, −b], [−b, a]] / (ac − b²).
     */
    @Test
    void theGaussianRouteIsExact() {
        MixtureMarginal target = GAUSS2.marginal().setTime(VP, T);
        double[] mean = new double[2];
        double[] covariance = new double[4];
        target.mean(mean);
        target.covariance(covariance);
        SampleAssessment assessment = new SampleAssessment(GAUSS2, VP, T);
        Assessment same = assessment.assessGaussian(mean, covariance);
        assertEquals(0, same.row("kl").value(), 1e-13);
        assertEquals(0, same.row("w2").value(), 1e-7, "W2 goes through a matrix square root: √ε accuracy");
        double[] delta = {0.03, -0.04};
        double[] shifted = {mean[0] + delta[0], mean[1] + delta[1]};
        Assessment moved = assessment.assessGaussian(shifted, covariance);
        double a = covariance[0];
        double b = covariance[1];
        double c = covariance[3];
        double quadratic = (c * delta[0] * delta[0] - 2 * b * delta[0] * delta[1] + a * delta[1] * delta[1])
                / (a * c - b * b);
        assertEquals(0.5 * quadratic, moved.row("kl").value(), 1e-12 * quadratic);
        assertEquals(0.05, moved.row("w2").value(), 1e-7);
        assertEquals("exact", moved.row("kl").status());
        assertTrue(moved.rejectedBy().isEmpty());
        assertEquals(Double.POSITIVE_INFINITY, assessment.assessGaussian(mean, new double[] {1, 1, 1, 1})
                .row("kl").value(), "a singular output law has infinite KL to a non-singular one");
    }

    @Test
    void badGaussianInputIsNamed() {
        SampleAssessment assessment = new SampleAssessment(GAUSS2, VP, T);
        assertMessage("not symmetric: [0][1]", () -> assessment.assessGaussian(new double[2],
                new double[] {1, 0.2, 0.3, 1}));
        assertMessage("not positive semi-definite", () -> assessment.assessGaussian(new double[2],
                new double[] {1, 2, 2, 1}));
        assertMessage("mean has 3 entries", () -> assessment.assessGaussian(new double[3], new double[4]));
        assertMessage("covariance has 9 entries", () -> assessment.assessGaussian(new double[2], new double[9]));
        assertMessage("8 components", () -> new SampleAssessment(RING8, VP, T).assessGaussian(new double[2],
                new double[] {1, 0, 0, 1}));
    }

    @Test
    void badSamplesAreNamedBeforeAnyComputation() {
        SampleAssessment assessment = new SampleAssessment(RING8, VP, T);
        double[] z = exact(RING8, 1, 10);
        z[7] = Double.NaN;
        assertMessage("sample 3 has a non-finite coordinate 1: NaN", () -> assessment.assess(z, 10));
        assertMessage("samples has length 20, but 9 points", () -> assessment.assess(z, 9));
        assertMessage("need at least 3 samples, got 2", () -> assessment.assess(new double[4], 2));
        assertMessage("outside the domain", () -> new SampleAssessment(RING8, VP, 2.0));
        assertMessage("significance must lie in (0, 1), got 1.5", () -> assessment.significance(1.5));
        assertMessage("200 permutations cannot reject at level a/3", () -> assessment.permutations(200)
                .assess(exact(RING8, 1, 10), 10));
    }

    @Test
    void metricsThatCannotBeFormedSaySo() {
        Assessment small = new SampleAssessment(RING8, VP, T).assess(exact(RING8, 2, 20), 20);
        assertTrue(small.row("kl-knn").status().startsWith("not formed: needs n ≥ 80"), small.text());
        assertTrue(Double.isNaN(small.row("kl-knn").value()));
        Assessment gaussian = quick(GAUSS2).assess(exact(GAUSS2, 3, 500), 500);
        assertEquals("not formed: the data have one component", gaussian.row("modes").status());
        assertTrue(gaussian.text().contains("not formed"), gaussian.text());
    }

    @Test
    void theTextShowsEveryRowAndTheVerdict() {
        Assessment a = quick(RING8).assess(exact(RING8, 4, 500), 500);
        String text = a.text();
        for (String metric : List.of("cross-entropy", "kl-knn", "mmd2", "sliced-w2", "ks-all", "modes")) {
            assertTrue(text.contains(metric), text);
        }
        assertTrue(text.contains("verdict: "), text);
        assertArrayEquals(new int[] {0, 1}, a.rows().stream().filter(r -> r.metric().equals("ks"))
                .mapToInt(AssessmentRow::index).toArray());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
