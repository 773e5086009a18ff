package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.score.Prediction;
import io.github.diffusion4j.score.PredictionModel;
import io.github.diffusion4j.score.ScoreModel;
import io.github.diffusion4j.score.ScoreModels;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.VerificationContext;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * T10, the parametrisation weights of Kingma and Gao (2023, Appendix; Kingma et al. 2021 eq. 13): for one
 * {@code z = α x₀ + σ ε} and <em>any</em> prediction, converted between parametrisations by the library's adapters
 * ({@link ScoreModels#fromPrediction}: its score s and data prediction x̂₀, with ε̂ = −σ s),
 * <pre>
 *   ‖ε − ε̂‖² = e^λ ‖x₀ − x̂₀‖² = σ² ‖∇log q(z|x₀) − s‖²,       ∇log q(z|x₀) = −ε/σ,  e^λ = α²/σ²
 *   VP, v = α ε − σ x₀:                ‖ε − ε̂‖² = α² ‖v − v̂‖² = (1 + e^{−λ})^{−1} ‖v − v̂‖²
 *   linear interpolant, u = ε − x₀:    ‖ε − ε̂‖² = (1 + e^{−λ/2})^{−2} ‖u − û‖²
 * </pre>
 * so a loss in one parametrisation is the same loss in another under the matching weight w(λ). Checked per sample
 * for random (x₀ from each problem, ε) and random predictions of each kind the adapters accept (ε̂, x̂₀, v̂ on VP
 * schedules, û), on every main schedule plus VP-cosine, at t from 5% to 95% of the domain.
 *
 * <p>Tolerance 10⁻¹⁰ relative: each side is a few operations on O(1) numbers divided by α or σ ≥ 0.05 at these
 * times, so rounding is ~10⁻¹⁴; a wrong weight or a sign error in an adapter is O(1).
 */
final class ParametrisationClaim extends BaseClaim {

    static final double TOLERANCE = 1e-10;
    private static final int SAMPLES = 64;

    ParametrisationClaim() {
        super("T10", "‖ε−ε̂‖² = e^λ‖x₀−x̂₀‖² = σ²‖∇log q − s‖² (and the v, u weights) for any prediction",
                "Kingma & Gao 2023, Appendix D; Kingma et al. 2021, eq. 13; docs/THEORY.md T10");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        Map<String, NoiseSchedule> schedules = new java.util.LinkedHashMap<>(context.schedules());
        schedules.putIfAbsent("vp-cosine", context.allSchedules().get("vp-cosine"));
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : schedules.entrySet()) {
                if (entry.getValue() == null) {
                    continue;
                }
                double worst = 0;
                for (double t : Times.fractions(entry.getValue(), 0.05, 0.25, 0.5, 0.75, 0.95)) {
                    for (Prediction kind : new Prediction[] {Prediction.NOISE, Prediction.DATA, Prediction.V,
                        Prediction.VELOCITY}) {
                        if (kind == Prediction.V && !isVariancePreserving(entry.getValue())) {
                            continue;
                        }
                        worst = Math.max(worst, residual(problem.getValue(), entry.getValue(), t, kind,
                                context.seed() + 10));
                    }
                }
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey(), worst, TOLERANCE));
            }
        }
        return worst(checks, "max relative residual", TOLERANCE);
    }

    private static boolean isVariancePreserving(NoiseSchedule s) {
        double t = 0.5 * (s.tMin() + s.tMax());
        return Math.abs(s.alpha(t) * s.alpha(t) + s.sigma(t) * s.sigma(t) - 1) < 1e-12;
    }

    /** The largest relative residual of the identities that apply to this schedule, over random draws. */
    private static double residual(GaussianMixture data, NoiseSchedule schedule, double t, Prediction kind,
                                   long seed) {
        int n = SAMPLES;
        int d = data.dimension();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 31L * kind.ordinal());
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x0 = new double[n * d];
        data.sample(rng, n, x0, null);
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        double[] eps = new double[n * d];
        double[] z = new double[n * d];
        double[] raw = new double[n * d];
        for (int i = 0; i < n * d; i++) {
            eps[i] = normal.sample();
            z[i] = alpha * x0[i] + sigma * eps[i];
            raw[i] = normal.sample();
        }
        PredictionModel model = new PredictionModel() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public Prediction prediction() {
                return kind;
            }

            @Override
            public void predict(double time, double[] points, int from, int to, double[] out) {
                System.arraycopy(raw, from * d, out, from * d, (to - from) * d);
            }
        };
        ScoreModel adapted = ScoreModels.fromPrediction(model, schedule);
        double[] score = new double[n * d];
        double[] dataPrediction = new double[n * d];
        adapted.score(t, z, 0, n, score);
        adapted.dataPrediction(schedule, t, z, 0, n, dataPrediction);
        double snr = alpha * alpha / (sigma * sigma);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double noiseLoss = 0;
            double dataLoss = 0;
            double scoreLoss = 0;
            double vLoss = 0;
            double uLoss = 0;
            for (int a = 0; a < d; a++) {
                int ia = i * d + a;
                double epsHat = -sigma * score[ia];
                noiseLoss += square(eps[ia] - epsHat);
                dataLoss += square(x0[ia] - dataPrediction[ia]);
                scoreLoss += square(-eps[ia] / sigma - score[ia]);
                vLoss += square(alpha * eps[ia] - sigma * x0[ia] - raw[ia]);
                uLoss += square(eps[ia] - x0[ia] - raw[ia]);
            }
            worst = Math.max(worst, relative(noiseLoss, snr * dataLoss));
            worst = Math.max(worst, relative(noiseLoss, sigma * sigma * scoreLoss));
            if (kind == Prediction.V) {
                worst = Math.max(worst, relative(noiseLoss, vLoss / (1 + 1 / snr)));
            }
            if (kind == Prediction.VELOCITY && schedule.name().equals("linear")) {
                worst = Math.max(worst, relative(noiseLoss, uLoss / square(1 + sigma / alpha)));
            }
        }
        return worst;
    }

    private static double square(double x) {
        return x * x;
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / (Math.abs(a) + Math.abs(b) + Double.MIN_NORMAL);
    }
}
