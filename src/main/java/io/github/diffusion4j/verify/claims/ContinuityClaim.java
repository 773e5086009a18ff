package io.github.diffusion4j.verify.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.plot.ResidualPlot;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.verify.BaseClaim;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.GroundTruth;
import io.github.diffusion4j.verify.VerificationContext;

/**
 * T6, the continuity equation along the probability flow,
 * {@code ∂_t log p_t + ∇·u_t + u_t·∇log p_t = 0}, with every term from an independent route: ∂_t log p_t by a
 * five-point difference in t of the exact log-density, ∇·u_t by five-point differences in z of the library's velocity,
 * u_t from the library, ∇log p_t from the exact score.
 *
 * <p>Tolerance 10⁻⁵ of the terms' magnitude: the stencils use steps 10⁻³ of the distance to the domain's ends (t)
 * and 10⁻³ √c_min (z), so truncation is ~10⁻¹² relative and rounding ~10⁻¹⁰; a wrong factor in the velocity is O(1).
 */
final class ContinuityClaim extends BaseClaim {

    static final double TOLERANCE = 1e-5;
    private static final int SAMPLES = 20;
    /** Interior times (the stencils need room on both sides), as fractions of the domain. */
    private static final double[] FRACTIONS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

    ContinuityClaim() {
        super("T6", "∂_t log p_t + ∇·u_t + u_t·∇log p_t = 0 for the probability-flow velocity u_t",
                "Song et al. 2021, Appendix D.1; docs/THEORY.md T6");
    }

    @Override
    protected Outcome measure(VerificationContext context) {
        List<Check> checks = new ArrayList<>();
        ResidualPlot figure = new ResidualPlot("T6 continuity equation along the probability flow",
                "max relative residual");
        for (Map.Entry<String, GaussianMixture> problem : context.problems().entrySet()) {
            for (Map.Entry<String, NoiseSchedule> entry : context.schedules().entrySet()) {
                GroundTruth truth = context.groundTruth(problem.getValue(), entry.getValue());
                double[] times = Times.fractions(entry.getValue(), FRACTIONS);
                double[] residuals = new double[times.length];
                for (int j = 0; j < times.length; j++) {
                    residuals[j] = residual(truth, times[j], context.seed() + 3);
                }
                checks.add(Check.atMost(problem.getKey() + " / " + entry.getKey(),
                        Times.maxAbs(residuals, 0, residuals.length), TOLERANCE));
                figure.add(problem.getKey() + " / " + entry.getKey(), times, residuals);
            }
        }
        return worst(checks, "max relative residual", TOLERANCE).withFigure("residual-vs-t", figure);
    }

    /** The largest relative residual over {@link #SAMPLES} exact samples of p_t. */
    private static double residual(GroundTruth truth, double t, long seed) {
        int n = SAMPLES;
        int d = truth.mixture().dimension();
        double[] z = truth.sample(t, n, seed);
        double[] dt = Derivatives.timeDerivativeOfLogDensity(truth, t, z, n);
        double[] divergence = Derivatives.divergenceOfVelocity(truth, t, z, n);
        double[] u = new double[n * d];
        double[] score = new double[n * d];
        truth.velocity(t, z, n, u);
        truth.score(t, z, n, score);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double transport = 0;
            for (int a = 0; a < d; a++) {
                transport += u[i * d + a] * score[i * d + a];
            }
            double residual = dt[i] + divergence[i] + transport;
            double scale = Math.abs(dt[i]) + Math.abs(divergence[i]) + Math.abs(transport) + 1e-300;
            worst = Math.max(worst, Math.abs(residual) / scale);
        }
        return worst;
    }
}
