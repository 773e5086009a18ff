package io.github.diffusion4j.cli;

import java.io.PrintWriter;

import io.github.diffusion4j.estimate.ConvergenceStudy;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for runs that last: nothing is drawn during the first second, so quick runs stay
 * silent; after that a bar (me.tongfei:progressbar, 80 columns, no colour codes, redrawn with a carriage return) shows
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

    @Override
    public void update(long done, long total, String task) {
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
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }
}
