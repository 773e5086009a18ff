package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenChains;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T18 holds for Ho et al.'s chain and fails when ᾱ is indexed one step late. */
class ElboClaimTest {

    @Test
    void theElboTermsAndWeightsAreExact() {
        ClaimResult r = new ElboClaim().check(VerificationContext.defaults());
        System.out.println("T18: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(5, r.checks().size());
    }

    @Test
    void anAlphaBarOffByOneIsCaught() {
        ClaimResult r = new ElboClaim().check(VerificationContext.builder()
                .chain(BrokenChains.alphaBarOffByOne(VerificationContext.defaults().chain())).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
