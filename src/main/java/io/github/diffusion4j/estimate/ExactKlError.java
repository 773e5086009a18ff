package io.github.diffusion4j.estimate;

import io.github.diffusion4j.solve.Solver;

/**
 * The exact KL divergence {@code KL(p̂_end ‖ p_end)} between a fixed-grid solver's output law and the exact marginal,
 * for Gaussian data (one component). Both laws are Gaussian: the solver's is propagated exactly from {@code p_start}
 * by {@link ExactSolverLaw} (no Monte Carlo; docs/THEORY.md §6), the KL is {@link GaussianLaw#klDivergenceTo}. The result
 * is deterministic and does not depend on the seed.
 *
 * <p>KL is quadratic in the error of the law, so {@link #power()} is 2: a solver of order p has
 * {@code KL = O(h^{2p})} and {@code √KL = O(h^p)}.
 */
public final class ExactKlError implements ErrorMetric {

    private final ConvergenceProblem problem;
    private final GaussianLaw initial;
    private final GaussianLaw target;

    /**
     * @param problem a problem with Gaussian data (K = 1)
     * @throws IllegalArgumentException if the data have more than one component
     */
    public ExactKlError(ConvergenceProblem problem) {
        int components = problem.data().components();
        if (components != 1) {
            throw new IllegalArgumentException("the exact KL needs Gaussian data (one component), but the data have "
                    + components + " components; use the strong or weak error");
        }
        this.problem = problem;
        this.initial = problem.momentLaw(problem.start());
        this.target = problem.momentLaw(problem.end());
    }

    @Override
    public String name() {
        return "exact-kl";
    }

    @Override
    public String quantity() {
        return "KL(p̂ ‖ p)";
    }

    @Override
    public int power() {
        return 2;
    }

    @Override
    public boolean isRandom() {
        return false;
    }

    /**
     * @throws IllegalArgumentException for adaptive solvers (a tolerance) and solvers whose update is not affine
     */
    @Override
    public Estimate error(Solver solver, Resolution resolution, long seed) {
        if (!(resolution instanceof Resolution.Steps steps)) {
            throw new IllegalArgumentException("the exact KL needs a fixed grid, but " + solver.name()
                    + " is adaptive; use the strong or weak error");
        }
        GaussianLaw law = ExactSolverLaw.propagate(solver, problem.model(), problem.schedule(),
                problem.grid(steps.count()), initial);
        return Estimate.exact(law.klDivergenceTo(target));
    }
}
