package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.solve.Ddim;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** S4 holds for DPM-Solver++(2M) and fails when a first-order method (DDIM) stands in for it. */
class FewStepSamplerClaimTest {

    @Test
    void twentyEvaluationsAreEnough() {
        ClaimResult r = new FewStepSamplerClaim().check(VerificationContext.defaults());
        System.out.println("S4: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(1, r.figures().size());
    }

    @Test
    void aFirstOrderSamplerIsNot() {
        ClaimResult r = new FewStepSamplerClaim().check(VerificationContext.builder()
                .solver("dpm-solver++2m", () -> new Ddim(0)).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(1, r.failures().size(), r.failures().toString());
    }
}
