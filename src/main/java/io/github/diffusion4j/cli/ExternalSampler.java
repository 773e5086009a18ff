package io.github.diffusion4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.diffusion4j.estimate.PointSampler;
import io.github.diffusion4j.io.Npy;
import io.github.diffusion4j.solve.TimeGrid;

/**
 * A sampler that is another program: {@code converge --external "CMD …"}. Each run gets a fresh temporary directory
 * holding
 * <ul>
 *   <li>{@code init.npy} ({@code {init}}): the starting points, float64, shape (n, d), C order;</li>
 *   <li>{@code times.txt} ({@code {times}}): the grid {@code t_0 > t_1 > … > t_N}, one time per line, each printed by
 *       {@link Double#toString} so that it parses back to the same double;</li>
 *   <li>{@code out.npy} ({@code {out}}): where the command must write the final points, float64, shape (n, d);</li>
 * </ul>
 * and {@code {steps}} and {@code {seed}} are replaced by N and the run's seed. The command ({@link CommandTemplate},
 * no shell) runs in that directory with standard input closed and standard output and error captured to files; the
 * directory is deleted afterwards, whatever happened.
 *
 * <p>A run fails — {@link IllegalArgumentException}, so {@code converge} exits with code 2, "no measurement", as
 * opposed to 1, "measured, and the order is wrong" — when the command cannot be started, exits with a non-zero code,
 * runs longer than the timeout (it and its descendants are then killed), or leaves {@code out.npy} missing, not
 * float64, of another shape or with a non-finite value. The message names N, the exit code where there is one, and
 * quotes the last lines of the command's standard error.
 */
final class ExternalSampler implements PointSampler {

    private static final int STDERR_LINES = 20;
    private static final int STDERR_CHARS = 4000;

    private final CommandTemplate command;
    private final int dimension;
    private final long evaluationsPerStep;
    private final double timeoutSeconds;
    private final boolean stochastic;

    /**
     * @param command            the command
     * @param dimension          d, the columns of the points
     * @param evaluationsPerStep the NFE per step the command is declared to make (diffusion4j cannot count them)
     * @param timeoutSeconds     the longest one run may take, positive
     * @param stochastic         whether the command draws its own noise
     */
    ExternalSampler(CommandTemplate command, int dimension, long evaluationsPerStep, double timeoutSeconds,
                    boolean stochastic) {
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds, got " + timeoutSeconds);
        }
        if (evaluationsPerStep < 1) {
            throw new IllegalArgumentException("--nfe-per-step must be at least 1, got " + evaluationsPerStep);
        }
        this.command = command;
        this.dimension = dimension;
        this.evaluationsPerStep = evaluationsPerStep;
        this.timeoutSeconds = timeoutSeconds;
        this.stochastic = stochastic;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public boolean isStochastic() {
        return stochastic;
    }

    @Override
    public long evaluations(int steps) {
        return evaluationsPerStep * steps;
    }

    @Override
    public double[] sample(TimeGrid grid, double[] initial, int n, long seed) {
        Path directory;
        try {
            directory = Files.createTempDirectory("diffusion4j-external-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        RuntimeException failure = null;
        try {
            return run(directory, grid, initial, n, seed);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            delete(directory, failure);
        }
    }

    private double[] run(Path directory, TimeGrid grid, double[] initial, int n, long seed) {
        Path init = directory.resolve("init.npy");
        Path times = directory.resolve("times.txt");
        Path out = directory.resolve("out.npy");
        Npy.write(init, initial, n, dimension);
        writeTimes(times, grid.times());
        List<String> argv = command.argv(Map.of("{steps}", Integer.toString(grid.steps()),
                "{times}", times.toString(), "{init}", init.toString(), "{out}", out.toString(),
                "{seed}", Long.toString(seed)));
        String at = "external command at N = " + grid.steps() + " (" + String.join(" ", argv) + ")";
        Path stderr = directory.resolve("stderr.txt");
        Process process;
        try {
            process = new ProcessBuilder(argv).directory(directory.toFile())
                    .redirectOutput(directory.resolve("stdout.txt").toFile()).redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalArgumentException(at + " cannot be started: " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(Math.round(timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s timed out after %s s (--timeout)%s",
                        at, BigDecimal.valueOf(timeoutSeconds).stripTrailingZeros().toPlainString(), tail(stderr)));
            }
        } catch (IOException e) {
            kill(process);
            throw new UncheckedIOException(at + ": cannot close its standard input: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(at + " was interrupted", e);
        }
        int code = process.exitValue();
        if (code != 0) {
            throw new IllegalArgumentException(at + " exited with code " + code + tail(stderr));
        }
        if (!Files.isRegularFile(out)) {
            throw new IllegalArgumentException(at + " exited with code 0 but did not write {out}" + tail(stderr));
        }
        Npy.Array result;
        try {
            result = Npy.readFloat64(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + " wrote a bad {out}: " + e.getMessage() + tail(stderr), e);
        }
        int[] shape = result.shape();
        if (shape.length != 2 || shape[0] != n || shape[1] != dimension) {
            throw new IllegalArgumentException(at + " wrote {out} of shape " + shapeText(shape) + "; expected ("
                    + n + ", " + dimension + "), the shape of {init}" + tail(stderr));
        }
        double[] z = result.values();
        for (int i = 0; i < z.length; i++) {
            if (!Double.isFinite(z[i])) {
                throw new IllegalArgumentException(at + " wrote " + z[i] + " in {out} at row " + i / dimension
                        + ", column " + i % dimension + tail(stderr));
            }
        }
        return z;
    }

    private static void writeTimes(Path file, double[] times) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (double t : times) {
                w.println(Double.toString(t));
            }
            if (w.checkError()) {
                throw new UncheckedIOException(new IOException("cannot write " + file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Kills the process and its descendants, and waits for it (a few seconds at most). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the last lines of the command's standard error as a message suffix, or a note that it was empty */
    private static String tail(Path stderr) {
        List<String> lines;
        try {
            lines = List.of(new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).split("\\R"));
        } catch (IOException e) {
            return "; its standard error cannot be read: " + e.getMessage();
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size());
        String text = String.join("\n", last).strip();
        if (text.isEmpty()) {
            return "; its standard error was empty";
        }
        if (text.length() > STDERR_CHARS) {
            text = "…" + text.substring(text.length() - STDERR_CHARS);
        }
        return "; last lines of its standard error:\n" + text;
    }

    private static String shapeText(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** Deletes the run's directory; a failure to do so is reported, added to the run's own failure if there is one. */
    private static void delete(Path directory, RuntimeException failure) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            UncheckedIOException error = new UncheckedIOException("cannot delete the temporary directory "
                    + directory + ": " + e.getMessage(), e);
            if (failure == null) {
                throw error;
            }
            failure.addSuppressed(error);
        }
    }
}
