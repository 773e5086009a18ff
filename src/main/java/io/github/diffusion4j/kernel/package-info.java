/**
 * SIMD kernels with a scalar twin: {@link io.github.diffusion4j.kernel.VectorKernels} (the kernels and their
 * bit-exact specification) and {@link io.github.diffusion4j.kernel.Exp} (the exponential they share).
 */
package io.github.diffusion4j.kernel;
