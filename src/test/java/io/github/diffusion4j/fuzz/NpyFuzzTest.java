package io.github.diffusion4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.diffusion4j.io.InputFormatException;
import io.github.diffusion4j.io.Npy;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the {@code .npy} reader with arbitrary bytes. Properties: the only exception is an
 * {@link InputFormatException} naming the source; the reader allocates O(file size), whatever shape the header
 * claims; what it accepts has as many values as its shape says and survives write → read unchanged.
 * Corpus: {@code src/test/resources/io/github/diffusion4j/fuzz/NpyFuzzTestInputs/parse}.
 */
class NpyFuzzTest {

    private static final Path DIR = FuzzSupport.scratch("npy-fuzz");

    static {
        FuzzSupport.warmUp(() -> Npy.parse(new byte[0], "warm-up"),
                () -> Npy.parse("\u0093NUMPY\u0001\u0000\u0010\u0000{'descr': '<f8', 'fortran_order': True, 'shape': (0, 1), }"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "warm-up"));
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parse(byte[] data) {
        Npy.Array a;
        try {
            // Data buffer, doubles (twice the bytes for f4), a transposed copy, the header text and the regex.
            a = FuzzSupport.withinAllocationBound(() -> Npy.parse(data, "fuzz.npy"), 8L * data.length + (1 << 20),
                    data.length + " bytes");
        } catch (InputFormatException e) {
            FuzzSupport.assertNamesSource(e, "fuzz.npy: ");
            return;
        }
        long count = 1;
        for (int s : a.shape()) {
            count *= s;
        }
        assertEquals(count, a.values().length);
        if (a.values().length > 0) {
            Path file = DIR.resolve("roundtrip.npy");
            Npy.write(file, a.values(), a.rows(), a.columns());
            Npy.Array back = Npy.read(file);
            assertArrayEquals(new int[] {a.rows(), a.columns()}, back.shape());
            assertArrayEquals(a.values(), back.values(), 0.0);
        }
    }
}
