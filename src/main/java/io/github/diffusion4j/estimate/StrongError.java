package io.github.diffusion4j.estimate;

import io.github.diffusion4j.solve.Solver;

/**
 * The strong (pathwise) error at the end time, as a root mean square over n particles,
 * <pre>
 *   e_strong = ( (1/n) Σ_i ‖X_N^i − X_ref^i‖² )^{1/2},
 * </pre>
 * where run and reference share starting points and Brownian paths ({@link CoupledRuns}: the exact flow map or a tight
 * RK45 for ODE solvers; the same solver on a much finer nested grid for SDE solvers). The interval is the CLT interval
 * of the mean square {@code m} mapped through the square root (delta method: {@code se(√m) = se(m)/(2√m)}).
 *
 * <p>A {@link PointSampler} (an external sampler, seen only through its final points) is compared with the exact
 * probability-flow map of its own starting points, {@code X_ref^i = Φ_{t_0→t_N}(X_0^i)}: the exact affine map for
 * Gaussian data ({@code GaussianFlowMap}), RK45 at 10⁻¹² otherwise. For a deterministic sampler of the PF-ODE of
 * order p the per-particle error is {@code C(X_0^i) h^p + O(h^{p+1})}, and the same particles serve every N, so the
 * RMS is a smooth function of h with no Monte Carlo scatter between step counts: a few hundred particles give a clean
 * order fit. A stochastic point sampler is rejected: its own noise is not coupled to anything, so its pathwise error
 * does not vanish.
 *
 * <p>The theoretical order is the strong order for stochastic solvers (Euler–Maruyama: 1 for the additive noise of
 * the reverse SDE, docs/THEORY.md §5) and the order for deterministic ones.
 */
public final class StrongError implements ErrorMetric {

    private final CoupledRuns runs;
    private final double confidence;

    /**
     * @param problem        the problem
     * @param particles      n ≥ 2
     * @param referenceSteps steps of the reference grid for stochastic solvers; must exceed every studied N
     * @param confidence     the level of the interval, in (0, 1)
     */
    public StrongError(ConvergenceProblem problem, int particles, int referenceSteps, double confidence) {
        this.runs = new CoupledRuns(problem, particles, referenceSteps);
        this.confidence = confidence;
    }

    @Override
    public String name() {
        return "strong";
    }

    @Override
    public String quantity() {
        return "RMS ‖X_N − X_ref‖";
    }

    @Override
    public int power() {
        return 1;
    }

    @Override
    public double theoreticalOrder(Solver solver) {
        return solver.isStochastic() ? solver.strongOrder() : solver.order();
    }

    /**
     * @return false for a stochastic solver drawing more than one normal vector per step (the predictor–corrector):
     *         only its first draw follows the shared Brownian path, so its error against the coupled reference need
     *         not converge ({@link CoupledRuns}) and a FAIL would be the metric's, not the solver's
     */
    @Override
    public boolean judgesOrder(Solver solver) {
        return !(solver.isStochastic() && solver.drawsPerStep() > 1);
    }

    @Override
    public boolean isRandom() {
        return true;
    }

    @Override
    public Estimate error(Solver solver, Resolution resolution, long seed) {
        double[] reference = runs.reference(solver, seed);
        return rms(runs.run(solver, resolution, seed), reference);
    }

    /**
     * @throws IllegalArgumentException for a stochastic sampler (see the class documentation) or when the sampler fails
     */
    @Override
    public Estimate error(PointSampler sampler, int steps, long seed) {
        if (sampler.isStochastic()) {
            throw new IllegalArgumentException("the strong error of " + sampler.name() + " needs Brownian paths "
                    + "shared with a reference, but a stochastic external sampler draws its own noise; use the weak "
                    + "error");
        }
        double[] reference = runs.flowReference(seed);
        return rms(runs.run(sampler, steps, seed), reference);
    }

    private Estimate rms(double[] z, double[] reference) {
        int n = runs.particles();
        int d = runs.dimension();
        double[] squares = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                double e = z[i * d + j] - reference[i * d + j];
                sum += e * e;
            }
            squares[i] = sum;
        }
        Estimate meanSquare = Estimate.ofMean(squares, confidence);
        double rms = Math.sqrt(meanSquare.value());
        double standardError = rms > 0 ? meanSquare.standardError() / (2 * rms) : 0;
        return Estimate.normal(rms, standardError, confidence);
    }
}
