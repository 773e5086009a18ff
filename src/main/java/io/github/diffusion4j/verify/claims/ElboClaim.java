package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.diffusion4j.estimate.Estimate;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.DiscreteChain;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * T18, the discrete DDPM evidence lower bound (Ho et al. 2020, eqs. 5 and 8–12; docs/THEORY.md T18):
 * {@code −log p(x₀) ≤ L_T + Σ_{k≥2} L_{k−1} + L₀} with Gaussian KLs.
 *
 * <p>(a) The ε-weight ★: with the model mean {@code μ_θ = (x_k − β_k/√(1−ᾱ_k) ε̂)/√α_k} and variance σ_k²,
 * {@code KL(q(x_{k−1}|x_k, x₀) ‖ p_θ(x_{k−1}|x_k)) = ‖μ̃_k(x_k, x₀) − μ_θ‖²/(2σ_k²)
 * = β_k²/(2σ_k² α_k (1 − ᾱ_k)) ‖ε − ε̂‖²}, for any ε̂ and any σ_k², because coordinatewise
 * {@code μ̃_k − μ_θ = β_k/(√α_k √(1−ᾱ_k)) (ε̂ − ε)} — which is what is checked, without the cancellation of squares,
 * at every step k of the context's chain, with μ̃ from the chain's own posterior coefficients, x₀ from each problem,
 * random ε and ε̂; tolerance 10⁻⁹ of the terms' magnitude (rounding amplified by 1/(1−ᾱ_1) = 10⁴ at k = 1).
 *
 * <p>(b) Exact for Gaussian data: with the exact model (x̂₀ = E[x₀|x_k], σ_k² = β̃_k for k ≥ 2, decoder variance β₁)
 * every term is closed form — {@code L_{k−1} = c₀,k² tr Cov(x₀|x_k)/(2β̃_k)} with the posterior covariance
 * {@code Σ − ᾱ_k Σ(ᾱ_k Σ + (1−ᾱ_k)I)⁻¹Σ} (Cholesky solves), L_T the KL of N(√ᾱ_K x₀, (1−ᾱ_K)I) to N(0, I), and
 * {@code L₀ = ½ d log(2πβ₁) + tr Cov(x₀|x₁)/(2β₁)} — and the bound must hold against the exact entropy
 * H(p₀) = E[−log p₀]. The closed form is cross-checked by Monte Carlo with the ground truth's exact posterior mean
 * through the chain's continuous-time view (stratified over k, 20 draws per step; z-test at 10⁻³).
 */
final class ElboClaim extends BaseClaim {

    static final double TOLERANCE = 1e-9;
    private static final int SAMPLES = 8;

