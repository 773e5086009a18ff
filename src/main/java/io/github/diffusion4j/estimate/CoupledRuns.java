package io.github.diffusion4j.estimate;

import java.util.HashMap;
import java.util.Map;

import io.github.diffusion4j.solve.DormandPrince54;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.VirtualBrownianTree;

/**
 * Runs of a solver and of a reference that share their randomness, for strong and weak errors: for seed s, every run
 * starts from the same exact samples of {@code p_start} ({@link ConvergenceProblem#initialPoints}) and stochastic
 * solvers draw their noise from one {@link VirtualBrownianTree} per seed on {@code [end, start]}, so each particle
 * sees the same Brownian path on every grid (Gaines and Lyons 1997; diffrax's order tests). On nested uniform-t
 * grids of 2^k steps the path values are exact dyadic nodes of the tree.
 *
 * <p>A {@link PointSampler} (a sampler seen only through its output) is run from the same starting points on the
 * problem's grid and compared with the probability-flow reference: it cannot share the Brownian paths.
 *
 * <p>References, cached per (solver, seed):
 * <ul>
 *   <li>deterministic solvers (all integrate the probability-flow ODE): the exact flow map when the data are Gaussian
 *       ({@link GaussianFlowMap}), otherwise Dormand–Prince 5(4) at {@code atol = rtol = }{@value #REFERENCE_TOLERANCE}
 *       with per-particle step control;</li>
 *   <li>stochastic solvers: the same solver on the problem's grid with {@code referenceSteps} steps and the same
 *       Brownian paths (it converges to the same SDE solution, path by path).</li>
 * </ul>
 * Only draw 0 of a step is a Brownian increment; a solver that draws more normals per step (the predictor–corrector's
 * Langevin corrector) gets the others from counter-based noise keyed by step index, which grids of different sizes do
 * not share, so its pathwise errors need not converge. Not thread-safe.
 */
final class CoupledRuns {

    /** Tolerance of the RK45 reference for ODE solvers on mixtures; its global error is ~10⁻¹¹ on the built-ins. */
    static final double REFERENCE_TOLERANCE = 1e-12;
    private static final int CHUNK_SIZE = 1024;

    private final ConvergenceProblem problem;
    private final int particles;
    private final int referenceSteps;
    private final GaussianFlowMap exactFlow;
    private final Map<String, double[]> references = new HashMap<>();

    CoupledRuns(ConvergenceProblem problem, int particles, int referenceSteps) {
        if (particles < 2) {
            throw new IllegalArgumentException("need at least 2 particles for an error with an interval, got "
                    + particles);
        }
        if (referenceSteps < 2) {
            throw new IllegalArgumentException("the reference grid needs at least 2 steps, got " + referenceSteps);
        }
        this.problem = problem;
        this.particles = particles;
        this.referenceSteps = referenceSteps;
        this.exactFlow = problem.data().components() == 1 ? new GaussianFlowMap(problem.data()) : null;
    }

    int particles() {
        return particles;
    }

    int dimension() {
        return problem.dimension();
    }

    /** @return the solver's end points for the seed's starting points and Brownian paths */
    double[] run(Solver solver, Resolution resolution, long seed) {
        if (solver.isStochastic() && resolution instanceof Resolution.Steps steps
                && steps.count() >= referenceSteps) {
            throw new IllegalArgumentException("N = " + steps.count() + " steps is not coarser than the reference's "
                    + referenceSteps + " steps; raise the reference resolution");
        }
        double[] z = problem.initialPoints(particles, seed);
        problem.integrate(solver, resolution, brownianPaths(seed), z, particles, CHUNK_SIZE);
        return z;
    }

    /**
     * @return the point sampler's end points on the problem's grid of N steps, from the seed's starting points
     * @throws IllegalArgumentException when the sampler returns the wrong number of values or a non-finite one
     */
    double[] run(PointSampler sampler, int steps, long seed) {
        double[] initial = problem.initialPoints(particles, seed);
        double[] z = sampler.sample(problem.grid(steps), initial, particles, seed);
        if (z.length != initial.length) {
            throw new IllegalArgumentException(sampler.name() + " returned " + z.length + " values for " + particles
                    + " points in " + dimension() + " dimensions");
        }
        for (int i = 0; i < z.length; i++) {
            if (!Double.isFinite(z[i])) {
                throw new IllegalArgumentException(sampler.name() + " returned " + z[i] + " at point " + i / dimension()
                        + ", coordinate " + i % dimension() + " (N = " + steps + ")");
            }
        }
        return z;
    }

    /** @return the reference end points for the solver and seed (cached) */
    double[] reference(Solver solver, long seed) {
        if (!solver.isStochastic()) {
            return flowReference(seed);
        }
        return references.computeIfAbsent(solver.name() + "#" + seed, k -> {
            double[] z = problem.initialPoints(particles, seed);
            problem.integrate(solver, new Resolution.Steps(referenceSteps), brownianPaths(seed), z, particles,
                    CHUNK_SIZE);
            return z;
        });
    }

    /**
     * @return the seed's starting points mapped to {@code end} by the probability-flow ODE with the exact score
     *         (cached): the exact flow map or the tight RK45 of the class documentation
     */
    double[] flowReference(long seed) {
        return references.computeIfAbsent("probability-flow#" + seed, k -> computeFlowReference(seed));
    }

    private double[] computeFlowReference(long seed) {
        double[] z = problem.initialPoints(particles, seed);
        if (exactFlow != null) {
            exactFlow.map(problem.schedule(), problem.start(), problem.end(), z, particles);
        } else {
            problem.integrate(DormandPrince54.INSTANCE, new Resolution.Tolerance(REFERENCE_TOLERANCE),
                    brownianPaths(seed), z, particles, 1);
        }
        return z;
    }

    private VirtualBrownianTree brownianPaths(long seed) {
        return new VirtualBrownianTree(seed, problem.end(), problem.start());
    }
}
