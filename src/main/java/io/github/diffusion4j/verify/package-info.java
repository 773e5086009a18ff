/**
 * The verification suite: named, runnable {@link io.github.diffusion4j.verify.Claim}s with measured values,
 * tolerances and verdicts, run by {@link io.github.diffusion4j.verify.Verification} on a replaceable
 * {@link io.github.diffusion4j.verify.VerificationContext} (problems, schedules, solvers, ground truth, seeds).
 * Extensions plug in through {@link io.github.diffusion4j.verify.VerificationPlugin}.
 */
package io.github.diffusion4j.verify;
