package io.github.diffusion4j.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.diffusion4j.io.AtomicFiles;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes a chart as PNG (one pixel per chart unit, through ImageIO) and SVG (on the VectorGraphics2D backend), both
 * with XChart's {@code ChartEncoder}. Both draw off-screen, so they work with {@code java.awt.headless=true}.
 */
public final class FigureFiles {

    private FigureFiles() {
    }

    /**
     * @param chart     the chart
     * @param directory the directory, created if absent
     * @param name      the file name without extension
     * @return {@code name.png} and {@code name.svg} in the directory
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static List<Path> write(XYChart chart, Path directory, String name) {
        Path png = png(chart, directory, name);
        Path svg = directory.resolve(name + ".svg");
        encode(chart, svg, "svg");
        return List.of(png, svg);
    }

    /**
     * @param chart     the chart
     * @param directory the directory, created if absent
     * @param name      the file name without extension
     * @return {@code name.png} in the directory
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static Path png(XYChart chart, Path directory, String name) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory + ": " + e.getMessage(), e);
        }
        Path png = directory.resolve(name + ".png");
        encode(chart, png, "png");
        return png;
    }

    private static void encode(XYChart chart, Path file, String format) {
        AtomicFiles.write(file, out -> ChartEncoder.saveChart(chart, out, format));
    }
}
