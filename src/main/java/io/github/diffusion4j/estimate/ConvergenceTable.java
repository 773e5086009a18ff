package io.github.diffusion4j.estimate;

import java.util.List;

/**
 * The result of a {@link ConvergenceStudy}: one row per solver, plus what the columns mean.
 *
 * @param metric           the metric's name ({@link ErrorMetric#name()})
 * @param quantity         the metric's formula ({@link ErrorMetric#quantity()})
 * @param power            q: orders are fitted to {@code error^{1/q}} (2 for KL)
 * @param confidence       the level of every interval in the table
 * @param seeds            how many seeds each error is averaged over (1 for exact metrics)
 * @param workParticles    the particles of each timed run (NFE and wall time refer to drawing that many samples)
 * @param targetError      the error for {@link ConvergenceRow#evaluationsToTarget()}
 * @param fixedEvaluations the NFE for {@link ConvergenceRow#errorAtEvaluations()}
 * @param rows             one row per solver, in the order given
 */
public record ConvergenceTable(String metric, String quantity, int power, double confidence, int seeds,
                               int workParticles, double targetError, double fixedEvaluations,
                               List<ConvergenceRow> rows) {

    /**
     * Copies the rows.
     *
     * @param metric           the metric's name
     * @param quantity         the metric's formula
     * @param power            q
     * @param confidence       the level of the intervals
     * @param seeds            seeds per error
     * @param workParticles    particles per timed run
     * @param targetError      the target error
     * @param fixedEvaluations the fixed NFE
     * @param rows             one row per solver
     */
    public ConvergenceTable {
        rows = List.copyOf(rows);
    }
}
