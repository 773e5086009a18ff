package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.github.diffusion4j.verify.ClaimResult;

/**
 * The terminal table of a verification run: one row per claim with its id, statement, measured summary, tolerance or
 * CI, PASS/FAIL and source, in columns as wide as their widest entry, separated by {@code " | "}.
 */
final class VerificationTable {

    private static final List<Function<ClaimResult, String>> COLUMNS = List.of(
            ClaimResult::id, ClaimResult::statement, ClaimResult::measured, ClaimResult::tolerance,
            r -> r.verdict().name(), ClaimResult::source);
    private static final List<String> HEADERS = List.of("id", "statement", "measured", "tolerance / CI", "verdict",
            "source");
    /** The column names of {@code --results}. */
    static final List<String> FIELDS = List.of("id", "statement", "measured", "tolerance", "verdict", "source");

    private VerificationTable() {
    }

    /**
     * @param out     where to print
     * @param results the results, one row each
     */
    static void print(PrintWriter out, List<ClaimResult> results) {
        int[] widths = new int[COLUMNS.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = HEADERS.get(c).length();
            for (ClaimResult r : results) {
                widths[c] = Math.max(widths[c], COLUMNS.get(c).apply(r).length());
            }
        }
        row(out, widths, HEADERS);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (ClaimResult r : results) {
            row(out, widths, COLUMNS.stream().map(f -> f.apply(r)).toList());
        }
    }

    /**
     * @param results the results
     * @return one row of {@link #FIELDS} values per result, for {@code --results}
     */
    static List<List<Object>> rows(List<ClaimResult> results) {
        return results.stream().map(r -> COLUMNS.stream().map(f -> (Object) f.apply(r)).toList()).toList();
    }

    private static void row(PrintWriter out, int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            line.append(c == 0 ? "" : " | ").append(cell)
                    .append(c == widths.length - 1 ? "" : " ".repeat(widths[c] - cell.length()));
        }
        out.println(line.toString().stripTrailing());
        out.flush();
        if (out.checkError()) {
            throw new IllegalStateException(String.format(Locale.ROOT, "cannot write the verification table"));
        }
    }
}
