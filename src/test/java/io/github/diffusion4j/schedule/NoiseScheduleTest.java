package io.github.diffusion4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every schedule must have, checked on every built-in schedule at interior times.
 *
 * <p>Finite-difference tolerance: a five-point stencil with {@code h = 10⁻³ × (distance to the nearer end of the
 * domain)} has truncation error ≈ (h/ℓ)⁴ ≲ 10⁻¹² relative, where ℓ ≥ that distance is the scale on which the
 * schedule varies, and rounding error ≈ ε|f|/h ≲ 10⁻¹¹; the relative tolerance 10⁻⁷ leaves four orders of margin
 * while still catching any wrong factor or sign in an analytic derivative.
 */
class NoiseScheduleTest {

    private static final double[] FRACTIONS = {0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99};
    private static final double FD_TOLERANCE = 1e-7;

    static Stream<Arguments> schedulesAndTimes() {
        return Schedules.all().stream().flatMap(s -> {
            Stream.Builder<Arguments> b = Stream.builder();
            for (double f : FRACTIONS) {
                b.add(Arguments.of(s, s.tMin() + f * (s.tMax() - s.tMin())));
            }
            return b.build();
        });
    }

    static Stream<NoiseSchedule> schedules() {
        return Schedules.all().stream();
    }

    private static double step(NoiseSchedule s, double t) {
        return 1e-3 * Math.min(t - s.tMin(), s.tMax() - t);
    }

    private static void assertDerivative(String what, double expected, DoubleUnaryOperator f, double t, double h) {
        double fd = FiniteDifferences.derivative(f, t, h);
        assertEquals(fd, expected, FD_TOLERANCE * Math.max(1.0, Math.abs(fd)),
                () -> what + " at t = " + t + ": analytic " + expected + " vs finite difference " + fd);
    }

    @ParameterizedTest(name = "{0} at t={1}")
    @MethodSource("schedulesAndTimes")
    void analyticDerivativesMatchFiniteDifferences(NoiseSchedule s, double t) {
        double h = step(s, t);
        assertDerivative("d log α/dt", s.drift(t), s::logAlpha, t, h);
        assertDerivative("α̇", s.alphaDot(t), s::alpha, t, h);
        assertDerivative("σ̇", s.sigmaDot(t), s::sigma, t, h);
        assertDerivative("dλ/dt", s.logSnrDerivative(t), s::logSnr, t, h);
        double d = FiniteDifferences.derivative(x -> Math.log(s.sigma(x)), t, h);
        assertEquals(d * s.sigma(t), s.sigmaDot(t), FD_TOLERANCE * Math.max(1.0, Math.abs(s.sigmaDot(t))));
    }

    @ParameterizedTest(name = "{0} at t={1}")
    @MethodSource("schedulesAndTimes")
    void diffusionSquaredIsTheVarianceGrowthMinusDrift(NoiseSchedule s, double t) {
        // g² = dσ²/dt − 2 f σ², with dσ²/dt by finite differences: an independent route to g².
        double h = step(s, t);
        double dSigmaSquared = FiniteDifferences.derivative(x -> s.sigma(x) * s.sigma(x), t, h);
        double sigma = s.sigma(t);
        double expected = dSigmaSquared - 2 * s.drift(t) * sigma * sigma;
        assertEquals(expected, s.diffusionSquared(t), FD_TOLERANCE * Math.max(1.0, Math.abs(expected)));
        // and g² = −σ² dλ/dt from the analytic derivatives (rounding only: 1e-12 relative)
        assertEquals(-sigma * sigma * s.logSnrDerivative(t), s.diffusionSquared(t),
                1e-12 * Math.abs(s.diffusionSquared(t)));
        assertTrue(s.diffusionSquared(t) > 0, "g² must be positive inside the domain");
        assertTrue(s.logSnrDerivative(t) < 0, "λ must be strictly decreasing");
    }

