package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenGroundTruths;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T3 holds for every candidate (analytic and finite-difference divergences) and fails for a wrong marginal score. */
class ImplicitScoreMatchingClaimTest {

    @Test
    void holdsForEveryCandidate() {
        ClaimResult r = new ImplicitScoreMatchingClaim().check(VerificationContext.defaults());
        System.out.println("T3: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
    }

    @Test
    void aWrongMarginalScoreIsCaught() {
        ClaimResult r = new ImplicitScoreMatchingClaim().check(VerificationContext.builder()
                .groundTruth(BrokenGroundTruths.covarianceScaledByAlpha()).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
