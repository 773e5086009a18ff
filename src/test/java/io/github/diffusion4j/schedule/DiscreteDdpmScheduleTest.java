package io.github.diffusion4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;

class DiscreteDdpmScheduleTest {

    private final DiscreteDdpmSchedule ddpm = DiscreteDdpmSchedule.standard();

    @Test
    void alphaBarIsTheProductOfAlphasComputedExactly() {
        // Reference: the product ∏(1 − β_i) in 40-digit decimal arithmetic, and 1 − ᾱ_k from it.
        MathContext mc = new MathContext(40);
        BigDecimal product = BigDecimal.ONE;
        for (int k = 1; k <= ddpm.steps(); k++) {
            double beta = 1e-4 + (k - 1) * (0.02 - 1e-4) / 999;
            assertEquals(beta, ddpm.beta(k), 1e-18);
            product = product.multiply(BigDecimal.ONE.subtract(new BigDecimal(ddpm.beta(k))), mc);
            double alphaBar = product.doubleValue();
            double oneMinus = BigDecimal.ONE.subtract(product, mc).doubleValue();
            // log ᾱ is a sum of ≤ 1000 terms each exact to ½ ulp: relative error ≤ 1000 ε |log ᾱ| plus exp's ulp.
            assertEquals(alphaBar, ddpm.alphaBar(k), 1e-12 * alphaBar, "ᾱ_" + k);
            assertEquals(oneMinus, ddpm.oneMinusAlphaBar(k), 1e-12 * oneMinus, "1 − ᾱ_" + k);
        }
        assertEquals(1e-4, ddpm.oneMinusAlphaBar(1), 1e-20, "1 − ᾱ_1 = β_1 without cancellation");
        assertEquals(1.0, ddpm.alphaBar(0), 0.0);
    }

    @Test
    void posteriorCoefficientsEqualDirectBayes() {
        // q(x_{k−1}|x_k, x₀) ∝ N(x_k; √α_k x_{k−1}, β_k) N(x_{k−1}; √ᾱ_{k−1} x₀, 1 − ᾱ_{k−1}):
        // precision = α_k/β_k + 1/(1−ᾱ_{k−1}); mean = (√α_k x_k/β_k + √ᾱ_{k−1} x₀/(1−ᾱ_{k−1})) / precision.
        for (int k = 2; k <= ddpm.steps(); k += 37) {
            double beta = ddpm.beta(k);
            double alpha = 1 - beta;
            double abarPrev = ddpm.alphaBar(k - 1);
            double oneMinusPrev = ddpm.oneMinusAlphaBar(k - 1);
            double precision = alpha / beta + 1 / oneMinusPrev;
            assertEquals(1 / precision, ddpm.posteriorVariance(k), 1e-13 / precision, "β̃_" + k);
            assertEquals(Math.sqrt(alpha) / beta / precision, ddpm.posteriorMeanCoefficientXk(k), 1e-13, "x_k coef");
            assertEquals(Math.sqrt(abarPrev) / oneMinusPrev / precision, ddpm.posteriorMeanCoefficientX0(k), 1e-13,
                    "x₀ coef");
        }
        assertEquals(1.0, ddpm.posteriorMeanCoefficientX0(1), 1e-15, "k = 1: the posterior is x₀");
        assertEquals(0.0, ddpm.posteriorMeanCoefficientXk(1), 0.0);
        assertEquals(0.0, ddpm.posteriorVariance(1), 0.0);
    }

    @Test
    void marginalCoefficientsAreVariancePreserving() {
        for (int k = 0; k <= ddpm.steps(); k++) {
            double a = ddpm.alpha(k);
            double s = ddpm.sigma(k);
            assertEquals(1.0, a * a + s * s, 4e-16);
        }
        assertTrue(ddpm.alpha(1000) < 0.01);
    }

    @Test
    void badIndicesAndParametersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ddpm.beta(0));
        assertTrue(e.getMessage().contains("k = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ddpm.alphaBar(1001));
        assertThrows(IllegalArgumentException.class, () -> ddpm.posteriorVariance(0));
        assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpmSchedule(1, 1e-4, 0.02));
        e = assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpmSchedule(10, 1e-4, 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }
}
