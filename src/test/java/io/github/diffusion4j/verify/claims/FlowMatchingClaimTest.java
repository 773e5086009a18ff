package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenGroundTruths;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T4 holds for every candidate velocity and fails when the marginal velocity lacks the ½. */
class FlowMatchingClaimTest {

    @Test
    void cfmAndFmDifferByTheSameConstant() {
        ClaimResult r = new FlowMatchingClaim().check(VerificationContext.defaults());
        System.out.println("T4: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(3 * 3 * 4 * 4, r.checks().size());
    }

    @Test
    void aWrongMarginalVelocityIsCaught() {
        ClaimResult r = new FlowMatchingClaim().check(VerificationContext.builder()
                .groundTruth(BrokenGroundTruths.velocityMissingHalf()).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
