package io.github.diffusion4j.estimate;

import io.github.diffusion4j.solve.IntegrationResult;
import io.github.diffusion4j.solve.Integrator;
import io.github.diffusion4j.solve.TimeGrid;

/**
 * The exact density of a deterministic (ODE) sampler's output, and its KL divergence to a target by plain Monte Carlo
 * (docs/THEORY.md §6). If {@code z_end = F(z_start)} with {@code z_start ~ π}, the change of variables gives, at every
 * sample,
 * <pre>
 *   log p̂(z_end) = log π(z_start) − log |det ∂F/∂z_start|,
 * </pre>
 * with the log-determinant carried exactly through every step from the model's Jacobian
 * ({@link Integrator#integrate(TimeGrid, double[], int, double[])}). Then
 * {@code KL(p̂ ‖ p) = E_p̂[log p̂ − log p]} is a mean of exact per-sample values, and its confidence interval is the
 * usual CLT interval — no density estimation is involved.
 */
public final class FlowDensity {

    private FlowDensity() {
    }

    /**
     * Samples with their exact model log-densities.
     *
     * @param points      the sampler's outputs, row-major n × d
     * @param logDensity  log p̂ at each output
     * @param n           number of samples
     * @param evaluations model evaluations per sample (NFE)
     */
    public record Samples(double[] points, double[] logDensity, int n, long evaluations) {
    }

    /**
     * @param integrator      a deterministic solver with a differentiable score model
     * @param grid            the times
     * @param start           starting points drawn from π, row-major n × d. Not modified.
     * @param startLogDensity log π at each starting point. Not modified.
     * @param n               number of points
     * @return the outputs and their exact log-densities
     */
    public static Samples push(Integrator integrator, TimeGrid grid, double[] start, double[] startLogDensity, int n) {
        if (startLogDensity.length < n) {
            throw new IllegalArgumentException("need " + n + " starting log-densities, got " + startLogDensity.length);
        }
        double[] points = java.util.Arrays.copyOf(start, start.length);
        double[] logDeterminant = new double[n];
        IntegrationResult result = integrator.integrate(grid, points, n, logDeterminant);
        double[] logDensity = new double[n];
        for (int i = 0; i < n; i++) {
            logDensity[i] = startLogDensity[i] - logDeterminant[i];
        }
        return new Samples(points, logDensity, n, result.evaluations());
    }

    /**
     * @param samples    outputs with their model log-densities
     * @param target     the target log-density
     * @param confidence confidence level of the interval
     * @return KL(p̂ ‖ target) as the mean of {@code log p̂(z_i) − log p(z_i)}, with its CLT interval
     */
    public static Estimate klDivergence(Samples samples, BatchLogDensity target, double confidence) {
        double[] targetLog = new double[samples.n()];
        target.logDensity(samples.points(), samples.n(), targetLog);
        double[] difference = new double[samples.n()];
        for (int i = 0; i < samples.n(); i++) {
            difference[i] = samples.logDensity()[i] - targetLog[i];
        }
        return Estimate.ofMean(difference, confidence);
    }
}
