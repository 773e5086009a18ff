package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code .npy} files written by numpy 2.4 ({@code src/test/resources/npy}, made with {@code numpy.save} and
 * {@code numpy.lib.format.write_array}) read back exactly; ours are byte-identical to numpy's; malformed files fail
 * with messages naming the field.
 */
class NpyTest {

    private static final double[] TWO_BY_THREE = {1.5, -2.25, 3.0, 4.0, 5.5, -6.125};

    @TempDir
    Path dir;

    private static Path resource(String name) {
        return Path.of("src/test/resources/npy", name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8-2x3.npy", "be-f8-2x3.npy", "fortran-f8-2x3.npy", "v2-f8-2x3.npy"})
    void numpyFilesReadBackExactly(String name) {
        Npy.Array a = Npy.read(resource(name));
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(TWO_BY_THREE, a.values(), 0.0);
    }

    @Test
    void float32VectorsWidenExactly() {
        Npy.Array a = Npy.read(resource("f4-5.npy"));
        assertArrayEquals(new int[] {5}, a.shape());
        assertArrayEquals(new double[] {0.5, 1.5, -2.5, 3.25, (double) 1e-3f}, a.values(), 0.0);
    }

    @Test
    void writtenFilesAreByteIdenticalToNumpys() throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, TWO_BY_THREE, 2, 3);
        assertArrayEquals(Files.readAllBytes(resource("f8-2x3.npy")), Files.readAllBytes(file));
    }

    @Test
    void integerArraysAreReadAsDoubles() {
        Npy.Array a = Npy.read(resource("i8-3.npy"));
        assertArrayEquals(new double[] {1, 2, 3}, a.values(), 0.0);
        assertArrayEquals(new int[] {3}, a.shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c16-2.npy", "bool-2.npy"})
    void otherDtypesAreRejectedNamingTheHeader(String name) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> Npy.read(resource(name)));
        assertTrue(e.getMessage().contains("'descr'") && e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void aShapeThatDisagreesWithTheDataIsRejectedBeforeAllocating() throws IOException {
        byte[] good = Files.readAllBytes(resource("f8-2x3.npy"));
        String header = new String(good, 10, 118, StandardCharsets.ISO_8859_1).replace("(2, 3)", "(9, 3)");
        System.arraycopy(header.getBytes(StandardCharsets.ISO_8859_1), 0, good, 10, 118);
        Path file = dir.resolve("bad.npy");
        Files.write(file, good);
        InputFormatException e = assertThrows(InputFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("needs 216 data bytes, the file has 48"), e.getMessage());
        String huge = header.replace("(9, 3)", "(99999, 99999)");
        System.arraycopy(huge.getBytes(StandardCharsets.ISO_8859_1), 0, good, 10, 118);
        Files.write(file, good);
        e = assertThrows(InputFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("9999800001 elements"), e.getMessage());
    }

    @Test
    void truncatedAndForeignFilesAreRejected() throws IOException {
        Path file = dir.resolve("x.npy");
        Files.write(file, new byte[] {1, 2, 3});
        assertTrue(assertThrows(InputFormatException.class, () -> Npy.read(file)).getMessage().contains("too short"));
        Files.write(file, "not numpy at all".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(InputFormatException.class, () -> Npy.read(file)).getMessage().contains("magic"));
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(Integer.MAX_VALUE);
        Files.write(file, b.array());
        assertTrue(assertThrows(InputFormatException.class, () -> Npy.read(file)).getMessage()
                .contains("header length 2147483647"));
        b.clear();
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 7, 0});
        Files.write(file, b.array());
        assertTrue(assertThrows(InputFormatException.class, () -> Npy.read(file)).getMessage()
                .contains("version 7.0"));
    }

    @Test
    void writeRejectsAShapeThatDoesNotMatch() {
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("y.npy"), TWO_BY_THREE, 4, 2));
    }
}
