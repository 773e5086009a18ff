package io.github.diffusion4j.verify;

import java.util.function.Function;

import io.github.diffusion4j.score.ScoreModel;

/**
 * A named score model built from the ground truth of a problem, for claims that hold for <em>any</em> model (DSM ≡ ESM,
 * ISM, CFM ≡ FM): they are checked on every candidate.
 *
 * @param name    a short name for reports
 * @param factory builds the model from the exact quantities of one problem and schedule
 */
public record CandidateModel(String name, Function<GroundTruth, ScoreModel> factory) {
}
