/**
 * Samples from anywhere measured against the exact marginal of a Gaussian mixture: {@link
 * io.github.diffusion4j.assess.SampleAssessment} (cross-entropy, k-NN KL, MMD² with its permutation test, sliced W₂,
 * per-coordinate Kolmogorov–Smirnov, per-component mass), and the exact KL and W₂ of a Gaussian output law.
 */
package io.github.diffusion4j.assess;
