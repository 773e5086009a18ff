package io.github.diffusion4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.diffusion4j.io.AtomicFiles;
import picocli.CommandLine.Option;

/**
 * {@code --results FILE.csv|FILE.json}: the table a command prints, also written as a file for scripts. CSV (RFC 4180:
 * a header row, fields quoted when they hold a comma, quote or line break) or JSON (an array of objects, one per row,
 * numbers as JSON numbers, non-finite numbers as strings), chosen by the file name. Numbers are written so that they
 * parse back to the same double.
 */
final class ResultsOption {

    @Option(names = "--results", paramLabel = "FILE.csv|FILE.json",
            description = "Also write the table as CSV or JSON, by the file name's extension.")
    Path file;

    /**
     * Checks the file before any computation.
     *
     * @throws IllegalArgumentException if the file name ends in neither .csv nor .json, or it cannot be written
     */
    void check() {
        if (file != null && !file.toString().endsWith(".csv") && !file.toString().endsWith(".json")) {
            throw new IllegalArgumentException("--results " + file + ": the file name must end in .csv or .json");
        }
        if (file != null) {
            AtomicFiles.requireWritable(file, "--results");
        }
    }

    /**
     * Writes the rows if {@code --results} was given, atomically (complete or absent).
     *
     * @param columns the column names
     * @param rows    the rows, each with one value per column (String, Number or Boolean)
     */
    void write(List<String> columns, List<List<Object>> rows) {
        if (file == null) {
            return;
        }
        AtomicFiles.writeText(file, w -> {
            if (file.toString().endsWith(".json")) {
                List<Map<String, Object>> objects = rows.stream().map(row -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (int c = 0; c < columns.size(); c++) {
                        Object value = row.get(c);
                        object.put(columns.get(c), value instanceof Double v && !Double.isFinite(v) ? v.toString()
                                : value);
                    }
                    return object;
                }).toList();
                w.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(objects));
                w.write(System.lineSeparator());
            } else {
                w.write(csvLine(columns));
                for (List<Object> row : rows) {
                    w.write(csvLine(row));
                }
            }
        });
    }

    private static String csvLine(List<?> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String text = String.valueOf(fields.get(i));
            boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
            line.append(i == 0 ? "" : ",").append(quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        return line.append("\r\n").toString();
    }
}
