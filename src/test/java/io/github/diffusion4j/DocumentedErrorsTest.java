package io.github.diffusion4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.diffusion4j.io.AtomicFiles;
import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.io.InputFormatException;
import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.io.Npz;
import io.github.diffusion4j.io.Safetensors;
import io.github.diffusion4j.learn.Activation;
import io.github.diffusion4j.learn.DsmTrainer;
import io.github.diffusion4j.learn.Mlp;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.score.MixtureScoreModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.solve.IntegrationException;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.Solvers;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.testing.PoisonedScoreModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Bad input" table is true: each row's inputs raise the exception the row names, with a message naming the
 * offending value. The table is read from README.md, so a row without cases, or cases for a row that no longer
 * exists, fail here.
 */
class DocumentedErrorsTest {

    private static final Map<String, Class<? extends Throwable>> EXCEPTIONS = Map.of(
            "IllegalArgumentException", IllegalArgumentException.class,
            "InputFormatException", InputFormatException.class,
            "IntegrationException", IntegrationException.class);

    private static final double[][] MEANS = {{0, 0}, {1, 1}};
    private static final NoiseSchedule VP = Schedules.byName("vp-linear");
    /** A score model (d = 2) that returns NaN for particle 1 once t drops below 0.5. */
    private static final ScoreModel POISONED = new PoisonedScoreModel(1, 0.5);

    @TempDir
    Path directory;

    /** One input that the row's first cell describes, and a fragment its message must contain. */
    private record Case(String fragment, Executable action) {
    }

    private record Row(String input, String error) {
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfTheTableHoldsForItsCases() throws IOException {
        Map<String, List<Case>> cases = cases();
        List<DynamicTest> tests = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Row row : table()) {
            List<String> keys = cases.keySet().stream().filter(row.input()::startsWith).toList();
            assertEquals(1, keys.size(), () -> "README row '" + row.input() + "' should have one set of cases");
            used.add(keys.get(0));
            String name = row.error().substring(row.error().indexOf('`') + 1, row.error().indexOf('`', row.error().indexOf('`') + 1));
            Class<? extends Throwable> type = EXCEPTIONS.get(name);
            assertTrue(type != null, () -> "README row '" + row.input() + "' names an unknown exception " + name);
            for (Case c : cases.get(keys.get(0))) {
                tests.add(dynamicTest(row.input() + " → " + c.fragment(), () -> {
                    Throwable e = assertThrows(type, c.action());
                    assertTrue(e.getMessage().contains(c.fragment()),
                            () -> "message '" + e.getMessage() + "' should contain '" + c.fragment() + "'");
                }));
            }
        }
        assertEquals(cases.keySet().stream().toList(), used, "cases for rows that are not in README's table");
        return tests.stream();
    }

