package io.github.diffusion4j.serve;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /v1/eval?quantity=Q&t=T}: an exact quantity of p_t at a batch of points, bit-identical to
 * {@code diffusion4j eval} on the same points.
 * <ul>
 *   <li>Body {@code application/x-npy}: float64 or float32 (any {@code .npy} number type), shape (n, d) or (d,) for
 *   one point; the answer is float64 {@code .npy} of shape (n, width).</li>
 *   <li>Body {@code application/json}: {@code {"points": [[…], …]}}, optionally with {@code "t"} and
 *   {@code "quantity"} in place of the query parameters (given in both, they must agree); the answer is
 *   {@code {"quantity": Q, "t": T, "values": [[…], …]}}, non-finite values as null.</li>
 * </ul>
 * The width is 1 for {@code log-density} and {@code divergence}, K for {@code responsibilities}, d otherwise.
 */
final class EvalEndpoint implements Endpoint {

    private static final List<String> PARAMETERS = List.of("quantity", "t");
    private static final List<String> FIELDS = List.of("points", "quantity", "t");

    private final Oracle oracle;

    /** @param oracle the exact answers */
    EvalEndpoint(Oracle oracle) {
        this.oracle = oracle;
    }

    @Override
    public Reply handle(Request request) throws IOException {
        request.allowOnly(PARAMETERS);
        int d = oracle.dimension();
        boolean json = request.isJson();
        JsonNode body = json ? request.jsonBody(FIELDS) : null;
        Quantity quantity = Quantity.byName(parameter(request, body, "quantity"));
        double t = time(request, body);
        Points points = json ? Points.of(body.get("points"), d, "points") : Points.of(request.npyBody(), d, "points");
        double[] values = oracle.evaluate(quantity, t, points.values(), points.rows());
        int width = values.length / points.rows();
        if (!json) {
            return Reply.npy(values, points.rows(), width);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("quantity", quantity.label());
        answer.put("t", t);
        answer.put("values", Json.rows(values, points.rows(), width));
        return Reply.json(answer);
    }

    /** A parameter from the query or the JSON body: required in one of them, equal where given in both. */
    private static String parameter(Request request, JsonNode body, String name) {
        String query = request.parameter(name);
        JsonNode field = body == null ? null : body.get(name);
        if (field != null && !field.isTextual()) {
            throw HttpFailure.badRequest("request body: \"" + name + "\" must be a string, got " + field);
        }
        String given = field == null ? null : field.asText();
        if (query != null && given != null && !query.equals(given)) {
            throw HttpFailure.badRequest(name + " is '" + query + "' in the query but '" + given + "' in the body");
        }
        if (query == null && given == null) {
            throw HttpFailure.badRequest("missing " + name + ": give it as a query parameter"
                    + (body == null ? "" : " or a field of the JSON body"));
        }
        return query != null ? query : given;
    }

    private static double time(Request request, JsonNode body) {
        JsonNode field = body == null ? null : body.get("t");
        if (field == null) {
            return request.requireDouble("t");
        }
        if (!field.isNumber()) {
            throw HttpFailure.badRequest("request body: \"t\" must be a number, got " + field);
        }
        double t = field.doubleValue();
        if (request.parameter("t") != null && request.requireDouble("t") != t) {
            throw HttpFailure.badRequest("t is " + request.parameter("t") + " in the query but " + t + " in the body");
        }
        return t;
    }
}
