package io.github.diffusion4j.verify.claims;

import io.github.diffusion4j.estimate.GaussianLaw;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Two correlated, anisotropic Gaussian laws P and Q in d = 2 (and a pair on the line) with known divergences, for the
 * calibration claims. Each law exists twice, along routes that share no code: as a one-component
 * {@link GaussianMixture} (samples and log-densities, the Monte Carlo route) and as a {@link GaussianLaw}
 * (closed-form KL, the exact route). Unequal means, variances and correlations of opposite sign make every term of
 * the Gaussian KL — trace, log-determinant, Mahalanobis — contribute.
 */
final class GaussianPair {

    static final double[] MEAN_P = {0.3, -0.2};
    static final double[][] COVARIANCE_P = {{1.2, 0.5}, {0.5, 0.8}};
    static final double[] MEAN_Q = {0, 0};
    static final double[][] COVARIANCE_Q = {{1, -0.3}, {-0.3, 0.6}};

    private final boolean identical;
    private final GaussianMixture p;
    private final GaussianMixture q;
    private final GaussianLaw lawP;
    private final GaussianLaw lawQ;

    private GaussianPair(boolean identical, double[] meanP, double[][] covarianceP, double[] meanQ,
            double[][] covarianceQ) {
        this.identical = identical;
        this.p = GaussianMixture.full(new double[] {1}, new double[][] {meanP}, new double[][][] {covarianceP});
        this.q = GaussianMixture.full(new double[] {1}, new double[][] {meanQ}, new double[][][] {covarianceQ});
        this.lawP = new GaussianLaw(meanP, flat(covarianceP));
        this.lawQ = new GaussianLaw(meanQ, flat(covarianceQ));
    }

    /** @return P ≠ Q as above */
    static GaussianPair distinct() {
        return new GaussianPair(false, MEAN_P, COVARIANCE_P, MEAN_Q, COVARIANCE_Q);
    }

    /** @return P = N(0.4, 1.5) ≠ Q = N(0, 1) on the line, where an estimator's dimension-dependent terms differ */
    static GaussianPair distinctOnTheLine() {
        return new GaussianPair(false, new double[] {0.4}, new double[][] {{1.5}}, new double[] {0},
                new double[][] {{1}});
    }

    /** @return P = Q = the P above */
    static GaussianPair equal() {
        return new GaussianPair(true, MEAN_P, COVARIANCE_P, MEAN_P, COVARIANCE_P);
    }

    /** @return whether P = Q */
    boolean identical() {
        return identical;
    }

    /** @return "P = Q" or "P ≠ Q", with the dimension */
    String name() {
        return (identical ? "P = Q" : "P ≠ Q") + " (d = " + p.dimension() + ")";
    }

    /** @return P along the mixture route */
    GaussianMixture p() {
        return p;
    }

    /** @return Q along the mixture route */
    GaussianMixture q() {
        return q;
    }

    /** @return KL(P ‖ Q) in closed form ({@link GaussianLaw#klDivergenceTo}) */
    double klDivergence() {
        return lawP.klDivergenceTo(lawQ);
    }

    /**
     * @param law  P or Q (mixture route)
     * @param n    number of samples
     * @param seed the seed
     * @return n samples of the law, row-major
     */
    static double[] sample(GaussianMixture law, int n, long seed) {
        double[] out = new double[n * law.dimension()];
        law.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), n, out, new int[n]);
        return out;
    }

    /**
     * @param law the law (mixture route)
     * @param x   n points, row-major
     * @param n   number of points
     * @param out receives the log-densities. Modified.
     */
    static void logDensity(GaussianMixture law, double[] x, int n, double[] out) {
        MixtureMarginal marginal = law.marginal().setAlphaSigma(1, 0);
        marginal.logDensity(x, n, out);
    }

    private static double[] flat(double[][] matrix) {
        int d = matrix.length;
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(matrix[i], 0, out, i * d, d);
        }
        return out;
    }
}
