package io.github.diffusion4j.serve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.diffusion4j.assess.Assessment;
import io.github.diffusion4j.assess.AssessmentRow;
import io.github.diffusion4j.assess.SampleAssessment;

/**
 * {@code POST /v1/assess?t=T[&seed=S][&confidence=C]}: samples from any sampler measured against the exact p_t
 * ({@link SampleAssessment}, as {@code diffusion4j assess}: seed 0 and 95% intervals by default).
 * <ul>
 *   <li>Body {@code application/x-npy}: the samples, shape (n, d), n ≥ 3; or JSON {@code {"samples": [[…], …]}}.</li>
 *   <li>Body JSON {@code {"mean": [d numbers], "covariance": [d rows of d]}}: the Gaussian route, for one-component
 *   data — the exact KL and W₂ of that Gaussian law against p_t.</li>
 * </ul>
 * The answer is JSON {@code {"t", "samples", "dimension", "confidence", "significance", "rejected_by", "rows"}}, each
 * row {@code {metric, index, value, lower, upper, p_value, reference, status}}, non-finite numbers as null.
 */
final class AssessEndpoint implements Endpoint {

    private static final List<String> PARAMETERS = List.of("t", "seed", "confidence");
    private static final List<String> FIELDS = List.of("samples", "mean", "covariance");

    private final Oracle oracle;

    /** @param oracle the exact answers */
    AssessEndpoint(Oracle oracle) {
        this.oracle = oracle;
    }

    @Override
    public Reply handle(Request request) throws IOException {
        request.allowOnly(PARAMETERS);
        double t = request.requireDouble("t");
        SampleAssessment assessment = new SampleAssessment(oracle.mixture(), oracle.schedule(), t)
                .seed(request.optionalLong("seed", 0))
                .confidence(request.optionalDouble("confidence", 0.95));
        int d = oracle.dimension();
        Assessment result;
        if (!request.isJson()) {
            Points samples = Points.of(request.npyBody(), d, "samples");
            result = assessment.assess(samples.values(), samples.rows());
        } else {
            JsonNode body = request.jsonBody(FIELDS);
            if (body.has("samples") == (body.has("mean") || body.has("covariance"))) {
                throw HttpFailure.badRequest("request body: give either \"samples\" or \"mean\" and \"covariance\"");
            }
            if (body.has("samples")) {
                Points samples = Points.of(body.get("samples"), d, "samples");
                result = assessment.assess(samples.values(), samples.rows());
            } else {
                SampleAssessment.requireGaussianData(oracle.mixture());
                Points mean = Points.of(body.get("mean"), d, "mean");
                Points covariance = Points.of(body.get("covariance"), d, "covariance");
                if (mean.rows() != 1 || covariance.rows() != d) {
                    throw HttpFailure.badRequest("expected a mean of " + d + " numbers and a " + d + " × " + d
                            + " covariance; got " + mean.rows() + " mean rows and " + covariance.rows()
                            + " covariance rows");
                }
                result = assessment.assessGaussian(mean.values(), covariance.values());
            }
        }
        return Reply.json(json(result));
    }

    private static Map<String, Object> json(Assessment assessment) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("t", assessment.time());
        answer.put("samples", assessment.samples());
        answer.put("dimension", assessment.dimension());
        answer.put("confidence", assessment.confidence());
        answer.put("significance", assessment.significance());
        answer.put("rejected_by", assessment.rejectedBy());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AssessmentRow row : assessment.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("metric", row.metric());
            r.put("index", row.index());
            r.put("value", Json.number(row.value()));
            r.put("lower", Json.number(row.lower()));
            r.put("upper", Json.number(row.upper()));
            r.put("p_value", Json.number(row.pValue()));
            r.put("reference", Json.number(row.reference()));
            r.put("status", row.status());
            rows.add(r);
        }
        answer.put("rows", rows);
        return answer;
    }
}
