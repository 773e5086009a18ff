package io.github.diffusion4j.assess;

import java.util.List;

/**
 * The outcome of a {@link SampleAssessment}: its rows and the verdict of its tests.
 *
 * @param samples      n, the number of samples assessed (0 for the Gaussian route, which has none)
 * @param dimension    d
 * @param time         t, the time of the exact marginal
 * @param confidence   the intervals' level
 * @param significance the verdict's family-wise level a
 * @param rows         the metrics, in the order of {@link SampleAssessment}'s description. Copied.
 */
public record Assessment(int samples, int dimension, double time, double confidence, double significance,
                         List<AssessmentRow> rows) {

    /** The test families whose combined row carries the verdict. */
    private static final List<String> FAMILIES = List.of("mmd2", "ks-all", "modes");

    /** Copies the rows. */
    public Assessment {
        rows = List.copyOf(rows);
    }

    /** @return the test families (mmd2, ks-all, modes) that rejected p_t; empty when the samples are consistent */
    public List<String> rejectedBy() {
        return rows.stream().filter(r -> FAMILIES.contains(r.metric()) && r.status().equals("reject"))
                .map(AssessmentRow::metric).toList();
    }

    /**
     * @param metric a metric's name
     * @return its first row
     * @throws IllegalArgumentException if the assessment has no such row
     */
    public AssessmentRow row(String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no row '" + metric + "' in this assessment; it has "
                        + rows.stream().map(AssessmentRow::metric).distinct().toList()));
    }

    /** @return the table as {@link AssessmentText} prints it */
    public String text() {
        return AssessmentText.format(this);
    }
}
