/**
 * The built-in claims of the verification suite ({@link io.github.diffusion4j.verify.claims.Catalogue}): docs/THEORY.md
 * T1–T18 and the solver claims, each checked on the problems and schedules of a
 * {@link io.github.diffusion4j.verify.VerificationContext}.
 */
package io.github.diffusion4j.verify.claims;
