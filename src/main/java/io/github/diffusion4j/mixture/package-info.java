/**
 * Gaussian-mixture data and their exact time marginals (docs/THEORY.md §2): {@link
 * io.github.diffusion4j.mixture.GaussianMixture} holds validated data and samples it exactly; {@link
 * io.github.diffusion4j.mixture.MixtureMarginal} evaluates {@code p_t} in closed form on batches — log-density,
 * responsibilities, score, Hessian, divergence, posterior mean and covariance by conditioning, ε̂, v̂ and the
 * probability-flow and flow-matching velocities.
 */
package io.github.diffusion4j.mixture;
