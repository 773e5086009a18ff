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
     * Runs a parser and asserts that it allocated at most {@code bound} bytes (HotSpot's per-thread counter). The
     * first run of a code path also loads, instruments and initialises classes, so an input over the bound is run
     * a second time and fails only if it is over again. Whatever the parser threw is rethrown.
     *
     * @param what a description of the input for the failure message
     */
    static <T> T withinAllocationBound(java.util.function.Supplier<T> parser, long bound, String what) {
        long before = allocated();
        T result = null;
        RuntimeException failure = null;
        try {
            result = parser.get();
        } catch (RuntimeException e) {
            failure = e;
        }
        long used = allocated() - before;
        if (used > bound) {
            before = allocated();
            try {
                parser.get();
            } catch (RuntimeException e) {
                // the same as the first time
            }
            used = allocated() - before;
            if (used > bound) {
                throw new AssertionError(what + " allocated " + used + " bytes, more than its bound of " + bound);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** The documented error: an {@link InputFormatException} whose message starts with the source's name. */
    static void assertNamesSource(InputFormatException e, String source) {
        if (e.getMessage() == null || !e.getMessage().startsWith(source)) {
            throw new AssertionError("message does not start with '" + source + "': " + e.getMessage(), e);
        }
    }
}
