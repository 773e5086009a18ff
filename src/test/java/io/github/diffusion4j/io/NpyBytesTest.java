package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
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
}
