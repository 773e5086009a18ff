package io.github.diffusion4j.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.plot.Figure;

/**
 * Common plumbing of claims: identity, timing and the one-line summaries. A subclass implements {@link #measure}.
 */
public abstract class BaseClaim implements Claim {

    private final String id;
    private final String statement;
    private final String source;

    /**
     * @param id        short id
     * @param statement one-line statement
     * @param source    paper and equation
     */
    protected BaseClaim(String id, String statement, String source) {
        this.id = id;
        this.statement = statement;
        this.source = source;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String statement() {
        return statement;
    }

    @Override
    public final String source() {
        return source;
    }

    /**
     * The checks and their summary.
     *
     * @param checks    every check
     * @param measured  summary of the measured values
     * @param tolerance summary of the criterion
     * @param figures   figures for the report by file name (without extension), in order; may be empty
     */
    protected record Outcome(List<Check> checks, String measured, String tolerance, Map<String, Figure> figures) {

        /**
         * The canonical constructor, public so that claims in any package can build outcomes with figures.
         *
         * @param checks    the checks, in order
         * @param measured  summary of the measured values
         * @param tolerance summary of the criterion
         * @param figures   figures for the report by file name (without extension), in order; may be empty
         */
        public Outcome {
        }

        /**
         * An outcome without figures.
         *
         * @param checks the checks
         * @param measured the measured value
         * @param tolerance the tolerance
         */
        public Outcome(List<Check> checks, String measured, String tolerance) {
            this(checks, measured, tolerance, Map.of());
        }

        /**
         * @param name   file name of the figure, without extension
         * @param figure the figure
         * @return this outcome with the figure added
         */
        public Outcome withFigure(String name, Figure figure) {
            Map<String, Figure> all = new LinkedHashMap<>(figures);
            all.put(name, figure);
            return new Outcome(checks, measured, tolerance, all);
        }
    }

    /**
     * @param context the verification context
     * @return the checks with their summary
     */
    protected abstract Outcome measure(VerificationContext context);

    @Override
    public final ClaimResult check(VerificationContext context) {
        long start = System.nanoTime();
        Outcome outcome = measure(context);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ClaimResult(id, statement, source, outcome.measured(), outcome.tolerance(),
                List.copyOf(outcome.checks()), Collections.unmodifiableMap(
                        new LinkedHashMap<>(outcome.figures())), seconds);
    }

    /**
     * Summary for checks of a residual against one tolerance: the largest |measured| and how many checks ran.
     *
     * @param checks    the checks
     * @param quantity  what was measured, e.g. "max rel. residual"
     * @param tolerance the tolerance
     * @return the outcome
     */
    protected static Outcome worst(List<Check> checks, String quantity, double tolerance) {
        double max = 0;
        for (Check c : checks) {
            max = Math.max(max, Double.isNaN(c.measured()) ? Double.POSITIVE_INFINITY : Math.abs(c.measured()));
        }
        return new Outcome(checks, quantity + " " + Check.format(max) + " (" + checks.size() + " checks)",
                "≤ " + Check.format(tolerance));
    }
}
