package io.github.diffusion4j.estimate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The fixed-column text of a {@link ConvergenceTable} ({@link ConvergenceTable#print}). */
final class ConvergenceTableText {

    private static final String FORMAT = "%-20s %6s  %-26s %14s  %16s  %s%n";

    private final ConvergenceTable table;

    ConvergenceTableText(ConvergenceTable table) {
        this.table = table;
    }

    void print(PrintWriter out) {
        List<ConvergenceVerdict> verdicts = table.verdicts();
        out.printf(Locale.ROOT, FORMAT, "solver", "order",
                "fitted order [" + Math.round(100 * table.confidence()) + "% CI]",
                "NFE to " + scientific(table.targetError()), "error at NFE " + plain(table.fixedEvaluations()),
                verdicts.isEmpty() ? "" : "verdict");
        for (ConvergenceRow row : table.rows()) {
            out.printf(Locale.ROOT, FORMAT, row.solver(), plain(row.theoreticalOrder()), fitted(row.fit()),
                    evaluationsToTarget(row), scientific(row.errorAtEvaluations()),
                    row.verdict().map(v -> v.passed() ? "PASS" : "FAIL").orElse(verdicts.isEmpty() ? "" : "—"));
        }
        if (verdicts.isEmpty()) {
            return;
        }
        long passed = verdicts.stream().filter(ConvergenceVerdict::passed).count();
        for (ConvergenceVerdict verdict : verdicts) {
            if (!verdict.passed()) {
                out.println(verdict.describe());
            }
        }
        out.printf(Locale.ROOT, "%d of %d verdicts pass (criterion as verify's S1: |p̂ − p| ≤ %.1f for deterministic, "
                + "p̂ ≥ p − %.1f for stochastic samplers)%n", passed, verdicts.size(), ConvergenceVerdict.ORDER_BAND,
                ConvergenceVerdict.ORDER_BAND);
    }

    private static String fitted(OrderFit fit) {
        if (Double.isNaN(fit.order())) {
            return "—";
        }
        if (!fit.hasInterval()) {
            return String.format(Locale.ROOT, "%.3f (no CI: 2 points)", fit.order());
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", fit.order(), fit.lower(), fit.upper());
    }

    private String evaluationsToTarget(ConvergenceRow row) {
        if (!Double.isNaN(row.evaluationsToTarget())) {
            return String.format(Locale.ROOT, "%.1f", row.evaluationsToTarget());
        }
        ConvergencePoint cheapest = null;
        ConvergencePoint dearest = null;
        boolean reached = false;
        for (ConvergencePoint p : row.points()) {
            if (cheapest == null || p.evaluations() < cheapest.evaluations()) {
                cheapest = p;
            }
            if (dearest == null || p.evaluations() > dearest.evaluations()) {
                dearest = p;
            }
            reached |= p.error().value() <= table.targetError();
        }
        if (cheapest == null || !Double.isFinite(table.targetError())) {
            return "—";
        }
        if (cheapest.error().value() <= table.targetError()) {
            return "≤ " + cheapest.evaluations();
        }
        return reached ? "—" : "> " + dearest.evaluations();
    }

    /** @return e.g. {@code 2.73e-4} or {@code 1e-5}: three significant digits, trailing zeros dropped; — if undefined */
    static String scientific(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        String[] parts = String.format(Locale.ROOT, "%.2e", value).split("e");
        String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /** @return an integer without decimals, otherwise up to three decimals; — if undefined */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        return value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
