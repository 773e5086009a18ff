/**
 * Implementation helpers shared by several packages; not part of the public API and free to change.
 */
package io.github.diffusion4j.internal;
