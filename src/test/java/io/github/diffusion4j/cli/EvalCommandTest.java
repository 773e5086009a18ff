package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code eval} contract: full-precision CSV equal to the library's values, and exit code 2 on bad input. */
class EvalCommandTest {

    @TempDir
    Path dir;
    private Path mixtureFile;
    private Path pointsFile;
    private final GaussianMixture mixture = BuiltinMixtures.ring8();
    private final double[] points = {0.3, -1.2, 2.9, 0.1, -3.5, 4.0};

    @BeforeEach
    void files() throws IOException {
        mixtureFile = dir.resolve("M.json");
        try (var w = Files.newBufferedWriter(mixtureFile)) {
            MixtureJson.write(mixture, w);
        }
        pointsFile = dir.resolve("P.csv");
        Files.writeString(pointsFile, "0.3,-1.2\n2.9,0.1\n-3.5,4.0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"log-density", "score", "posterior-mean", "divergence", "responsibilities", "velocity",
            "eps", "x0", "v"})
    void printsTheLibraryValuesAtFullPrecision(String quantity) {
        CliRun r = run("eval", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--t", "0.3",
                "--points", pointsFile.toString(), "--quantity", quantity);
        assertEquals(0, r.code(), r.err());
        MixtureMarginal p = mixture.marginal().setTime(Schedules.byName("vp-linear"), 0.3);
        int width = switch (quantity) {
            case "log-density", "divergence" -> 1;
            case "responsibilities" -> 8;
            default -> 2;
        };
        double[] expected = new double[3 * width];
        switch (quantity) {
            case "log-density" -> p.logDensity(points, 3, expected);
            case "score" -> p.score(points, 3, expected);
            case "posterior-mean", "x0" -> p.posteriorMean(points, 3, expected);
            case "divergence" -> p.divergence(points, 3, expected);
            case "responsibilities" -> p.responsibilities(points, 3, expected);
            case "velocity" -> p.velocity(points, 3, expected);
            case "eps" -> p.noisePrediction(points, 3, expected);
            default -> p.vPrediction(points, 3, expected);
        }
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length);
        for (int i = 0; i < 3; i++) {
            String[] fields = lines[i].split(",");
            assertEquals(width, fields.length);
            for (int j = 0; j < width; j++) {
                assertEquals(expected[i * width + j], Double.parseDouble(fields[j]), 0.0, "bit-exact round trip");
            }
        }
    }

    @Test
    void badInputExitsWithCodeTwoAndNamesTheProblem() throws IOException {
        CliRun r = run("eval", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--t", "1.5",
                "--points", pointsFile.toString(), "--quantity", "score");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("t = 1.5"), r.err());

        Files.writeString(pointsFile, "0.3,-1.2\n2.9\n");
        r = run("eval", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--t", "0.5",
                "--points", pointsFile.toString(), "--quantity", "score");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("P.csv line 2"), r.err());

        r = run("eval", "--mixture", dir.resolve("missing.json").toString(), "--schedule", "ve", "--t", "0.5",
                "--points", pointsFile.toString(), "--quantity", "score");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing.json"), r.err());

        r = run("eval", "--mixture", mixtureFile.toString(), "--schedule", "vee", "--t", "0.5",
                "--points", pointsFile.toString(), "--quantity", "score");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'vee'"), r.err());

        r = run("eval", "--mixture", mixtureFile.toString(), "--schedule", "ve", "--t", "0.5",
                "--points", pointsFile.toString(), "--quantity", "hessian");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'hessian'"), r.err());

        r = run("eval", "--mixture", mixtureFile.toString());
        assertEquals(2, r.code(), "missing options are a usage error");
    }

    @Test
    void marginalsTableRuns() {
        CliRun r = run("marginals", "--problem", "bimodal1d", "--schedule", "linear", "--n", "200");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("n/a (α=0)"), "α(1) = 0 on the linear interpolant: " + r.out());
        assertEquals(2 + 10, r.out().strip().split("\n").length);
    }
}
