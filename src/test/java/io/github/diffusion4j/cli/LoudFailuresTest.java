package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The families of quiet failure the CLI must not have (issue 19), each driven through the real command line: the
 * run is exit 2 with a message naming the value, prints no partial table, and leaves no file behind.
 */
class LoudFailuresTest {

    /** Where the runs are told to write: it must stay empty. Inputs live beside it, in {@link #inputs}. */
    @TempDir
    Path dir;

    @TempDir
    Path inputs;

    private void assertBadAndNothingWritten(String message, String... args) throws IOException {
        CliRun r = run(args);
        assertEquals(Diffusion4j.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out(), "nothing is printed before the failure");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no file is left behind");
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void silentWrongOutput() throws IOException {
        assertBadAndNothingWritten("training diverged at step", "train", "--learning-rate", "1e6", "--steps", "50",
                "--out", file("m.safetensors"));
        assertBadAndNothingWritten("--plot " + file("x.jpg") + ": the file name must end in .png", "sample", "--n",
                "100", "--plot", file("x.jpg"));
        assertBadAndNothingWritten("the file name must end in .png", "sample", "--n", "100", "--plot",
                dir.toString());
        Path mixture = Files.writeString(inputs.resolve("M.json"), "{\"weights\": [1], \"means\": [[0, 0]], "
                + "\"variances\": [1]}", StandardCharsets.UTF_8);
        Path init = Files.writeString(inputs.resolve("init.csv"), "0.1,0.2\n", StandardCharsets.UTF_8);
        Path noise = Files.writeString(inputs.resolve("noise.csv"), "0.3,0.4\n", StandardCharsets.UTF_8);
        assertBadAndNothingWritten("--noise " + noise + ": solver heun is deterministic and draws no noise",
                "integrate", "--mixture", mixture.toString(), "--schedule", "vp-linear", "--solver", "heun",
                "--steps", "1", "--init", init.toString(), "--noise", noise.toString());
    }

    @Test
    void sizesThatOverflowOrExhaustMemory() throws IOException {
        assertBadAndNothingWritten("2000000000 × 2 = 4000000000 values exceed the largest Java array", "sample", "--n",
                "2000000000");
        assertBadAndNothingWritten("a grid of 2147483647 steps", "sample", "--n", "10", "--steps", "2147483647");
        assertBadAndNothingWritten("hidden width -4 of layer 1 must be at least 1", "train", "--hidden", "-4",
                "--out", file("m.safetensors"));
    }

    @Test
    void lateFailuresComeFirst() throws IOException {
        assertBadAndNothingWritten("--out /nonexistent-diffusion4j/x.npy: the directory /nonexistent-diffusion4j does "
                + "not exist", "sample", "--n", "100", "--out", "/nonexistent-diffusion4j/x.npy");
        assertBadAndNothingWritten("--results /nonexistent-diffusion4j/r.csv: the directory", "sample", "--n", "100",
                "--results", "/nonexistent-diffusion4j/r.csv");
        assertBadAndNothingWritten("--n 2: the metrics need at least 4 samples", "sample", "--n", "2");
        assertBadAndNothingWritten("--out " + dir + ": is a directory", "train", "--steps", "2", "--out",
                dir.toString());
        Path file = Files.writeString(inputs.resolve("a-file"), "x", StandardCharsets.UTF_8);
        assertBadAndNothingWritten("--out " + file.resolve("x") + ": " + file + " is a file, not a directory",
                "converge", "--problem", "gauss2", "--solvers", "euler", "--metric", "exact-kl", "--out",
                file.resolve("x").toString());
        assertBadAndNothingWritten("--report " + file.resolve("r") + ": " + file + " is a file", "verify",
                "--claims", "T1", "--quiet", "--report", file.resolve("r").toString());
    }

    @Test
    void vagueMessagesNameTheValue() throws IOException {
        Path notPd = Files.writeString(inputs.resolve("npd.json"), "{\"weights\": [1], \"means\": [[0, 0]], "
                + "\"covariances\": [[[1, 2], [2, 1]]]}", StandardCharsets.UTF_8);
        assertBadAndNothingWritten("the Cholesky pivot of row 1 is -3.0, so the leading 2 × 2 block", "sample",
                "--mixture", notPd.toString(), "--n", "10");
        Path nan = Files.writeString(inputs.resolve("nan.json"), "{\"weights\": [1], \"means\": [[NaN, 0]], "
                + "\"variances\": [1]}", StandardCharsets.UTF_8);
        assertBadAndNothingWritten("'NaN' is not a JSON number", "sample", "--mixture", nan.toString(), "--n", "10");
        assertBadAndNothingWritten("cannot read mixture file " + inputs.resolve("nope.json") + ": no such file",
                "sample", "--mixture", inputs.resolve("nope.json").toString(), "--n", "10");
        assertBadAndNothingWritten("--d must be at least 1, got 0", "bench", "score", "--d", "0");
    }

    /** Noise of 10³⁰⁸ overflows mid-run: the message names the step, the times and the solver, never a trace. */
    @Test
    void midRunOverflowNamesStepTimeAndSolver() throws IOException {
        Path mixture = Files.writeString(inputs.resolve("M.json"), "{\"weights\": [1], \"means\": [[0, 0]], "
                + "\"variances\": [1]}", StandardCharsets.UTF_8);
        Path init = Files.writeString(inputs.resolve("init.csv"), "0.1,0.2\n", StandardCharsets.UTF_8);
        Path noise = Files.writeString(inputs.resolve("noise.csv"), "1e308,1e308\n1e308,1e308\n",
                StandardCharsets.UTF_8);
        for (String solver : List.of("euler-maruyama", "pc", "ancestral")) {
            CliRun r = run("integrate", "--mixture", mixture.toString(), "--schedule", "vp-linear", "--solver", solver,
                    "--steps", "2", "--init", init.toString(), "--noise", noise.toString());
            assertEquals(Diffusion4j.BAD_INPUT, r.code(), r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().contains("step ") && r.err().contains("(t = 1.0 → ")
                    || r.err().contains("(t = 0.3"), r.err());
            assertTrue(r.err().contains("of solver " + solver) || r.err().contains("solver " + solver + ": "),
                    r.err());
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }
}
