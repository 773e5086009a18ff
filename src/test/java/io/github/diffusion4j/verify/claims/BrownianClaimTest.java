package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/**
 * T14 passes on the library's noise (the statistics' power against wrong variances and correlated increments is
 * the subject of VirtualBrownianTreeTest and CounterNoiseTest; here: the claim runs every check and they pass).
 */
class BrownianClaimTest {

    @Test
    void theLibrarysNoiseHasTheBrownianFacts() {
        ClaimResult r = new BrownianClaim().check(VerificationContext.defaults());
        System.out.println("T14: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(20, r.checks().size());
    }
}
