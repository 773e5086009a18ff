package io.github.diffusion4j.solve;

/**
 * What an integration cost.
 *
 * @param evaluations model evaluations per particle (the NFE): every particle of a chunk shares them; with an adaptive
 *                    solver, chunks may differ and this is the largest
 * @param accepted    steps taken (accepted steps for an adaptive solver; the largest over chunks)
 * @param rejected    rejected adaptive steps (the largest over chunks); 0 for fixed grids
 */
public record IntegrationResult(long evaluations, long accepted, long rejected) {
}
