package io.github.diffusion4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files of floating-point arrays with at most two dimensions — the format of
 * {@code numpy.save} (NEP 1, format versions 1.0, 2.0 and 3.0).
 *
 * <p>Reading is strict: the magic string, the version, a header length within bounds (at most 64 KiB, which is far
 * more than any header numpy writes for an array of rank ≤ 2), a header that is exactly a dict of {@code 'descr'},
 * {@code 'fortran_order'} and {@code 'shape'}, a dtype of {@code f8} or {@code f4} (integers {@code i8} and {@code i4}
 * are read too, converted to double; either byte order) (or,
 * through {@link #parseText}, a 0-d string {@code <U}n as {@code numpy.savez} stores a string value), and a
 * data section whose length equals the element count the shape declares (checked before anything is allocated, so a
 * hostile header cannot request a huge buffer). Errors name the file and the field. Writing produces version 1.0,
 * {@code <f8}, C order, the header padded so the data start on a 64-byte boundary, exactly as numpy does.
 *
 * <p>Hand-written rather than a dependency: the only maintained JVM reader (org.jetbrains.bio:npy) brings the Kotlin
 * runtime for what is a 60-byte header and a flat array.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Largest header accepted, in bytes. */
    static final int MAX_HEADER_LENGTH = 1 << 16;
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*(?:'descr'\\s*:\\s*'(?<descr>[<>|=]?(?:f[48]|i[48]|U[1-9][0-9]{0,3}))'\\s*,\\s*"
                    + "'fortran_order'\\s*:\\s*(?<fortran>True|False)\\s*,\\s*"
                    + "'shape'\\s*:\\s*\\((?<shape>[0-9,\\s]*)\\)\\s*,?\\s*)\\}\\s*");

    private Npy() {
    }

    /**
     * An array read from a file.
     *
     * @param values the elements in C (row-major) order
     * @param shape  the shape: {@code {}} for a scalar, {@code {n}} or {@code {n, d}}
     */
    public record Array(double[] values, int[] shape) {

        /** @return the number of rows: the first dimension, 1 for a scalar */
        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** @return the number of columns: the second dimension, 1 for rank ≤ 1 */
        public int columns() {
            return shape.length == 2 ? shape[1] : 1;
        }
    }

    /**
     * @param file a {@code .npy} file
     * @return its array, converted to double
     * @throws InputFormatException naming the file and the field at fault
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Array read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel.size(), channel::read, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoMessages.reason(e), e);
        }
    }

    /**
     * {@link #read(Path)} for a file that must hold float64 ({@code f8}, either byte order): other dtypes, which
     * {@link #read(Path)} would convert, are an error here.
     *
     * @param file a {@code .npy} file
     * @return its array
     * @throws InputFormatException naming the file and the field at fault, including a dtype other than float64
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Array readFloat64(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = header(channel.size(), channel::read, file.toString());
            if (!header.descr().matches("[<>=]f8")) {
                throw bad(file.toString(), "dtype '" + header.descr() + "' is not float64 ('<f8')");
            }
            return numbers(channel::read, header, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoMessages.reason(e), e);
        }
    }

    /**
     * Parses the bytes of a {@code .npy} file held in memory (e.g. an entry of an {@code .npz} archive), with the
     * same checks as {@link #read(Path)}.
     *
     * @param bytes  the complete file. Not modified.
     * @param source a name for the bytes in error messages (usually a file name)
     * @return the array, converted to double
     * @throws InputFormatException naming the source and the field at fault
     */
    public static Array parse(byte[] bytes, String source) {
        return parse(bytes, header(bytes, source), source);
    }

    /** {@link #parse(byte[], String)} with the header already read by {@link #header(byte[], String)}. */
    static Array parse(byte[] bytes, Header header, String source) {
        try {
            return numbers(inMemory(bytes), header, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a {@code .npy} file holding one string: a 0-d array of dtype {@code <U}n (UTF-32, at most 9999 characters),
     * which is what {@code numpy.savez(file, name="text")} stores for a string value.
     *
     * @param bytes  the complete file. Not modified.
     * @param source a name for the bytes in error messages
     * @return the string, without the trailing NUL padding numpy adds
     * @throws InputFormatException naming the source and the field at fault
     */
    public static String parseText(byte[] bytes, String source) {
        return parseText(bytes, header(bytes, source), source);
    }

    /** {@link #parseText(byte[], String)} with the header already read by {@link #header(byte[], String)}. */
    static String parseText(byte[] bytes, Header header, String source) {
        if (!header.isText() || header.shape().length != 0) {
            throw bad(source, "expected a 0-d string array (dtype <Un, shape ()), got dtype " + header.descr()
                    + " and shape " + Arrays.toString(header.shape()));
        }
        int characters = header.width() / 4;
        checkDataLength(source, header, header.width());
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) header.dataStart(), header.width()).order(header.order());
        StringBuilder text = new StringBuilder(characters);
        for (int i = 0; i < characters; i++) {
            int codePoint = data.getInt();
            if (codePoint == 0) {
                break;
            }
            if (!Character.isValidCodePoint(codePoint)) {
                throw bad(source, "character " + i + " is not a Unicode code point: " + codePoint);
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    /**
     * Reads the header of a {@code .npy} file held in memory, so that a caller can choose between {@link #parse} and
     * {@link #parseText} by {@link Header#isText()} without reading it twice.
     *
     * @param bytes  the complete file. Not modified.
     * @param source a name for the bytes in error messages
     * @return the header
     * @throws InputFormatException if the header is malformed
     */
    static Header header(byte[] bytes, String source) {
        try {
            return header(bytes.length, inMemory(bytes), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Positional inMemory(byte[] bytes) {
        ByteBuffer all = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        return (buffer, position) -> {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(buffer.remaining(), bytes.length - position);
            buffer.put(all.duplicate().position((int) position).limit((int) position + n));
            return n;
        };
    }

    /** Positional reads from a file or an array: returns the bytes read, -1 at the end. */
    @FunctionalInterface
    private interface Positional {
        int read(ByteBuffer buffer, long position) throws IOException;
    }

    /** A parsed header: dtype, order, shape, and where the data start. */
    record Header(String descr, boolean fortran, int[] shape, long dataStart, long count, long fileSize) {

        /** @return whether the dtype is a string ({@code U}n) rather than a number */
        boolean isText() {
            return descr.contains("U");
        }

        /** @return whether the dtype is an integer ({@code i4}, {@code i8}) */
        boolean isInteger() {
            return descr.contains("i");
        }

        /** @return bytes per element: 4 or 8 for numbers, 4n for a string of n characters */
        int width() {
            if (isText()) {
                return 4 * Integer.parseInt(descr.substring(descr.indexOf('U') + 1));
            }
            return descr.endsWith("8") ? 8 : 4;
        }

        ByteOrder order() {
            return descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
    }

    private static Array read(long size, Positional input, String file) throws IOException {
        return numbers(input, header(size, input, file), file);
    }

    private static Array numbers(Positional input, Header header, String file) throws IOException {
        if (header.isText()) {
            throw bad(file, "dtype " + header.descr() + " is a string; a numeric array (f4, f8, i4 or i8) is needed");
        }
        int width = header.width();
        long count = header.count();
        checkDataLength(file, header, count * width);
        ByteBuffer data = readFully(input, file, header.dataStart(), (int) (count * width)).order(header.order());
        double[] values = new double[(int) count];
        boolean integer = header.isInteger();
        for (int i = 0; i < values.length; i++) {
            if (integer) {
                values[i] = width == 8 ? data.getLong() : data.getInt();
            } else {
                values[i] = width == 8 ? data.getDouble() : data.getFloat();
            }
        }
        int[] shape = header.shape();
        if (header.fortran() && shape.length == 2) {
            values = transpose(values, shape[1], shape[0]);
        }
        return new Array(values, shape);
    }

    private static Header header(long size, Positional input, String file) throws IOException {
        ByteBuffer preamble = readFully(input, file, 0, Math.min(size, 12));
        byte[] magic = new byte[MAGIC.length];
        if (size < 10) {
            throw bad(file, "file of " + size + " bytes is too short for a .npy header");
        }
        preamble.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw bad(file, "not a .npy file (magic string missing)");
        }
        int major = preamble.get() & 0xff;
        int minor = preamble.get() & 0xff;
        long headerLength;
        int prefix;
        if (major == 1) {
            headerLength = preamble.order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (size < 12) {
                throw bad(file, "file of " + size + " bytes is too short for a version " + major + " header");
            }
            headerLength = preamble.order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            prefix = 12;
        } else {
            throw bad(file, "unsupported format version " + major + "." + minor);
        }
        if (headerLength > MAX_HEADER_LENGTH || prefix + headerLength > size) {
            throw bad(file, "header length " + headerLength + " exceeds " + Math.min(MAX_HEADER_LENGTH,
                    size - prefix) + " bytes");
        }
        ByteBuffer headerBytes = readFully(input, file, prefix, (int) headerLength);
        String header = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
                .decode(headerBytes).toString();
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw bad(file, "header is not a dict of 'descr' (a float, integer or string dtype), 'fortran_order' and 'shape': "
                    + header.strip());
        }
        int[] shape = shape(file, m.group("shape"));
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw bad(file, "shape " + Arrays.toString(shape) + " has " + count + " elements; at most "
                    + (Integer.MAX_VALUE - 8) + " are supported");
        }
        return new Header(m.group("descr"), m.group("fortran").equals("True"), shape, prefix + headerLength, count,
                size);
    }

    /** The data section must be exactly as long as the header declares — checked before anything is allocated. */
    private static void checkDataLength(String file, Header header, long needed) {
        long available = header.fileSize() - header.dataStart();
        if (available != needed) {
            throw bad(file, "shape " + Arrays.toString(header.shape()) + " of " + header.descr() + " needs "
                    + needed + " data bytes, the file has " + available);
        }
    }

    /**
     * Writes an n × d array of doubles, row-major, as version 1.0 {@code <f8} in C order.
     *
     * @param file    the file, replaced if it exists
     * @param values  n·d values, row-major. Not modified.
     * @param rows    n ≥ 0
     * @param columns d ≥ 1
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, double[] values, int rows, int columns) {
        byte[] bytes = bytes(values, rows, columns);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The complete {@code .npy} file of an n × d array of doubles, as {@link #write(Path, double[], int, int)}
     * writes it (version 1.0, {@code <f8}, C order), held in memory: e.g. an HTTP response body.
     *
     * @param values  n·d values, row-major. Not modified.
     * @param rows    n ≥ 0
     * @param columns d ≥ 1
     * @return the file's bytes: the padded header, then 8·n·d bytes of little-endian doubles
     * @throws IllegalArgumentException if the shape does not match the values
     */
    public static byte[] bytes(double[] values, int rows, int columns) {
        if (rows < 0 || columns < 1 || (long) rows * columns != values.length) {
            throw new IllegalArgumentException("shape (" + rows + ", " + columns + ") does not match "
                    + values.length + " values");
        }
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 8 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.array();
    }

    /** A shape as Python writes a tuple: {@code ()}, {@code (n,)}, {@code (n, d)} or {@code (n, d,)}. */
    private static int[] shape(String file, String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",", -1);
        boolean trailingComma = parts[parts.length - 1].isBlank();
        int rank = trailingComma ? parts.length - 1 : parts.length;
        if (rank > 2) {
            throw bad(file, "shape (" + t + ") has rank " + rank + "; at most 2 is supported");
        }
        if (rank == 1 && !trailingComma) {
            throw bad(file, "shape (" + t + ") is not a tuple");
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) {
                throw bad(file, "shape (" + t + ") has an empty entry");
            }
            try {
                shape[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw bad(file, "shape entry '" + p + "' is not a dimension below 2^31");
            }
        }
        return shape;
    }

    private static double[] transpose(double[] columnMajor, int columns, int rows) {
        double[] rowMajor = new double[columnMajor.length];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows; i++) {
                rowMajor[i * columns + j] = columnMajor[j * rows + i];
            }
        }
        return rowMajor;
    }

    private static ByteBuffer readFully(Positional input, String file, long position, long length)
            throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw bad(file, "data section of " + length + " bytes is too large");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        while (buffer.hasRemaining()) {
            if (input.read(buffer, position + buffer.position()) < 0) {
                throw bad(file, "file ends after " + (position + buffer.position()) + " bytes");
            }
        }
        return buffer.flip();
    }

    private static InputFormatException bad(String file, String message) {
        return new InputFormatException(file + ": " + message);
    }
}
