/**
 * Score models: {@link io.github.diffusion4j.score.ScoreModel}, the one batched model interface solvers see; the exact
 * mixture score ({@link io.github.diffusion4j.score.MixtureScoreModel}); and adapters from ε-, x₀-, v- and
 * velocity-predicting models ({@link io.github.diffusion4j.score.ScoreModels}).
 */
package io.github.diffusion4j.score;
