package io.github.diffusion4j.serve;

import io.github.diffusion4j.io.Npy;

/**
 * A complete HTTP response: status, content type and body, built in memory before anything is sent (so a failure
 * while computing it can still become a clean error response).
 *
 * @param status      the HTTP status
 * @param contentType the body's media type
 * @param body        the body
 */
record Reply(int status, String contentType, byte[] body) {

    /** The media type of {@code .npy} bodies, in requests and responses. */
    static final String NPY = "application/x-npy";
    /** The media type of JSON bodies. */
    static final String JSON = "application/json";

    /**
     * @param value a tree of maps, lists, strings and numbers (non-finite numbers already replaced by null)
     * @return a 200 response with the value as JSON
     */
    static Reply json(Object value) {
        return new Reply(200, JSON, Json.bytes(value));
    }

    /**
     * @param values  n × width values, row-major
     * @param rows    n
     * @param columns width
     * @return a 200 response with a float64 {@code .npy} array of shape (n, width)
     */
    static Reply npy(double[] values, int rows, int columns) {
        return new Reply(200, NPY, Npy.bytes(values, rows, columns));
    }

    /**
     * @param status  the HTTP status
     * @param message one line, naming the bad value
     * @return the response {@code {"error": message}}
     */
    static Reply error(int status, String message) {
        return new Reply(status, JSON, Json.bytes(java.util.Map.of("error", message)));
    }
}