    private static List<Row> table() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Bad input");
        int end = readme.indexOf("\n## ", start + 1);
        List<Row> rows = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| input ")) {
                String[] cells = line.split(" \\| ");
                rows.add(new Row(cells[0].substring(2).trim(), cells[1].trim()));
            }
        }
        assertTrue(rows.size() >= 8, "README's bad-input table has only " + rows.size() + " rows");
        return rows;
    }

    private Map<String, List<Case>> cases() throws IOException {
        Map<String, List<Case>> cases = new LinkedHashMap<>();
        MixtureMarginal p = BuiltinMixtures.ring8().marginal().setTime(VP, 0.5);
        cases.put("negative or non-finite weight", List.of(
                new Case("-0.2", () -> GaussianMixture.isotropic(new double[] {1.2, -0.2}, MEANS, new double[] {1, 1})),
                new Case("sum to 0.9", () -> GaussianMixture.isotropic(new double[] {0.5, 0.4}, MEANS, new double[] {1, 1})),
                new Case("Infinity", () -> GaussianMixture.isotropic(new double[] {Double.POSITIVE_INFINITY, 1}, MEANS,
                        new double[] {1, 1}))));
        cases.put("variance ≤ 0", List.of(
                new Case("variances[1] = -1.0", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5}, MEANS,
                        new double[] {1, -1})),
                new Case("variances[0][1] = 0.0", () -> GaussianMixture.diagonal(new double[] {0.5, 0.5}, MEANS,
                        new double[][] {{1, 0}, {1, 1}})),
                new Case("not symmetric", () -> GaussianMixture.full(new double[] {0.5, 0.5}, MEANS,
                        new double[][][] {{{1, 0.5}, {0.4, 1}}, {{1, 0}, {0, 1}}})),
                new Case("not positive definite", () -> GaussianMixture.full(new double[] {0.5, 0.5}, MEANS,
                        new double[][][] {{{1, 0}, {0, 1}}, {{1, 2}, {2, 1}}}))));
        cases.put("NaN or ±∞ in weights", List.of(
                new Case("NaN", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5},
                        new double[][] {{0, 0}, {1, Double.NaN}}, new double[] {1, 1})),
                new Case("NaN", () -> GaussianMixture.full(new double[] {0.5, 0.5}, MEANS,
                        new double[][][] {{{1, Double.NaN}, {0, 1}}, {{1, 0}, {0, 1}}})),
                new Case("point 1 = (0.0, NaN)", () -> p.score(new double[] {0, 0, 0, Double.NaN}, 2, new double[4]))));
        cases.put("means of different lengths", List.of(
                new Case("means[1] has length 3", () -> GaussianMixture.isotropic(new double[] {0.5, 0.5},
                        new double[][] {{0, 0}, {1, 1, 1}}, new double[] {1, 1})),
                new Case("points array has length 3", () -> p.score(new double[3], 2, new double[4])),
                new Case("zero points", () -> p.score(new double[2], 0, new double[2])),
                new Case("particle array has length 3", () -> Integrator.of(Solvers.byName("euler"),
                        new MixtureScoreModel(BuiltinMixtures.ring8(), VP), VP).integrate(TimeGrid.uniformTime(VP, 1, 0.1, 2), new double[3], 2))));
        cases.put("t outside `[tMin, tMax]`", List.of(
                new Case("t = 1.5", () -> p.setTime(VP, 1.5)),
                new Case("t = -0.25", () -> VP.alpha(-0.25)),
                new Case("t = NaN", () -> VP.sigma(Double.NaN)),
                new Case("λ = -100.0", () -> VP.inverseLogSnr(-100.0)),
                new Case("unknown schedule 'vq-linear'", () -> Schedules.byName("vq-linear"))));
        cases.put("time grid with fewer than two times", List.of(
                new Case("at least two times", () -> TimeGrid.of(VP, 1.0)),
                new Case("strictly decreasing", () -> TimeGrid.of(VP, 0.5, 0.7)),
                new Case("got 0", () -> TimeGrid.uniformTime(VP, 1.0, 0.1, 0)),
                new Case("t_1 = -0.5", () -> TimeGrid.of(VP, 1.0, -0.5))));
        cases.put("unknown solver or data problem name", List.of(
                new Case("unknown solver 'rk9'", () -> Solvers.byName("rk9")),
                new Case("unknown data problem 'ring9'", () -> BuiltinMixtures.byName("ring9")),
                new Case("got 0", () -> Integrator.of(Solvers.byName("euler"), null, VP).threads(0)),
                new Case("got -4", () -> Integrator.of(Solvers.byName("euler"), null, VP).chunkSize(-4)),
                new Case("atol = 0.0", () -> Integrator.of(Solvers.byName("rk45"), null, VP).tolerances(0, 0))));
        Path csv = Files.writeString(directory.resolve("P.csv"), "0.5,1.0\n0.5,x\n");
        cases.put("malformed JSON or CSV", List.of(
                new Case("M.json", () -> MixtureJson.parse("{\"weights\": [1], ", "M.json")),
                new Case("weights", () -> MixtureJson.parse(
                        "{\"weights\": [0.5], \"means\": [[0]], \"variances\": [1]}", "M.json")),
                new Case("line 2", () -> CsvPoints.read(csv, 2))));
        Path safetensors = directory.resolve("huge.safetensors");
        Files.write(safetensors, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        Path npz = Files.writeString(directory.resolve("text.npz"), "not a zip archive");
        cases.put("malformed `.npy`, `.npz` or safetensors file", List.of(
                new Case("not a valid .npz (ZIP) archive", () -> Npz.read(npz)),
                new Case("shape", () -> Npy.parse(npyHeader("{'descr': '<f8', 'fortran_order': False, "
                        + "'shape': (100000, 100000), }"), "huge.npy")),
                new Case("not a .npy file", () -> Npy.parse(new byte[64], "zero.npy")),
                new Case("header length 1099511627776", () -> Safetensors.read(safetensors))));
        cases.put("NaN or ±∞ produced during integration", List.of(
                new Case("particle 1", () -> Integrator.of(Solvers.byName("heun"), POISONED, VP)
                        .integrate(TimeGrid.uniformTime(VP, 1.0, 0.1, 9), new double[6], 3)),
                new Case("step ", () -> Integrator.of(Solvers.byName("euler-maruyama"), POISONED, VP)
                        .integrate(TimeGrid.uniformTime(VP, 1.0, 0.1, 9), new double[6], 3))));
        cases.put("a state the model refuses mid-run", List.of(
                new Case("the model refused its input at step 0 (t = 1.0 → 0.55)", () -> Integrator.of(Solvers.byName("ancestral"),
                        new MixtureScoreModel(BuiltinMixtures.ring8(), VP), VP).integrate(
                        TimeGrid.uniformTime(VP, 1.0, 0.1, 2), new double[] {1e308, 1e308}, 1))));
        cases.put("sizes whose product exceeds", List.of(
                new Case("2000000000 × 2 = 4000000000 values exceed the largest Java array", () -> BuiltinMixtures
                        .ring8().sampleMarginal(VP, 0.5, RandomSource.XO_RO_SHI_RO_128_PP.create(0), 2_000_000_000)),
                new Case("a grid of 2147483647 steps", () -> TimeGrid.uniformTime(VP, 1.0, 0.1, Integer.MAX_VALUE)),
                new Case("hidden width 0 of layer 2", () -> Mlp.parameterCount(2, 4, 64, 0))));
        cases.put("an output path in a missing", List.of(
                new Case("--out " + directory.resolve("no/x.npy") + ": the directory", () -> AtomicFiles
                        .requireWritable(directory.resolve("no/x.npy"), "--out")),
                new Case("is a directory", () -> AtomicFiles.requireWritable(directory, "--out"))));
        cases.put("training whose minibatch loss", List.of(
                new Case("training diverged at step", () -> new DsmTrainer().steps(50).learningRate(1e6).train(
                        DsmTrainer.initialise(2, 4, new int[] {16}, Activation.SILU, 1e-3, 1.0, 0),
                        BuiltinMixtures.ring8(), VP))));
        return cases;
    }

    /** A .npy file whose header declares {@code header} and no data after it. */
    private static byte[] npyHeader(String header) {
        byte[] h = (header + " ".repeat(63 - (10 + header.length()) % 64) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, (byte) (h.length >> 8)},
                0, out, 0, 10);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }
}
