package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.diffusion4j.learn.MlpFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} lowers the exact score error and writes a network that {@code sample --model} uses. */
class TrainCommandTest {

    private static final Pattern ERROR = Pattern.compile("score error +(\\S+) → (\\S+)");

    @TempDir
    Path dir;

    @Test
    void trainsWritesAndSamples() {
        Path model = dir.resolve("m.safetensors");
        CliRun r = run("train", "--problem", "bimodal1d", "--hidden", "32,32", "--steps", "600", "--out",
                model.toString());
        assertEquals(Diffusion4j.OK, r.code(), r.err());
        Matcher m = ERROR.matcher(r.out());
        assertTrue(m.find(), r.out());
        double before = Double.parseDouble(m.group(1));
        double after = Double.parseDouble(m.group(2));
        assertTrue(after < 0.5 * before, r.out());
        assertEquals("vp-linear", MlpFiles.load(model).schedule());
        CliRun s = run("sample", "--problem", "bimodal1d", "--model", model.toString(), "--n", "500");
        assertEquals(Diffusion4j.OK, s.code(), s.err());
        assertTrue(s.out().contains("(k-NN entropy, k = 1)"), s.out());
    }

    @Test
    void aModelFromAnotherScheduleOrABadActivationIsBadInput() {
        Path model = dir.resolve("m.safetensors");
        assertEquals(Diffusion4j.OK, run("train", "--problem", "gauss2", "--hidden", "8", "--steps", "10", "--out",
                model.toString()).code());
        CliRun s = run("sample", "--problem", "gauss2", "--schedule", "ve", "--model", model.toString());
        assertEquals(Diffusion4j.BAD_INPUT, s.code());
        assertTrue(s.err().contains("trained on schedule vp-linear"), s.err());
        CliRun t = run("train", "--activation", "relu", "--out", model.toString());
        assertEquals(Diffusion4j.BAD_INPUT, t.code());
        assertTrue(t.err().contains("unknown activation 'relu'"), t.err());
    }
}
