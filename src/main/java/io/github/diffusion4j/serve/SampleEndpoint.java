package io.github.diffusion4j.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/sample?t=T&n=N[&seed=S][&format=npy|json]}: n exact samples of p_t, bit-identical to
 * {@code mixture.sampleMarginal(schedule, t, XO_RO_SHI_RO_128_PP.create(seed), n)} (seed 0 by default). The answer
 * is a float64 {@code .npy} of shape (n, d), or with {@code format=json} {@code {"t", "n", "seed", "samples"}}.
 * n is capped so that the answer's n·d doubles fit the request body limit: n·d·8 ≤ {@code --max-body}.
 */
final class SampleEndpoint implements Endpoint {

    private static final List<String> PARAMETERS = List.of("t", "n", "seed", "format");

    private final Oracle oracle;
    private final int maxSamples;

    /**
     * @param oracle  the exact answers
     * @param maxBody the request body limit, which bounds the answer too
     */
    SampleEndpoint(Oracle oracle, int maxBody) {
        this.oracle = oracle;
        this.maxSamples = maxSamples(maxBody, oracle.dimension());
    }

    /**
     * @param maxBody   the body limit, in bytes
     * @param dimension d
     * @return the largest n with 8·n·d ≤ maxBody
     */
    static int maxSamples(int maxBody, int dimension) {
        return maxBody / 8 / dimension;
    }

    @Override
    public Reply handle(Request request) {
        request.allowOnly(PARAMETERS);
        double t = request.requireDouble("t");
        int n = request.requireInt("n");
        long seed = request.optionalLong("seed", 0);
        String format = request.parameter("format") == null ? "npy" : request.parameter("format");
        if (!format.equals("npy") && !format.equals("json")) {
            throw HttpFailure.badRequest("format = '" + format + "'; expected npy or json");
        }
        if (n < 1 || n > maxSamples) {
            throw HttpFailure.badRequest("n = " + n + " is outside [1, " + maxSamples + "]: the cap keeps n·d·8 bytes "
                    + "within serve --max-body");
        }
        int d = oracle.dimension();
        double[] samples = oracle.sample(t, n, seed);
        if (format.equals("npy")) {
            return Reply.npy(samples, n, d);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("t", t);
        answer.put("n", n);
        answer.put("seed", seed);
        answer.put("samples", Json.rows(samples, n, d));
        return Reply.json(answer);
    }
}
