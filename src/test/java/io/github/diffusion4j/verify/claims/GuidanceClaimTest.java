package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenGroundTruths;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T15: the guidance identity holds and the tilted-law gap is significant; a wrong marginal breaks the identity. */
class GuidanceClaimTest {

    @Test
    void identityHoldsAndTheGapIsMeasured() {
        ClaimResult r = new GuidanceClaim().check(VerificationContext.defaults());
        System.out.println("T15: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(12, r.checks().size());
        assertEquals(1, r.figures().size());
    }

    @Test
    void aScoreInconsistentWithTheResponsibilitiesIsCaught() {
        ClaimResult r = new GuidanceClaim().check(VerificationContext.builder()
                .groundTruth(BrokenGroundTruths.covarianceScaledByAlpha()).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
