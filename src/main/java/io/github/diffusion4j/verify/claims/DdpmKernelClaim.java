package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.DiscreteChain;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T11, agreement of the two forms of the DDPM reverse mean: with the exact posterior mean {@code x̂₀ = E[x₀ | x_k]}
 * (by conditioning) plugged into the chain's posterior mean
 * {@code μ̃_k(x_k, x₀) = √ᾱ_{k−1} β_k/(1 − ᾱ_k) x₀ + √α_k (1 − ᾱ_{k−1})/(1 − ᾱ_k) x_k},
 * <pre>
 *   μ̃_k(x_k, x̂₀) = (x_k + β_k ∇log q_k(x_k)) / √α_k,     α_k = 1 − β_k
 * </pre>
 * (Ho et al. 2020, eqs. 7 and 11; docs/THEORY.md T11). Derivation: Tweedie gives {@code x̂₀ = (x_k + (1 − ᾱ_k) s)/√ᾱ_k};
 * substituting, the coefficient of x_k is {@code (α_k(1 − ᾱ_{k−1}) + β_k)/(√α_k (1 − ᾱ_k)) = 1/√α_k} because
 * {@code ᾱ_k = α_k ᾱ_{k−1}}, and that of s is {@code β_k/√α_k}. The identity therefore ties the chain's coefficients
 * (ᾱ, β and their indexing) to the exact marginal of step k: checked at every step k = 1 … K of the context's chain
 * on the three problems, at 20 exact samples of q_k each, through the chain's continuous-time view (its marginals at
 * t_k are exactly those of the chain).
 *
 * <p>Tolerance 10⁻¹⁰ of the magnitude of the terms: both sides are exact up to rounding, a few ε amplified by the
 * conditioning of the component covariances (≤ 10³ here) and by 1/(1 − ᾱ_1) = 10⁴ in the coefficients at k = 1, so
 * ~10⁻¹²; an ᾱ index off by one changes the x_k coefficient by (β_{k+1} − β_k)/β_k ≥ 2·10⁻³ relative.
 */
final class DdpmKernelClaim extends BaseClaim {

    static final double TOLERANCE = 1e-10;
    private static final int SAMPLES = 20;

    DdpmKernelClaim() {
        super("T11", "μ̃_k(x_k, E[x₀|x_k]) = (x_k + β_k ∇log q_k(x_k))/√α_k at every step of the DDPM chain",
                "Ho et al. 2020, eqs. 7 and 11; docs/THEORY.md T11");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        DiscreteChain chain = context.chain();
        NoiseSchedule schedule = chain.continuousTime();
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            GroundTruth truth = context.groundTruth(problem.getValue(), schedule);
            int d = problem.getValue().dimension();
            double[] score = new double[SAMPLES * d];
            double[] mean = new double[SAMPLES * d];
            double worst = 0;
            int worstStep = 0;
            for (int k = 1; k <= chain.steps(); k++) {
                double t = chain.time(k);
                double[] x = truth.sample(t, SAMPLES, context.seed() + 11 + k);
                truth.score(t, x, SAMPLES, score);
                truth.posteriorMean(t, x, SAMPLES, mean);
                double beta = chain.beta(k);
                double rootAlpha = Math.sqrt(1 - beta);
                double c0 = chain.posteriorMeanCoefficientX0(k);
                double ck = chain.posteriorMeanCoefficientXk(k);
                for (int i = 0; i < SAMPLES * d; i++) {
                    double kernel = c0 * mean[i] + ck * x[i];
                    double scoreForm = (x[i] + beta * score[i]) / rootAlpha;
                    double scale = Math.abs(c0 * mean[i]) + Math.abs(ck * x[i])
                            + (Math.abs(x[i]) + beta * Math.abs(score[i])) / rootAlpha;
                    double residual = Math.abs(kernel - scoreForm) / scale;
                    if (!(residual <= worst)) {
                        worst = residual;
                        worstStep = k;
                    }
                }
            }
            checks.add(Check.atMost(problem.getKey() + " / k = 1…" + chain.steps() + " (worst at k = " + worstStep
                    + ")", worst, TOLERANCE));
        }
        return worst(checks, "max relative residual", TOLERANCE);
    }
}
