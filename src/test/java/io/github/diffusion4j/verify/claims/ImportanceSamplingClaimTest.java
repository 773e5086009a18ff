package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T17: importance sampling of t reduces the DSM estimator's variance on every problem and schedule. */
class ImportanceSamplingClaimTest {

    @Test
    void importanceSamplingLowersTheVariance() {
        ClaimResult r = new ImportanceSamplingClaim().check(VerificationContext.defaults());
        System.out.println("T17: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(18, r.checks().size());
        assertTrue(r.checks().stream().filter(c -> c.configuration().endsWith("Var_IS"))
                .allMatch(c -> c.measured() > 5), r.checks().toString());
    }
}
