package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npz archives as NumPy writes them (fixtures from src/test/resources/npz/make_fixtures.py), and malformed ones. */
class NpzTest {

    @TempDir
    Path dir;

    @Test
    void readsFloatsIntegersAndStringsAsNumpyWroteThem() {
        Npz.Contents c = Npz.read(Path.of("src/test/resources/npz/mixed.npz"));
        assertEquals(List.of("a", "b", "n"), List.copyOf(c.arrays().keySet()));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, c.arrays().get("a").values(), 0.0);
        assertArrayEquals(new int[] {2, 3}, c.arrays().get("a").shape());
        assertArrayEquals(new double[] {0.5}, c.arrays().get("b").values(), 0.0);
        assertArrayEquals(new double[] {7}, c.arrays().get("n").values(), 0.0);
        assertEquals(Map.of("name", "ring8"), c.texts());
    }

    @Test
    void compressedArchivesRead() {
        Npz.Contents c = Npz.read(Path.of("src/test/resources/npz/mlp-silu.npz"));
        assertEquals("silu", c.texts().get("activation"));
        assertArrayEquals(new int[] {16, 8}, c.arrays().get("layers.0.weight").shape());
        assertArrayEquals(new double[] {16, 8}, c.arrays().get("hidden").values(), 0.0);
    }

    @Test
    void foreignEntriesCorruptEntriesAndNonArchivesAreRejectedByName() throws IOException {
        Path other = zip("other.npz", Map.of("readme.txt", new byte[] {1, 2}));
        assertMessage(other, "entry 'readme.txt' is not a .npy file");
        Path notNpy = zip("bad.npz", Map.of("x.npy", "not numpy at all".getBytes()));
        assertMessage(notNpy, "bad.npz!x.npy: not a .npy file");
        Path text = Files.writeString(dir.resolve("text.npz"), "hello");
        assertMessage(text, "not a valid .npz (ZIP) archive");
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/npz/mlp-silu.npz"));
        for (int i = 200; i < 300; i++) {
            good[i] ^= 0x5a;
        }
        Path corrupt = Files.write(dir.resolve("corrupt.npz"), good);
        InputFormatException e = assertThrows(InputFormatException.class, () -> Npz.read(corrupt));
        assertTrue(e.getMessage().startsWith(corrupt.toString()), e.getMessage());
    }

    /**
     * A deflated entry of 64 MiB of zeros in a file of about 64 KB, read with a bound of 1 MiB: rejected once the
     * inflated bytes pass the bound, having buffered at most that much — not by trusting a declared size. (The
     * default bound, 1 GiB, works the same way; 1 MiB keeps the test fast.)
     */
    @Test
    void anEntryInflatingBeyondTheBoundIsRejected() throws IOException {
        Path bomb = dir.resolve("bomb.npz");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("zeros.npy"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertTrue(Files.size(bomb) < 1 << 20, "bomb of " + Files.size(bomb) + " bytes");
        InputFormatException e = assertThrows(InputFormatException.class, () -> Npz.read(bomb, 1 << 20));
        assertTrue(e.getMessage().contains("inflates beyond the archive's bound of 1048576 bytes"), e.getMessage());
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream stream = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(stream)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    private static void assertMessage(Path file, String fragment) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
