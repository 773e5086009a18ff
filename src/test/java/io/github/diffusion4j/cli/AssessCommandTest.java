package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.diffusion4j.assess.Assessment;
import io.github.diffusion4j.assess.SampleAssessment;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.Schedules;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessCommandTest {

    private static final GaussianMixture RING8 = BuiltinMixtures.byName("ring8");

    @TempDir
    Path dir;

    private Path exactSamples(String name, int n, double scale) {
        double[] z = RING8.sampleMarginal(Schedules.byName("vp-linear"), 0.01,
                RandomSource.XO_RO_SHI_RO_128_PP.create(3), n);
        for (int i = 0; i < z.length; i++) {
            z[i] *= scale;
        }
        Path file = dir.resolve(name);
        Npy.write(file, z, n, 2);
        return file;
    }

    private static String[] args(Path samples, String... extra) {
        String[] base = {"assess", "--problem", "ring8", "--t", "0.01", "--samples", samples.toString(),
            "--mmd-points", "300", "--permutations", "299"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void printsTheSameRowsAsTheJavaApiAndWritesThemAsJson() throws IOException {
        Path samples = exactSamples("x.npy", 600, 1);
        Path json = dir.resolve("a.json");
        CliRun r = run(args(samples, "--results", json.toString(), "--seed", "4"));
        assertEquals(Diffusion4j.OK, r.code(), r.err());
        Assessment api = new SampleAssessment(RING8, Schedules.byName("vp-linear"), 0.01).seed(4).mmdPoints(300)
                .permutations(299).assess(Npy.read(samples).values(), 600);
        assertTrue(r.out().endsWith(api.text()), r.out());
        assertTrue(r.out().startsWith("# ring8 (d=2, K=8) under vp-linear at t = 0.01: 600 samples in "), r.out());
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(api.rows().size(), rows.size());
        assertEquals(api.row("mmd2").pValue(), rows.get(2).get("p_value").asDouble());
        assertEquals("mmd2", rows.get(2).get("metric").asText());
    }

    @Test
    void checkTurnsARejectionIntoExitOne() {
        Path wide = exactSamples("wide.npy", 600, 1.3);
        assertEquals(Diffusion4j.OK, run(args(wide)).code());
        CliRun checked = run(args(wide, "--check"));
        assertEquals(Diffusion4j.CHECK_FAILED, checked.code(), checked.out());
        assertTrue(checked.out().contains("verdict: p_t rejected"), checked.out());
        assertEquals(Diffusion4j.OK, run(args(exactSamples("ok.npy", 600, 1), "--check")).code());
    }

    @Test
    void csvSamplesAndTheGaussianRoute() throws IOException {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "0.1,0.2\n0.3,-0.1\n1.0,0.5\n-0.4,0.9\n", StandardCharsets.UTF_8);
        CliRun r = run("assess", "--problem", "gauss2", "--t", "0.5", "--samples", csv.toString());
        assertEquals(Diffusion4j.OK, r.code(), r.err());
        assertTrue(r.out().contains("4 samples in"), r.out());

        MixtureMarginal target = BuiltinMixtures.byName("gauss2").marginal().setTime(Schedules.byName("vp-linear"),
                0.5);
        double[] mean = new double[2];
        double[] covariance = new double[4];
        target.mean(mean);
        target.covariance(covariance);
        mean[0] += 0.1;
        Path m = dir.resolve("m.npy");
        Path c = dir.resolve("c.csv");
        Npy.write(m, mean, 1, 2);
        Files.writeString(c, covariance[0] + "," + covariance[1] + "\n" + covariance[2] + "," + covariance[3] + "\n",
                StandardCharsets.UTF_8);
        CliRun g = run("assess", "--problem", "gauss2", "--t", "0.5", "--mean", m.toString(), "--covariance",
                c.toString());
        assertEquals(Diffusion4j.OK, g.code(), g.err());
        assertTrue(g.out().matches("(?s).*\\nw2 +0\\.1000 .*exact.*"), g.out());
    }

    @Test
    void badInputIsExitTwoNamingTheFileOrValue() throws IOException {
        Path threeColumns = dir.resolve("bad.npy");
        Npy.write(threeColumns, new double[9], 3, 3);
        assertBad("bad.npy: shape (3, 3) is not (n, 2)", args(threeColumns));
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "0,0\n1,NaN\n", StandardCharsets.UTF_8);
        assertBad("nan.csv line 2, column 2: 'NaN' is not a finite number", args(nan));
        Path text = dir.resolve("x.txt");
        Files.writeString(text, "1,2\n", StandardCharsets.UTF_8);
        assertBad("x.txt: the file name must end in .npy or .csv", args(text));
        assertBad("outside the domain", "assess", "--problem", "ring8", "--t", "7", "--samples",
                exactSamples("y.npy", 10, 1).toString());
        assertBad("8 components", "assess", "--problem", "ring8", "--t", "0.5", "--mean", threeColumns.toString(),
                "--covariance", threeColumns.toString());
        assertBad("Missing required argument", "assess", "--problem", "ring8", "--t", "0.5");
        assertBad("mutually exclusive", "assess", "--problem", "ring8", "--t", "0.5", "--samples", nan.toString(),
                "--mean", nan.toString(), "--covariance", nan.toString());
        assertBad("cannot reject at level", "assess", "--problem", "ring8", "--t", "0.5", "--samples",
                exactSamples("z.npy", 100, 1).toString(), "--permutations", "50");
    }

    private static void assertBad(String message, String... args) {
        CliRun r = run(args);
        assertEquals(Diffusion4j.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
    }
}