    ElboClaim() {
        super("T18", "DDPM ELBO = L_T + ΣL_{k−1} + L₀ with ε-weight β²/(2σ²α(1−ᾱ)); exact and ≥ H(p₀) on Gaussian data",
                "Ho et al. 2020, eqs. 5, 8–12; docs/THEORY.md T18");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        DiscreteChain chain = context.chain();
        double worst = 0;
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            double residual = weightResidual(chain, problem.getValue(), context.seed() + 18);
            worst = Math.max(worst, residual);
            checks.add(Check.atMost(problem.getKey() + ": μ̃ − μ_θ = β/(√α√(1−ᾱ))(ε̂ − ε) at every k", residual,
                    TOLERANCE));
        }
        GaussianMixture gauss = context.gaussianProblem();
        double[] terms = closedForm(chain, gauss);
        double elbo = terms[0] + terms[1] + terms[2];
        double entropy = entropy(gauss);
        checks.add(Check.of("gaussian: closed-form −ELBO ≥ H(p₀)", elbo - entropy, String.format(Locale.ROOT,
                "−ELBO %.6f = L_T %.3g + ΣL %.6f + L₀ %.6f vs H %.6f", elbo, terms[0], terms[1], terms[2], entropy),
                elbo >= entropy));
        Estimate monteCarlo = monteCarloDiffusionTerm(context, chain, gauss);
        double z = (monteCarlo.value() - terms[1]) / monteCarlo.standardError();
        checks.add(Check.of("gaussian: Σ L_{k−1} closed form vs Monte Carlo", z, String.format(Locale.ROOT,
                "closed %.6f, MC %.6f ± %.1e; |z| ≤ 3.29", terms[1], monteCarlo.value(), monteCarlo.standardError()),
                Math.abs(z) <= 3.29));
        return new Outcome(checks, String.format(Locale.ROOT, "ε-weight residual %.2e; gap −ELBO − H = %.4f nats",
                worst, elbo - entropy), "≤ " + TOLERANCE + "; gap ≥ 0");
    }

    /** The largest relative difference between the direct Gaussian KL and the ε-weighted form, over k and draws. */
    private static double weightResidual(DiscreteChain chain, GaussianMixture data, long seed) {
        int d = data.dimension();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x0 = new double[SAMPLES * d];
        data.sample(rng, SAMPLES, x0, null);
        double worst = 0;
        for (int k = 1; k <= chain.steps(); k++) {
            double beta = chain.beta(k);
            double alpha = 1 - beta;
            double alphaBar = chain.alphaBar(k);
            double oneMinus = chain.oneMinusAlphaBar(k);
            double c0 = chain.posteriorMeanCoefficientX0(k);
            double ck = chain.posteriorMeanCoefficientXk(k);
            {
                double coefficient = beta / (Math.sqrt(alpha) * Math.sqrt(oneMinus));
                for (int i = 0; i < SAMPLES; i++) {
                    for (int a = 0; a < d; a++) {
                        double eps = normal.sample();
                        double epsHat = normal.sample();
                        double x = Math.sqrt(alphaBar) * x0[i * d + a] + Math.sqrt(oneMinus) * eps;
                        double posterior = c0 * x0[i * d + a] + ck * x;
                        double model = (x - beta / Math.sqrt(oneMinus) * epsHat) / Math.sqrt(alpha);
                        double weighted = coefficient * (epsHat - eps);
                        double scale = Math.abs(posterior) + Math.abs(model) + Math.abs(weighted);
                        worst = Math.max(worst, Math.abs(posterior - model - weighted) / scale);
                    }
                }
            }
        }
        return worst;
    }

    /** {L_T, Σ_{k≥2} L_{k−1}, L₀} in closed form for single-Gaussian data with the exact model. */
    private static double[] closedForm(DiscreteChain chain, GaussianMixture gauss) {
        int d = gauss.dimension();
        double[] mean = gauss.mean(0);
        double traceSigma = 0;
        double meanSquare = 0;
        for (int a = 0; a < d; a++) {
            traceSigma += gauss.covariance(0, a, a);
            meanSquare += mean[a] * mean[a];
        }
        int steps = chain.steps();
        double alphaBarK = chain.alphaBar(steps);
        double secondMoment = traceSigma + meanSquare;
        double lT = 0.5 * (d * (1 - alphaBarK) + alphaBarK * secondMoment - d - d * Math.log(1 - alphaBarK));
        double sum = 0;
        for (int k = 2; k <= steps; k++) {
            double c0 = chain.posteriorMeanCoefficientX0(k);
            sum += c0 * c0 * posteriorTrace(gauss, chain.alphaBar(k)) / (2 * chain.posteriorVariance(k));
        }
        double beta1 = chain.beta(1);
        double l0 = 0.5 * d * Math.log(2 * Math.PI * beta1) + posteriorTrace(gauss, chain.alphaBar(1)) / (2 * beta1);
        return new double[] {lT, sum, l0};
    }

    /** tr Cov(x₀ | x_k) = tr Σ − ᾱ tr(Σ C⁻¹ Σ), C = ᾱ Σ + (1 − ᾱ) I, with C⁻¹Σ by a Cholesky solve. */
    private static double posteriorTrace(GaussianMixture gauss, double alphaBar) {
        int d = gauss.dimension();
        DMatrixRMaj sigma = new DMatrixRMaj(gauss.covariance(0));
        DMatrixRMaj c = new DMatrixRMaj(d, d);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                c.set(a, b, alphaBar * sigma.get(a, b) + (a == b ? 1 - alphaBar : 0));
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(d);
        if (!solver.setA(c)) {
            throw new IllegalStateException("posterior precision not positive definite at ᾱ = " + alphaBar);
        }
        DMatrixRMaj x = new DMatrixRMaj(d, d);
        solver.solve(sigma, x);
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += sigma.get(a, a);
            for (int b = 0; b < d; b++) {
                trace -= alphaBar * sigma.get(a, b) * x.get(b, a);
            }
        }
        return trace;
    }

    private static double entropy(GaussianMixture gauss) {
        int d = gauss.dimension();
        DMatrixRMaj sigma = new DMatrixRMaj(gauss.covariance(0));
        double logDet = Math.log(org.ejml.dense.row.CommonOps_DDRM.det(sigma));
        return 0.5 * (d * Math.log(2 * Math.PI * Math.E) + logDet);
    }

    /** Σ_{k≥2} L_{k−1} by Monte Carlo stratified over k: per step, the mean of c₀²‖x₀ − x̂₀‖²/(2β̃_k). */
    private static Estimate monteCarloDiffusionTerm(VerificationContext context, DiscreteChain chain,
                                                   GaussianMixture gauss) {
        int n = context.samples(20_000, 200_000);
        int d = gauss.dimension();
        NoiseSchedule schedule = chain.continuousTime();
        GroundTruth truth = context.groundTruth(gauss, schedule);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(context.seed() + 180);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int perStep = Math.max(2, n / (chain.steps() - 1));
        double[] x0 = new double[d];
        double[] x = new double[d];
        double[] hat = new double[d];
        double total = 0;
        double variance = 0;
        for (int k = 2; k <= chain.steps(); k++) {
            double c0 = chain.posteriorMeanCoefficientX0(k);
            double[] values = new double[perStep];
            for (int i = 0; i < perStep; i++) {
                gauss.sample(rng, 1, x0, null);
                for (int a = 0; a < d; a++) {
                    x[a] = Math.sqrt(chain.alphaBar(k)) * x0[a] + Math.sqrt(chain.oneMinusAlphaBar(k))
                            * normal.sample();
                }
                truth.posteriorMean(chain.time(k), x, 1, hat);
                double squared = 0;
                for (int a = 0; a < d; a++) {
                    squared += (x0[a] - hat[a]) * (x0[a] - hat[a]);
                }
                values[i] = c0 * c0 * squared / (2 * chain.posteriorVariance(k));
            }
            Estimate step = Estimate.ofMean(values, 0.999);
            total += step.value();
            variance += step.standardError() * step.standardError();
        }
        return Estimate.normal(total, Math.sqrt(variance), 0.999);
    }
}
