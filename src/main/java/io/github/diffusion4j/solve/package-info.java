/**
 * Reverse-time samplers (docs/THEORY.md §5). The step contract is {@link io.github.diffusion4j.solve.Solver} (declared
 * orders plus one step decision) operating on a {@link io.github.diffusion4j.solve.StepContext} (registers, model,
 * noise, NFE); {@link io.github.diffusion4j.solve.Integrator} drives a solver over a {@link
 * io.github.diffusion4j.solve.TimeGrid} for n particles in fixed-size chunks on any number of threads, with
 * bit-identical results. Noise comes from {@link io.github.diffusion4j.solve.NoiseSource}s addressed by (step, draw,
 * particle): counter-based streams, a virtual Brownian tree, or user arrays. {@link
 * io.github.diffusion4j.solve.Solvers} lists the built-in solvers by name.
 */
package io.github.diffusion4j.solve;
