package io.github.diffusion4j.verify;

import java.util.List;

/**
 * A plugin found by {@link java.util.ServiceLoader} on the test class path: it contributes claim {@code X-FAIL}, whose
 * single check always fails, so tests can see plugin discovery and a failing run's exit code.
 */
public final class FailingClaimPlugin implements VerificationPlugin {

    /** The id of the contributed claim. */
    public static final String ID = "X-FAIL";

    @Override
    public List<Claim> claims() {
        return List.of(new BaseClaim(ID, "1 + 1 = 3", "a deliberately false claim") {
            @Override
            protected Outcome measure(VerificationContext context) {
                return worst(List.of(Check.atMost("arithmetic", 1 + 1 - 3, 0)), "residual", 0);
            }
        });
    }
}
