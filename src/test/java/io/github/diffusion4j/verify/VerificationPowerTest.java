package io.github.diffusion4j.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue passes on the defaults (what {@code verify} runs) and catches real bugs: each deliberately broken
 * component — a ground truth, the DDPM chain or a solver with one bug a real implementation could have — makes at
 * least one claim fail. Every claim runs against every variant; the summary (printed, and written to
 * {@code target/verification-power.md}) lists which claims catch which bug.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerificationPowerTest {

    private List<Claim> catalogue;
    private final Map<String, List<String>> caughtBy = new LinkedHashMap<>();

    @Test
    @Order(1)
    void everyClaimPassesOnTheDefaults() {
        VerificationContext context = VerificationContext.defaults();
        List<Claim> claims = Verification.claims(context);
        List<ClaimResult> results = Verification.run(context, claims, ProgressListener.NONE);
        StringBuilder failures = new StringBuilder();
        for (ClaimResult r : results) {
            System.out.printf(Locale.ROOT, "%-10s %-4s %7.2fs  %s | %s%n", r.id(), r.verdict(), r.seconds(),
                    r.measured(), r.tolerance());
            for (Check c : r.failures()) {
                failures.append(r.id()).append(' ').append(c).append('\n');
            }
        }
        catalogue = claims;
        assertEquals("", failures.toString());
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                variant("marginal covariance α Σ instead of α² Σ",
                        b -> b.groundTruth(BrokenGroundTruths.covarianceScaledByAlpha())),
                variant("posterior mean with a sign error",
                        b -> b.groundTruth(BrokenGroundTruths.posteriorMeanSignError())),
                variant("PF-ODE drift missing the factor ½",
                        b -> b.groundTruth(BrokenGroundTruths.velocityMissingHalf())),
                variant("DDPM ᾱ index off by one",
                        b -> b.chain(BrokenChains.alphaBarOffByOne(VerificationContext.defaults().chain()))),
                variant("DPM-Solver-2 mixing half and full log-SNR",
                        b -> b.solver("dpm-solver-2", BrokenSolvers.dpmSolver2MixingHalfAndFullLogSnr())),
                variant("Euler–Maruyama noise scaled by h, not √h",
                        b -> b.solver("euler-maruyama", BrokenSolvers.eulerMaruyamaNoiseScaledByStep())),
                variant("Heun silently downgraded to Euler",
                        b -> b.solver("heun", BrokenSolvers.heunDowngradedToEuler())),
                variant("Euler–Maruyama score weight ½(1 + η) for ½(1 + η²) (right at η ∈ {0, 1})",
                        b -> b.solver("euler-maruyama(eta=0.5)", BrokenSolvers.eulerMaruyamaEtaLinearNotSquared(0.5))));
    }

    private static Arguments variant(String bug, UnaryOperator<VerificationContext.Builder> breakIt) {
        return Arguments.of(bug, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @Order(2)
    @MethodSource("brokenVariants")
    void eachBrokenVariantIsCaught(String bug, UnaryOperator<VerificationContext.Builder> breakIt) {
        assertNotNull(catalogue, "the defaults must run first");
        VerificationContext context = breakIt.apply(VerificationContext.builder()).build();
        List<String> caught = new ArrayList<>();
        for (Claim claim : catalogue) {
            ClaimResult result = claim.check(context);
            if (result.verdict() == Verdict.FAIL) {
                caught.add(claim.id());
            }
        }
        caughtBy.put(bug, caught);
        assertFalse(caught.isEmpty(), "no claim catches: " + bug);
    }

    @AfterAll
    void summary() throws IOException {
        long caught = caughtBy.values().stream().filter(v -> !v.isEmpty()).count();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "verification power: %d of %d broken variants caught%n%n| broken variant | claims that fail |%n"
                        + "|---|---|%n", caught, caughtBy.size()));
        caughtBy.forEach((bug, claims) -> table.append("| ").append(bug).append(" | ")
                .append(claims.isEmpty() ? "none" : String.join(", ", claims)).append(" |\n"));
        System.out.print(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "verification-power.md"), table);
    }
}
