package io.github.diffusion4j.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Output files that are either complete or absent. {@link #write} writes to a fresh temporary file in the target's
 * directory and renames it over the target only once the body has succeeded ({@code ATOMIC_MOVE} where the file
 * system offers it), deleting the temporary file on any failure, so a run that fails — or is killed — never leaves a
 * partial output under the name a script will read. {@link #requireWritable} checks a destination before any
 * computation, so that a bad path fails in milliseconds rather than after the run.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** What writes the file's bytes. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the temporary file's stream; closed by the caller
         * @throws IOException to abandon the file
         */
        void write(OutputStream out) throws IOException;
    }

    /** What writes the file's text (UTF-8). */
    @FunctionalInterface
    public interface TextBody {
        /**
         * @param out the temporary file's writer; flushed and closed by the caller
         * @throws IOException to abandon the file
         */
        void write(Writer out) throws IOException;
    }

    /**
     * @param file the destination; replaced if it exists
     * @param body writes the content
     * @throws UncheckedIOException naming the file, when the body or the rename fails; the file is then unchanged
     */
    public static void write(Path file, Body body) {
        Path directory = file.toAbsolutePath().getParent();
        Path partial;
        try {
            partial = Files.createTempFile(directory, "." + file.getFileName() + ".", ".partial");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoMessages.reason(e), e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                body.write(out);
            }
            move(partial, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoMessages.reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The temporary file is hidden and named as partial; nothing more can be done about it here.
            }
        }
    }

    /**
     * @param file the destination; replaced if it exists
     * @param body writes the content as text, encoded as UTF-8
     * @throws UncheckedIOException naming the file, when the body or the rename fails; the file is then unchanged
     */
    public static void writeText(Path file, TextBody body) {
        write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.write(writer);
            writer.flush();
        });
    }

    /**
     * Checks, before any computation, that {@code file} can be written: it is not a directory, its directory exists
     * and is writable, and if it exists it is writable.
     *
     * @param file   the destination
     * @param option the option or role naming it in the message, e.g. {@code --out}
     * @throws IllegalArgumentException naming the option, the path and what is wrong
     */
    public static void requireWritable(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a directory; give a file name");
        }
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + directory
                    + " does not exist");
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + directory
                    + " is not writable");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": the file exists and is not writable");
        }
    }

    /**
     * Checks, before any computation, that {@code directory} exists as a writable directory or can be created: the
     * nearest existing ancestor is a writable directory, and nothing on the way is a file.
     *
     * @param directory the output directory
     * @param option    the option naming it in the message, e.g. {@code --out}
     * @throws IllegalArgumentException naming the option, the path and what is wrong
     */
    public static void requireDirectoryWritable(Path directory, String option) {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + directory + ": " + existing + " is a file, not a "
                    + "directory");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " " + directory + ": the directory " + existing
                    + " is not writable");
        }
    }

    private static void move(Path partial, Path file) throws IOException {
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
