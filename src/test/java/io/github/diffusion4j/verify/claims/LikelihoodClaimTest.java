package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.verify.BrokenGroundTruths;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T9 holds for the exact marginals and fails when the marginal covariance is α Σ instead of α² Σ. */
class LikelihoodClaimTest {

    @Test
    void theFlowLikelihoodIsTheClosedForm() {
        ClaimResult r = new LikelihoodClaim().check(VerificationContext.defaults());
        System.out.println("T9: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
    }

    @Test
    void aMarginalThatIsNotTransportedByItsFlowIsCaught() {
        ClaimResult r = new LikelihoodClaim().check(VerificationContext.builder()
                .groundTruth(BrokenGroundTruths.covarianceScaledByAlpha()).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().stream().anyMatch(c -> c.configuration().endsWith("exact-divergence likelihood")),
                r.failures().toString());
    }
}
