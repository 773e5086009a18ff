package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.verify.BrokenSolvers;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** S5 holds for the library's samplers and fails for Euler–Maruyama with noise scaled by h instead of √h. */
class SharedMarginalsClaimTest {

    @Test
    void everySamplerReproducesTheMarginals() {
        ClaimResult r = new SharedMarginalsClaim().check(VerificationContext.defaults());
        System.out.println("S5: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(108, r.checks().size());
    }

    @Test
    void wrongNoiseIsCaught() {
        ClaimResult r = new SharedMarginalsClaim().check(VerificationContext.builder()
                .solver("euler-maruyama", BrokenSolvers.eulerMaruyamaNoiseScaledByStep()).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().stream().allMatch(c -> c.configuration().startsWith("euler-maruyama")));
    }
}
