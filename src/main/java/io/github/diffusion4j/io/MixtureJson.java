package io.github.diffusion4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.diffusion4j.mixture.GaussianMixture;

/**
 * Reads and writes Gaussian mixtures as JSON:
 * <pre>
 * {
 *   "weights":     [w_1, …, w_K],
 *   "means":       [[μ_11, …, μ_1d], …],
 *   "covariances": [[[Σ_1 row 1], …], …]      full d × d matrices, or instead
 *   "variances":   [[v_11, …, v_1d], …]        diagonal covariances, or
 *   "variances":   [v_1, …, v_K]               isotropic covariances v_k I
 * }
 * </pre>
 * Exactly one of {@code covariances} and {@code variances} must be present. Parsing uses Jackson's streaming parser
 * so that every error names the file, the line and column, and the field path (e.g. {@code means[2][1]}); NaN and
 * infinities are not JSON numbers and are rejected as such; unknown and duplicate fields are rejected. Validation of
 * the values (weights summing to 1, positive definite covariances, …) is {@link GaussianMixture}'s, with the file
 * name prefixed to its message.
 */
public final class MixtureJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Jackson's message for NaN or Infinity: "Non-standard token 'NaN': enable …", of which the token is kept. */
    private static final Pattern NON_NUMERIC = Pattern.compile("^Non-standard token ('[^']*').*$", Pattern.DOTALL);

    private MixtureJson() {
    }

    /**
     * @param file the JSON file
     * @return the mixture it describes
     * @throws InputFormatException naming file, location and field for any malformed or invalid content, or naming
     *                              the file if its bytes are not UTF-8
     * @throws UncheckedIOException if the file cannot be read
     */
    public static GaussianMixture read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InputFormatException(file + ": not UTF-8 text (JSON files are UTF-8)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mixture file " + file + ": " + IoMessages.reason(e), e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param json   the JSON text
     * @param source a name for the text in error messages (usually the file name)
     * @return the mixture
     */
    public static GaussianMixture parse(String json, String source) {
        Map<String, Node> fields = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw new InputFormatException(where(source, parser.currentTokenLocation())
                        + "expected a JSON object {\"weights\": …, \"means\": …, …}");
            }
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonLocation location = parser.currentTokenLocation();
                if (!List.of("weights", "means", "covariances", "variances").contains(name)) {
                    throw new InputFormatException(where(source, location) + "unknown field \"" + name
                            + "\" (expected weights, means, and covariances or variances)");
                }
                if (fields.containsKey(name)) {
                    throw new InputFormatException(where(source, location) + "duplicate field \"" + name + "\"");
                }
                parser.nextToken();
                fields.put(name, Node.read(parser, source, name));
            }
            if (token != JsonToken.END_OBJECT) {
                throw new InputFormatException(where(source, parser.currentTokenLocation()) + "malformed object");
            }
            if (parser.nextToken() != null) {
                throw new InputFormatException(where(source, parser.currentTokenLocation())
                        + "unexpected content after the mixture object");
            }
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage();
            throw new InputFormatException(where(source, e.getLocation()) + "invalid JSON: " + (original.contains(
                    "ALLOW_NON_NUMERIC_NUMBERS") ? NON_NUMERIC.matcher(original).replaceFirst("$1") + " is not a JSON "
                    + "number (JSON has no NaN or Infinity; every value must be a finite number)" : original), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build(fields, source);
    }

    private static GaussianMixture build(Map<String, Node> fields, String source) {
        Node weightsNode = require(fields, "weights", source);
        Node meansNode = require(fields, "means", source);
        boolean hasCovariances = fields.containsKey("covariances");
        boolean hasVariances = fields.containsKey("variances");
        if (hasCovariances == hasVariances) {
            throw new InputFormatException(source + ": give exactly one of \"covariances\" (full matrices) and "
                    + "\"variances\" (diagonal or isotropic), found " + (hasCovariances ? "both" : "neither"));
        }
        double[] weights = weightsNode.vector("weights", source);
        double[][] means = meansNode.matrix("means", source);
        try {
            if (hasCovariances) {
                Node covNode = fields.get("covariances");
                covNode.checkArray("covariances", source);
                double[][][] covariances = new double[covNode.children.size()][][];
                for (int k = 0; k < covariances.length; k++) {
                    covariances[k] = covNode.children.get(k).matrix("covariances[" + k + "]", source);
                }
                return GaussianMixture.full(weights, means, covariances);
            }
            Node varNode = fields.get("variances");
            varNode.checkArray("variances", source);
            boolean isotropic = !varNode.children.isEmpty() && varNode.children.get(0).children == null;
            if (isotropic) {
                return GaussianMixture.isotropic(weights, means, varNode.vector("variances", source));
            }
            return GaussianMixture.diagonal(weights, means, varNode.matrix("variances", source));
        } catch (InputFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static Node require(Map<String, Node> fields, String name, String source) {
        Node node = fields.get(name);
        if (node == null) {
            throw new InputFormatException(source + ": missing required field \"" + name + "\"");
        }
        return node;
    }

    private static String where(String source, JsonLocation location) {
        if (location == null) {
            return source + ": ";
        }
        return source + " line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    /**
     * Writes a mixture in the format above, every number at full precision (it parses back to the same double), its
     * covariances in the form of its {@link GaussianMixture#covarianceKind() kind}: full matrices, per-coordinate
     * variances, or one variance per component for isotropic mixtures (so that reading gives the same kind back).
     *
     * @param mixture the mixture
     * @param out     the destination. Modified.
     * @throws IOException if writing fails
     */
    public static void write(GaussianMixture mixture, Writer out) throws IOException {
        int k = mixture.components();
        int d = mixture.dimension();
        StringBuilder b = new StringBuilder("{\n  \"weights\": [");
        for (int c = 0; c < k; c++) {
            b.append(c == 0 ? "" : ", ").append(mixture.weight(c));
        }
        b.append("],\n  \"means\": [");
        for (int c = 0; c < k; c++) {
            b.append(c == 0 ? "" : ", ");
            appendVector(b, mixture.mean(c));
        }
        if (mixture.covarianceKind() == GaussianMixture.CovarianceKind.FULL) {
            b.append("],\n  \"covariances\": [");
            for (int c = 0; c < k; c++) {
                b.append(c == 0 ? "[" : ", [");
                double[][] cov = mixture.covariance(c);
                for (int i = 0; i < d; i++) {
                    b.append(i == 0 ? "" : ", ");
                    appendVector(b, cov[i]);
                }
                b.append(']');
            }
        } else if (mixture.covarianceKind() == GaussianMixture.CovarianceKind.ISOTROPIC) {
            b.append("],\n  \"variances\": [");
            for (int c = 0; c < k; c++) {
                b.append(c == 0 ? "" : ", ").append(mixture.covariance(c, 0, 0));
            }
        } else {
            b.append("],\n  \"variances\": [");
            for (int c = 0; c < k; c++) {
                b.append(c == 0 ? "" : ", ");
                double[] v = new double[d];
                for (int j = 0; j < d; j++) {
                    v[j] = mixture.covariance(c, j, j);
                }
                appendVector(b, v);
            }
        }
        b.append("]\n}\n");
        out.write(b.toString());
    }

    private static void appendVector(StringBuilder b, double[] v) {
        b.append('[');
        for (int j = 0; j < v.length; j++) {
            b.append(j == 0 ? "" : ", ").append(v[j]);
        }
        b.append(']');
    }

    /** A number or an array of nodes, with its location. */
    private static final class Node {
        final double value;
        final List<Node> children;
        final JsonLocation location;

        private Node(double value, List<Node> children, JsonLocation location) {
            this.value = value;
            this.children = children;
            this.location = location;
        }

        static Node read(JsonParser parser, String source, String path) throws IOException {
            JsonLocation location = parser.currentTokenLocation();
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return new Node(parser.getDoubleValue(), null, location);
            }
            if (token == JsonToken.START_ARRAY) {
                List<Node> children = new ArrayList<>();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    children.add(read(parser, source, path + "[" + index++ + "]"));
                }
                return new Node(Double.NaN, children, location);
            }
            throw new InputFormatException(where(source, location) + path + ": expected a number or an array, got "
                    + describe(parser));
        }

        private static String describe(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return "the string \"" + parser.getText() + "\"";
            }
            return token == null ? "end of input" : parser.getText();
        }

        void checkArray(String path, String source) {
            if (children == null) {
                throw new InputFormatException(where(source, location) + path + ": expected an array, got the number "
                        + value);
            }
        }

        double number(String path, String source) {
            if (children != null) {
                throw new InputFormatException(where(source, location) + path + ": expected a number, got an array");
            }
            return value;
        }

        double[] vector(String path, String source) {
            checkArray(path, source);
            double[] out = new double[children.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = children.get(i).number(path + "[" + i + "]", source);
            }
            return out;
        }

        double[][] matrix(String path, String source) {
            checkArray(path, source);
            double[][] out = new double[children.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = children.get(i).vector(path + "[" + i + "]", source);
            }
            return out;
        }
    }
}
