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
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code converge} command: table, CSV, JSON and figures; exit 2 with a message naming the bad value. */
class ConvergeCommandTest {

    @TempDir
    Path dir;

    @Test
    void exactKlStudyWritesTableCsvJsonAndFigures() throws IOException {
        Path out = dir.resolve("study");
        CliRun r = run("converge", "--problem", "gauss2", "--metric", "exact-kl", "--solvers", "euler,heun,rk4",
                "--steps", "32,64,128,256", "--work-particles", "16", "--target-error", "1e-6", "--at-nfe", "100",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[0].startsWith("# gauss2 (d=2, K=1) under vp-linear"), lines[0]);
        assertTrue(lines[2].startsWith("solver") && lines[2].contains("fitted order [95% CI]")
                && lines[2].contains("NFE to 1e-6") && lines[2].contains("error at NFE 100"), lines[2]);
        assertEquals(7, lines.length);
        assertTrue(lines[2].trim().endsWith("verdict"), lines[2]);
        assertTrue(lines[6].startsWith("3 of 3 verdicts pass"), lines[6]);
        for (String[] expected : new String[][] {{"euler", "1"}, {"heun", "2"}, {"rk4", "4"}}) {
            String row = List.of(lines).stream().filter(l -> l.startsWith(expected[0] + " ")).findFirst().orElseThrow();
            String[] fields = row.trim().split("\\s+");
            assertEquals(expected[1], fields[1], row);
            double fitted = Double.parseDouble(fields[2]);
            assertTrue(Math.abs(fitted - Double.parseDouble(expected[1])) <= 0.2, row);
            assertTrue(row.trim().endsWith("PASS"), row);
        }
        assertFalse(r.err().contains("converge "), "--quiet draws no progress bar: " + r.err());

        List<String> summary = Files.readAllLines(out.resolve("convergence.csv"));
        assertEquals(4, summary.size());
        assertTrue(summary.get(0).startsWith("solver,theoretical_order,fitted_order,order_ci_lower,order_ci_upper"));
        assertTrue(summary.get(2).startsWith("heun,2.0,"), summary.get(2));
        List<String> points = Files.readAllLines(out.resolve("points.csv"));
        assertEquals(1 + 3 * 4, points.size());
        assertTrue(points.get(1).startsWith("euler,N=32,32,32,"), points.get(1));

        JsonNode json = new ObjectMapper().readTree(out.resolve("convergence.json").toFile());
        assertEquals("exact-kl", json.get("metric").asText());
        assertEquals(2, json.get("power").asInt());
        assertEquals(3, json.get("solvers").size());
        JsonNode rk4 = json.get("solvers").get(2);
        assertEquals("rk4", rk4.get("solver").asText());
        assertEquals(4, rk4.get("points").size());
        assertEquals(4 * 256, rk4.get("points").get(3).get("nfe").asInt(), "RK4 makes 4 evaluations per step");
        assertTrue(Math.abs(rk4.get("fittedOrder").asDouble() - 4) <= 0.2);

        for (String figure : new String[] {"convergence", "work-precision-nfe", "work-precision-time", "samples",
            "trajectories"}) {
            for (String extension : new String[] {".png", ".svg"}) {
                Path file = out.resolve(figure + extension);
                assertTrue(Files.size(file) > 1000, file + " is missing or nearly empty");
            }
        }
    }

    @Test
    void strongStudyOnAMixtureFileWithAnAdaptiveSolver() throws IOException {
        Path mixture = dir.resolve("M.json");
        try (var w = Files.newBufferedWriter(mixture)) {
            MixtureJson.write(BuiltinMixtures.bimodal1d(), w);
        }
        CliRun r = run("converge", "--mixture", mixture.toString(), "--solvers", "heun,rk45", "--steps", "16,32,64",
                "--tolerances", "1e-4,1e-5,1e-6", "--particles", "16", "--work-particles", "8", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("metric strong"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("rk45 ") && l.trim().split("\\s+")[1].equals("5")),
                r.out());
    }

