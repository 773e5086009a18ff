package io.github.diffusion4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.diffusion4j.cli.Diffusion4j;
import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load on loopback: 8 concurrent clients send 10⁴ requests in all (random quantities, times and batches of
 * 1–32 points); every answer is compared bit for bit with the library's, and a sample of them with the command
 * line's {@code eval}, which prints doubles that parse back to the same bits.
 */
class ServeLoadTest {

    private static final int CLIENTS = 8;
    private static final int REQUESTS = 10_000;
    private static final String[] QUANTITIES = {"log-density", "score", "posterior-mean", "divergence",
        "responsibilities", "velocity", "eps", "x0", "v"};

    @TempDir
    Path dir;

    @Test
    void eightClientsTenThousandRequestsBitIdenticalNoErrors() throws Exception {
        try (OracleFixture fixture = new OracleFixture(BuiltinMixtures.ring8(), Schedules.byName("vp-linear"), null,
                ServerSettings.DEFAULT_MAX_BODY, 4)) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            AtomicInteger mismatches = new AtomicInteger();
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Random random = new Random(client);
                    int done = 0;
                    for (int r = 0; r < REQUESTS / CLIENTS; r++) {
                        String quantity = QUANTITIES[random.nextInt(QUANTITIES.length)];
                        double t = 0.01 + 0.98 * random.nextDouble();
                        int n = 1 + random.nextInt(32);
                        double[] z = new double[2 * n];
                        for (int i = 0; i < z.length; i++) {
                            z[i] = 2 * random.nextGaussian();
                        }
                        double[] served = OracleFixture.npy(fixture.postNpy("/v1/eval?quantity=" + quantity + "&t="
                                + t, z, n, 2)).values();
                        if (!java.util.Arrays.equals(served, fixture.direct(quantity, t, z, n))) {
                            mismatches.incrementAndGet();
                        }
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> client : clients) {
                total += client.get();
            }
            pool.shutdown();
            assertEquals(REQUESTS, total);
            assertEquals(0, mismatches.get(), "answers that differ from the library's bits");
            assertEquals("", fixture.log.toString(StandardCharsets.UTF_8), "the server logged failures");
        }
    }

    @Test
    void answersAreTheCommandLinesBits() throws IOException {
        Path mixture = dir.resolve("ring8.json");
        try (java.io.Writer w = Files.newBufferedWriter(mixture, StandardCharsets.UTF_8)) {
            MixtureJson.write(BuiltinMixtures.ring8(), w);
        }
        Random random = new Random(9);
        int n = 50;
        double[] z = new double[2 * n];
        for (int i = 0; i < z.length; i++) {
            z[i] = 2 * random.nextGaussian();
        }
        Path points = dir.resolve("P.csv");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(points, StandardCharsets.UTF_8))) {
            CsvPoints.write(z, n, 2, w);
        }
        try (OracleFixture fixture = new OracleFixture(BuiltinMixtures.ring8(), Schedules.byName("vp-linear"))) {
            for (String quantity : QUANTITIES) {
                StringWriter out = new StringWriter();
                int code = Diffusion4j.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "eval",
                        "--mixture", mixture.toString(), "--schedule", "vp-linear", "--t", "0.37", "--points",
                        points.toString(), "--quantity", quantity);
                assertEquals(Diffusion4j.OK, code);
                Path printed = Files.writeString(dir.resolve(quantity + ".csv"), out.toString());
                double[] cli = CsvPoints.read(printed, -1).values();
                double[] served = OracleFixture.npy(fixture.postNpy("/v1/eval?quantity=" + quantity + "&t=0.37", z,
                        n, 2)).values();
                assertArrayEquals(cli, served, quantity);
            }
        }
    }
}
