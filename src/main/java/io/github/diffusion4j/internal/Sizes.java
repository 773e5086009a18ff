package io.github.diffusion4j.internal;

import java.util.Locale;

/**
 * Sizes checked before allocation: a product that does not fit a Java array, or an allocation larger than the heap
 * the JVM may still grow to, is an {@link IllegalArgumentException} naming the factors — never a negative or
 * wrapped array length, an {@code ArrayIndexOutOfBoundsException} or an {@code OutOfMemoryError} mid-run.
 */
public final class Sizes {

    /** The largest array length every JVM allocates (a few header words below {@code Integer.MAX_VALUE}). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Sizes() {
    }

    /**
     * @param rows    n ≥ 0
     * @param columns d ≥ 0
     * @param what    what the array holds, e.g. "n·d samples"
     * @return n·d, the length of a row-major n × d array
     * @throws IllegalArgumentException if n·d exceeds {@link #MAX_ARRAY_LENGTH} or the heap's remaining room
     */
    public static int arrayLength(long rows, long columns, String what) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException(what + ": negative size " + rows + " × " + columns);
        }
        if (columns != 0 && rows > MAX_ARRAY_LENGTH / columns) {
            String product = Math.multiplyHigh(rows, columns) == 0 && rows * columns >= 0
                    ? Long.toString(rows * columns) : "more than 2⁶³";
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d × %d = %s values exceed the largest "
                    + "Java array (%d)", what, rows, columns, product, MAX_ARRAY_LENGTH));
        }
        int length = (int) (rows * columns);
        requireHeap(8L * length, what);
        return length;
    }

    /**
     * @param bytes an allocation about to be made
     * @param what  what it holds
     * @throws IllegalArgumentException if it exceeds what the heap can still grow to hold
     */
    public static void requireHeap(long bytes, String what) {
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > available) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s needed, but the JVM has %s free of "
                    + "its maximum heap %s (raise it with java -Xmx…)", what, gib(bytes), gib(available),
                    gib(runtime.maxMemory())));
        }
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
