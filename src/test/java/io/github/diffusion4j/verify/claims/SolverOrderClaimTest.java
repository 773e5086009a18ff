package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.verify.BrokenSolvers;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** S1 passes on the registry's solvers and fails for a solver whose order dropped or whose law is wrong. */
class SolverOrderClaimTest {

    @Test
    void everyRegistrySolverHasItsOrder() {
        ClaimResult r = new SolverOrderClaim().check(VerificationContext.defaults());
        System.out.println("S1: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(12 * 3, r.checks().size(), "12 fixed-grid solvers (not rk45, edm-stochastic, pc) × 3 schedules");
        assertEquals(3, r.figures().size());
    }

    static Stream<Arguments> brokenSolvers() {
        return Stream.of(
                Arguments.of("heun", BrokenSolvers.heunDowngradedToEuler()),
                Arguments.of("dpm-solver-2", BrokenSolvers.dpmSolver2MixingHalfAndFullLogSnr()),
                Arguments.of("euler-maruyama", BrokenSolvers.eulerMaruyamaNoiseScaledByStep()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSolvers")
    void aBrokenSolverFailsOnEverySchedule(String name, Supplier<Solver> broken) {
        ClaimResult r = new SolverOrderClaim().check(VerificationContext.builder().solver(name, broken).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(3, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().stream().allMatch(c -> c.configuration().startsWith(name + " / ")));
        System.out.println("S1 with broken " + name + ": " + r.failures().size() + " failing fits");
    }
}
