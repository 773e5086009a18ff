package io.github.diffusion4j.io;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Points of R^d handed in as a file: a NumPy {@code .npy} array of shape (n, d) — or (n,) when d = 1 — in any dtype
 * {@link Npy#read} converts, or a CSV file as {@link CsvPoints} reads it. Either way every value must be finite and
 * every row must have d values; the error names the file, the row and the column.
 */
public final class PointFiles {

    private PointFiles() {
    }

    /**
     * @param file      a {@code .npy} or {@code .csv} file, by its name's extension
     * @param dimension d ≥ 1, the number of values per point
     * @return the n ≥ 1 points, row-major
     * @throws InputFormatException naming the file and what is wrong with it: extension, shape, a non-finite value
     */
    public static CsvPoints.Table read(Path file, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        String name = file.toString();
        if (name.endsWith(".csv")) {
            return CsvPoints.read(file, dimension);
        }
        if (!name.endsWith(".npy")) {
            throw new InputFormatException(file + ": the file name must end in .npy or .csv");
        }
        return points(Npy.read(file), name, dimension);
    }

    /**
     * The points of an array already read, with the checks of {@link #read}.
     *
     * @param array     the array
     * @param source    its name in error messages
     * @param dimension d ≥ 1
     * @return the n ≥ 1 points, row-major (the array's values, not copied)
     * @throws InputFormatException if the shape is not (n, d) (or (n,) for d = 1), n = 0, or a value is not finite
     */
    public static CsvPoints.Table points(Npy.Array array, String source, int dimension) {
        int[] shape = array.shape();
        boolean matrix = shape.length == 2 && shape[1] == dimension;
        boolean vector = shape.length == 1 && dimension == 1;
        if (!matrix && !vector) {
            throw new InputFormatException(source + ": shape " + Arrays.toString(shape).replace('[', '(')
                    .replace(']', ')') + " is not (n, " + dimension + "); the data have dimension " + dimension);
        }
        if (shape[0] == 0) {
            throw new InputFormatException(source + ": no points (shape[0] = 0)");
        }
        double[] values = array.values();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InputFormatException(source + ": row " + i / dimension + ", column " + i % dimension
                        + " is " + values[i] + ", not a finite number");
            }
        }
        return new CsvPoints.Table(values, shape[0], dimension);
    }
}
