package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.verify.BrokenSolvers;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/**
 * S7 passes on every built-in solver and fails, naming the configuration, on the two ways a sampler's output comes
 * to depend on how it was batched: noise keyed by position in the batch, and state kept in the solver instance.
 * Neither changes the sampler's law, so no statistical or order claim can see them.
 */
class InvarianceClaimTest {

    @Test
    void everyBuiltInSolverIsBitIdenticalAcrossThreadsChunksAndSplits() {
        ClaimResult r = new InvarianceClaim().check(VerificationContext.defaults());
        System.out.println("S7: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertTrue(r.measured().startsWith("0 of "), r.measured());
        assertTrue(r.checks().stream().anyMatch(c -> c.configuration().contains("rk45 / ")
                && c.configuration().endsWith("4 threads")));
        assertTrue(r.checks().stream().noneMatch(c -> c.configuration().contains("rk45 / ")
                && c.configuration().endsWith("chunks of 1")), "an adaptive solver's chunk size is its own setting");
        assertTrue(r.checks().stream().anyMatch(c -> c.configuration().contains("euler-maruyama / ")
                && c.configuration().contains("/ Brownian tree /")));
    }

    @Test
    void noiseKeyedByBatchPositionFailsOnChunksAndSplitsButNotOnThreads() {
        ClaimResult r = check("euler-maruyama", BrokenSolvers.eulerMaruyamaNoiseKeyedByBatchPosition());
        assertEquals(Verdict.FAIL, r.verdict());
        for (Check c : r.checks()) {
            boolean sameBatches = c.configuration().endsWith("4 threads")
                    || c.configuration().endsWith("same instance again");
            assertEquals(sameBatches, c.verdict() == Verdict.PASS, c.configuration() + ": " + c.measured());
        }
    }

    @Test
    void aFirstStepToldByAnInstanceFieldFails() {
        ClaimResult r = check("dpm-solver++2m", BrokenSolvers.dpmSolverPlusPlus2MFirstStepInInstance());
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().size() == r.checks().size(), r.failures().toString());
    }

    private static ClaimResult check(String name, Supplier<Solver> broken) {
        VerificationContext context = VerificationContext.builder().solver(name, broken)
                .solversUnderTest(List.of(name)).build();
        return new InvarianceClaim().check(context);
    }
}
