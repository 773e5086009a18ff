package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.diffusion4j.verify.ClaimResult;

/**
 * The terminal table of a verification run, fitted to an 80-column terminal: per claim a line with its id, verdict
 * and statement, then its measured summary and its tolerance or CI, each wrapped between words under a hanging
 * indent. The sources, and every field unabridged in one row per claim, are in {@code --results} and REPORT.md.
 */
final class VerificationTable {

    /** The terminal width the table is wrapped to. */
    static final int WIDTH = 80;
    /** Where the text of every line of a claim starts. */
    private static final String INDENT = " ".repeat(10);

    private static final List<Function<ClaimResult, String>> COLUMNS = List.of(
            ClaimResult::id, ClaimResult::statement, ClaimResult::measured, ClaimResult::tolerance,
            r -> r.verdict().name(), ClaimResult::source);
    /** The column names of {@code --results}. */
    static final List<String> FIELDS = List.of("id", "statement", "measured", "tolerance", "verdict", "source");

    private VerificationTable() {
    }

    /**
     * @param out     where to print
     * @param results the results, one block each
     */
    static void print(PrintWriter out, List<ClaimResult> results) {
        for (ClaimResult r : results) {
            String head = String.format("%-4s%-6s", r.id(), r.verdict().name());
            if (head.length() > INDENT.length()) {
                head = r.id() + " " + r.verdict().name() + " ";
            }
            wrap(out, head, r.statement());
            wrap(out, INDENT, "measured  " + r.measured());
            wrap(out, INDENT, "criterion " + r.tolerance());
            out.flush();
            if (out.checkError()) {
                throw new IllegalStateException("cannot write the verification table");
            }
        }
    }

    /**
     * @param results the results
     * @return one row of {@link #FIELDS} values per result, for {@code --results}
     */
    static List<List<Object>> rows(List<ClaimResult> results) {
        return results.stream().map(r -> COLUMNS.stream().map(f -> (Object) f.apply(r)).toList()).toList();
    }

    /** Prints {@code text} after {@code first}, broken between words into lines of at most {@link #WIDTH}. */
    private static void wrap(PrintWriter out, String first, String text) {
        for (String line : lines(first, text)) {
            out.println(line);
        }
    }

    /**
     * @param first the first line's prefix; later lines are indented by {@link #INDENT} (a prefix at least as wide
     *              pushes the text right on the first line only)
     * @param text  the text, broken at spaces; a word longer than a line stands on a line of its own
     * @return the lines
     */
    static List<String> lines(String first, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int start = line.length();
        for (String word : text.strip().split(" +")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(INDENT);
                start = line.length();
            }
            line.append(line.length() > start ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
