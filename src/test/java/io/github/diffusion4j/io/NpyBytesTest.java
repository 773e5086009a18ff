package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Npy#parse(byte[], String)} reads what {@link Npy#read(Path)} reads and fails the same way. */
class NpyBytesTest {

    @ParameterizedTest
    @ValueSource(strings = {"f8-2x3.npy", "be-f8-2x3.npy", "fortran-f8-2x3.npy", "v2-f8-2x3.npy", "f4-5.npy"})
    void bytesParseLikeTheFile(String name) throws IOException {
        Path file = Path.of("src/test/resources/npy", name);
        Npy.Array fromFile = Npy.read(file);
        Npy.Array fromBytes = Npy.parse(Files.readAllBytes(file), name);
        assertArrayEquals(fromFile.shape(), fromBytes.shape());
        assertArrayEquals(fromFile.values(), fromBytes.values(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 9, 10, 11, 60, 127, 129})
    void truncatedBytesNameTheSource(int length) throws IOException {
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/npy/f8-2x3.npy"));
        byte[] cut = Arrays.copyOf(good, length);
        InputFormatException e = assertThrows(InputFormatException.class, () -> Npy.parse(cut, "cut.npy"));
        assertTrue(e.getMessage().startsWith("cut.npy: "), e.getMessage());
    }

    /** A version 1.0 file of {@code <f8} with the given shape text and {@code count} zero values. */
    private static byte[] npy(String shape, int count) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + shape + "), }";
        String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length + 8 * count];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0}, 0, out, 0, 10);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"'';0", "'3,';1", "'2, 3';2", "'2, 3,';2", "' 0 , 4 ';2"})
    void pythonTupleShapesAreAccepted(String shape, int rank) {
        int count = rank == 0 ? 1 : rank == 1 ? 3 : shape.strip().startsWith("0") ? 0 : 6;
        Npy.Array a = Npy.parse(npy(shape, count), "ok.npy");
        assertTrue(a.shape().length == rank, Arrays.toString(a.shape()));
    }

    /** Found by NpyFuzzTest: "(1,,,3)" was read as (1, 3) and "(,)" as a scalar. */
    @ParameterizedTest
    @ValueSource(strings = {"1,,3", ",", ",3", "1,,", "1,,,,,,,,,,,,,,,,,3", "3"})
    void malformedTuplesAreRejected(String shape) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> Npy.parse(npy(shape, 3), "bad.npy"));
        assertTrue(e.getMessage().startsWith("bad.npy: shape (") || e.getMessage().contains("not a tuple"),
                e.getMessage());
    }
}
