package io.github.diffusion4j.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;
import org.example.solvers.ProbabilityFlowEuler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars and the solver registry: a jar's solvers become usable by name, a jar that cannot be loaded or yields
 * nothing is an error naming the jar and the class, the Java registry refuses clashes, and a user's solver gets its
 * verdicts in one call — the correct one passes, the three example mistakes fail.
 */
class PluginsTest {

    @TempDir
    Path dir;

    private Path loaded;

    @AfterEach
    void unload() {
        if (loaded != null) {
            Plugins.unloadJar(loaded);
        }
    }

    @Test
    void aJarsSolversAreRegisteredByNameAndUnloadedAgain() throws IOException {
        loaded = PluginJars.examplePlugin(dir);
        List<Plugins.LoadedPlugin> plugins = Plugins.loadJar(loaded);
        assertEquals(1, plugins.size());
        assertTrue(plugins.get(0).summary().contains("solvers my-euler, my-euler-sign-flipped"),
                plugins.get(0).summary());
        assertTrue(Solvers.names().containsAll(PluginJars.exampleSolvers()), Solvers.names().toString());
        assertEquals("my-euler", Solvers.byName("my-euler").name());
        assertEquals(plugins, Plugins.loadJar(loaded), "loading the same jar twice is a no-op");
        assertTrue(VerificationContext.builder().discoverPlugins().build().solvers().containsKey("my-euler"));
        assertTrue(Plugins.unloadJar(loaded));
        assertFalse(Solvers.names().contains("my-euler"));
        loaded = null;
    }

    @Test
    void jarsThatYieldNothingAreErrorsNamingTheJar() throws IOException {
        Path missing = dir.resolve("nope.jar");
        assertMessage(() -> Plugins.loadJar(missing), "nope.jar: no such file");
        Path notAJar = Files.writeString(dir.resolve("text.jar"), "not a zip");
        assertMessage(() -> Plugins.loadJar(notAJar), "text.jar: not a readable jar");
        Path noService = PluginJars.jar(dir.resolve("empty.jar"), Map.of("README", "nothing"));
        assertMessage(() -> Plugins.loadJar(noService), "the jar lists no plugin");
        Path badClass = PluginJars.jar(dir.resolve("bad-class.jar"), Map.of(PluginJars.SERVICE_FILE,
                "# a comment\ncom.example.Missing\n"));
        assertMessage(() -> Plugins.loadJar(badClass), "class com.example.Missing listed in");
        Path notPlugin = PluginJars.jar(dir.resolve("not-plugin.jar"), Map.of(PluginJars.SERVICE_FILE,
                "java.lang.String\n"));
        assertMessage(() -> Plugins.loadJar(notPlugin), "java.lang.String does not implement");
        Path nothing = PluginJars.jar(dir.resolve("nothing.jar"), Map.of(PluginJars.SERVICE_FILE,
                EmptyPlugin.class.getName() + "\n"));
        assertMessage(() -> Plugins.loadJar(nothing), "contributes no solver, claim, problem or model");
        assertTrue(Plugins.loaded().stream().noneMatch(p -> p.plugin() instanceof EmptyPlugin));
    }

    @Test
    void theRegistryRefusesClashesAndMisnamedFactories() {
        assertMessage(() -> Solvers.register("euler", () -> Solvers.byName("euler")), "is a built-in solver's");
        assertMessage(() -> Solvers.register("has space", () -> Solvers.byName("euler")), "expected letters");
        assertMessage(() -> Solvers.register("renamed", () -> Solvers.byName("heun")),
                "yields a solver named 'heun'");
        assertMessage(() -> Solvers.register("broken", () -> {
            throw new IllegalStateException("no");
        }), "the factory of solver 'broken' failed");
        Solvers.register("my-euler", () -> new ProbabilityFlowEuler(ProbabilityFlowEuler.Mistake.NONE));
        try {
            assertMessage(() -> Solvers.register("my-euler", () -> new ProbabilityFlowEuler(
                    ProbabilityFlowEuler.Mistake.NONE)), "already registered");
            assertEquals("my-euler", Solvers.byName("my-euler").name());
        } finally {
            Solvers.unregister("my-euler");
        }
        assertMessage(() -> Solvers.byName("my-euler"), "unknown solver 'my-euler'");
    }

    @Test
    void aCorrectUserSolverPassesEveryApplicableSolverClaimInOneCall() {
        List<ClaimResult> results = Verification.verifySolver("my-euler",
                () -> new ProbabilityFlowEuler(ProbabilityFlowEuler.Mistake.NONE), VerificationContext.builder());
        assertEquals(List.of("T8", "S1", "S5", "S6", "S7"), results.stream().map(ClaimResult::id).toList());
        for (ClaimResult r : results) {
            assertEquals(Verdict.PASS, r.verdict(), r.id() + ": " + r.failures());
        }
    }

    @Test
    void eachExampleMistakeFailsS1WithItsFittedOrder() {
        for (ProbabilityFlowEuler.Mistake mistake : List.of(ProbabilityFlowEuler.Mistake.SIGN,
                ProbabilityFlowEuler.Mistake.HALF, ProbabilityFlowEuler.Mistake.ORDER)) {
            Solver solver = new ProbabilityFlowEuler(mistake);
            VerificationContext context = VerificationContext.builder().solver(solver.name(), () -> solver)
                    .solversUnderTest(List.of(solver.name())).build();
            List<Claim> s1 = Verification.select(Verification.claims(context), List.of("S1"));
            ClaimResult result = Verification.run(context, s1, null).get(0);
            assertEquals(Verdict.FAIL, result.verdict());
            assertTrue(result.failures().get(0).configuration().startsWith(solver.name()), result.toString());
            assertTrue(result.failures().get(0).criterion().contains("fit 95% CI"), result.toString());
        }
    }

    @Test
    void aClaimThatThrowsFailsAndTheOthersStillRun() {
        Claim throwing = new BaseClaim("X-THROW", "throws", "a test") {
            @Override
            protected Outcome measure(VerificationContext context) {
                throw new IllegalStateException("boom");
            }
        };
        VerificationContext context = VerificationContext.builder().build();
        List<ClaimResult> results = Verification.run(context, List.of(throwing,
                Verification.select(Verification.claims(context), List.of("T1")).get(0)));
        assertEquals(Verdict.FAIL, results.get(0).verdict());
        assertTrue(results.get(0).measured().contains("IllegalStateException: boom"), results.get(0).measured());
        assertEquals(Verdict.PASS, results.get(1).verdict());
    }

    @Test
    void anUnknownSolverUnderTestIsAnErrorBeforeAnythingRuns() {
        assertMessage(() -> VerificationContext.builder().solversUnderTest(List.of("nope")).build(),
                "unknown solver 'nope'");
        VerificationContext adaptiveOnly = VerificationContext.builder().solversUnderTest(List.of("rk45")).build();
        List<Claim> claims = Verification.forSolversUnderTest(Verification.claims(adaptiveOnly), adaptiveOnly);
        assertEquals(List.of("T8", "S7"), claims.stream().map(Claim::id).toList(),
                "an adaptive solver has no order on a grid family (S1), no fixed grid for S5, no log-determinant (S4);"
                        + " its bits must still not depend on the thread count or the split (S7)");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
