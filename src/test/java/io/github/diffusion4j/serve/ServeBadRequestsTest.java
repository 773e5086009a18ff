package io.github.diffusion4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every malformed request is refused with a status and a one-line JSON message naming what is wrong, never a stack
 * trace, and the server keeps answering afterwards.
 */
class ServeBadRequestsTest {

    private static final int MAX_BODY = 4096;
    private static OracleFixture ring;
    private static OracleFixture guarded;

    @BeforeAll
    static void start() throws IOException {
        ring = new OracleFixture(BuiltinMixtures.ring8(), Schedules.byName("vp-linear"), null, MAX_BODY, 2);
        guarded = new OracleFixture(BuiltinMixtures.ring8(), Schedules.byName("vp-linear"), "s3cret", MAX_BODY, 2);
    }

    @AfterAll
    static void stop() {
        ring.close();
        guarded.close();
    }

    private static void assertRefused(int status, String fragment, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), body);
        String message = OracleFixture.json(response).get("error").asText();
        assertTrue(message.contains(fragment), "'" + message + "' should contain '" + fragment + "'");
        assertFalse(body.contains("\tat ") || body.contains("Exception"), "no stack trace: " + body);
    }

    @Test
    void unknownNamesAndParameters() {
        assertRefused(400, "unknown quantity 'scor'; expected one of [log-density, score",
                ring.postJson("/v1/eval?quantity=scor&t=0.5", "{\"points\": [[0, 0]]}"));
        assertRefused(400, "t = 1.5 is outside the domain [0.0, 1.0] of schedule vp-linear",
                ring.postJson("/v1/eval?quantity=score&t=1.5", "{\"points\": [[0, 0]]}"));
        assertRefused(400, "t", ring.postJson("/v1/eval?quantity=score", "{\"points\": [[0, 0]]}"));
        assertRefused(400, "'abc'", ring.get("/v1/sample?t=abc&n=3"));
        assertRefused(404, "/v1/nope", ring.get("/v1/nope"));
        assertRefused(405, "GET", ring.get("/v1/eval?quantity=score&t=0.5"));
    }

    @Test
    void nanAndWrongShapesAreNamed() {
        assertRefused(400, "row 1, column 0", ring.postNpy("/v1/eval?quantity=score&t=0.5",
                new double[] {0, 0, Double.NaN, 1}, 2, 2));
        assertRefused(400, "2", ring.postNpy("/v1/eval?quantity=score&t=0.5", new double[9], 3, 3));
        assertRefused(400, "NaN", ring.postJson("/v1/eval?quantity=score&t=0.5", "{\"points\": [[0, NaN]]}"));
        assertRefused(400, "2", ring.postJson("/v1/eval?quantity=score&t=0.5", "{\"points\": [[0, 1, 2]]}"));
        assertRefused(400, "points", ring.postJson("/v1/eval?quantity=score&t=0.5", "{\"pts\": [[0, 1]]}"));
    }

    @Test
    void malformedNpyGetsTheLibrarysMessage() {
        assertRefused(400, "not a .npy file", ring.post("/v1/eval?quantity=score&t=0.5", Reply.NPY,
                "not npy at all".getBytes(StandardCharsets.UTF_8)));
        byte[] truncated = Npy.bytes(new double[20], 10, 2);
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 8);
        assertRefused(400, "request", ring.post("/v1/eval?quantity=score&t=0.5", Reply.NPY, cut));
        assertRefused(400, "JSON", ring.postJson("/v1/eval?quantity=score&t=0.5", "{\"points\": [[0, 1]"));
    }

    @Test
    void oversizedBodiesAreRefusedBeforeReading() {
        HttpResponse<byte[]> big = ring.postNpy("/v1/eval?quantity=score&t=0.5", new double[2 * 1000], 1000, 2);
        assertTrue(big.statusCode() == 413 || big.statusCode() == 400, big.statusCode() + "");
        assertRefused(big.statusCode(), String.valueOf(MAX_BODY), big);
        assertRefused(400, "n", ring.get("/v1/sample?t=0.5&n=100000000&seed=1"));
        assertEquals(200, ring.postJson("/v1/eval?quantity=score&t=0.5", "{\"points\": [[0, 1]]}").statusCode(),
                "the server keeps answering");
    }

    @Test
    void theTokenIsRequiredWhenSet() {
        assertRefused(401, "token", guarded.get("/v1/info"));
        assertRefused(401, "token", guarded.send(HttpRequest.newBuilder(guarded.uri("/v1/info"))
                .header("Authorization", "Bearer wrong").GET()));
        assertEquals(200, guarded.send(HttpRequest.newBuilder(guarded.uri("/v1/info"))
                .header("Authorization", "Bearer s3cret").GET()).statusCode());
    }
}
