package io.github.diffusion4j.mixture;

import java.util.List;

/**
 * The built-in data problems, by name (part of the command-line contract):
 * <ul>
 *   <li>{@code bimodal1d}: d = 1, weights 0.3/0.7, means −2 and 2, variances 0.25 and 0.5;</li>
 *   <li>{@code ring8}: d = 2, eight equal-weight isotropic Gaussians (variance 0.04) on the circle of radius 3 —
 *       neighbouring modes are 2.3 apart, 11 standard deviations;</li>
 *   <li>{@code gauss2}: d = 2, a single correlated Gaussian, mean (1, −0.5), covariance [[1, 0.6], [0.6, 0.5]] — every
 *       solver's output law is exactly Gaussian here;</li>
 *   <li>{@code mixture8d}: d = 8, four full-covariance components with unequal weights 0.4/0.3/0.2/0.1, means
 *       ±1.5 on pairs of axes and covariances {@code 0.3 I + 0.2 u_k u_kᵀ} with distinct directions u_k.</li>
 * </ul>
 */
public final class BuiltinMixtures {

    /** Accepted names, in a stable order. */
    public static final List<String> NAMES = List.of("bimodal1d", "ring8", "gauss2", "mixture8d");

    private BuiltinMixtures() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @return the mixture
     * @throws IllegalArgumentException naming the unknown value and listing the valid ones
     */
    public static GaussianMixture byName(String name) {
        switch (name) {
            case "bimodal1d":
                return bimodal1d();
            case "ring8":
                return ring8();
            case "gauss2":
                return gauss2();
            case "mixture8d":
                return mixture8d();
            default:
                throw new IllegalArgumentException("unknown data problem '" + name + "'; expected one of " + NAMES);
        }
    }

    /** @return the 1-D bimodal mixture */
    public static GaussianMixture bimodal1d() {
        return GaussianMixture.isotropic(new double[] {0.3, 0.7}, new double[][] {{-2}, {2}},
                new double[] {0.25, 0.5});
    }

    /** @return the 2-D ring of 8 Gaussians */
    public static GaussianMixture ring8() {
        double[] weights = new double[8];
        double[][] means = new double[8][];
        double[] variances = new double[8];
        for (int k = 0; k < 8; k++) {
            double angle = 2 * Math.PI * k / 8;
            weights[k] = 0.125;
            means[k] = new double[] {3 * Math.cos(angle), 3 * Math.sin(angle)};
            variances[k] = 0.04;
        }
        return GaussianMixture.isotropic(weights, means, variances);
    }

    /** @return the 2-D correlated Gaussian */
    public static GaussianMixture gauss2() {
        return GaussianMixture.full(new double[] {1}, new double[][] {{1, -0.5}},
                new double[][][] {{{1, 0.6}, {0.6, 0.5}}});
    }

    /** @return the 8-D full-covariance mixture with unequal weights */
    public static GaussianMixture mixture8d() {
        int d = 8;
        double[] weights = {0.4, 0.3, 0.2, 0.1};
        double[][] means = new double[4][d];
        double[][][] covariances = new double[4][d][d];
        for (int k = 0; k < 4; k++) {
            means[k][2 * k] = k % 2 == 0 ? 1.5 : -1.5;
            means[k][2 * k + 1] = k < 2 ? 1.5 : -1.5;
            double[] u = new double[d];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                u[j] = Math.cos(1.3 * (k + 1) * (j + 1));
                norm += u[j] * u[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    covariances[k][i][j] = 0.2 * u[i] * u[j] / norm + (i == j ? 0.3 : 0.0);
                }
            }
        }
        return GaussianMixture.full(weights, means, covariances);
    }
}
