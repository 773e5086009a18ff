package io.github.diffusion4j.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.diffusion4j.cli.Diffusion4j;
import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the command line's argument handling: argument arrays drawn from the options and values of the cheap
 * subcommands ({@code eval}, {@code integrate}, {@code help}, the top-level flags) mixed with arbitrary strings, and
 * a fuzzed file that any path argument may name. Properties: {@link Diffusion4j#run} never throws, returns 0 (done)
 * or 2 (bad input) — 1 means a check failed, and these commands check nothing — and never prints a stack trace.
 * {@code verify}, {@code converge}, {@code sample} and {@code marginals} are left out (seconds per run, or files
 * written); step and thread counts are capped at 64 and 4 so that one input stays within milliseconds.
 * Corpus: {@code src/test/resources/io/github/diffusion4j/fuzz/CliFuzzTestInputs/run}.
 */
class CliFuzzTest {

    private static final Path DIR = FuzzSupport.scratch("cli-fuzz");
    private static final Path MIXTURE = DIR.resolve("M.json");
    private static final Path POINTS = DIR.resolve("P.csv");
    private static final Path FUZZED = DIR.resolve("F.txt");
    private static final Set<String> EXCLUDED = Set.of("verify", "converge", "sample", "marginals");
    private static final String[] TOKENS;

    static {
        try (var w = Files.newBufferedWriter(MIXTURE)) {
            MixtureJson.write(BuiltinMixtures.ring8(), w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FuzzSupport.write(POINTS, "0.3,-1.2\n2.9,0.1\n-3.5,4.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MIXTURE.toFile().deleteOnExit();
        List<String> tokens = new ArrayList<>(List.of(
                "eval", "integrate", "help", "--help", "-h", "--version", "-V",
                "--mixture", "--schedule", "--t", "--points", "--quantity", "--solver", "--times", "--steps", "--grid",
                "--t-start", "--t-end", "--init", "--noise", "--seed", "--atol", "--rtol", "--threads",
                MIXTURE.toString(), POINTS.toString(), FUZZED.toString(), DIR.toString(), DIR.resolve("missing").toString(),
                "vp-linear", "vp-cosine", "ve", "sub-vp", "ou", "ddpm-limit", "linear", "edm",
                "log-density", "score", "posterior-mean", "divergence", "responsibilities", "velocity", "eps", "x0", "v",
                "euler", "heun", "rk4", "rk45", "ddim", "dpm-solver-1", "dpm-solver-2", "dpm-solver-3", "dpm-solver++2m",
                "sde-dpm-solver++2m", "euler-maruyama", "ancestral", "edm-heun", "edm-stochastic", "pc",
                "uniform-t", "uniform-logsnr", "quadratic", "karras",
                "0", "1", "2", "3", "-1", "0.5", "1e-3", "1e-12", "80", "1e308", "-0.0", "NaN", "Infinity", "-Infinity",
                "1,0.5,0.1,0.001", "1,1", "0.001,1", "1,NaN", "", " ", "--", "-", "="));
        TOKENS = tokens.toArray(String[]::new);
    }

    @FuzzTest
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void run(FuzzedDataProvider in) {
        int count = in.consumeInt(0, 16);
        String[] args = new String[count];
        for (int i = 0; i < count; i++) {
            // No tabs: a stack trace line starts with a tab, and picocli echoes arguments in its messages.
            args[i] = (in.consumeBoolean() ? in.pickValue(TOKENS) : in.consumeString(24)).replace('\t', ' ');
        }
        for (int i = 0; i < count; i++) {
            if (EXCLUDED.contains(args[i]) || i > 0 && !withinCaps(args[i - 1], args[i])) {
                return;
            }
        }
        FuzzSupport.write(FUZZED, in.consumeRemainingAsBytes());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Diffusion4j.run(new PrintWriter(out), new PrintWriter(err), args);
        String e = err.toString();
        if (code != Diffusion4j.OK && code != Diffusion4j.BAD_INPUT || e.contains("\tat ")) {
            throw new AssertionError("exit code " + code + " for " + List.of(args) + "\nstderr:\n" + e);
        }
    }

    /** Step counts above 64 or thread counts above 4 make one run slow, not wrong: such inputs are skipped. */
    private static boolean withinCaps(String option, String value) {
        int cap = option.equals("--steps") ? 64 : option.equals("--threads") ? 4 : -1;
        String number = value;
        if (option.startsWith("--steps=") || option.startsWith("--threads=")) {
            return true;
        }
        if (value.startsWith("--steps=") || value.startsWith("--threads=")) {
            cap = value.startsWith("--steps=") ? 64 : 4;
            number = value.substring(value.indexOf('=') + 1);
        }
        if (cap < 0) {
            return true;
        }
        try {
            return Math.abs(Long.decode(number.strip())) <= cap;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
