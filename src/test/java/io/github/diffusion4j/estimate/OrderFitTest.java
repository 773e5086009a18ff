package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

class OrderFitTest {

    @Test
    void exactPowerLawsGiveTheirExponent() {
        double[] h = {0.1, 0.05, 0.025, 0.0125};
        double[] e = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            e[i] = 3.0 * Math.pow(h[i], 2.5);
        }
        OrderFit fit = OrderFit.fit(h, e, 0.95);
        assertEquals(2.5, fit.order(), 1e-12);
        assertEquals(Math.log(3.0), fit.intercept(), 1e-12);
        assertEquals(0.0, fit.stderr(), 1e-12);
    }

    @Test
    void confidenceIntervalsCoverAtTheirNominalRate() {
        // log e = log C + p log h + N(0, 0.1²) noise: over 400 seeded fits the 95% interval must cover p between
        // 0.92 and 0.98 (binomial(400, 0.95) has standard deviation 0.011; ±2.7σ, false-alarm rate < 1%).
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] h = {0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625};
        int covered = 0;
        int reps = 400;
        for (int r = 0; r < reps; r++) {
            double[] e = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                e[i] = Math.exp(0.5 + 2.0 * Math.log(h[i]) + 0.1 * normal.sample());
            }
            OrderFit fit = OrderFit.fit(h, e, 0.95);
            if (fit.lower() <= 2.0 && 2.0 <= fit.upper()) {
                covered++;
            }
        }
        double rate = covered / (double) reps;
        assertTrue(rate > 0.92 && rate < 0.98, "coverage " + rate);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> OrderFit.fit(new double[] {1}, new double[] {1}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> OrderFit.fit(new double[] {1, 2}, new double[] {1, 0}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> OrderFit.fit(new double[] {1, 1}, new double[] {1, 2}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> OrderFit.fit(new double[] {1, 2}, new double[] {1, 2}, 1.5));
    }

    @Test
    void estimateOfMeanHasTheCltInterval() {
        Estimate e = Estimate.ofMean(new double[] {1, 2, 3, 4}, 0.95);
        assertEquals(2.5, e.value(), 0.0);
        double se = Math.sqrt(5.0 / 3 / 4);
        assertEquals(se, e.standardError(), 1e-15);
        assertEquals(2.5 - 1.959963984540054 * se, e.lower(), 1e-12);
        assertTrue(e.contains(2.5) && !e.contains(5));
        assertEquals(Estimate.exact(1.5).lower(), 1.5, 0.0);
    }
}
