package io.github.diffusion4j.verify;

import java.util.function.BiFunction;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.DifferentiableScoreModel;
import io.github.diffusion4j.score.MixtureScoreModel;

/**
 * Deliberately broken ground truths, each with one bug a real implementation could have, for showing that the
 * verification catalogue catches them. Every other quantity is the exact one.
 */
public final class BrokenGroundTruths {

    private BrokenGroundTruths() {
    }

    /**
     * The marginal covariance {@code α Σ_k + σ² I} instead of {@code α² Σ_k + σ² I} in every density-derived quantity
     * (log-density, score, Hessian, posterior mean, velocities — and the score model solvers see), while exact samples
     * of p_t still come from the forward process {@code α x₀ + σ ε}. Modelled as the exact marginal of the mixture
     * with covariances {@code Σ_k/α(t)}, which has that covariance.
     *
     * @return the factory for the context
     */
    public static BiFunction<GaussianMixture, NoiseSchedule, GroundTruth> covarianceScaledByAlpha() {
        return CovarianceScaledByAlpha::new;
    }

    /**
     * The posterior mean with the sign of the correction flipped: per component {@code μ_k − α Σ_k C_k⁻¹(z − α μ_k)}
     * instead of {@code μ_k + …}, i.e. {@code 2 Σ_k r_k μ_k − E[x₀|z]}.
     *
     * @return the factory for the context
     */
    public static BiFunction<GaussianMixture, NoiseSchedule, GroundTruth> posteriorMeanSignError() {
        return (mixture, schedule) -> new Forwarding(new ExactGroundTruth(mixture, schedule)) {
            @Override
            public void posteriorMean(double t, double[] z, int n, double[] out) {
                super.posteriorMean(t, z, n, out);
                int k = mixture.components();
                int d = mixture.dimension();
                double[] r = new double[n * k];
                responsibilities(t, z, n, r);
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < d; a++) {
                        double prior = 0;
                        for (int c = 0; c < k; c++) {
                            prior += r[i * k + c] * mixture.mean(c)[a];
                        }
                        out[i * d + a] = 2 * prior - out[i * d + a];
                    }
                }
            }
        };
    }

    /**
     * The probability-flow velocity {@code f z − g² ∇log p_t} instead of {@code f z − ½ g² ∇log p_t}.
     *
     * @return the factory for the context
     */
    public static BiFunction<GaussianMixture, NoiseSchedule, GroundTruth> velocityMissingHalf() {
        return (mixture, schedule) -> new Forwarding(new ExactGroundTruth(mixture, schedule)) {
            @Override
            public void velocity(double t, double[] z, int n, double[] out) {
                int d = mixture.dimension();
                double[] score = new double[n * d];
                score(t, z, n, score);
                double f = schedule.drift(t);
                double g2 = schedule.diffusionSquared(t);
                for (int i = 0; i < n * d; i++) {
                    out[i] = f * z[i] - g2 * score[i];
                }
            }
        };
    }

    /** Delegates everything; variants override the broken method. */
    private static class Forwarding implements GroundTruth {
        private final GroundTruth exact;

        Forwarding(GroundTruth exact) {
            this.exact = exact;
        }

        @Override
        public GaussianMixture mixture() {
            return exact.mixture();
        }

        @Override
        public NoiseSchedule schedule() {
            return exact.schedule();
        }

        @Override
        public DifferentiableScoreModel scoreModel() {
            return exact.scoreModel();
        }

        @Override
        public void logDensity(double t, double[] z, int n, double[] out) {
            exact.logDensity(t, z, n, out);
        }

        @Override
        public void score(double t, double[] z, int n, double[] out) {
            exact.score(t, z, n, out);
        }

        @Override
        public void hessian(double t, double[] z, int n, double[] out) {
            exact.hessian(t, z, n, out);
        }

        @Override
        public void divergence(double t, double[] z, int n, double[] out) {
            exact.divergence(t, z, n, out);
        }

        @Override
        public void posteriorMean(double t, double[] z, int n, double[] out) {
            exact.posteriorMean(t, z, n, out);
        }

        @Override
        public void responsibilities(double t, double[] z, int n, double[] out) {
            exact.responsibilities(t, z, n, out);
        }

        @Override
        public void componentScore(int k, double t, double[] z, int n, double[] out) {
            exact.componentScore(k, t, z, n, out);
        }

        @Override
        public void velocity(double t, double[] z, int n, double[] out) {
            exact.velocity(t, z, n, out);
        }

        @Override
        public void flowVelocity(double t, double[] z, int n, double[] out) {
            exact.flowVelocity(t, z, n, out);
        }

        @Override
        public double[] sample(double t, int n, long seed) {
            return exact.sample(t, n, seed);
        }
    }

    /** See {@link #covarianceScaledByAlpha()}. */
    private static final class CovarianceScaledByAlpha extends ExactGroundTruth {
        private final GaussianMixture mixture;
        private final NoiseSchedule schedule;

        CovarianceScaledByAlpha(GaussianMixture mixture, NoiseSchedule schedule) {
            super(mixture, schedule);
            this.mixture = mixture;
            this.schedule = schedule;
        }

        /** The mixture whose exact marginal at t has covariances α Σ_k + σ² I. */
        private GaussianMixture broken(double t) {
            double alpha = schedule.alpha(t);
            if (alpha == 0) {
                return mixture;
            }
            int k = mixture.components();
            double[][] means = new double[k][];
            double[][][] covariances = new double[k][][];
            for (int c = 0; c < k; c++) {
                means[c] = mixture.mean(c);
                covariances[c] = mixture.covariance(c);
                for (double[] row : covariances[c]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] /= alpha;
                    }
                }
            }
            return GaussianMixture.full(mixture.weights(), means, covariances);
        }

        @Override
        protected MixtureMarginal marginalAt(double t) {
            return broken(t).marginal().setTime(schedule, t);
        }

        @Override
        public DifferentiableScoreModel scoreModel() {
            return new DifferentiableScoreModel() {
                @Override
                public int dimension() {
                    return mixture.dimension();
                }

                @Override
                public void score(double t, double[] z, int from, int to, double[] out) {
                    new MixtureScoreModel(broken(t), schedule).score(t, z, from, to, out);
                }

                @Override
                public void jacobian(double t, double[] z, int from, int to, double[] out) {
                    new MixtureScoreModel(broken(t), schedule).jacobian(t, z, from, to, out);
                }
            };
        }
    }
}
