package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.verify.PluginJars;
import io.github.diffusion4j.verify.Plugins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin PATH.jar} on every command: the example plugin's solvers run by name in verify, converge, sample,
 * integrate and bench; verify says what it loaded; the example's mistakes fail; a jar that yields nothing or a name
 * that is not found is exit 2, never a silent pass.
 */
class PluginCommandsTest {

    @TempDir
    Path dir;
    private Path jar;

    @BeforeEach
    void jar() throws IOException {
        jar = PluginJars.examplePlugin(dir);
    }

    @AfterEach
    void unload() {
        Plugins.unloadJar(jar);
    }

    @Test
    void verifyChecksAPluginSolverAndSaysWhatItLoaded() {
        CliRun r = run("verify", "--plugin", jar.toString(), "--solver", "my-euler", "--claims", "S1", "--no-report",
                "--quiet");
        assertEquals(Diffusion4j.OK, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("plugin " + jar.toAbsolutePath().normalize().toString().replace('\\', '/'))
                || r.err().contains("example-solver-plugin.jar (org.example.solvers.ExampleSolversPlugin): solvers "
                + "my-euler"), r.err());
        assertTrue(r.out().contains("1 of 1 claims pass"), r.out());
    }

    @Test
    void verifyFailsAWrongDeclaredOrderWithTheFittedOrderAndCi() {
        CliRun r = run("verify", "--plugin", jar.toString(), "--solver", "my-euler-claims-order-2", "--claims", "S1",
                "--no-report", "--quiet");
        assertEquals(Diffusion4j.CHECK_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*FAIL S1 my-euler-claims-order-2 / vp-linear: measured (1\\.0|0\\.9).*"),
                r.out());
        assertTrue(r.out().contains("|order − 2| ≤ 0.3; fit 95% CI ["), r.out());
    }

    @Test
    void withoutSolverNamesEveryPluginSolverJoinsTheSolverClaims() {
        CliRun r = run("verify", "--plugin", jar.toString(), "--claims", "S1", "--no-report", "--quiet");
        assertEquals(Diffusion4j.CHECK_FAILED, r.code(), r.out());
        assertTrue(r.out().contains("FAIL S1 my-euler-sign-flipped / vp-linear"), r.out());
        assertTrue(r.out().contains("FAIL S1 my-euler-missing-half / vp-linear"), r.out());
        assertFalse(r.out().contains("FAIL S1 my-euler / "), r.out());
    }

    @Test
    void everyCommandRunsAPluginSolverByName() throws IOException {
        String plugin = jar.toString();
        assertEquals(Diffusion4j.OK, run("converge", "--plugin", plugin, "--problem", "gauss2", "--metric", "exact-kl",
                "--solvers", "my-euler,euler", "--steps", "16,32,64", "--quiet").code());
        CliRun sample = run("sample", "--plugin", plugin, "--problem", "ring8", "--solver", "my-euler", "--n", "500",
                "--no-metrics");
        assertEquals(Diffusion4j.OK, sample.code(), sample.err());
        Path init = Files.writeString(dir.resolve("X.csv"), "0.3,-1.2\n2.9,0.1\n");
        Path mixture = dir.resolve("M.json");
        try (var w = Files.newBufferedWriter(mixture)) {
            MixtureJson.write(BuiltinMixtures.ring8(), w);
        }
        CliRun mine = run("integrate", "--plugin", plugin, "--mixture", mixture.toString(), "--schedule", "vp-linear",
                "--solver", "my-euler", "--steps", "10", "--init", init.toString());
        CliRun euler = run("integrate", "--mixture", mixture.toString(), "--schedule", "vp-linear", "--solver",
                "euler", "--steps", "10", "--init", init.toString());
        assertEquals(Diffusion4j.OK, mine.code(), mine.err());
        assertEquals(Diffusion4j.OK, euler.code(), euler.err());
        String[] a = mine.out().strip().split("[,\\s]+");
        String[] b = euler.out().strip().split("[,\\s]+");
        assertEquals(b.length, a.length);
        for (int i = 0; i < a.length; i++) {
            // The same update in another association order (score form vs the built-in's velocity form): a few ulps.
            assertEquals(Double.parseDouble(b[i]), Double.parseDouble(a[i]), 1e-13 * 8, "value " + i);
        }
        assertEquals(Diffusion4j.OK, run("bench", "sample", "--plugin", plugin, "--solver", "my-euler", "--n", "200",
                "--steps", "4", "--warmup", "0", "--repeats", "1").code());
    }

    @Test
    void samplingWithAPluginScoreModelByName() {
        CliRun tempered = run("sample", "--plugin", jar.toString(), "--problem", "ring8", "--model", "score-x1.05",
                "--n", "2000", "--seed", "3");
        assertEquals(Diffusion4j.OK, tempered.code(), tempered.err());
        assertTrue(tempered.out().contains("kl "), tempered.out());
        CliRun unknown = run("sample", "--plugin", jar.toString(), "--problem", "ring8", "--model", "nope",
                "--n", "100");
        assertEquals(Diffusion4j.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("no such file, and no plugin score model of that name (plugin models: "
                + "[score-x1.05])"), unknown.err());
    }

    @Test
    void aMissingPluginOrSolverIsBadInputNeverASilentPass() throws IOException {
        CliRun missingJar = run("verify", "--plugin", dir.resolve("nope.jar").toString(), "--claims", "S1",
                "--no-report", "--quiet");
        assertEquals(Diffusion4j.BAD_INPUT, missingJar.code());
        assertTrue(missingJar.err().contains("nope.jar: no such file"), missingJar.err());
        Path empty = PluginJars.jar(dir.resolve("empty.jar"), Map.of("README", "x"));
        CliRun emptyJar = run("sample", "--plugin", empty.toString(), "--problem", "ring8", "--n", "10");
        assertEquals(Diffusion4j.BAD_INPUT, emptyJar.code());
        assertTrue(emptyJar.err().contains("the jar lists no plugin"), emptyJar.err());
        CliRun noSolver = run("verify", "--solver", "my-euler", "--no-report", "--quiet");
        assertEquals(Diffusion4j.BAD_INPUT, noSolver.code());
        assertTrue(noSolver.err().contains("unknown solver 'my-euler'") && noSolver.err().contains("--plugin"),
                noSolver.err());
        CliRun notASolverClaim = run("verify", "--plugin", jar.toString(), "--solver", "my-euler", "--claims", "T1",
                "--no-report", "--quiet");
        assertEquals(Diffusion4j.BAD_INPUT, notASolverClaim.code());
    }
}
