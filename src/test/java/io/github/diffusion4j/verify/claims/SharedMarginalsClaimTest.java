package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.solve.EdmStochastic;
import io.github.diffusion4j.verify.BrokenSolvers;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/**
 * S5 holds for the library's samplers and fails for Euler–Maruyama with noise scaled by h instead of √h, and for EDM's
 * stochastic sampler whose churn adds half the noise it should (S_noise = ½).
 */
class SharedMarginalsClaimTest {

    @Test
    void everySamplerReproducesTheMarginals() {
        ClaimResult r = new SharedMarginalsClaim().check(VerificationContext.defaults());
        System.out.println("S5: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(3 * 3 * 4 * 4, r.checks().size(), "problems × schedules × samplers × checkpoints");
    }

    @Test
    void wrongNoiseIsCaught() {
        ClaimResult r = new SharedMarginalsClaim().check(VerificationContext.builder()
                .solver("euler-maruyama", BrokenSolvers.eulerMaruyamaNoiseScaledByStep()).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().stream().allMatch(c -> c.configuration().startsWith("euler-maruyama")));
    }

    @Test
    void aChurnThatAddsHalfTheNoiseIsCaught() {
        ClaimResult r = new SharedMarginalsClaim().check(VerificationContext.builder()
                .solver("edm-stochastic", () -> new EdmStochastic(80, 0.05, 50, 0.5)).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().stream().allMatch(c -> c.configuration().startsWith("edm-stochastic")));
    }
}
