package io.github.diffusion4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.diffusion4j.io.InputFormatException;
import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.GaussianMixture;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the mixture JSON reader: the bytes as a file ({@link MixtureJson#read(Path)}) and as text
 * ({@link MixtureJson#parse(String, String)}). Properties: the only exception is an {@link InputFormatException}
 * naming the source; allocation is O(input); the file and the text give the same mixture; an accepted mixture
 * survives write → parse unchanged.
 * Corpus: {@code src/test/resources/io/github/diffusion4j/fuzz/MixtureJsonFuzzTestInputs/read}.
 */
class MixtureJsonFuzzTest {

    private static final Path DIR = FuzzSupport.scratch("json-fuzz");
    private static final Path FILE = DIR.resolve("fuzz.json");

    static {
        String json = "{\"weights\": [0.5, 0.5], \"means\": [[0], [1]], \"variances\": [1, 2]}";
        FuzzSupport.write(FILE, json.getBytes(StandardCharsets.UTF_8));
        FuzzSupport.warmUp(() -> MixtureJson.read(FILE), () -> MixtureJson.parse(json, "warm-up"),
                () -> MixtureJson.parse("{\"weights\": [1], \"means\": [[0]], \"covariances\": [[[1]]]} x", "warm-up"));
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void read(byte[] data) {
        FuzzSupport.write(FILE, data);
        GaussianMixture fromFile = readChecked(() -> MixtureJson.read(FILE), FILE.toString(), data.length);
        String text = new String(data, StandardCharsets.UTF_8);
        GaussianMixture fromText = readChecked(() -> MixtureJson.parse(text, "fuzz.json"), "fuzz.json",
                data.length);
        if (fromFile != null && fromText != null) {
            assertSame(fromFile, fromText);
        }
        GaussianMixture m = fromFile != null ? fromFile : fromText;
        if (m == null) {
            return;
        }
        StringWriter out = new StringWriter();
        try {
            MixtureJson.write(m, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertSame(m, MixtureJson.parse(out.toString(), "roundtrip.json"));
    }

    private static GaussianMixture readChecked(java.util.function.Supplier<GaussianMixture> reader, String source,
            int length) {
        try {
            // Jackson's buffers, one node (with its location) per number, the mixture and its factorisations.
            return FuzzSupport.withinAllocationBound(reader, 256L * length + (4 << 20), length + " bytes");
        } catch (InputFormatException e) {
            FuzzSupport.assertNamesSource(e, source);
            return null;
        }
    }

    private static void assertSame(GaussianMixture a, GaussianMixture b) {
        assertEquals(a.components(), b.components());
        assertEquals(a.dimension(), b.dimension());
        assertEquals(a.covarianceKind(), b.covarianceKind());
        for (int k = 0; k < a.components(); k++) {
            assertEquals(a.weight(k), b.weight(k), 0.0);
            assertArrayEquals(a.mean(k), b.mean(k), 0.0);
            double[][] ca = a.covariance(k);
            double[][] cb = b.covariance(k);
            for (int i = 0; i < ca.length; i++) {
                assertArrayEquals(ca[i], cb[i], 0.0);
            }
        }
    }
}
