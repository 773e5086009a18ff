package io.github.diffusion4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.diffusion4j.assess.Assessment;
import io.github.diffusion4j.assess.AssessmentRow;
import io.github.diffusion4j.assess.SampleAssessment;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.Schedules;

/** Every endpoint answers what the library computes, to the bit, in the request's format. */
class ServeEndpointsTest {

    private static OracleFixture ring;
    private static OracleFixture gauss;

    @BeforeAll
    static void start() throws IOException {
        ring = new OracleFixture(BuiltinMixtures.ring8(), Schedules.byName("vp-linear"));
        gauss = new OracleFixture(BuiltinMixtures.gauss2(), Schedules.byName("vp-linear"));
    }

    @AfterAll
    static void stop() {
        ring.close();
        gauss.close();
    }

    private static double[] points(int n, long seed) {
        Random random = new Random(seed);
        double[] z = new double[2 * n];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * random.nextGaussian();
        }
        return z;
    }


    @ParameterizedTest
    @ValueSource(strings = {"log-density", "score", "posterior-mean", "divergence", "responsibilities", "velocity",
            "eps", "x0", "v"})
    void evalNpyIsBitIdenticalToTheLibrary(String quantity) {
        double[] z = points(300, 1);
        Npy.Array answer = OracleFixture.npy(ring.postNpy("/v1/eval?quantity=" + quantity + "&t=0.37", z, 300, 2));
        double[] expected = ring.direct(quantity, 0.37, z, 300);
        assertArrayEquals(new int[] {300, expected.length / 300}, answer.shape());
        assertArrayEquals(expected, answer.values());
    }

    @Test
    void evalJsonIsBitIdenticalAndCarriesTAndQuantityInTheBody() {
        double[] z = points(20, 2);
        StringBuilder json = new StringBuilder("{\"quantity\": \"eps\", \"t\": 0.8, \"points\": [");
        for (int i = 0; i < 20; i++) {
            json.append(i == 0 ? "" : ",").append('[').append(z[2 * i]).append(',').append(z[2 * i + 1]).append(']');
        }
        var response = ring.postJson("/v1/eval", json.append("]}").toString());
        assertEquals(200, response.statusCode());
        assertEquals(List.of("application/json"), response.headers().allValues("Content-Type"));
        JsonNode answer = OracleFixture.json(response);
        assertEquals("eps", answer.get("quantity").asText());
        assertArrayEquals(ring.direct("eps", 0.8, z, 20), OracleFixture.flat(answer.get("values")));
    }

    @Test
    void onePointAsAVectorAndFloat32Points() {
        double[] z = {0.25, -1.5};
        Npy.Array one = OracleFixture.npy(gauss.post("/v1/eval?quantity=score&t=0.5", Reply.NPY,
                vectorNpy(z)));
        assertArrayEquals(new int[] {1, 2}, one.shape());
        assertArrayEquals(gauss.direct("score", 0.5, z, 1), one.values());
        float[] f = {0.1f, 2.3f, -0.7f, 0.9f};
        double[] widened = {0.1f, 2.3f, -0.7f, 0.9f};
        Npy.Array single = OracleFixture.npy(gauss.post("/v1/eval?quantity=x0&t=0.2", Reply.NPY, float32Npy(f)));
        assertArrayEquals(gauss.direct("x0", 0.2, widened, 2), single.values());
    }

    @Test
    void samplesAreBitIdenticalToSampleMarginal() {
        double[] expected = ring.mixture.sampleMarginal(ring.schedule, 0.6,
                RandomSource.XO_RO_SHI_RO_128_PP.create(42L), 1000);
        Npy.Array npy = OracleFixture.npy(ring.get("/v1/sample?t=0.6&n=1000&seed=42"));
        assertArrayEquals(new int[] {1000, 2}, npy.shape());
        assertArrayEquals(expected, npy.values());
        JsonNode json = OracleFixture.json(ring.get("/v1/sample?t=0.6&n=1000&seed=42&format=json"));
        assertArrayEquals(expected, OracleFixture.flat(json.get("samples")));
        double[] seedZero = ring.mixture.sampleMarginal(ring.schedule, 0.6,
                RandomSource.XO_RO_SHI_RO_128_PP.create(0L), 5);
        assertArrayEquals(seedZero, OracleFixture.npy(ring.get("/v1/sample?t=0.6&n=5")).values());
    }

    @Test
    void scheduleGivesTheCoefficientsAndNullForInfinities() {
        JsonNode s = OracleFixture.json(ring.get("/v1/schedule?t=0.3"));
        assertEquals("vp-linear", s.get("schedule").asText());
        assertEquals(ring.schedule.alpha(0.3), s.get("alpha").doubleValue());
        assertEquals(ring.schedule.sigma(0.3), s.get("sigma").doubleValue());
        assertEquals(ring.schedule.logSnr(0.3), s.get("log_snr").doubleValue());
        assertEquals(1.0, s.get("t_max").doubleValue());
        JsonNode atZero = OracleFixture.json(ring.get("/v1/schedule?t=0"));
        assertTrue(atZero.get("log_snr").isNull(), atZero.toString());
    }

    @Test
    void infoDescribesTheDataScheduleAndLimits() {
        JsonNode info = OracleFixture.json(gauss.get("/v1/info"));
        assertEquals(2, info.get("dimension").intValue());
        assertEquals(1, info.get("components").intValue());
        assertEquals("[1.0,-0.5]", info.get("mean").toString());
        assertEquals("[[1.0,0.6],[0.6,0.5]]", info.get("covariance").toString());
        assertEquals("[[[1.0,0.6],[0.6,0.5]]]", info.get("covariances").toString());
        assertEquals("vp-linear", info.get("schedule").get("name").asText());
        assertEquals(Quantity.NAMES.toString().replace(" ", ""),
                info.get("quantities").toString().replace("\"", ""));
        assertEquals(ServerSettings.DEFAULT_MAX_BODY, info.get("limits").get("max_body_bytes").intValue());
        assertEquals("test-version", info.get("version").asText());
        JsonNode ringInfo = OracleFixture.json(ring.get("/v1/info"));
        assertEquals(8, ringInfo.get("weights").size());
        assertEquals(0.0, ringInfo.get("mean").get(0).doubleValue(), 1e-15);
    }

    @Test
    void assessSamplesGivesTheLibrarysRows() {
        double[] samples = ring.mixture.sampleMarginal(ring.schedule, 0.05,
                RandomSource.XO_RO_SHI_RO_128_PP.create(7L), 400);
        JsonNode answer = OracleFixture.json(ring.postNpy("/v1/assess?t=0.05&seed=3", samples, 400, 2));
        Assessment expected = new SampleAssessment(ring.mixture, ring.schedule, 0.05).seed(3).assess(samples, 400);
        assertEquals(expected.rows().size(), answer.get("rows").size(), answer.toString());
        for (int i = 0; i < expected.rows().size(); i++) {
            AssessmentRow row = expected.rows().get(i);
            JsonNode json = answer.get("rows").get(i);
            assertEquals(row.metric(), json.get("metric").asText());
            assertEquals(row.status(), json.get("status").asText());
            assertEquals(Double.isFinite(row.value()) ? row.value() : null,
                    json.get("value").isNull() ? null : json.get("value").doubleValue());
        }
        assertEquals(400, answer.get("samples").intValue());
    }

    @Test
    void assessGaussianGivesTheExactKlAndW2() {
        var response = gauss.postJson("/v1/assess?t=0.01",
                "{\"mean\": [0.99, -0.5], \"covariance\": [[1.0, 0.6], [0.6, 0.5]]}");
        JsonNode answer = OracleFixture.json(response);
        Assessment expected = new SampleAssessment(gauss.mixture, gauss.schedule, 0.01)
                .assessGaussian(new double[] {0.99, -0.5}, new double[] {1.0, 0.6, 0.6, 0.5});
        assertEquals("kl", answer.get("rows").get(0).get("metric").asText());
        assertEquals(expected.row("kl").value(), answer.get("rows").get(0).get("value").doubleValue());
        assertEquals(expected.row("w2").value(), answer.get("rows").get(1).get("value").doubleValue());
        assertTrue(expected.row("kl").value() > 0);
    }

    /** A 1-D float64 .npy of one point, written by hand. */
    static byte[] vectorNpy(double[] z) {
        return handWritten("<f8", "(" + z.length + ",)", 8 * z.length, b -> {
            for (double v : z) {
                b.putDouble(v);
            }
        });
    }

    /** A (n, 2) float32 .npy. */
    static byte[] float32Npy(float[] z) {
        return handWritten("<f4", "(" + z.length / 2 + ", 2)", 4 * z.length, b -> {
            for (float v : z) {
                b.putFloat(v);
            }
        });
    }

    static byte[] handWritten(String descr, String shape, int dataBytes, java.util.function.Consumer<ByteBuffer> data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1));
        data.accept(b);
        return b.array();
    }
}
