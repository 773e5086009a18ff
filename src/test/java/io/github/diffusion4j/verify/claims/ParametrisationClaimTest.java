package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** T10 holds for the library's adapters and fails when a schedule's σ̇ (used by the velocity adapter) is wrong. */
class ParametrisationClaimTest {

    @Test
    void theWeightsHoldForEveryPredictionKind() {
        ClaimResult r = new ParametrisationClaim().check(VerificationContext.defaults());
        System.out.println("T10: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(12, r.checks().size());
    }

    /** The linear interpolant α = 1 − t, σ = t, but with σ̇ reported as 2 (as if σ = 2t were differentiated). */
    private static NoiseSchedule linearWithWrongSigmaDot() {
        return new NoiseSchedule("linear", 0, 1) {
            @Override
            protected double logAlphaAt(double t) {
                return Math.log1p(-t);
            }

            @Override
            protected double dLogAlphaAt(double t) {
                return -1 / (1 - t);
            }

            @Override
            protected double logSigmaAt(double t) {
                return Math.log(t);
            }

            @Override
            protected double dLogSigmaAt(double t) {
                return 2 / t;
            }
        };
    }

    @Test
    void aWrongVelocityConversionIsCaught() {
        ClaimResult r = new ParametrisationClaim().check(VerificationContext.builder()
                .onlySchedules(Map.of("linear", linearWithWrongSigmaDot())).build());
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().stream().allMatch(c -> c.configuration().endsWith("/ linear")), r.failures().toString());
    }
}
