package io.github.diffusion4j.verify;

import io.github.diffusion4j.solve.Solver;

/**
 * A claim about solvers (S1 orders, S3 strong order, S4 few-step KL, S5 marginals, T8 reverse process, T16 error
 * decomposition): it checks the context's subjects ({@link VerificationContext#subjects}) to which it applies, so a
 * user's solver — from a plugin jar or added in Java — gets every verdict that makes sense for its kind.
 */
public interface SolverClaim extends Claim {

    /**
     * @param solver a solver
     * @return whether this claim can check it (e.g. only fixed-grid solvers have an order on a grid family)
     */
    boolean appliesTo(Solver solver);
}
