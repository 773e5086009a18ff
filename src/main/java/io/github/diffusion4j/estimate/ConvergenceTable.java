package io.github.diffusion4j.estimate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

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

    /** @return the verdicts of the rows that have a declared order, in row order */
    public List<ConvergenceVerdict> verdicts() {
        return rows.stream().map(ConvergenceRow::verdict).flatMap(Optional::stream).toList();
    }

    /** @return whether every verdict passes (true when there is none) */
    public boolean passes() {
        return verdicts().stream().allMatch(ConvergenceVerdict::passed);
    }

    /**
     * Prints the table for a terminal: a header line, one line per solver (declared order, fitted order with its
     * interval, NFE to the target error, error at the fixed NFE, verdict), then, when any row has a verdict, one line
     * per failed verdict with its fitted order, interval and criterion and a count {@code "k of m verdicts pass"}.
     * Where the measurements do not bracket the target error, the NFE column says which side it lies on:
     * {@code ≤ c} when the cheapest point (cost c) already reaches it, {@code > c} when even the dearest does not.
     *
     * @param out where to print; flushed by the caller
     */
    public void print(PrintWriter out) {
        new ConvergenceTableText(this).print(out);
    }
}
