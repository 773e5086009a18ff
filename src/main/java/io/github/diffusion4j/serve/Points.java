package io.github.diffusion4j.serve;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.diffusion4j.io.Npy;

/**
 * Points of dimension d taken from a request: an {@code .npy} array of shape (n, d), or (d,) for one point, or a JSON
 * array of n rows of d numbers (or one row of d numbers). Every value is checked finite; errors name the field, the
 * row and the column.
 *
 * @param values n·d coordinates, row-major
 * @param rows   n ≥ 1
 */
record Points(double[] values, int rows) {

    /**
     * @param array     an array parsed by {@link Npy#parse}
     * @param dimension the data's dimension d
     * @param field     names the array in messages (e.g. {@code points})
     * @return the points
     * @throws HttpFailure (400) for a wrong rank or column count, no rows, or a non-finite value
     */
    static Points of(Npy.Array array, int dimension, String field) {
        int[] shape = array.shape();
        boolean matches = shape.length == 2 ? shape[1] == dimension : shape.length == 1 && shape[0] == dimension;
        if (!matches) {
            throw HttpFailure.badRequest(field + ": shape " + Arrays.toString(shape) + " does not fit points of "
                    + "dimension d = " + dimension + "; expected (n, " + dimension + ") or (" + dimension + ",)");
        }
        int rows = shape.length == 2 ? shape[0] : 1;
        if (rows == 0) {
            throw HttpFailure.badRequest(field + ": no points (shape " + Arrays.toString(shape) + ")");
        }
        return checked(array.values(), rows, dimension, field);
    }

    /**
     * @param node      a JSON array of rows, or one row
     * @param dimension the data's dimension d
     * @param field     names the value in messages
     * @return the points
     * @throws HttpFailure (400) if the value is missing, not an array of rows of d numbers, or not finite
     */
    static Points of(JsonNode node, int dimension, String field) {
        if (node == null || node.isNull()) {
            throw HttpFailure.badRequest("missing field \"" + field + "\"");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw HttpFailure.badRequest(field + ": expected a non-empty array of points of dimension d = "
                    + dimension + ", got " + abbreviate(node));
        }
        boolean single = !node.get(0).isArray();
        int rows = single ? 1 : node.size();
        double[] values = new double[Math.multiplyExact(rows, dimension)];
        for (int i = 0; i < rows; i++) {
            JsonNode row = single ? node : node.get(i);
            String where = single ? field : field + " row " + i;
            if (!row.isArray() || row.size() != dimension) {
                throw HttpFailure.badRequest(where + ": expected " + dimension + " coordinates (the data have dimension"
                        + " d = " + dimension + "), got " + abbreviate(row));
            }
            for (int j = 0; j < dimension; j++) {
                JsonNode x = row.get(j);
                if (!x.isNumber()) {
                    throw HttpFailure.badRequest(where + ", column " + j + ": not a number: " + abbreviate(x));
                }
                values[i * dimension + j] = x.doubleValue();
            }
        }
        return checked(values, rows, dimension, field);
    }

    private static Points checked(double[] values, int rows, int dimension, String field) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw HttpFailure.badRequest(field + ": row " + i / dimension + ", column " + i % dimension + " is "
                        + values[i] + "; every coordinate must be finite");
            }
        }
        return new Points(values, rows);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
