package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenChains;
import io.github.diffusion4j.verify.BrokenGroundTruths;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T11 holds for Ho et al.'s chain and fails when ᾱ is indexed one step late or the posterior mean is wrong. */
class DdpmKernelClaimTest {

    @Test
    void holdsAtEveryStepOfTheChain() {
        ClaimResult r = new DdpmKernelClaim().check(VerificationContext.defaults());
        System.out.println("T11: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(3, r.checks().size());
    }

    @Test
    void anAlphaBarOffByOneIsCaughtOnEveryProblem() {
        VerificationContext broken = VerificationContext.builder()
                .chain(BrokenChains.alphaBarOffByOne(VerificationContext.defaults().chain())).build();
        ClaimResult r = new DdpmKernelClaim().check(broken);
        assertEquals(3, r.failures().size(), r.checks().toString());
    }

    @Test
    void aPosteriorMeanSignErrorIsCaught() {
        VerificationContext broken = VerificationContext.builder()
                .groundTruth(BrokenGroundTruths.posteriorMeanSignError()).build();
        assertEquals(Verdict.FAIL, new DdpmKernelClaim().check(broken).verdict());
    }
}
