package io.github.diffusion4j.cli;

import java.io.Console;
import java.io.PrintWriter;

import io.github.diffusion4j.estimate.ConvergenceStudy;
import io.github.diffusion4j.solve.Integrator;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for runs that last: nothing is drawn during the first second, so quick runs stay
 * silent, nor when standard error is not a terminal or with {@code --quiet} ({@link #forCommand}); after that a bar (me.tongfei:progressbar, 80 columns, no colour codes, redrawn with a carriage return) shows
 * the units done, the elapsed and remaining time, and the last unit. {@link #close()} ends the line.
 */
final class ProgressDisplay implements ConvergenceStudy.Progress, AutoCloseable {

    /** Runs shorter than this draw no bar. */
    static final long DELAY_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String taskName;
    private final boolean quiet;
    private final long delayNanos;
    private final long begin = System.nanoTime();
    private ProgressBar bar;

    /**
     * @param err        where to draw
     * @param taskName   the label before the bar, e.g. the command's name
     * @param quiet      draw nothing
     * @param delayNanos how long to wait before the first drawing
     */
    ProgressDisplay(PrintWriter err, String taskName, boolean quiet, long delayNanos) {
        this.err = err;
        this.taskName = taskName;
        this.quiet = quiet;
        this.delayNanos = delayNanos;
    }

    /**
     * The display of a command: silent with {@code --quiet} or when standard error is not a terminal (a pipe, a file,
     * CI), drawing after {@link #DELAY_NANOS} otherwise.
     *
     * @param err      where to draw
     * @param taskName the label before the bar
     * @param quiet    the command's {@code --quiet}
     * @return the display
     */
    static ProgressDisplay forCommand(PrintWriter err, String taskName, boolean quiet) {
        return new ProgressDisplay(err, taskName, quiet || !interactive(), DELAY_NANOS);
    }

    /**
     * @return whether the JVM has an interactive terminal: a console exists (Java 17–21: only when both standard
     *         streams are terminals) and, from Java 22, {@code Console.isTerminal()} says so
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** @return this display as an integrator's progress listener */
    Integrator.Progress asIntegratorProgress() {
        return (done, total) -> update(done, total, "");
    }

    @Override
    public synchronized void update(long done, long total, String task) {
        if (quiet) {
            return;
        }
        if (bar == null) {
            if (System.nanoTime() - begin < delayNanos) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName(taskName).setInitialMax(total)
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        err.print('\r' + line);
                        err.flush();
                    }, 80)).build();
        }
        bar.stepTo(done);
        bar.setExtraMessage(task);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }
}
