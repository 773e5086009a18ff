package io.github.diffusion4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.diffusion4j.estimate.ConvergencePoint;
import io.github.diffusion4j.estimate.ConvergenceRow;
import io.github.diffusion4j.estimate.ConvergenceTable;
import io.github.diffusion4j.estimate.ConvergenceVerdict;
import io.github.diffusion4j.estimate.OrderFit;
import io.github.diffusion4j.io.AtomicFiles;

/**
 * Writes a {@link ConvergenceTable} to files: the summary and the measured points as CSV (numbers at full precision,
 * empty fields for undefined values), and everything as JSON (undefined values as {@code null}). Each file is written
 * to a temporary sibling and moved into place, so a reader never sees half a file. The terminal table is
 * {@link ConvergenceTable#print}.
 */
final class ConvergenceReport {

    private final ConvergenceTable table;

    ConvergenceReport(ConvergenceTable table) {
        this.table = table;
    }

    /** Writes {@code convergence.csv} (one row per solver) and {@code points.csv} (one row per measured point). */
    void writeCsv(Path directory) {
        write(directory.resolve("convergence.csv"), w -> {
            w.println("solver,theoretical_order,fitted_order,order_ci_lower,order_ci_upper,order_stderr,confidence,"
                    + "target_error,nfe_to_target,fixed_nfe,error_at_fixed_nfe,declared_order,criterion,verdict");
            for (ConvergenceRow row : table.rows()) {
                OrderFit fit = row.fit();
                w.println(String.join(",", row.solver(), csv(row.theoreticalOrder()), csv(fit.order()),
                        csv(fit.lower()), csv(fit.upper()), csv(fit.stderr()), csv(table.confidence()),
                        csv(table.targetError()), csv(row.evaluationsToTarget()), csv(table.fixedEvaluations()),
                        csv(row.errorAtEvaluations()),
                        row.verdict().map(v -> csv(v.declaredOrder())).orElse(""),
                        row.verdict().map(v -> v.criterion().name()).orElse(""),
                        row.verdict().map(v -> v.passed() ? "PASS" : "FAIL").orElse("")));
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
        AtomicFiles.writeText(file, writer -> {
            JsonGenerator json = new JsonFactory().createGenerator(writer).useDefaultPrettyPrinter();
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
                if (row.verdict().isPresent()) {
                    ConvergenceVerdict verdict = row.verdict().get();
                    number(json, "declaredOrder", verdict.declaredOrder());
                    json.writeStringField("criterion", verdict.rule());
                    json.writeStringField("verdict", verdict.passed() ? "PASS" : "FAIL");
                } else {
                    json.writeNullField("verdict");
                }
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
            json.flush();
        });
    }

    private interface Body {
        void write(PrintWriter w);
    }

    private static void write(Path file, Body body) {
        AtomicFiles.writeText(file, writer -> {
            PrintWriter w = new PrintWriter(writer);
            body.write(w);
            w.flush();
            if (w.checkError()) {
                throw new IOException("the writer reported an error");
            }
        });
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
}
