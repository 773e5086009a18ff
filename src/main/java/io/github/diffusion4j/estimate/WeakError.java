package io.github.diffusion4j.estimate;

import java.util.ArrayList;
import java.util.List;

import io.github.diffusion4j.solve.Solver;

/**
 * The weak error at the end time for a set of test functions, by Monte Carlo with common random numbers:
 * <pre>
 *   e_weak = max_φ |E[φ(X_N) − φ(X_ref)]|,   estimated by   max_φ |(1/n) Σ_i (φ(X_N^i) − φ(X_ref^i))|,
 * </pre>
 * where run and reference share starting points and Brownian paths ({@link CoupledRuns}), and every step count of a
 * study reuses the same ones. Pairing is what makes the estimate usable: the differences
 * {@code φ(X_N^i) − φ(X_ref^i)} are of the size of the strong error, so their Monte Carlo error shrinks with the
 * discretisation error instead of staying at {@code sd(φ)/√n}, and the errors at different N share their
 * fluctuations, which steadies the fitted slope.
 *
 * <p>A {@link PointSampler} (an external sampler, seen only through its final points) cannot share Brownian paths;
 * its reference is the exact probability-flow map of its own starting points, {@code X_ref^i = Φ(X_0^i)} (exact and
 * affine for Gaussian data, RK45 at 10⁻¹² otherwise). Because the probability-flow ODE with the exact score carries
 * {@code p_{t_0}} to {@code p_{t_N}} (Song et al. 2021, §4.3), {@code E φ(Φ(X_0)) = E_{p_{t_N}} φ} and the paired mean
 * is an unbiased estimate of the weak error against the <em>exact</em> law, for deterministic and stochastic samplers
 * alike. For a deterministic sampler the pairs differ by O(h^p), so the estimate inherits the strong error's small
 * scatter; for a stochastic one the differences are O(1) and the Monte Carlo error is {@code ~sd(φ)/√n}, so n must be
 * large enough that it stays well below the finest weak error.
 *
 * <p>The target is the reference's law, so the estimate carries the reference's own weak error as a bias (for a
 * reference with 16 times the finest N, ~1/16 of the finest error for a first-order method). Each function's
 * difference gets a CLT interval; the reported error is the largest |difference| with that function's interval.
 */
public final class WeakError implements ErrorMetric {

    private final CoupledRuns runs;
    private final List<TestFunction> functions;
    private final double confidence;

    /**
     * @param problem        the problem
     * @param particles      n ≥ 2
     * @param referenceSteps steps of the reference grid for stochastic solvers; must exceed every studied N
     * @param functions      the test functions, at least one
     * @param confidence     the level of the intervals, in (0, 1)
     */
    public WeakError(ConvergenceProblem problem, int particles, int referenceSteps, List<TestFunction> functions,
                     double confidence) {
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("the weak error needs at least one test function");
        }
        this.runs = new CoupledRuns(problem, particles, referenceSteps);
        this.functions = List.copyOf(functions);
        this.confidence = confidence;
    }

    @Override
    public String name() {
        return "weak";
    }

    @Override
    public String quantity() {
        return "max_φ |E φ(X_N) − E φ(X_ref)|";
    }

    @Override
    public int power() {
        return 1;
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

    /** @return the test functions */
    public List<TestFunction> functions() {
        return functions;
    }

    /**
     * The signed difference {@code E φ(X_N) − E φ(X_ref)} per test function, with CLT intervals.
     *
     * @param solver     the solver
     * @param resolution steps or tolerance
     * @param seed       the seed of starting points and Brownian paths
     * @return one estimate per function, in the order of {@link #functions()}
     */
    public List<Estimate> differences(Solver solver, Resolution resolution, long seed) {
        double[] reference = runs.reference(solver, seed);
        return differences(runs.run(solver, resolution, seed), reference);
    }

    private List<Estimate> differences(double[] z, double[] reference) {
        int n = runs.particles();
        int d = runs.dimension();
        double[] paired = new double[n];
        List<Estimate> estimates = new ArrayList<>(functions.size());
        for (TestFunction phi : functions) {
            for (int i = 0; i < n; i++) {
                paired[i] = phi.value(z, i * d) - phi.value(reference, i * d);
            }
            estimates.add(Estimate.ofMean(paired, confidence));
        }
        return estimates;
    }

    @Override
    public Estimate error(Solver solver, Resolution resolution, long seed) {
        return largest(differences(solver, resolution, seed));
    }

    /** @throws IllegalArgumentException when the sampler fails */
    @Override
    public Estimate error(PointSampler sampler, int steps, long seed) {
        double[] reference = runs.flowReference(seed);
        return largest(differences(runs.run(sampler, steps, seed), reference));
    }

    private Estimate largest(List<Estimate> differences) {
        Estimate largest = null;
        for (Estimate difference : differences) {
            if (largest == null || Math.abs(difference.value()) > Math.abs(largest.value())) {
                largest = difference;
            }
        }
        return Estimate.normal(Math.abs(largest.value()), largest.standardError(), confidence);
    }
}
