/**
 * File formats: mixtures as JSON ({@link io.github.diffusion4j.io.MixtureJson}) and points as CSV ({@link
 * io.github.diffusion4j.io.CsvPoints}). Malformed files raise {@link io.github.diffusion4j.io.InputFormatException}
 * naming the file, line and field.
 */
package io.github.diffusion4j.io;
