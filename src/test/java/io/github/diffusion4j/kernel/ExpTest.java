package io.github.diffusion4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.Test;

/**
 * {@link Exp#exp} against 40-digit decimal arithmetic (Hipparchus {@code Dfp}), whose own error (≈10⁻⁴⁰ relative) is
 * far below the 2⁻⁵³ ≈ 1.1·10⁻¹⁶ of one ulp, so the measured ulp error is the error of {@code Exp}.
 */
class ExpTest {

    private static final DfpField FIELD = new DfpField(40);

    /** The error of {@code value} as a multiple of the spacing of doubles at e^x (subnormal spacing below 2⁻¹⁰²²). */
    private static double ulpError(double x, double value) {
        Dfp exact = DfpMath.exp(FIELD.newDfp(x));
        double nearest = exact.toDouble();
        double spacing = Math.ulp(nearest);
        return FIELD.newDfp(value).subtract(exact).divide(FIELD.newDfp(spacing)).abs().toDouble();
    }

    @Test
    void withinOneUlpOverTheWholeFiniteRange() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261123L);
        double worst = 0;
        double worstAt = Double.NaN;
        for (int i = 0; i < 20_000; i++) {
            double x = i < 10_000 ? -5 + 10 * rng.nextDouble() : -745 + 1454.7 * rng.nextDouble();
            double error = ulpError(x, Exp.exp(x));
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        System.out.printf("Exp: max error %.3f ulp at x = %s over 20000 arguments%n", worst, worstAt);
        assertTrue(worst <= 1.0, "max error " + worst + " ulp at x = " + worstAt);
    }

    @Test
    void reductionBoundariesAndSmallArguments() {
        for (int n = -20; n <= 20; n++) {
            for (double offset : new double[] {-1e-12, 0, 1e-12, 0.34657359027997264, -0.34657359027997264}) {
                double x = n * Math.log(2) + offset;
                assertTrue(ulpError(x, Exp.exp(x)) <= 1.0, "x = " + x);
            }
        }
        for (double x : new double[] {1e-300, -1e-300, 1e-17, -1e-17, 1e-9, -1e-9, Double.MIN_VALUE}) {
            assertTrue(ulpError(x, Exp.exp(x)) <= 1.0, "x = " + x);
        }
    }

    @Test
    void specialValuesAndTheEndsOfTheRange() {
        assertEquals(1.0, Exp.exp(0.0));
        assertEquals(1.0, Exp.exp(-0.0));
        assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Exp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(709.79));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(1e300));
        assertEquals(0.0, Exp.exp(-745.2));
        assertEquals(0.0, Exp.exp(-1e300));
        assertEquals(Math.exp(709.78), Exp.exp(709.78), Math.ulp(Math.exp(709.78)));
        // Subnormal results: e^−740 ≈ 4.2·10⁻³²², e^−745 ≈ 4.9·10⁻³²⁴ (the smallest subnormal).
        for (double x : new double[] {-708.5, -720, -740, -744.4, -745}) {
            assertTrue(ulpError(x, Exp.exp(x)) <= 1.0, "x = " + x);
        }
        assertEquals(Double.MIN_VALUE, Exp.exp(-745.0));
    }
}
