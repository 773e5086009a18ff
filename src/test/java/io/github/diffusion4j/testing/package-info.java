/** Seeded generators shared by the property tests. */
package io.github.diffusion4j.testing;
