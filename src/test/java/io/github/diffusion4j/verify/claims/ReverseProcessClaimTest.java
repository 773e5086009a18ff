package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenSolvers;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T8 holds for RK45 and Euler–Maruyama and fails when the reverse SDE's noise is scaled by h instead of √h. */
class ReverseProcessClaimTest {

    @Test
    void bothReverseProcessesReproduceTheData() {
        ClaimResult r = new ReverseProcessClaim().check(VerificationContext.defaults());
        System.out.println("T8: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(2, r.figures().size());
    }

    @Test
    void aReverseSdeWithTheWrongNoiseIsCaught() {
        ClaimResult r = new ReverseProcessClaim().check(VerificationContext.builder()
                .solver("euler-maruyama", BrokenSolvers.eulerMaruyamaNoiseScaledByStep()).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
