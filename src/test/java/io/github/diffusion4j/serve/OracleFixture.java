package io.github.diffusion4j.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;

/** A server on a free loopback port for one test class, with an HTTP client and the decoding of its answers. */
final class OracleFixture implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final GaussianMixture mixture;
    final NoiseSchedule schedule;
    final OracleServer server;
    final HttpClient client = HttpClient.newHttpClient();
    /** What the server logged (500s). */
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    OracleFixture(GaussianMixture mixture, NoiseSchedule schedule, String token, int maxBody, int threads)
            throws IOException {
        this.mixture = mixture;
        this.schedule = schedule;
        this.server = OracleServer.start("test", mixture, schedule,
                new ServerSettings(InetAddress.getLoopbackAddress(), 0, token, maxBody, threads), "test-version",
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    OracleFixture(GaussianMixture mixture, NoiseSchedule schedule) throws IOException {
        this(mixture, schedule, null, ServerSettings.DEFAULT_MAX_BODY, 4);
    }

    URI uri(String pathAndQuery) {
        return URI.create(server.url() + pathAndQuery);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    HttpResponse<byte[]> post(String pathAndQuery, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<byte[]> postNpy(String pathAndQuery, double[] values, int rows, int columns) {
        return post(pathAndQuery, Reply.NPY, Npy.bytes(values, rows, columns));
    }

    HttpResponse<byte[]> postJson(String pathAndQuery, String json) {
        return post(pathAndQuery, Reply.JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    static Npy.Array npy(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return Npy.parse(response.body(), "response");
    }

    /** @return the rows of a JSON matrix, flattened row-major */
    static double[] flat(JsonNode rows) {
        int n = rows.size();
        int width = rows.get(0).size();
        double[] values = new double[n * width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                values[i * width + j] = rows.get(i).get(j).doubleValue();
            }
        }
        return values;
    }

    /** What the library computes for a request: the answer the server must give, bit for bit. */
    double[] direct(String quantity, double t, double[] z, int n) {
        MixtureMarginal marginal = mixture.marginal().setTime(schedule, t);
        Quantity q = Quantity.byName(quantity);
        double[] out = new double[n * q.width(mixture.dimension(), mixture.components())];
        q.evaluate(marginal, z, n, out);
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
