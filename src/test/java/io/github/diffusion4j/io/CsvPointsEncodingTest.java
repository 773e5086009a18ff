package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes that are not UTF-8 are malformed content: an {@link InputFormatException} naming the file and line, not an
 * UncheckedIOException (a regression found by CsvPointsFuzzTest).
 */
class CsvPointsEncodingTest {

    @TempDir
    Path dir;

    @Test
    void invalidUtf8IsAFormatErrorNamingFileAndLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xe9, '\n'});
        InputFormatException e = assertThrows(InputFormatException.class, () -> CsvPoints.read(file, 2));
        assertTrue(e.getMessage().startsWith(file + " line 1: not UTF-8 text"), e.getMessage());
    }
}
