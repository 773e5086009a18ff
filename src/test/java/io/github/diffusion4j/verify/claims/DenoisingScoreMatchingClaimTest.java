package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenGroundTruths;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T2 holds for every candidate model and fails when the "exact" score is that of the wrong marginal. */
class DenoisingScoreMatchingClaimTest {

    @Test
    void dsmAndEsmDifferByTheSameConstantForEveryCandidate() {
        ClaimResult r = new DenoisingScoreMatchingClaim().check(VerificationContext.defaults());
        System.out.println("T2: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(3 * 3 * 4 * 4 * 2, r.checks().size());
    }

    @Test
    void aWrongExactScoreIsCaught() {
        ClaimResult r = new DenoisingScoreMatchingClaim().check(VerificationContext.builder()
                .groundTruth(BrokenGroundTruths.covarianceScaledByAlpha()).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
