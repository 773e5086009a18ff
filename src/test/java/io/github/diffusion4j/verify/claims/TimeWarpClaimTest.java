package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.verify.BrokenGroundTruths;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T12 holds for the exact scores and fails when the marginal covariance is α Σ, which is not invariant. */
class TimeWarpClaimTest {

    @Test
    void theFlowMapDependsOnlyOnTheSnrPath() {
        ClaimResult r = new TimeWarpClaim().check(VerificationContext.defaults());
        System.out.println("T12: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
    }

    @Test
    void aMarginalThatIsNotAFunctionOfTheSnrIsCaught() {
        ClaimResult r = new TimeWarpClaim().check(VerificationContext.builder()
                .groundTruth(BrokenGroundTruths.covarianceScaledByAlpha()).build());
        assertEquals(Verdict.FAIL, r.verdict());
    }
}
