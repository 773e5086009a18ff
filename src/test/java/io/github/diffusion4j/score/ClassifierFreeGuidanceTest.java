package io.github.diffusion4j.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Classifier-free guidance of the exact class-conditional mixture model. */
class ClassifierFreeGuidanceTest {

    private static final NoiseSchedule VP = Schedules.byName("vp-linear");
    private static final GaussianMixture RING = BuiltinMixtures.ring8();
    private static final MixtureScoreModel EXACT = new MixtureScoreModel(RING, VP);
    private static final int N = 50;
    private static final double T = 0.3;

    private static double[] points() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12);
        double[] z = new double[2 * N];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * (2 * rng.nextDouble() - 1);
        }
        return z;
    }

    /**
     * The guided score is the score of the tilted density {@code p_t(z) r_y(z)^{1+γ}}: {@code s + (1 + γ) ∇log r_y},
     * with {@code ∇log r_y} here from central differences of the exact log-responsibility (step 10⁻⁵: truncation
     * ~10⁻¹⁰ · |∂³ log r|, rounding ~10⁻¹⁶/10⁻⁵ = 10⁻¹¹ relative to |log r| ≤ 40 here; tolerance 10⁻⁶ absolute).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 3.0})
    void guidedScoreIsTheScoreOfTheTiltedDensity(double gamma) {
        int label = 3;
        double[] z = points();
        double[] guided = new double[2 * N];
        ScoreModels.classifierFreeGuidance(EXACT.classConditional(), label, gamma).score(T, z, 0, N, guided);
        MixtureMarginal marginal = RING.marginal().setTime(VP, T);
        double[] score = new double[2 * N];
        marginal.score(z, N, score);
        double[] responsibilities = new double[RING.components()];
        double h = 1e-5;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 2; j++) {
                double[] plus = {z[2 * i], z[2 * i + 1]};
                double[] minus = plus.clone();
                plus[j] += h;
                minus[j] -= h;
                marginal.responsibilities(plus, 1, responsibilities);
                double up = Math.log(responsibilities[label]);
                marginal.responsibilities(minus, 1, responsibilities);
                double down = Math.log(responsibilities[label]);
                double expected = score[2 * i + j] + (1 + gamma) * (up - down) / (2 * h);
                assertEquals(expected, guided[2 * i + j], 1e-6, "point " + i + ", coordinate " + j);
            }
        }
    }

    @Test
    void weightZeroIsTheConditionalScoreAndMinusOneTheUnconditional() {
        double[] z = points();
        double[] guided = new double[2 * N];
        double[] expected = new double[2 * N];
        ScoreModels.classifierFreeGuidance(EXACT.classConditional(), 5, 0.0).score(T, z, 0, N, guided);
        RING.marginal().setTime(VP, T).componentScore(5, z, N, expected);
        assertArrayEquals(expected, guided, 0.0);
        ScoreModels.classifierFreeGuidance(EXACT.classConditional(), 5, -1.0).score(T, z, 0, N, guided);
        EXACT.score(T, z, 0, N, expected);
        assertArrayEquals(expected, guided, 0.0);
    }

    @Test
    void aRangeEqualsTheSameRowsOfTheWholeBatch() {
        double[] z = points();
        ScoreModel guided = ScoreModels.classifierFreeGuidance(EXACT.classConditional(), 1, 2.0);
        double[] whole = new double[2 * N];
        double[] part = new double[2 * N];
        guided.score(T, z, 0, N, whole);
        guided.score(T, z, 17, 31, part);
        for (int i = 34; i < 62; i++) {
            assertEquals(whole[i], part[i], 0.0);
        }
        assertTrue(part[0] == 0 && part[99] == 0, "rows outside the range are not written");
    }

    @Test
    void badLabelOrWeightIsRejectedByName() {
        ConditionalScoreModel conditional = EXACT.classConditional();
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> ScoreModels.classifierFreeGuidance(conditional, 8, 1.0));
        assertTrue(label.getMessage().contains("label 8"), label.getMessage());
        IllegalArgumentException weight = assertThrows(IllegalArgumentException.class,
                () -> ScoreModels.classifierFreeGuidance(conditional, 0, Double.NaN));
        assertTrue(weight.getMessage().contains("NaN"), weight.getMessage());
    }
}
