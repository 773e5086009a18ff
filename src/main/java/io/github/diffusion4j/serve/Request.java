package io.github.diffusion4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import io.github.diffusion4j.io.Npy;

/**
 * One request as the endpoints see it: its query parameters (each at most once, unknown names refused), its
 * content type and a size-limited body. Every refusal is an {@link HttpFailure} (400) naming the parameter or the
 * limit.
 */
final class Request {

    /** The largest JSON body, in bytes (or {@code --max-body} if smaller): JSON is for small requests. */
    static final int JSON_LIMIT = 1 << 20;

    private final HttpExchange exchange;
    private final Map<String, String> query;
    private final int maxBody;

    /**
     * @param exchange the exchange
     * @param maxBody  the largest body accepted, in bytes
     * @throws HttpFailure (400) if the query string is malformed or repeats a parameter
     */
    Request(HttpExchange exchange, int maxBody) {
        this.exchange = exchange;
        this.maxBody = maxBody;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (parameters.put(name, value) != null) {
                throw HttpFailure.badRequest("query parameter '" + name + "' is given more than once");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpFailure.badRequest("malformed query string near '" + text + "': " + e.getMessage());
        }
    }

    /**
     * @param names the parameters the endpoint knows
     * @throws HttpFailure (400) naming the first other parameter and listing the known ones
     */
    void allowOnly(List<String> names) {
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                throw HttpFailure.badRequest("unknown query parameter '" + name + "'; expected "
                        + (names.isEmpty() ? "none" : "only " + names));
            }
        }
    }

    /**
     * @param name a parameter
     * @return its value, or null if absent
     */
    String parameter(String name) {
        return query.get(name);
    }

    /**
     * @param name a parameter that must be present
     * @return its value as a double
     * @throws HttpFailure (400) if it is missing or not a number
     */
    double requireDouble(String name) {
        return toDouble(name, require(name));
    }

    /**
     * @param name a parameter that must be present
     * @return its value as an int
     * @throws HttpFailure (400) if it is missing or not an integer
     */
    int requireInt(String name) {
        String value = require(name);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw HttpFailure.badRequest("query parameter " + name + " = '" + value + "' is not an integer below 2^31");
        }
    }

    /**
     * @param name     a parameter
     * @param fallback its value when absent
     * @return its value as a long
     * @throws HttpFailure (400) if it is present and not an integer
     */
    long optionalLong(String name, long fallback) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw HttpFailure.badRequest("query parameter " + name + " = '" + value + "' is not a 64-bit integer");
        }
    }

    /**
     * @param name     a parameter
     * @param fallback its value when absent
     * @return its value as a double
     * @throws HttpFailure (400) if it is present and not a number
     */
    double optionalDouble(String name, double fallback) {
        String value = query.get(name);
        return value == null ? fallback : toDouble(name, value);
    }

    private String require(String name) {
        String value = query.get(name);
        if (value == null) {
            throw HttpFailure.badRequest("missing query parameter " + name);
        }
        return value;
    }

    private static double toDouble(String name, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw HttpFailure.badRequest("query parameter " + name + " = '" + value + "' is not a number");
        }
    }

    /**
     * @return the media type of the body, lower case and without parameters ({@code application/json}), or the empty
     *         string when the request has none
     */
    String contentType() {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the whole body, refusing it before reading anything when its declared {@code Content-Length} exceeds the
     * limit, and stopping after {@code limit + 1} bytes when it has none (chunked), so that no body larger than the
     * limit is ever held in memory.
     *
     * @param limit the largest body accepted here, in bytes, at most the server's {@code --max-body}
     * @return the body
     * @throws HttpFailure (400) naming the size and the limit
     * @throws IOException if the connection fails
     */
    byte[] body(int limit) throws IOException {
        int cap = Math.min(limit, maxBody);
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw HttpFailure.badRequest("Content-Length '" + declared + "' is not a number");
            }
            if (length > cap) {
                throw tooLarge(Long.toString(length), cap);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(cap + 1);
            if (body.length > cap) {
                throw tooLarge("more than " + cap, cap);
            }
            return body;
        }
    }

    /**
     * @return whether the body is JSON ({@code application/json}) rather than an {@code .npy} array
     *         ({@code application/x-npy} or {@code application/octet-stream})
     * @throws HttpFailure (400) for any other or a missing content type
     */
    boolean isJson() {
        String type = contentType();
        if (type.equals(Reply.JSON)) {
            return true;
        }
        if (type.equals(Reply.NPY) || type.equals("application/octet-stream")) {
            return false;
        }
        throw HttpFailure.badRequest("Content-Type '" + type + "' is not supported; send " + Reply.NPY
                + " (an .npy array) or " + Reply.JSON);
    }

    /**
     * @return the body parsed as an {@code .npy} array, at most {@code --max-body} bytes; the header's shape is
     *         checked against the body's length before the array is allocated
     * @throws HttpFailure (400) if it is too large
     * @throws IllegalArgumentException with {@link Npy#parse}'s message if it is malformed
     * @throws IOException if the connection fails
     */
    Npy.Array npyBody() throws IOException {
        return Npy.parse(body(maxBody), "request body (.npy)");
    }

    /**
     * @param fields the fields the endpoint knows
     * @return the body parsed as a JSON object, at most {@link #JSON_LIMIT} bytes
     * @throws HttpFailure (400) if it is too large, malformed, not an object, or has another field
     * @throws IOException if the connection fails
     */
    JsonNode jsonBody(List<String> fields) throws IOException {
        JsonNode node = Json.parse(body(JSON_LIMIT), "request body");
        if (!node.isObject()) {
            throw HttpFailure.badRequest("request body: expected a JSON object with the fields " + fields);
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw HttpFailure.badRequest("request body: unknown field \"" + name + "\"; expected " + fields);
            }
        }
        return node;
    }

    private HttpFailure tooLarge(String size, int cap) {
        return HttpFailure.badRequest("request body of " + size + " bytes exceeds the limit of " + cap + " bytes"
                + (cap < maxBody ? " for JSON (send .npy for larger requests)" : " (serve --max-body)"));
    }
}
