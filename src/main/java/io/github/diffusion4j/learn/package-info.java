/**
 * Learned scores: a noise-predicting multilayer perceptron ({@link io.github.diffusion4j.learn.Mlp}, time embedding,
 * SiLU or GELU, hand-written back-propagation checked against finite differences), its adapter to a score model
 * ({@link io.github.diffusion4j.learn.MlpNoisePredictor}), and denoising-score-matching training with Adam and
 * importance-sampled t ({@link io.github.diffusion4j.learn.DsmTrainer}), so that a learned score can be measured
 * against the exact one.
 */
package io.github.diffusion4j.learn;
