package io.github.diffusion4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.diffusion4j.io.CsvPoints;
import io.github.diffusion4j.io.InputFormatException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the CSV points reader with arbitrary file bytes and an expected column count in [-1, 8]. Properties: the
 * only exception is an {@link InputFormatException} naming the file; every accepted value is finite, every row has
 * the expected width; writing and reading again gives the same doubles.
 * Corpus: {@code src/test/resources/io/github/diffusion4j/fuzz/CsvPointsFuzzTestInputs/read}.
 */
class CsvPointsFuzzTest {

    private static final Path DIR = FuzzSupport.scratch("csv-fuzz");
    private static final Path FILE = DIR.resolve("fuzz.csv");
    private static final Path ROUND_TRIP = DIR.resolve("roundtrip.csv");

    static {
        FuzzSupport.write(FILE, "1,2\n# c\n3,x\n".getBytes(StandardCharsets.UTF_8));
        FuzzSupport.warmUp(() -> CsvPoints.read(FILE, -1), () -> CsvPoints.read(FILE, 2));
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void read(FuzzedDataProvider in) {
        int expected = in.consumeInt(-1, 8);
        byte[] data = in.consumeRemainingAsBytes();
        FuzzSupport.write(FILE, data);
        CsvPoints.Table t;
        try {
            t = FuzzSupport.withinAllocationBound(() -> CsvPoints.read(FILE, expected), 64L * data.length + (1 << 20),
                    data.length + " bytes");
        } catch (InputFormatException e) {
            FuzzSupport.assertNamesSource(e, FILE.toString());
            return;
        }
        assertEquals((long) t.rows() * t.columns(), t.values().length);
        assertTrue(t.rows() > 0);
        if (expected >= 0) {
            assertEquals(expected, t.columns());
        }
        for (double v : t.values()) {
            assertTrue(Double.isFinite(v), () -> "non-finite value " + v);
        }
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            CsvPoints.write(t.values(), t.rows(), t.columns(), w);
        }
        FuzzSupport.write(ROUND_TRIP, text.toString().getBytes(StandardCharsets.UTF_8));
        CsvPoints.Table back = CsvPoints.read(ROUND_TRIP, t.columns());
        assertEquals(t.rows(), back.rows());
        assertArrayEquals(t.values(), back.values(), 0.0);
    }
}
