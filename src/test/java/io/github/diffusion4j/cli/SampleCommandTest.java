package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sample} contract: the summary lines, samples as .npy or .csv that are the same for any thread count, a
 * KL interval that separates a coarse sampler from a converged one, and exit code 2 on bad input.
 */
class SampleCommandTest {

    private static final Pattern KL = Pattern.compile("kl +(\\S+) \\[(\\S+), (\\S+)\\]");

    @TempDir
    Path dir;

    private static double[] klInterval(String out) {
        Matcher m = KL.matcher(out);
        assertTrue(m.find(), out);
        return new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
    }

    @Test
    void printsTheSummaryAndWritesSamplesThatDoNotDependOnThreads() throws IOException {
        Path one = dir.resolve("one.npy");
        Path two = dir.resolve("two.npy");
        CliRun r = run("sample", "--problem", "ring8", "--n", "2000", "--out", one.toString(), "--plot",
                dir.resolve("s.png").toString());
        assertEquals(Diffusion4j.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("# ring8 (d=2, K=8) under vp-linear, dpm-solver++2m on 20 uniform-logsnr steps"),
                r.out());
        assertTrue(r.out().contains("nfe       20 per sample"), r.out());
        assertTrue(r.out().contains("(exact model density)") && r.out().contains("mmd2"), r.out());
        assertTrue(Files.size(dir.resolve("s.png")) > 1000);
        assertEquals(Diffusion4j.OK, run("sample", "--problem", "ring8", "--n", "2000", "--threads", "2",
                "--no-metrics", "--out", two.toString()).code());
        Npy.Array a = Npy.read(one);
        assertArrayEquals(new int[] {2000, 2}, a.shape());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        Path csv = dir.resolve("s.csv");
        assertEquals(Diffusion4j.OK, run("sample", "--problem", "ring8", "--n", "2000", "--no-metrics", "--out",
                csv.toString()).code());
        assertArrayEquals(a.values(), CsvPoints.read(csv, 2).values(), 0.0);
    }

    /**
     * Euler with 4 steps is far from p₀ (KL ≈ 1) while Heun with 100 steps is converged (KL ≈ 10⁻⁵ by the order-2
     * error): the 95% intervals must say so. Each interval misses with probability 0.05 at most, and the seeds are
     * fixed.
     */
    @Test
    void theKlIntervalSeparatesACoarseSamplerFromAConvergedOne() {
        double[] coarse = klInterval(run("sample", "--problem", "bimodal1d", "--solver", "euler", "--steps", "4",
                "--n", "4000").out());
        double[] converged = klInterval(run("sample", "--problem", "bimodal1d", "--solver", "heun", "--steps", "100",
                "--n", "4000").out());
        assertTrue(coarse[0] > 0.05, "coarse " + coarse[0]);
        assertTrue(converged[0] < 1e-3 && converged[1] > -1e-3, "converged [" + converged[0] + ", " + converged[1]
                + "]");
    }

    @Test
    void stochasticSolversGetTheNearestNeighbourKl() {
        CliRun r = run("sample", "--problem", "gauss2", "--solver", "euler-maruyama", "--steps", "50", "--n", "2000");
        assertEquals(Diffusion4j.OK, r.code(), r.err());
        assertTrue(r.out().contains("(k-NN entropy, k = 1)"), r.out());
    }

    @Test
    void badInputExitsTwoNamingTheValue() {
        CliRun r = run("sample", "--n", "100", "--out", dir.resolve("x.txt").toString());
        assertEquals(Diffusion4j.BAD_INPUT, r.code());
        assertTrue(r.err().contains("must end in .npy or .csv"), r.err());
        r = run("sample", "--solver", "nope");
        assertEquals(Diffusion4j.BAD_INPUT, r.code());
        assertTrue(r.err().contains("nope"), r.err());
        r = run("sample", "--n", "1");
        assertEquals(Diffusion4j.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--n must be at least 2, got 1"), r.err());
    }
}