    @Test
    void aWrongDeclaredOrderFailsWithExitOneNamingTheFit() {
        CliRun r = run("converge", "--problem", "gauss2", "--metric", "exact-kl", "--solvers", "euler,heun",
                "--steps", "32,64,128,256", "--declared-order", "2", "--work-particles", "8", "--quiet");
        assertEquals(Diffusion4j.CHECK_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("euler ") && l.trim().endsWith("FAIL")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("heun ") && l.trim().endsWith("PASS")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAIL euler: fitted order 1.0")
                && l.contains("(95% CI), declared 2, needs |p̂ − 2| ≤ 0.3")), r.out());
        assertTrue(r.out().contains("1 of 2 verdicts pass"), r.out());
    }

    @Test
    void stochasticSolversAreJudgedOneSided() {
        CliRun r = run("converge", "--problem", "gauss2", "--metric", "exact-kl", "--solvers",
                "euler-maruyama,sde-dpm-solver++2m", "--steps", "32,64,128,256", "--work-particles", "8", "--quiet");
        assertEquals(0, r.code(), r.out() + r.err());
        String sde = r.out().lines().filter(l -> l.startsWith("sde-dpm-solver++2m ")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(sde.trim().split("\\s+")[2]) > 1.5 && sde.trim().endsWith("PASS"),
                "superconvergence (weak order 2 where 1 is declared) passes: " + sde);
    }

    @Test
    void helpShowsExamples() {
        CliRun r = run("converge", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Examples:") && r.out().contains("--metric exact-kl"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown solver        | --problem gauss2 --solvers euler,eulr                        | eulr",
        "unknown problem       | --problem gauss3 --solvers euler                             | gauss3",
        "unknown metric        | --problem gauss2 --solvers euler --metric kl                 | kl",
        "unknown schedule      | --problem gauss2 --solvers euler --schedule vp               | vp",
        "unknown grid          | --problem gauss2 --solvers euler --grid karras               | karras",
        "zero steps            | --problem gauss2 --solvers euler --steps 0,8                 | 0",
        "one step count        | --problem gauss2 --solvers euler --steps 8                   | at least 3",
        "two step counts       | --problem gauss2 --solvers euler --steps 8,16                | no CI",
        "repeated step count   | --problem gauss2 --solvers euler --steps 16,16,32            | step count 16 is repeated",
        "repeated tolerance    | --problem gauss2 --solvers rk45 --tolerances 1e-3,1e-4,1e-3  | tolerance 0.001 is repeated",
        "two tolerances        | --problem gauss2 --solvers rk45 --tolerances 1e-3,1e-4       | 2 [0.001, 1.0E-4]",
        "zero declared order   | --problem gauss2 --solvers euler --declared-order 0          | declared order",
        "neither kind          | --problem gauss2                                             | either --solvers",
        "non-numeric steps     | --problem gauss2 --solvers euler --steps 8,x                 | x",
        "negative tolerance    | --problem gauss2 --solvers rk45 --tolerances 1e-3,-1         | -1",
        "zero seeds            | --problem gauss2 --solvers euler --seeds 0                   | 0",
        "t-end after t-start   | --problem gauss2 --solvers euler --t-start 0.5 --t-end 0.6   | 0.6",
        "exact KL on a mixture | --problem ring8 --metric exact-kl --solvers euler           | 8 components",
        "exact KL with rk45    | --problem gauss2 --metric exact-kl --solvers rk45            | rk45",
        "missing data          | --solvers euler                                              | --problem",
        "both data options     | --problem gauss2 --mixture M.json --solvers euler            | mutually exclusive",
        "missing mixture file  | --mixture no-such-file.json --solvers euler                  | no-such-file.json"})
    void badInputExitsWithTwoNamingTheValue(String what, String arguments, String named) {
        String[] args = ("converge " + arguments.trim() + " --quiet").split("\\s+");
        CliRun r = run(args);
        assertEquals(Diffusion4j.BAD_INPUT, r.code(), what + ": " + r.out() + r.err());
        assertTrue(r.err().contains(named), what + ": message does not name '" + named + "': " + r.err());
    }
}
