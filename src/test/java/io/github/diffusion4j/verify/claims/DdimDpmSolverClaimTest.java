package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.solve.Ddim;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** S2 holds for the library's DDIM and DPM-Solver-1 and fails when "ddim" is in fact stochastic (η = 0.5). */
class DdimDpmSolverClaimTest {

    @Test
    void ddimIsDpmSolverOne() {
        ClaimResult r = new DdimDpmSolverClaim().check(VerificationContext.defaults());
        System.out.println("S2: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
    }

    @Test
    void aDifferentDdimIsCaught() {
        ClaimResult r = new DdimDpmSolverClaim().check(VerificationContext.builder()
                .solver("ddim", () -> new Ddim(0.5)).build());
        assertEquals(9, r.failures().size());
    }
}
