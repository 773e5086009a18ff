package io.github.diffusion4j.assess;

import java.util.Locale;

/**
 * An {@link Assessment} as a fixed-width table: one line per row — metric, coordinate or component, value,
 * interval, p-value, the value for exact samples and the status — then the verdict.
 */
final class AssessmentText {

    private static final String LINE = "%-14s %-5s %-11s %-25s %-9s %-11s %s%n";

    private AssessmentText() {
    }

    static String format(Assessment assessment) {
        StringBuilder out = new StringBuilder();
        String interval = String.format(Locale.ROOT, "%.0f%% interval", 100 * assessment.confidence());
        out.append(String.format(Locale.ROOT, LINE, "metric", "at", "value", interval, "p-value", "exact p_t",
                "status"));
        for (AssessmentRow row : assessment.rows()) {
            String at = row.index() < 0 ? "" : (row.metric().equals("ks") ? "x" : "k") + row.index();
            String range = Double.isNaN(row.lower()) || row.status().equals("exact") ? ""
                    : "[" + number(row.lower()) + ", " + number(row.upper()) + "]";
            out.append(String.format(Locale.ROOT, LINE, row.metric(), at, number(row.value()), range,
                    number(row.pValue()), number(row.reference()), row.status()).stripTrailing()).append('\n');
        }
        boolean tested = assessment.rows().stream().anyMatch(r -> r.status().equals("ok")
                || r.status().equals("reject"));
        if (tested) {
            out.append(assessment.rejectedBy().isEmpty()
                    ? String.format(Locale.ROOT, "verdict: consistent with p_t (no test rejects at family-wise level "
                    + "%s; each of mmd2, ks-all, modes at a/3)%n", assessment.significance())
                    : String.format(Locale.ROOT, "verdict: p_t rejected at family-wise level %s by %s%n",
                    assessment.significance(), String.join(", ", assessment.rejectedBy())));
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4g", value);
    }
}
