package io.github.diffusion4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every schedule shares: each time function accepts exactly {@code [tMin, tMax]} (both ends included,
 * the neighbouring doubles outside rejected), the log-SNR inverse accepts exactly {@code [λ(tMax), λ(tMin)]}, and
 * the derived functions agree with the primitives. Also the schedules with non-default parameters against their
 * definitions (defaults such as T = 1 hide mistakes like t/T ↔ t·T). Tolerances: a few ulp (1e-14 relative).
 */
class ScheduleContractTest {

    private static final double REL = 1e-14;
    private static final double EPS = Math.ulp(1.0);

    static List<NoiseSchedule> schedules() {
        return List.of(Schedules.byName("vp-linear"), Schedules.byName("vp-cosine"), Schedules.byName("ve"),
                Schedules.byName("sub-vp"), Schedules.byName("linear"), Schedules.byName("edm"),
                new VpLinearSchedule("vp-0.5-10-2", 0.5, 10, 2), new VpCosineSchedule(0.02, 2.0),
                new VeGeometricSchedule(0.1, 10), new EdmSchedule(20), DiscreteDdpmSchedule.standard().continuousTime());
    }

    private static Map<String, DoubleUnaryOperator> timeFunctions(NoiseSchedule s) {
        Map<String, DoubleUnaryOperator> functions = new LinkedHashMap<>();
        functions.put("alpha", s::alpha);
        functions.put("sigma", s::sigma);
        functions.put("logAlpha", s::logAlpha);
        functions.put("logSigma", s::logSigma);
        functions.put("alphaDot", s::alphaDot);
        functions.put("sigmaDot", s::sigmaDot);
        functions.put("logSnr", s::logSnr);
        functions.put("halfLogSnr", s::halfLogSnr);
        functions.put("logSnrDerivative", s::logSnrDerivative);
        functions.put("drift", s::drift);
        functions.put("diffusionSquared", s::diffusionSquared);
        return functions;
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void everyTimeFunctionAcceptsExactlyTheDomain(NoiseSchedule s) {
        double below = Math.nextDown(s.tMin());
        double above = Math.nextUp(s.tMax());
        for (Map.Entry<String, DoubleUnaryOperator> f : timeFunctions(s).entrySet()) {
            String what = s.name() + "." + f.getKey();
            for (double t : new double[] {below, above, Double.NaN}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> f.getValue().applyAsDouble(t), what + "(" + t + ")");
                assertTrue(e.getMessage().contains("t = " + t), e.getMessage());
            }
            for (double t : new double[] {s.tMin(), s.tMax()}) {
                assertTrue(!Double.isNaN(f.getValue().applyAsDouble(t)), what + "(" + t + ") is NaN");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void derivedFunctionsAgreeWithThePrimitives(NoiseSchedule s) {
        for (int i = 1; i < 20; i++) {
            double t = s.tMin() + (s.tMax() - s.tMin()) * i / 20.0;
            String at = s.name() + " at t = " + t;
            // log of a rounded σ near 1 carries an absolute error of up to ε(σ) ≈ 1.1e-16 (σ itself is rounded).
            assertEquals(Math.log(s.sigma(t)), s.logSigma(t), 2 * EPS + REL * Math.abs(s.logSigma(t)), at + ": log σ");
            assertEquals(Math.log(s.alpha(t)), s.logAlpha(t), 2 * EPS + REL * Math.abs(s.logAlpha(t)), at + ": log α");
            close(2 * (s.logAlpha(t) - s.logSigma(t)), s.logSnr(t), at + ": λ = 2 log(α/σ)");
            close(0.5 * s.logSnr(t), s.halfLogSnr(t), at + ": λ½ = λ/2");
            close(s.alphaDot(t) / s.alpha(t), s.drift(t), at + ": f = α̇/α");
            double lambdaDot = 2 * (s.alphaDot(t) / s.alpha(t) - s.sigmaDot(t) / s.sigma(t));
            assertEquals(lambdaDot, s.logSnrDerivative(t), 1e-12 * Math.abs(lambdaDot), at + ": dλ/dt");
            double g2 = -s.sigma(t) * s.sigma(t) * lambdaDot;
            assertEquals(g2, s.diffusionSquared(t), 1e-12 * Math.abs(g2), at + ": g² = −σ² dλ/dt");
        }
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void theLogSnrInverseAcceptsExactlyTheRange(NoiseSchedule s) {
        double hi = s.logSnr(s.tMin());
        double lo = s.logSnr(s.tMax());
        assertEquals(s.tMin(), s.inverseLogSnr(hi), 0.0, s.name() + ": λ⁻¹(λ(tMin))");
        assertEquals(s.tMax(), s.inverseLogSnr(lo), 1e-12 * s.tMax(), s.name() + ": λ⁻¹(λ(tMax))");
        double half = 0.25 * (Math.max(lo, -30) + Math.min(hi, 30));
        assertEquals(s.inverseLogSnr(2 * half), s.inverseHalfLogSnr(half), 0.0, s.name() + ": λ½⁻¹(x) = λ⁻¹(2x)");
        for (double lambda : new double[] {Math.nextDown(lo), Math.nextUp(hi), Double.NaN}) {
            if (Double.isInfinite(lambda)) {
                continue;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.inverseLogSnr(lambda),
                    s.name() + ": λ = " + lambda);
            assertTrue(e.getMessage().contains("λ = " + lambda), e.getMessage());
        }
    }

    @Test
    void reverseSamplersStartAtTUnlessAlphaVanishesThere() {
        for (NoiseSchedule s : schedules()) {
            double expected = s.name().equals("linear") ? 0.999 : s.tMax();
            assertEquals(expected, s.reverseStart(), 0.0, s.name());
        }
    }

    @Test
    void vpLinearWithOtherParameters() {
        VpLinearSchedule s = new VpLinearSchedule("vp-0.5-10-2", 0.5, 10, 2);
        assertEquals(2.0, s.tMax(), 0.0);
        for (double t : new double[] {0, 0.3, 1.1, 2}) {
            close(0.5 + t * 9.5, s.beta(t), "β(t) = β₀ + t(β₁ − β₀)");
            close(Math.exp(-0.25 * t * t * 9.5 - 0.5 * t * 0.5), s.alpha(t), "α");
            close(0.5 + t * 9.5, s.diffusionSquared(t), "g² = β");
        }
        assertThrows(IllegalArgumentException.class, () -> s.beta(2.5));
        assertThrows(IllegalArgumentException.class, () -> new VpLinearSchedule("x", 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new VpLinearSchedule("x", 0.1, 20, 0));
    }

    @Test
    void cosineWithOtherParameters() {
        double s0 = 0.02;
        double horizon = 2.0;
        VpCosineSchedule s = new VpCosineSchedule(s0, horizon);
        double phiMax = Math.atan(999.0 * horizon * (1 + s0) / Math.PI);
        close(horizon * (2 * (1 + s0) * phiMax / Math.PI - s0), s.tMax(), "tMax where β = 999");
        assertEquals(999.0, s.diffusionSquared(s.tMax()), 1e-9, "β(tMax)");
        double c0 = Math.cos(s0 / (1 + s0) * Math.PI / 2);
        for (double t : new double[] {0, 1e-6, 0.3, 1.0, 1.7, s.tMax()}) {
            double phi = (t / horizon + s0) / (1 + s0) * Math.PI / 2;
            assertEquals(Math.cos(phi) / c0, s.alpha(t), 1e-13 * Math.cos(phi) / c0 + 1e-16, "α at t = " + t);
            close(-Math.tan(phi) * Math.PI / (2 * horizon * (1 + s0)), s.drift(t), "f = −tan φ · φ' at t = " + t);
            assertEquals(t, s.inverseLogSnr(s.logSnr(t)), 1e-10, "λ⁻¹(λ(t)) at t = " + t);
        }
    }

    @Test
    void varianceExplodingWithOtherParameters() {
        VeGeometricSchedule s = new VeGeometricSchedule(0.1, 10);
        for (double t : new double[] {0, 0.25, 1}) {
            close(0.1 * Math.pow(100, t), s.sigma(t), "σ = σ_min (σ_max/σ_min)^t");
            close(2 * Math.pow(s.sigma(t), 2) * Math.log(100), s.diffusionSquared(t), "g² = 2σ² log(σ_max/σ_min)");
            assertEquals(t, s.inverseLogSnr(s.logSnr(t)), 1e-14, "closed-form λ⁻¹");
        }
        assertThrows(IllegalArgumentException.class, () -> new VeGeometricSchedule(0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new VeGeometricSchedule(0, 1));
    }

    @Test
    void edmWithOtherSigmaMax() {
        EdmSchedule s = new EdmSchedule(20);
        assertEquals(20.0, s.tMax(), 0.0);
        assertEquals(0.0, s.tMin(), 0.0);
        close(7.5, s.sigma(7.5), "σ = t");
        assertThrows(IllegalArgumentException.class, () -> new EdmSchedule(0));
    }

    /** The chain's continuous view between knots: log α linear in t, slope K (log α_{k+1} − log α_k). */
    @Test
    void discreteChainBetweenKnots() {
        DiscreteDdpmSchedule chain = new DiscreteDdpmSchedule(10, 0.01, 0.2);
        NoiseSchedule s = chain.continuousTime();
        assertSame(s, chain.continuousTime());
        for (int k = 0; k < 10; k++) {
            double a = 0.5 * Math.log(chain.alphaBar(k));
            double b = 0.5 * Math.log(chain.alphaBar(k + 1));
            for (double fraction : new double[] {0.25, 0.5, 0.9}) {
                double t = (k + fraction) / 10;
                close(a + fraction * (b - a), s.logAlpha(t), "log α between knots " + k + " and " + (k + 1));
                close(10 * (b - a), s.drift(t), "f = d log α/dt on segment " + k);
                assertEquals(t, s.inverseLogSnr(s.logSnr(t)), 1e-12, "λ⁻¹ on segment " + k);
            }
            close(a, s.logAlpha(chain.time(k)), "knot " + k);
        }
        close(10 * (0.5 * Math.log(chain.alphaBar(10)) - 0.5 * Math.log(chain.alphaBar(9))), s.drift(1.0),
                "the last segment's slope at t = 1");
        assertEquals(0.0, s.inverseLogSnr(s.logSnr(0.0)), 0.0);
        assertEquals(1.0, s.inverseLogSnr(s.logSnr(1.0)), 1e-15);
    }

    @Test
    void discreteChainIndicesAreChecked() {
        DiscreteDdpmSchedule chain = new DiscreteDdpmSchedule(10, 0.01, 0.2);
        Map<String, IntToDoubleFunction> fromZero = new LinkedHashMap<>();
        fromZero.put("time", chain::time);
        fromZero.put("alphaBar", chain::alphaBar);
        fromZero.put("logAlphaBar", chain::logAlphaBar);
        fromZero.put("oneMinusAlphaBar", chain::oneMinusAlphaBar);
        fromZero.put("alpha", chain::alpha);
        fromZero.put("sigma", chain::sigma);
        Map<String, IntToDoubleFunction> fromOne = new LinkedHashMap<>();
        fromOne.put("beta", chain::beta);
        fromOne.put("alphaStep", chain::alphaStep);
        fromOne.put("posteriorMeanCoefficientX0", chain::posteriorMeanCoefficientX0);
        fromOne.put("posteriorMeanCoefficientXk", chain::posteriorMeanCoefficientXk);
        fromOne.put("posteriorVariance", chain::posteriorVariance);
        for (int lowest = 0; lowest <= 1; lowest++) {
            for (Map.Entry<String, IntToDoubleFunction> f : (lowest == 0 ? fromZero : fromOne).entrySet()) {
                for (int k : new int[] {lowest - 1, 11}) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> f.getValue().applyAsDouble(k), f.getKey() + "(" + k + ")");
                    assertTrue(e.getMessage().contains("k = " + k), e.getMessage());
                }
                assertTrue(Double.isFinite(f.getValue().applyAsDouble(lowest)), f.getKey() + "(" + lowest + ")");
                assertTrue(Double.isFinite(f.getValue().applyAsDouble(10)), f.getKey() + "(10)");
            }
        }
        for (int k = 0; k <= 10; k++) {
            close(Math.log(chain.alphaBar(k)), chain.logAlphaBar(k), "log ᾱ_" + k);
            close(Math.sqrt(chain.alphaBar(k)), chain.alpha(k), "α_" + k + " = √ᾱ");
            close(Math.sqrt(1 - chain.alphaBar(k)), chain.sigma(k), "σ_" + k + " = √(1 − ᾱ)");
            close(k / 10.0, chain.time(k), "t_" + k);
        }
        for (int k = 1; k <= 10; k++) {
            close(1 - chain.beta(k), chain.alphaStep(k), "Ho et al.'s α_k = 1 − β_k");
        }
        assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpmSchedule(1, 0.01, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpmSchedule(2, 0.0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new DiscreteDdpmSchedule(2, 0.01, 1.0));
        assertEquals(2, new DiscreteDdpmSchedule(2, 0.01, 0.2).steps());
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.max(Math.abs(expected), 1e-300), what);
    }
}
