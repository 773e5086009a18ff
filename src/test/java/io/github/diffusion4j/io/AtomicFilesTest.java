package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void aFailedBodyLeavesNoFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("r.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeText(target, w -> {
            w.write("half a table\n");
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("cannot write " + target) && e.getMessage().contains("disk full"),
                e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void aFailedBodyLeavesTheOldFileUnchanged() throws IOException {
        Path target = dir.resolve("r.csv");
        Files.writeString(target, "old\n", StandardCharsets.UTF_8);
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("interrupted");
        }));
        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aSuccessfulBodyReplacesTheFile() throws IOException {
        Path target = dir.resolve("r.csv");
        Files.writeString(target, "old\n", StandardCharsets.UTF_8);
        AtomicFiles.writeText(target, w -> w.write("new ✓\n"));
        assertEquals("new ✓\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void unwritableDestinationsAreNamedBeforeAnyWork() throws IOException {
        assertMessage("--out " + dir + ": is a directory", () -> AtomicFiles.requireWritable(dir, "--out"));
        Path missing = dir.resolve("no/such/dir/x.npy");
        assertMessage("the directory " + dir.resolve("no/such/dir") + " does not exist",
                () -> AtomicFiles.requireWritable(missing, "--out"));
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        assertTrue(readOnly.toFile().setWritable(false));
        try {
            if (!Files.isWritable(readOnly)) {
                assertMessage("is not writable", () -> AtomicFiles.requireWritable(readOnly.resolve("x"), "--out"));
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
        AtomicFiles.requireWritable(dir.resolve("fine.csv"), "--out");
        assertFalse(Files.exists(dir.resolve("fine.csv")), "the check creates nothing");
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
