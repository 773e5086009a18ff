package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixture file whose bytes are not UTF-8 is malformed content: an {@link InputFormatException} naming the file,
 * not an UncheckedIOException (a regression found by MixtureJsonFuzzTest).
 */
class MixtureJsonEncodingTest {

    @TempDir
    Path dir;

    @Test
    void invalidUtf8IsAFormatErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', 'w', (byte) 0xe9, '"', ':', '1', '}'});
        InputFormatException e = assertThrows(InputFormatException.class, () -> MixtureJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not UTF-8 text"), e.getMessage());
    }
}
