package io.github.diffusion4j.estimate;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.MixtureMarginal;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.ScoreModel;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The two data-dependent terms of the Girsanov bound for the reverse SDE (Chen et al. 2023; docs/THEORY.md T16),
 * <pre>
 *   KL(p_{t_min} ‖ p̂) ≤ KL(p_T ‖ π) + ½ ∫_{t_min}^{T} g² E_{p_t} ‖s_θ − ∇ log p_t‖² dt + (discretisation),
 * </pre>
 * computed with exact ingredients for Gaussian-mixture data:
 * <ul>
 *   <li>the <em>initialisation error</em> {@code KL(p_T ‖ π) = E_{p_T}[log p_T − log π]}, a Monte Carlo mean over exact
 *       samples of p_T with the exact log p_T;</li>
 *   <li>the <em>score error</em>, rewritten with {@code g² = −σ² dλ/dt} as {@code ½ ∫ σ² E_{p_t}‖s_θ − ∇log p_t‖² dλ}
 *       over λ ∈ [λ(T), λ(t_min)] — smooth and bounded in λ even where g² grows without bound (VE) — by
 *       Gauss–Legendre quadrature in λ (Hipparchus) with independent exact samples of p_t at every node; the node
 *       variances add up to the estimate's standard error. The quadrature error is not in the interval: with 32 nodes
 *       it was below 10⁻⁸ relative on the smooth integrands of the tests (compare two node counts to check yours).</li>
 * </ul>
 * The discretisation term is solver- and grid-specific; on Gaussian data it is measured exactly with
 * {@link ExactSolverLaw}.
 */
public final class ErrorDecomposition {

    private ErrorDecomposition() {
    }

    /**
     * @param data       the data distribution
     * @param schedule   the forward process
     * @param tMax       the time T the sampler starts from
     * @param prior      log π, the sampler's starting density
     * @param n          Monte Carlo samples, ≥ 2
     * @param seed       seed
     * @param confidence level of the interval
     * @return KL(p_T ‖ π)
     */
    public static Estimate initialization(GaussianMixture data, NoiseSchedule schedule, double tMax,
                                          BatchLogDensity prior, int n, long seed, double confidence) {
        MixtureMarginal marginal = data.marginal().setTime(schedule, tMax);
        double[] z = data.sampleMarginal(schedule, tMax, RandomSource.XO_RO_SHI_RO_128_PP.create(seed), n);
        double[] logP = new double[n];
        double[] logPrior = new double[n];
        marginal.logDensity(z, n, logP);
        prior.logDensity(z, n, logPrior);
        for (int i = 0; i < n; i++) {
            logP[i] -= logPrior[i];
        }
        return Estimate.ofMean(logP, confidence);
    }

    /**
     * @param data       the data distribution
     * @param schedule   the forward process
     * @param model      the score model s_θ on that schedule
     * @param tMin       the sampler's final time (finite λ)
     * @param tMax       the sampler's first time (finite λ)
     * @param nodes      Gauss–Legendre nodes in λ, ≥ 1
     * @param n          exact samples of p_t per node, ≥ 2
     * @param seed       seed
     * @param confidence level of the interval
     * @return ½ ∫ g² E‖s_θ − ∇ log p_t‖² dt
     */
    public static Estimate scoreError(GaussianMixture data, NoiseSchedule schedule, ScoreModel model, double tMin,
                                      double tMax, int nodes, int n, long seed, double confidence) {
        double lambdaLow = schedule.logSnr(tMax);
        double lambdaHigh = schedule.logSnr(tMin);
        if (!Double.isFinite(lambdaLow) || !Double.isFinite(lambdaHigh) || !(lambdaHigh > lambdaLow)) {
            throw new IllegalArgumentException("the score-error integral needs finite λ at t_min = " + tMin
                    + " and T = " + tMax + " with t_min < T, got λ = " + lambdaHigh + " and " + lambdaLow);
        }
        if (nodes < 1 || n < 2) {
            throw new IllegalArgumentException("need ≥ 1 node and ≥ 2 samples per node, got " + nodes + " and " + n);
        }
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(nodes, lambdaLow, lambdaHigh);
        int d = data.dimension();
        MixtureMarginal marginal = data.marginal();
        double[] exact = new double[n * d];
        double[] approximate = new double[n * d];
        double total = 0;
        double variance = 0;
        for (int j = 0; j < rule.getNumberOfPoints(); j++) {
            double t = schedule.inverseLogSnr(rule.getPoint(j));
            marginal.setTime(schedule, t);
            double[] z = data.sampleMarginal(schedule, t, RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 7919L * (j + 1)),
                    n);
            marginal.score(z, n, exact);
            model.score(t, z, 0, n, approximate);
            double[] squared = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int a = 0; a < d; a++) {
                    double diff = approximate[i * d + a] - exact[i * d + a];
                    sum += diff * diff;
                }
                squared[i] = sum;
            }
            Estimate mean = Estimate.ofMean(squared, confidence);
            double sigma = marginal.sigma();
            double factor = 0.5 * rule.getWeight(j) * sigma * sigma;
            total += factor * mean.value();
            variance += factor * factor * mean.standardError() * mean.standardError();
        }
        return Estimate.normal(total, Math.sqrt(variance), confidence);
    }
}
