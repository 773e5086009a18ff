/**
 * The {@code diffusion4j} command line (picocli): {@code eval} (exact marginal quantities on points, a stable
 * contract) and {@code marginals} (a table of exact quantities across time). Nothing below this package prints.
 */
package io.github.diffusion4j.cli;
