package io.github.diffusion4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * A Gaussian mixture described by a seed and the few parameters that make mixtures hard, so that a failing case can
 * be printed, replayed exactly and shrunk. {@link #build()} is a pure function of the fields:
 * <ul>
 *   <li>weights {@code w_k ∝ 10^{−skew·k/(K−1)} (0.5 + u_k)}: the lightest component is about 10^−skew of the
 *       heaviest;</li>
 *   <li>means {@code separation · N(0, I)};</li>
 *   <li>covariances: isotropic {@code v_k I}, diagonal {@code diag(v_kj)} with v uniform in [0.05, 0.55], or full
 *       {@code Q diag(e) Qᵀ} with Q a random orthogonal matrix (QR of a Gaussian matrix) and eigenvalues
 *       log-uniformly spaced over the condition number, the largest 0.6 — a condition number of 10⁸ gives
 *       near-singular but positive definite matrices.</li>
 * </ul>
 *
 * @param seed       the seed of every random draw in {@link #build()}
 * @param dimension  d ≥ 1
 * @param components K ≥ 1
 * @param kind       covariance kind
 * @param separation scale of the means
 * @param condition  condition number of full covariances (≥ 1; ignored for the other kinds)
 * @param skew       weight skew in decades (≥ 0)
 */
public record MixtureSpec(long seed, int dimension, int components, CovarianceKind kind, double separation,
                          double condition, double skew) implements Shrinkable<MixtureSpec> {

    /**
     * @param seed       the seed of every random draw in {@link #build()}
     * @param dimension  d ≥ 1
     * @param components K ≥ 1
     * @param kind       covariance kind
     * @param separation scale of the means
     * @param condition  condition number of full covariances (≥ 1)
     * @param skew       weight skew in decades (≥ 0)
     * @throws IllegalArgumentException for d or K below 1, a negative separation or skew, or a condition number below 1
     */
    public MixtureSpec {
        if (dimension < 1 || components < 1) {
            throw new IllegalArgumentException("need d ≥ 1 and K ≥ 1, got d = " + dimension + ", K = " + components);
        }
        if (!(separation >= 0) || !(condition >= 1) || !(skew >= 0)) {
            throw new IllegalArgumentException("need separation ≥ 0, condition ≥ 1, skew ≥ 0, got " + separation
                    + ", " + condition + ", " + skew);
        }
    }

    /** @return the mixture this spec describes, the same for the same fields */
    public GaussianMixture build() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] weights = new double[components];
        double sum = 0;
        for (int k = 0; k < components; k++) {
            double decades = components == 1 ? 0 : skew * k / (components - 1);
            weights[k] = Math.pow(10, -decades) * (0.5 + rng.nextDouble());
            sum += weights[k];
        }
        for (int k = 0; k < components; k++) {
            weights[k] /= sum;
        }
        double[][] means = new double[components][dimension];
        for (double[] mean : means) {
            for (int j = 0; j < dimension; j++) {
                mean[j] = separation * normal.sample();
            }
        }
        switch (kind) {
            case ISOTROPIC: {
                double[] variances = new double[components];
                for (int k = 0; k < components; k++) {
                    variances[k] = 0.05 + 0.5 * rng.nextDouble();
                }
                return GaussianMixture.isotropic(weights, means, variances);
            }
            case DIAGONAL: {
                double[][] variances = new double[components][dimension];
                for (double[] row : variances) {
                    for (int j = 0; j < dimension; j++) {
                        row[j] = 0.05 + 0.5 * rng.nextDouble();
                    }
                }
                return GaussianMixture.diagonal(weights, means, variances);
            }
            default: {
                double[][][] covariances = new double[components][][];
                for (int k = 0; k < components; k++) {
                    covariances[k] = randomSpd(normal, dimension, 0.6, condition);
                }
                return GaussianMixture.full(weights, means, covariances);
            }
        }
    }

    /**
     * A random symmetric positive definite matrix {@code Q diag(e) Qᵀ}, eigenvalues log-uniformly spaced in
     * [scale/condition, scale], symmetrised.
     *
     * @param normal    the Gaussian source
     * @param d         the size
     * @param scale     the largest eigenvalue
     * @param condition the ratio of the largest to the smallest eigenvalue
     * @return the matrix
     */
    public static double[][] randomSpd(ZigguratSampler.NormalizedGaussian normal, int d, double scale,
                                       double condition) {
        DMatrixRMaj gaussian = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            gaussian.data[i] = normal.sample();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        qr.decompose(gaussian);
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj scaled = q.copy();
        for (int j = 0; j < d; j++) {
            double eigenvalue = d == 1 ? scale : scale * Math.pow(condition, -(double) j / (d - 1));
            for (int i = 0; i < d; i++) {
                scaled.data[i * d + j] *= eigenvalue;
            }
        }
        DMatrixRMaj spd = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, q, spd);
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = 0.5 * (spd.get(i, j) + spd.get(j, i));
            }
        }
        return out;
    }

    /**
     * Fewer components (one, then half, then one fewer), lower dimension (1, half, one fewer), an isotropic or
     * diagonal covariance instead of a full one, a condition number of 1 (which only full covariances use), no weight
     * skew, unit separation — each changing one field, same seed.
     */
    @Override
    public List<MixtureSpec> simpler() {
        List<MixtureSpec> out = new ArrayList<>();
        for (int k : new int[] {1, components / 2, components - 1}) {
            if (k >= 1 && k < components && out.stream().noneMatch(s -> s.components == k)) {
                out.add(new MixtureSpec(seed, dimension, k, kind, separation, condition, skew));
            }
        }
        for (int d : new int[] {1, dimension / 2, dimension - 1}) {
            if (d >= 1 && d < dimension && out.stream().noneMatch(s -> s.dimension == d && s.components == components)) {
                out.add(new MixtureSpec(seed, d, components, kind, separation, condition, skew));
            }
        }
        if (kind != CovarianceKind.ISOTROPIC) {
            out.add(new MixtureSpec(seed, dimension, components, CovarianceKind.ISOTROPIC, separation, condition,
                    skew));
        }
        if (kind == CovarianceKind.FULL) {
            out.add(new MixtureSpec(seed, dimension, components, CovarianceKind.DIAGONAL, separation, condition,
                    skew));
        }
        if (condition > 1) {
            out.add(new MixtureSpec(seed, dimension, components, kind, separation, 1, skew));
        }
        if (skew > 0) {
            out.add(new MixtureSpec(seed, dimension, components, kind, separation, condition, 0));
        }
        if (separation != 1) {
            out.add(new MixtureSpec(seed, dimension, components, kind, 1, condition, skew));
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "MixtureSpec(seed=%d, d=%d, K=%d, %s, separation=%s, condition=%s, "
                + "skew=%s)", seed, dimension, components, kind, separation, condition, skew);
    }

    @Override
    public String toString() {
        return describe();
    }
}
