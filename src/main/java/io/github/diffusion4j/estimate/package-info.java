/**
 * Error estimators (THEORY.md §6): exact Gaussian laws and divergences ({@link
 * io.github.diffusion4j.estimate.GaussianLaw}) and the exact output law of any fixed-grid solver on Gaussian data
 * ({@link io.github.diffusion4j.estimate.ExactSolverLaw}).
 */
package io.github.diffusion4j.estimate;
