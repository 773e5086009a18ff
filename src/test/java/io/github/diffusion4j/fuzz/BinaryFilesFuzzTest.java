package io.github.diffusion4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.diffusion4j.io.InputFormatException;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.io.Npz;
import io.github.diffusion4j.io.Safetensors;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the safetensors and {@code .npz} readers with arbitrary files. Properties: the only exception is an
 * {@link InputFormatException} naming the file; the reader allocates O(file size) — a safetensors header cannot
 * make it allocate what the file does not hold, and an {@code .npz} is read here with a bound of 64 × its size + 1 MiB
 * on inflated bytes; every tensor it accepts has as many values as its shape says.
 * Corpus: {@code src/test/resources/io/github/diffusion4j/fuzz/BinaryFilesFuzzTestInputs/<method>}, seeded with
 * valid files.
 */
class BinaryFilesFuzzTest {

    private static final Path DIR = FuzzSupport.scratch("binary-fuzz");

    static {
        FuzzSupport.warmUp(() -> Safetensors.read(Path.of("src/test/resources/safetensors/mixed.safetensors")),
                () -> Npz.read(Path.of("src/test/resources/npz/mixed.npz")));
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void safetensors(byte[] data) {
        Path file = DIR.resolve("fuzz.safetensors");
        FuzzSupport.write(file, data);
        Safetensors.Contents contents;
        try {
            // The file's bytes, the header's JSON tree, doubles for the data (twice the bytes for F32).
            contents = FuzzSupport.withinAllocationBound(() -> Safetensors.read(file), 16L * data.length + (1 << 20),
                    data.length + " bytes");
        } catch (InputFormatException e) {
            FuzzSupport.assertNamesSource(e, file.toString());
            return;
        }
        for (Safetensors.Tensor tensor : contents.tensors().values()) {
            assertEquals(count(tensor.shape()), tensor.values().length);
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void npz(byte[] data) {
        Path file = DIR.resolve("fuzz.npz");
        FuzzSupport.write(file, data);
        long inflateBound = 64L * data.length + (1 << 20);
        Npz.Contents contents;
        try {
            // Inflated entries (bounded), a copy of each, doubles for the values, ZIP central directory structures.
            contents = FuzzSupport.withinAllocationBound(() -> Npz.read(file, inflateBound),
                    12 * inflateBound + (4 << 20), data.length + " bytes");
        } catch (InputFormatException e) {
            FuzzSupport.assertNamesSource(e, file.toString());
            return;
        }
        for (Npy.Array array : contents.arrays().values()) {
            assertEquals(count(array.shape()), array.values().length);
        }
    }

    private static long count(int[] shape) {
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        return count;
    }
}
