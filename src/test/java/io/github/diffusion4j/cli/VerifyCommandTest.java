package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.diffusion4j.verify.FailingClaimPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code verify} contract: the table with PASS/FAIL words, the Markdown report with its figures, exit code 0 only
 * if every selected claim passes (1 otherwise, 2 for an unknown claim), and plugins found by ServiceLoader.
 */
class VerifyCommandTest {

    @TempDir
    Path dir;

    @Test
    void passingClaimsPrintTheTableWriteTheReportAndExitZero() throws IOException {
        CliRun r = run("verify", "--claims", "T1,T6", "--report", dir.toString(), "--quiet");
        assertEquals(Diffusion4j.OK, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("T1  PASS  E[x₀|z_t]"), lines[0]);
        assertTrue(r.out().contains("\nT6  PASS  "), r.out());
        assertTrue(r.out().contains("\n          measured max relative residual"), r.out());
        assertTrue(r.out().contains("\n          criterion ≤ "), r.out());
        for (String line : lines) {
            assertTrue(line.length() <= VerificationTable.WIDTH, "wider than 80 columns: " + line);
        }
        assertTrue(r.out().contains("2 of 2 claims pass"), r.out());
        String report = Files.readString(dir.resolve("REPORT.md"));
        assertTrue(report.contains("**2 of 2 claims pass.**"), report);
        assertTrue(report.contains("| [T1](#t1--pass) |"), report);
        assertTrue(report.contains("![residual-vs-t](figures/T6-residual-vs-t.png)"), report);
        assertTrue(Files.size(dir.resolve("figures/T1-residual-vs-t.png")) > 1000);
    }

    @Test
    void theReportDependsOnlyOnTheResults() throws IOException {
        run("verify", "--claims", "T1", "--report", dir.resolve("a").toString(), "--quiet");
        run("verify", "--claims", "T1", "--report", dir.resolve("b").toString(), "--quiet");
        assertEquals(Files.readString(dir.resolve("a/REPORT.md")), Files.readString(dir.resolve("b/REPORT.md")));
    }

    @Test
    void aFailingClaimFromAPluginFailsTheRun() {
        CliRun r = run("verify", "--claims", "T1," + FailingClaimPlugin.ID, "--no-report", "--quiet");
        assertEquals(Diffusion4j.CHECK_FAILED, r.code(), r.out());
        assertTrue(r.out().contains("\n" + FailingClaimPlugin.ID + " FAIL "), r.out());
        assertTrue(r.out().contains("1 of 2 claims pass"), r.out());
        assertTrue(r.out().contains("FAIL " + FailingClaimPlugin.ID + " arithmetic"), r.out());
    }

    @Test
    void anUnknownClaimIsBadInputNamingIt() {
        CliRun r = run("verify", "--claims", "T99", "--no-report", "--quiet");
        assertEquals(Diffusion4j.BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown claim 'T99'"), r.err());
    }

    @Test
    void listNamesEveryClaimWithoutRunningThem() {
        CliRun r = run("verify", "--list");
        assertEquals(Diffusion4j.OK, r.code());
        assertTrue(r.out().contains("T1 ") && r.out().contains(FailingClaimPlugin.ID), r.out());
        assertFalse(r.out().contains("PASS"), r.out());
    }
}
