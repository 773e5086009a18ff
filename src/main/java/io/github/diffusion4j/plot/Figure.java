package io.github.diffusion4j.plot;

import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.XYChart;

/** A figure: data that render to an XChart chart of a requested size, and to PNG and SVG files. */
public interface Figure {

    /**
     * @param width  width in pixels, ≥ 100
     * @param height height in pixels, ≥ 100
     * @return a new chart of that size
     */
    XYChart chart(int width, int height);

    /**
     * Writes {@code name.png} and {@code name.svg} of the given size into a directory (created if absent).
     *
     * @param directory the directory
     * @param name      the file name without extension
     * @param width     width in pixels (PNG) or points (SVG)
     * @param height    height in pixels or points
     * @return the two files written, PNG first
     * @throws java.io.UncheckedIOException when a file cannot be written
     */
    default List<Path> write(Path directory, String name, int width, int height) {
        return FigureFiles.write(chart(width, height), directory, name);
    }
}
