package io.github.diffusion4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.diffusion4j.io.InputFormatException;

/** Shared checks of the fuzz tests: scratch files, allocation measurement, the documented-error property. */
final class FuzzSupport {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzSupport() {
    }

    /** A scratch directory for one fuzz test class, deleted when the JVM exits. */
    static Path scratch(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] data) {
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
    }

    /**
     * Runs a parser once on a few inputs before anything is measured, so that class loading and initialisation are
     * not counted against the first fuzz input.
     */
    static void warmUp(Runnable... runs) {
        for (Runnable r : runs) {
            try {
                r.run();
            } catch (IllegalArgumentException e) {
                // expected for the malformed warm-up inputs
            }
        }
    }

    /** @return bytes allocated so far by the calling thread (HotSpot's per-thread counter) */
    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Asserts that the calling thread allocated at most {@code bound} bytes since {@code before}.
     *
     * @param what a description of the input for the failure message
     */
    static void assertAllocatedAtMost(long before, long bound, String what) {
        long used = allocated() - before;
        if (used > bound) {
            throw new AssertionError(what + " allocated " + used + " bytes, more than its bound of " + bound);
        }
    }

    /** The documented error: an {@link InputFormatException} whose message starts with the source's name. */
    static void assertNamesSource(InputFormatException e, String source) {
        if (e.getMessage() == null || !e.getMessage().startsWith(source)) {
            throw new AssertionError("message does not start with '" + source + "': " + e.getMessage(), e);
        }
    }
}
