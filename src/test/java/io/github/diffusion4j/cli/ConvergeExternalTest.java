package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code converge --external}: a separate JVM running {@link ExternalPfOdeSampler} (its own schedule and exact
 * Gaussian score, Euler or Heun on the probability-flow ODE of gauss2) fits orders ≈ 1 and ≈ 2 against the exact
 * flow map of the points diffusion4j hands it, with PASS for the right declared order and FAIL (exit 1) for a wrong
 * one; broken commands exit 2 with the reason and the tail of their standard error.
 */
class ConvergeExternalTest {

    /** gauss2: mean (1, −0.5), covariance [[1, 0.6], [0.6, 0.5]]. */
    private static final String GAUSS2 = "1,-0.5 1,0.6,0.6,0.5";

    @TempDir
    Path dir;

    /** @return the command line of the test sampler in a fresh JVM, quoted for {@link CommandTemplate} */
    static String command(String method, String mode) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "'" + java + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '" + System.getProperty("java.class.path")
                + "' " + ExternalPfOdeSampler.class.getName() + " " + method + " {times} {init} {out} " + GAUSS2
                + " " + mode;
    }

    private static CliRun converge(String method, String mode, String... extra) {
        List<String> args = new ArrayList<>(List.of("converge", "--problem", "gauss2", "--external",
                command(method, mode), "--particles", "64", "--work-particles", "8", "--quiet"));
        args.addAll(List.of(extra));
        if (!args.contains("--steps")) {
            args.addAll(List.of("--steps", "16,32,64,128"));
        }
        return run(args.toArray(String[]::new));
    }

    private static String row(CliRun r) {
        return r.out().lines().filter(l -> l.startsWith("external ")).findFirst().orElseThrow(() ->
                new AssertionError("no external row in\n" + r.out() + r.err()));
    }

    private static double fitted(String row) {
        return Double.parseDouble(row.trim().split("\\s+")[2]);
    }

    @Test
    void heunFitsOrderTwoAndPassesWithFiguresAndFiles() throws IOException {
        Path out = dir.resolve("study");
        List<Path> before = runDirectories();
        CliRun r = converge("heun", "ok", "--declared-order", "2", "--nfe-per-step", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String row = row(r);
        assertEquals(2, fitted(row), 0.2, row);
        assertTrue(row.trim().endsWith("PASS"), row);
        assertTrue(r.out().contains("1 of 1 verdicts pass"), r.out());
        assertTrue(r.out().contains("# external: "), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("convergence.json").toFile());
        JsonNode external = json.get("solvers").get(0);
        assertEquals("PASS", external.get("verdict").asText());
        assertEquals(2 * 128, external.get("points").get(3).get("nfe").asInt(), "NFE = 2 × N as declared");
        for (String figure : new String[] {"convergence", "work-precision-nfe", "work-precision-time", "samples"}) {
            assertTrue(Files.size(out.resolve(figure + ".png")) > 1000, figure);
        }
        assertFalse(Files.exists(out.resolve("trajectories.png")), "an external sampler has no trajectories");
        assertEquals(before, runDirectories(), "temporary directories are deleted");
    }

    private static List<Path> runDirectories() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("diffusion4j-external-")).sorted()
                    .toList();
        }
    }

    @Test
    void eulerFitsOrderOneAndPasses() {
        CliRun r = converge("euler", "ok", "--declared-order", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(1, fitted(row(r)), 0.2, row(r));
        assertTrue(row(r).trim().endsWith("PASS"), row(r));
    }

    @Test
    void aWrongDeclaredOrderFailsWithTheFitAndItsInterval() {
        CliRun r = converge("euler", "ok", "--declared-order", "2", "--metric", "weak");
        assertEquals(Diffusion4j.CHECK_FAILED, r.code(), r.out() + r.err());
        assertTrue(row(r).trim().endsWith("FAIL"), row(r));
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAIL external: fitted order 1.")
                && l.contains("(95% CI), declared 2, needs |p̂ − 2| ≤ 0.3")), r.out());
        assertTrue(r.out().contains("0 of 1 verdicts pass"), r.out());
    }

    @Test
    void withoutADeclaredOrderThereIsNoVerdict() {
        CliRun r = converge("heun", "ok", "--steps", "16,32,64");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("PASS") || r.out().contains("FAIL") || r.out().contains("verdict"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fail     | exited with code 3 | boom: simulated failure",
        "sleep    | timed out after 1 s (--timeout) | standard error was empty",
        "shape    | wrote {out} of shape (64, 3); expected (64, 2), the shape of {init} | standard error was empty",
        "nan      | wrote NaN in {out} at row 0, column 0 | standard error was empty",
        "float32  | dtype '<f4' is not float64 ('<f8') | standard error was empty",
        "nowrite  | exited with code 0 but did not write {out} | standard error was empty"})
    void aBrokenCommandExitsWithTwoSayingWhy(String mode, String reason, String stderr) throws IOException {
        List<Path> before = runDirectories();
        CliRun r = converge("heun", mode, "--timeout", "1");
        assertEquals(before, runDirectories(), mode + ": the run's directory is deleted");
        assertEquals(Diffusion4j.BAD_INPUT, r.code(), mode + ": " + r.out() + r.err());
        assertTrue(r.err().contains("external command at N = 16 ("), r.err());
        assertTrue(r.err().contains(reason), mode + ": " + r.err());
        assertTrue(r.err().contains(stderr), mode + ": " + r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unclosed quote     | --external 'java {init} {out} {steps}          | unclosed '",
        "no {out}           | --external java§{init}§{steps}                  | no {out} placeholder",
        "no grid            | --external java§{init}§{out}                    | neither {steps} nor {times}",
        "exact KL           | --metric exact-kl                               | exact-kl metric cannot measure external",
        "strong, stochastic | --stochastic                                    | draws its own noise; use the weak",
        "both kinds         | --solvers euler                                 | either --solvers or --external",
        "not a program      | --external no-such-program§{init}§{out}§{steps} | cannot be started"})
    void badExternalOptionsExitWithTwo(String what, String arguments, String named) {
        List<String> args = new ArrayList<>(List.of("converge", "--problem", "gauss2", "--steps", "16,32,64",
                "--particles", "8", "--work-particles", "4", "--quiet"));
        String[] words = arguments.trim().split("\\s+", 2);
        args.add(words[0]);
        if (words.length > 1) {
            args.add(words[1].replace('§', ' '));
        }
        if (!args.contains("--external")) {
            args.addAll(List.of("--external", command("heun", "ok")));
        }
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(Diffusion4j.BAD_INPUT, r.code(), what + ": " + r.out() + r.err());
        assertTrue(r.err().contains(named), what + ": " + r.err());
    }
}
