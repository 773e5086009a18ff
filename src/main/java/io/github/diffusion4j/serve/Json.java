package io.github.diffusion4j.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON bodies: one shared, thread-safe mapper. Reading accepts {@code NaN} and {@code Infinity} tokens (Python's
 * {@code json.dumps} writes them) so that a non-finite coordinate is reported by its row and column rather than as
 * a syntax error; writing turns every non-finite number into {@code null}, keeping responses standard JSON.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /**
     * @param body   a request body
     * @param source names the body in error messages
     * @return its tree
     * @throws HttpFailure (400) with the parser's message, for malformed JSON
     */
    static JsonNode parse(byte[] body, String source) {
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw HttpFailure.badRequest(source + " is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw HttpFailure.badRequest(source + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param value a tree of maps, lists, strings and numbers
     * @return its UTF-8 JSON
     */
    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param x a number
     * @return x, or null when it is NaN or infinite
     */
    static Double number(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /**
     * @param values a vector
     * @return its entries, non-finite ones as null
     */
    static List<Double> vector(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(number(v));
        }
        return list;
    }

    /**
     * @param values  a row-major matrix
     * @param rows    its rows
     * @param columns its columns
     * @return its rows as lists, non-finite entries as null
     */
    static List<List<Double>> rows(double[] values, int rows, int columns) {
        List<List<Double>> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            List<Double> row = new ArrayList<>(columns);
            for (int j = 0; j < columns; j++) {
                row.add(number(values[i * columns + j]));
            }
            list.add(row);
        }
        return list;
    }
}
