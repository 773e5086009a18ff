package io.github.diffusion4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Points as CSV: one point per line, its coordinates separated by commas; blank lines and lines starting with
 * {@code #} are skipped. Reading is strict — every value must be a finite number and every row must have the same
 * number of values — and errors name the file, line, column and the offending text. Writing prints every number with
 * {@link Double#toString(double)}, which parses back to the same double.
 */
public final class CsvPoints {

    private CsvPoints() {
    }

    /** Points read from a file: {@code n} rows of {@code d} values, row-major. */
    public static final class Table {
        private final double[] values;
        private final int rows;
        private final int columns;

        Table(double[] values, int rows, int columns) {
            this.values = values;
            this.rows = rows;
            this.columns = columns;
        }

        /** @return the values, row-major; owned by the caller */
        public double[] values() {
            return values;
        }

        /** @return the number of rows n */
        public int rows() {
            return rows;
        }

        /** @return the number of columns d */
        public int columns() {
            return columns;
        }
    }

    /**
     * @param file            the CSV file
     * @param expectedColumns the required number of values per row, or -1 to take it from the first row
     * @return the table
     * @throws InputFormatException naming file, line, column and value on any malformed content (including bytes that
     *                              are not UTF-8), or if it is empty
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Table read(Path file, int expectedColumns) {
        double[] values = new double[1024];
        int size = 0;
        int rows = 0;
        int columns = expectedColumns;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split(",", -1);
                if (columns < 0) {
                    columns = fields.length;
                }
                if (fields.length != columns) {
                    throw new InputFormatException(file + " line " + lineNumber + ": expected " + columns
                            + " comma-separated values" + (expectedColumns >= 0 ? " (the dimension)" : "")
                            + ", found " + fields.length);
                }
                for (int c = 0; c < fields.length; c++) {
                    if (size == values.length) {
                        values = Arrays.copyOf(values, values.length * 2);
                    }
                    values[size++] = parse(fields[c].strip(), file, lineNumber, c + 1);
                }
                rows++;
            }
        } catch (CharacterCodingException e) {
            throw new InputFormatException(file + " line " + (lineNumber + 1) + ": not UTF-8 text (malformed bytes "
                    + "on this line or a later one)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoMessages.reason(e), e);
        }
        if (rows == 0) {
            throw new InputFormatException(file + ": no points (the file has no data rows)");
        }
        return new Table(Arrays.copyOf(values, size), rows, columns);
    }

    private static double parse(String text, Path file, int line, int column) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputFormatException(file + " line " + line + ", column " + column + ": '" + text
                    + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new InputFormatException(file + " line " + line + ", column " + column + ": '" + text
                    + "' is not a finite number");
        }
        return value;
    }

    /**
     * Writes {@code rows × columns} values, one row per line, at full precision.
     *
     * @param values  row-major values. Not modified.
     * @param rows    number of rows
     * @param columns values per row
     * @param out     destination. Modified.
     */
    public static void write(double[] values, int rows, int columns, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            for (int j = 0; j < columns; j++) {
                if (j > 0) {
                    line.append(',');
                }
                line.append(values[i * columns + j]);
            }
            out.println(line);
        }
    }
}
