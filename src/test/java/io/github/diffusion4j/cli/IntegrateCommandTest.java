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
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.solve.ArrayNoise;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code integrate} contract: output equal to the library's at full precision, nfe on stderr, exit 2 on bad input. */
class IntegrateCommandTest {

    @TempDir
    Path dir;
    private Path mixtureFile;
    private Path initFile;
    private final GaussianMixture mixture = BuiltinMixtures.ring8();
    private final double[] init = {0.3, -1.2, 2.9, 0.1, -3.5, 4.0};

    @BeforeEach
    void files() throws IOException {
        mixtureFile = dir.resolve("M.json");
        try (var w = Files.newBufferedWriter(mixtureFile)) {
            MixtureJson.write(mixture, w);
        }
        initFile = dir.resolve("X.csv");
        Files.writeString(initFile, "0.3,-1.2\n2.9,0.1\n-3.5,4.0\n");
    }

    private static void assertRows(double[] expected, String out) {
        String[] lines = out.strip().split("\n");
        assertEquals(expected.length / 2, lines.length);
        for (int i = 0; i < lines.length; i++) {
            String[] fields = lines[i].split(",");
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[2 * i + j], Double.parseDouble(fields[j]), 0.0, "row " + i);
            }
        }
    }

    @Test
    void explicitTimesGiveTheLibraryResult() {
        CliRun r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--solver",
                "dpm-solver++2m", "--times", "1,0.5,0.1,0.001", "--init", initFile.toString());
        assertEquals(0, r.code(), r.err());
        NoiseSchedule vp = Schedules.byName("vp-linear");
        double[] z = init.clone();
        Integrator.of(Solvers.byName("dpm-solver++2m"), new MixtureScoreModel(mixture, vp), vp)
                .integrate(TimeGrid.of(vp, 1, 0.5, 0.1, 0.001), z, 3);
        assertRows(z, r.out());
        assertTrue(r.err().contains("nfe=3"), r.err());
    }

    @Test
    void edmHeunOnAKarrasGridCostsTwoNMinusOne() {
        CliRun r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "edm", "--solver", "edm-heun",
                "--steps", "18", "--grid", "karras", "--init", initFile.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("nfe=35"), r.err());
    }

    @Test
    void userNoiseDrivesStochasticSolvers() throws IOException {
        int steps = 4;
        StringBuilder noise = new StringBuilder();
        double[] values = new double[steps * 3 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(1.7 * i);
            noise.append(values[i]).append(i % 2 == 0 ? "," : "\n");
        }
        Path noiseFile = dir.resolve("Z.csv");
        Files.writeString(noiseFile, noise.toString());
        CliRun r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--solver",
                "euler-maruyama", "--times", "1,0.7,0.4,0.1,0.01", "--init", initFile.toString(), "--noise",
                noiseFile.toString());
        assertEquals(0, r.code(), r.err());
        NoiseSchedule vp = Schedules.byName("vp-linear");
        double[] z = init.clone();
        Integrator.of(Solvers.byName("euler-maruyama"), new MixtureScoreModel(mixture, vp), vp)
                .noise(new ArrayNoise(values, 3, 2)).integrate(TimeGrid.of(vp, 1, 0.7, 0.4, 0.1, 0.01), z, 3);
        assertRows(z, r.out());

        Files.writeString(noiseFile, "0.1,0.2\n");
        r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--solver",
                "euler-maruyama", "--times", "1,0.5", "--init", initFile.toString(), "--noise", noiseFile.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Z.csv") && r.err().contains("found 1"), r.err());
    }

    @Test
    void badInputExitsWithCodeTwo() {
        CliRun r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--solver", "euler",
                "--times", "1,0.5,0.7", "--init", initFile.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("strictly decreasing"), r.err());
        r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--solver", "eular",
                "--times", "1,0.5", "--init", initFile.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'eular'"), r.err());
        r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--solver", "euler",
                "--init", initFile.toString());
        assertEquals(2, r.code(), "a grid is required");
        r = run("integrate", "--mixture", mixtureFile.toString(), "--schedule", "vp-linear", "--solver", "euler",
                "--steps", "10", "--grid", "cubic", "--init", initFile.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'cubic'"), r.err());
    }
}
