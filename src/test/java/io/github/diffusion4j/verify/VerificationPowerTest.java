package io.github.diffusion4j.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Comparator;
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
 * least one claim fail. Claims run cheapest first (by their time on the defaults) and a variant stops at its first
 * failing claim; the summary printed at the end says which claim caught which bug.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerificationPowerTest {

    private List<Claim> cheapestFirst;
    private final Map<String, String> caughtBy = new LinkedHashMap<>();

    @Test
    @Order(1)
    void everyClaimPassesOnTheDefaults() {
        VerificationContext context = VerificationContext.defaults();
        List<Claim> claims = Verification.claims(context);
        List<ClaimResult> results = Verification.run(context, claims, ProgressListener.NONE);
        StringBuilder failures = new StringBuilder();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (ClaimResult r : results) {
            System.out.printf(Locale.ROOT, "%-10s %-4s %7.2fs  %s | %s%n", r.id(), r.verdict(), r.seconds(),
                    r.measured(), r.tolerance());
            seconds.put(r.id(), r.seconds());
            for (Check c : r.failures()) {
                failures.append(r.id()).append(' ').append(c).append('\n');
            }
        }
        cheapestFirst = new ArrayList<>(claims);
        cheapestFirst.sort(Comparator.comparing(c -> seconds.get(c.id())));
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
                        b -> b.solver("heun", BrokenSolvers.heunDowngradedToEuler())));
    }

    private static Arguments variant(String bug, UnaryOperator<VerificationContext.Builder> breakIt) {
        return Arguments.of(bug, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @Order(2)
    @MethodSource("brokenVariants")
    void eachBrokenVariantIsCaught(String bug, UnaryOperator<VerificationContext.Builder> breakIt) {
        assertNotNull(cheapestFirst, "the defaults must run first");
        VerificationContext context = breakIt.apply(VerificationContext.builder()).build();
        String caught = null;
        for (Claim claim : cheapestFirst) {
            ClaimResult result = claim.check(context);
            if (result.verdict() == Verdict.FAIL) {
                caught = claim.id() + " (" + result.failures().get(0).configuration() + ": measured "
                        + Check.format(result.failures().get(0).measured()) + ", " + result.failures().get(0)
                        .criterion() + ")";
                break;
            }
        }
        caughtBy.put(bug, caught == null ? "NOT CAUGHT" : caught);
        assertFalse(caught == null, "no claim catches: " + bug);
    }

    @AfterAll
    void summary() {
        long caught = caughtBy.values().stream().filter(v -> !v.equals("NOT CAUGHT")).count();
        System.out.printf(Locale.ROOT, "verification power: %d of %d broken variants caught%n", caught,
                caughtBy.size());
        caughtBy.forEach((bug, claim) -> System.out.printf(Locale.ROOT, "  %-45s → %s%n", bug, claim));
    }
}
