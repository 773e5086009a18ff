package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenSolvers;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T16 holds for the candidates and fails when Euler–Maruyama's discretisation does not vanish. */
class ErrorDecompositionClaimTest {

    @Test
    void theGirsanovBoundHolds() {
        ClaimResult r = new ErrorDecompositionClaim().check(VerificationContext.defaults());
        System.out.println("T16: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(30, r.checks().size());
    }

    @Test
    void aDiscretisationThatDoesNotVanishIsCaught() {
        ClaimResult r = new ErrorDecompositionClaim().check(VerificationContext.builder()
                .solver("euler-maruyama", BrokenSolvers.eulerMaruyamaNoiseScaledByStep()).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
