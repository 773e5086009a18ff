/**
 * A property-based testkit for suites that use diffusion4j: seeded generators of hard Gaussian-mixture problems
 * ({@link io.github.diffusion4j.testkit.MixtureSpec}, {@link io.github.diffusion4j.testkit.MixtureGenerator},
 * {@link io.github.diffusion4j.testkit.MarginalCase}), greedy shrinking of failing cases
 * ({@link io.github.diffusion4j.testkit.Property}), and JUnit parameter sources
 * ({@link io.github.diffusion4j.testkit.RandomMixtures}, {@link io.github.diffusion4j.testkit.RandomMarginalCases}).
 * Every case is a pure function of a printed seed, and {@code -Ddiffusion4j.testkit.seed} replays one.
 *
 * <p>Shipped as its own jar, {@code diffusion4j-<version>-testkit.jar} (classifier {@code testkit}); it needs
 * {@code junit-jupiter-params} on the test class path, which the library itself does not.
 */
package io.github.diffusion4j.testkit;
