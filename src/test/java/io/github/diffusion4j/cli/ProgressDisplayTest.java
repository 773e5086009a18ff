package io.github.diffusion4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The progress bar appears only after its delay, never with --quiet, and ends its line. */
class ProgressDisplayTest {

    private static String draw(boolean quiet, long delayNanos) {
        StringWriter err = new StringWriter();
        try (ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), "converge", quiet, delayNanos)) {
            display.update(1, 4, "euler N=16");
            display.update(4, 4, "euler N=32");
        }
        return err.toString();
    }

    @Test
    void aLongRunDrawsABar() {
        String bar = draw(false, 0);
        assertTrue(bar.contains("converge") && bar.contains("4/4") && bar.contains("euler N=32"), bar);
        assertTrue(bar.endsWith(System.lineSeparator()), "the bar's line is ended");
        assertTrue(bar.lines().allMatch(line -> line.chars().noneMatch(c -> c == 0x1B)), "no colour escape codes");
    }

    @Test
    void shortAndQuietRunsDrawNothing() {
        assertEquals("", draw(false, ProgressDisplay.DELAY_NANOS));
        assertEquals("", draw(true, 0));
    }
}
