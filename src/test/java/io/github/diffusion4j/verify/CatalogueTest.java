package io.github.diffusion4j.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every built-in claim passes on the default context (what {@code verify} runs). */
class CatalogueTest {

    @Test
    void everyClaimPassesOnTheDefaults() {
        VerificationContext context = VerificationContext.defaults();
        List<ClaimResult> results = Verification.run(context, Verification.claims(context), ProgressListener.NONE);
        StringBuilder failures = new StringBuilder();
        for (ClaimResult r : results) {
            System.out.printf("%-4s %-6s %6.2fs %s | %s%n", r.id(), r.verdict(), r.seconds(), r.measured(), r.tolerance());
            for (Check c : r.failures()) {
                failures.append(r.id()).append(' ').append(c).append('\n');
            }
        }
        assertEquals("", failures.toString());
    }
}
