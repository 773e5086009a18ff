package io.github.diffusion4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.diffusion4j.estimate.ConvergencePoint;
import io.github.diffusion4j.estimate.ConvergenceRow;
import io.github.diffusion4j.estimate.ConvergenceTable;
import io.github.diffusion4j.estimate.OrderFit;

/**
 * Writes a {@link ConvergenceTable}: the fixed-column text table for the terminal, the summary and the measured points
 * as CSV (numbers at full precision, empty fields for undefined values), and everything as JSON (undefined values as
 * {@code null}).
 */
final class ConvergenceReport {

    private final ConvergenceTable table;

    ConvergenceReport(ConvergenceTable table) {
        this.table = table;
    }

    /**
     * Prints the summary table, one solver per line, after a header line. Where the measurements do not bracket the
     * target error, the NFE column says which side it lies on: {@code ≤ c} when the cheapest point (cost c) already
     * reaches it, {@code > c} when even the most expensive one (cost c) does not.
     */
    void printTable(PrintWriter out) {
        String format = "%-20s %6s  %-26s %14s  %16s%n";
        out.printf(Locale.ROOT, format, "solver", "order",
                "fitted order [" + Math.round(100 * table.confidence()) + "% CI]",
                "NFE to " + scientific(table.targetError()), "error at NFE " + plain(table.fixedEvaluations()));
        for (ConvergenceRow row : table.rows()) {
            OrderFit fit = row.fit();
            String fitted = Double.isNaN(fit.order()) ? "—"
                    : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", fit.order(), fit.lower(), fit.upper());
            out.printf(Locale.ROOT, format, row.solver(), plain(row.theoreticalOrder()), fitted,
                    evaluationsToTarget(row), scientific(row.errorAtEvaluations()));
        }
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

    /** Writes {@code convergence.csv} (one row per solver) and {@code points.csv} (one row per measured point). */
    void writeCsv(Path directory) {
        write(directory.resolve("convergence.csv"), w -> {
            w.println("solver,theoretical_order,fitted_order,order_ci_lower,order_ci_upper,order_stderr,confidence,"
                    + "target_error,nfe_to_target,fixed_nfe,error_at_fixed_nfe");
            for (ConvergenceRow row : table.rows()) {
                OrderFit fit = row.fit();
                w.println(String.join(",", row.solver(), csv(row.theoreticalOrder()), csv(fit.order()),
                        csv(fit.lower()), csv(fit.upper()), csv(fit.stderr()), csv(table.confidence()),
                        csv(table.targetError()), csv(row.evaluationsToTarget()), csv(table.fixedEvaluations()),
                        csv(row.errorAtEvaluations())));
            }
        });
        write(directory.resolve("points.csv"), w -> {
            w.println("solver,resolution,steps,nfe,seconds,step_size,error,error_stderr,error_ci_lower,"
                    + "error_ci_upper");
            for (ConvergenceRow row : table.rows()) {
                for (ConvergencePoint p : row.points()) {
                    w.println(String.join(",", row.solver(), p.resolution().label(), Long.toString(p.steps()),
                            Long.toString(p.evaluations()), csv(p.seconds()), csv(p.stepSize()),
                            csv(p.error().value()), csv(p.error().standardError()), csv(p.error().lower()),
                            csv(p.error().upper())));
                }
            }
        });
    }

    /** Writes {@code convergence.json}: the table's settings, and per solver its summary and points. */
    void writeJson(Path directory, String problem) {
        Path file = directory.resolve("convergence.json");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = new JsonFactory().createGenerator(writer).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("problem", problem);
            json.writeStringField("metric", table.metric());
            json.writeStringField("quantity", table.quantity());
            json.writeNumberField("power", table.power());
            number(json, "confidence", table.confidence());
            json.writeNumberField("seeds", table.seeds());
            json.writeNumberField("workParticles", table.workParticles());
            number(json, "targetError", table.targetError());
            number(json, "fixedNfe", table.fixedEvaluations());
            json.writeArrayFieldStart("solvers");
            for (ConvergenceRow row : table.rows()) {
                json.writeStartObject();
                json.writeStringField("solver", row.solver());
                number(json, "theoreticalOrder", row.theoreticalOrder());
                number(json, "fittedOrder", row.fit().order());
                number(json, "orderCiLower", row.fit().lower());
                number(json, "orderCiUpper", row.fit().upper());
                number(json, "orderStderr", row.fit().stderr());
                number(json, "nfeToTarget", row.evaluationsToTarget());
                number(json, "errorAtFixedNfe", row.errorAtEvaluations());
                json.writeArrayFieldStart("points");
                for (ConvergencePoint p : row.points()) {
                    json.writeStartObject();
                    json.writeStringField("resolution", p.resolution().label());
                    json.writeNumberField("steps", p.steps());
                    json.writeNumberField("nfe", p.evaluations());
                    number(json, "seconds", p.seconds());
                    number(json, "stepSize", p.stepSize());
                    number(json, "error", p.error().value());
                    number(json, "errorStderr", p.error().standardError());
                    number(json, "errorCiLower", p.error().lower());
                    number(json, "errorCiUpper", p.error().upper());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private interface Body {
        void write(PrintWriter w);
    }

    private static void write(Path file, Body body) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            body.write(w);
            if (w.checkError()) {
                throw new UncheckedIOException(new IOException("cannot write " + file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }

    private static String csv(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    /** @return e.g. {@code 2.73e-4} or {@code 1e-5}: three significant digits, trailing zeros dropped; — if undefined */
    private static String scientific(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        String[] parts = String.format(Locale.ROOT, "%.2e", value).split("e");
        String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    private static String plain(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        return value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
