package io.github.diffusion4j.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;

/**
 * {@code GET /v1/info}: what the server serves, as JSON — {@code data} (the name), {@code dimension} d,
 * {@code components} K, {@code covariance_kind}, {@code weights}, the component {@code means} (K × d) and
 * {@code covariances} (K × d × d; null when K·d² exceeds {@value #MAX_COVARIANCE_ENTRIES}), the data's overall
 * {@code mean} and {@code covariance} (so a client has p_t's moments as α m and α² Σ + σ² I), {@code schedule}
 * (name and time domain), the {@code quantities} of {@code /v1/eval}, the {@code limits} and the {@code version}.
 * The answer is computed once.
 */
final class InfoEndpoint implements Endpoint {

    /** Largest K·d² for which the component covariances are listed. */
    static final int MAX_COVARIANCE_ENTRIES = 1 << 16;

    private final byte[] body;

    /**
     * @param oracle  the exact answers
     * @param maxBody the request body limit
     * @param version the server's version line
     */
    InfoEndpoint(Oracle oracle, int maxBody, String version) {
        GaussianMixture mixture = oracle.mixture();
        int d = mixture.dimension();
        int k = mixture.components();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("data", oracle.name());
        info.put("dimension", d);
        info.put("components", k);
        info.put("covariance_kind", mixture.covarianceKind().name().toLowerCase(java.util.Locale.ROOT));
        info.put("weights", Json.vector(mixture.weights()));
        List<List<Double>> means = new ArrayList<>();
        List<List<List<Double>>> covariances = (long) k * d * d <= MAX_COVARIANCE_ENTRIES ? new ArrayList<>() : null;
        for (int c = 0; c < k; c++) {
            means.add(Json.vector(mixture.mean(c)));
            if (covariances != null) {
                covariances.add(Json.rows(covariance(mixture, c), d, d));
            }
        }
        info.put("means", means);
        info.put("covariances", covariances);
        double[] mean = new double[d];
        double[] covariance = new double[d * d];
        moments(mixture, mean, covariance);
        info.put("mean", Json.vector(mean));
        info.put("covariance", Json.rows(covariance, d, d));
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("name", oracle.schedule().name());
        schedule.put("t_min", oracle.schedule().tMin());
        schedule.put("t_max", oracle.schedule().tMax());
        info.put("schedule", schedule);
        info.put("quantities", Quantity.NAMES);
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("max_body_bytes", maxBody);
        limits.put("max_json_bytes", Math.min(maxBody, Request.JSON_LIMIT));
        limits.put("max_samples", SampleEndpoint.maxSamples(maxBody, d));
        info.put("limits", limits);
        info.put("version", version);
        this.body = Json.bytes(info);
    }

    @Override
    public Reply handle(Request request) {
        request.allowOnly(List.of());
        return new Reply(200, Reply.JSON, body);
    }

    private static double[] covariance(GaussianMixture mixture, int component) {
        int d = mixture.dimension();
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[i * d + j] = mixture.covariance(component, i, j);
            }
        }
        return c;
    }

    /** The mixture's mean Σ w_k μ_k and covariance Σ w_k (Σ_k + (μ_k − m)(μ_k − m)ᵀ). */
    private static void moments(GaussianMixture mixture, double[] mean, double[] covariance) {
        int d = mixture.dimension();
        for (int c = 0; c < mixture.components(); c++) {
            double[] mu = mixture.mean(c);
            for (int i = 0; i < d; i++) {
                mean[i] += mixture.weight(c) * mu[i];
            }
        }
        for (int c = 0; c < mixture.components(); c++) {
            double[] mu = mixture.mean(c);
            double w = mixture.weight(c);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    covariance[i * d + j] += w * (mixture.covariance(c, i, j) + (mu[i] - mean[i]) * (mu[j] - mean[j]));
                }
            }
        }
    }
}
