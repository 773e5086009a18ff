package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.StepContext;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/** S3 holds for the library's Euler–Maruyama and fails for one whose noise is not the Brownian path's increment. */
class StrongOrderClaimTest {

    @Test
    void eulerMaruyamaHasStrongOrderOne() {
        ClaimResult r = new StrongOrderClaim().check(VerificationContext.defaults());
        System.out.println("S3: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertEquals(9, r.checks().size());
    }

    /**
     * Noise drawn as a standard normal per step from a generator keyed by the step count (the second draw of the
     * step), not from the Brownian path: right in law, so its weak order is intact, but unrelated across grids, so
     * the strong error does not converge.
     */
    @Test
    void noiseThatIgnoresTheBrownianPathIsCaught() {
        Solver pathless = new Solver("euler-maruyama", 1, 3, 2, 1.0) {
            @Override
            public void step(StepContext c, double t, double s) {
                NoiseSchedule schedule = c.schedule();
                double delta = t - s;
                double g2 = schedule.diffusionSquared(t);
                c.score(t, StepContext.STATE, 1);
                c.gaussian(1, 2);
                c.combine(StepContext.STATE, 1 - delta * schedule.drift(t), StepContext.STATE, g2 * delta, 1,
                        Math.sqrt(g2 * delta), 2);
            }
        };
        ClaimResult r = new StrongOrderClaim().check(VerificationContext.builder()
                .solver("euler-maruyama", () -> pathless).build());
        assertEquals(9, r.failures().size(), r.checks().toString());
    }
}
