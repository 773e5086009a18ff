package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T13 holds for the OU and DDPM-limit processes and fails for a process slower than the rate it is held to. */
class ContractionClaimTest {

    @Test
    void bothProcessesContractAtTheirRates() {
        ClaimResult r = new ContractionClaim().check(VerificationContext.defaults());
        System.out.println("T13: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(48, r.checks().size());
    }

    /** dx = −x/2 dt + dB under the name "ou" contracts only like e^{−t}, so the e^{−2t} bound must fail. */
    @Test
    void aSlowerProcessUnderTheOuNameFails() {
        ClaimResult r = new ContractionClaim().check(VerificationContext.builder()
                .schedule("ou", Schedules.byName("ddpm-limit")).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().stream().allMatch(c -> c.configuration().contains("/ ou /")), r.failures().toString());
        assertTrue(r.failures().size() >= 5, r.failures().size() + " failures");
    }
}