    @ParameterizedTest(name = "{0} at t={1}")
    @MethodSource("schedulesAndTimes")
    void logSnrAndItsInverseRoundTrip(NoiseSchedule s, double t) {
        double lambda = s.logSnr(t);
        double back = s.inverseLogSnr(lambda);
        // Rounding in λ(t) is a few ulp of λ; it maps to a time error of that over |dλ/dt|, plus a few ulp of t.
        double timeTolerance = 16 * Math.ulp(Math.abs(lambda)) / Math.abs(s.logSnrDerivative(t)) + 16 * Math.ulp(t);
        assertEquals(t, back, timeTolerance, () -> "λ⁻¹(λ(" + t + ")) = " + back);
        double lambdaBack = s.logSnr(back);
        assertEquals(lambda, lambdaBack, 1e-12 * Math.max(1, Math.abs(lambda)),
                () -> "λ(λ⁻¹(" + lambda + ")) = " + lambdaBack);
        assertEquals(0.5 * lambda, s.halfLogSnr(t), 0.0);
        assertEquals(t, s.inverseHalfLogSnr(0.5 * lambda), timeTolerance);
    }

    @ParameterizedTest(name = "{0} at t={1}")
    @MethodSource("schedulesAndTimes")
    void closedFormInverseAgreesWithBracketedRootFind(NoiseSchedule s, double t) {
        double lambda = s.logSnr(t);
        double closed = s.inverseLogSnr(lambda);
        double rootFind = s.solveInverseLogSnr(lambda);
        double tolerance = 8 * Math.ulp(s.tMax()) + 16 * Math.ulp(Math.abs(lambda)) / Math.abs(s.logSnrDerivative(t));
        assertEquals(closed, rootFind, tolerance);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void timesOutsideTheDomainAreRejectedWithTheValue(NoiseSchedule s) {
        double below = s.tMin() - 1e-9;
        double above = s.tMax() * (1 + 1e-9) + 1e-12;
        for (double bad : new double[] {below, above, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.alpha(bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            assertTrue(e.getMessage().contains(s.name()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.diffusionSquared(bad));
        }
        double hi = s.logSnr(s.tMin());
        double lo = s.logSnr(s.tMax());
        // A finite log-SNR outside [λ(T), λ(tMin)] exists unless the range is all of ℝ (the linear interpolant).
        double outside = Double.isFinite(lo) ? lo - 1.0 : hi + 1.0;
        if (Double.isFinite(outside)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.inverseLogSnr(outside));
            assertTrue(e.getMessage().contains(String.valueOf(outside)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> s.inverseLogSnr(Double.NaN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void endpointsAreFiniteWhereTheMathematicsIs(NoiseSchedule s) {
        for (double t : new double[] {s.tMin(), s.tMax()}) {
            double alpha = s.alpha(t);
            double sigma = s.sigma(t);
            assertTrue(alpha >= 0 && Double.isFinite(alpha), s + " α(" + t + ") = " + alpha);
            assertTrue(sigma >= 0 && Double.isFinite(sigma), s + " σ(" + t + ") = " + sigma);
            assertTrue(alpha > 0 || sigma > 0);
            assertTrue(Double.isFinite(s.alphaDot(t)), s + " α̇(" + t + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void scheduleIsMonotoneInLogSnr(NoiseSchedule s) {
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 200; i++) {
            double t = s.tMin() + (s.tMax() - s.tMin()) * i / 200.0;
            double lambda = s.logSnr(t);
            assertTrue(lambda < previous || (i == 0), "λ not decreasing at t = " + t);
            previous = lambda;
        }
    }

    /**
     * vp-cosine's inverse log-SNR near t = 0, where subtracting φ(0) resolved t only to ~2·10⁻¹⁸ (every smaller t came
     * back as 0, and S6's grids into σ = 0 were not strictly decreasing): the δ = φ − φ(0) form keeps the relative
     * precision of λ's rounding, which at λ ≈ 50 and |dλ/dt| = 1/t is 16 ulp(λ)·t ≈ 10⁻¹³ t.
     */
    @Test
    void cosineInverseKeepsRelativePrecisionDownToTinyTimes() {
        NoiseSchedule s = Schedules.byName("vp-cosine");
        for (double t : new double[] {1e-30, 1e-22, 1e-17, 1e-12, 1e-6}) {
            double back = s.inverseLogSnr(s.logSnr(t));
            assertEquals(t, back, 1e-12 * t, "λ⁻¹(λ(" + t + "))");
        }
    }
}
