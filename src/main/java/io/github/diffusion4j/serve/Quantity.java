package io.github.diffusion4j.serve;

import java.util.Arrays;
import java.util.List;

import io.github.diffusion4j.mixture.MixtureMarginal;

/**
 * The exact quantities {@code POST /v1/eval} answers, under the names of the {@code eval} command, each computed by
 * the same {@link MixtureMarginal} method as {@code eval} calls, so that the server's answers are bit-identical to the
 * command line's.
 */
enum Quantity {
    LOG_DENSITY("log-density"),
    SCORE("score"),
    POSTERIOR_MEAN("posterior-mean"),
    DIVERGENCE("divergence"),
    RESPONSIBILITIES("responsibilities"),
    VELOCITY("velocity"),
    EPS("eps"),
    X0("x0"),
    V("v");

    /** The names, in the order of {@code eval --help}. */
    static final List<String> NAMES = Arrays.stream(values()).map(q -> q.label).toList();

    private final String label;

    Quantity(String label) {
        this.label = label;
    }

    /** @return the quantity's name on the command line and in requests */
    String label() {
        return label;
    }

    /**
     * @param name a quantity's name
     * @return the quantity
     * @throws IllegalArgumentException naming the value and listing the valid names
     */
    static Quantity byName(String name) {
        for (Quantity q : values()) {
            if (q.label.equals(name)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quantity '" + name + "'; expected one of " + NAMES);
    }

    /**
     * @param dimension  the data's dimension d
     * @param components the mixture's components K
     * @return values per point: 1 for the scalar quantities, K for the responsibilities, d otherwise
     */
    int width(int dimension, int components) {
        return switch (this) {
            case LOG_DENSITY, DIVERGENCE -> 1;
            case RESPONSIBILITIES -> components;
            default -> dimension;
        };
    }

    /**
     * @param marginal the marginal, already at the request's time
     * @param z        n points, row-major, finite
     * @param n        number of points
     * @param out      receives n × {@link #width} values, row-major
     */
    void evaluate(MixtureMarginal marginal, double[] z, int n, double[] out) {
        switch (this) {
            case LOG_DENSITY -> marginal.logDensity(z, n, out);
            case SCORE -> marginal.score(z, n, out);
            case POSTERIOR_MEAN, X0 -> marginal.posteriorMean(z, n, out);
            case DIVERGENCE -> marginal.divergence(z, n, out);
            case RESPONSIBILITIES -> marginal.responsibilities(z, n, out);
            case VELOCITY -> marginal.velocity(z, n, out);
            case EPS -> marginal.noisePrediction(z, n, out);
            case V -> marginal.vPrediction(z, n, out);
            default -> throw new IllegalStateException(label);
        }
    }
}
