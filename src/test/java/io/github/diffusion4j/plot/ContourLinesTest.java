package io.github.diffusion4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Marching squares on functions whose level sets are known. */
class ContourLinesTest {

    /**
     * The level set r² = 1 of f = x² + y² on a 101 × 101 grid over [−2, 2]² (spacing h = 0.04): a crossing is found by
     * linear interpolation of f along an edge, whose error for this quadratic is at most h²/4 in f, hence about h²/8 in
     * r; the assertion allows h². The polyline's length is 2π to 0.1% (inscribed chords fall short by ~h²/24 relative).
     */
    @Test
    void traceTheUnitCircle() {
        int n = 101;
        double h = 4.0 / (n - 1);
        double[] f = new double[n * n];
        for (int b = 0; b < n; b++) {
            for (int a = 0; a < n; a++) {
                double x = -2 + a * h;
                double y = -2 + b * h;
                f[b * n + a] = x * x + y * y;
            }
        }
        double[][] line = ContourLines.trace(f, n, n, -2, h, -2, h, 1.0);
        double length = 0;
        int segments = 0;
        for (int i = 0; i < line[0].length; i += 3) {
            for (int k = 0; k < 2; k++) {
                double r = Math.hypot(line[0][i + k], line[1][i + k]);
                assertEquals(1.0, r, h * h, "crossing at radius " + r);
            }
            assertTrue(Double.isNaN(line[0][i + 2]) && Double.isNaN(line[1][i + 2]), "segments end with NaN");
            length += Math.hypot(line[0][i + 1] - line[0][i], line[1][i + 1] - line[1][i]);
            segments++;
        }
        assertTrue(segments > 50, "only " + segments + " segments");
        assertEquals(2 * Math.PI, length, 2e-3 * Math.PI);
    }

    /**
     * A saddle cell with corners 1, 0, 1, 0 (bottom-left, bottom-right, top-right, top-left) at level 0.5: the centre
     * value is 0.5, not above the level, so the two low corners connect through the centre and the high corners are cut
     * off, each by one segment between the midpoints of its two edges.
     */
    @Test
    void saddlesAreResolvedByTheCentreValue() {
        double[] f = {1, 0, 0, 1};
        double[][] line = ContourLines.trace(f, 2, 2, 0, 1, 0, 1, 0.5);
        assertEquals(6, line[0].length);
        // bottom-left corner cut off: from the bottom edge's midpoint (0.5, 0) to the left edge's (0, 0.5)
        assertEquals(0.5, line[0][0], 0);
        assertEquals(0.0, line[1][0], 0);
        assertEquals(0.0, line[0][1], 0);
        assertEquals(0.5, line[1][1], 0);
        // top-right corner cut off: right edge (1, 0.5) to top edge (0.5, 1)
        assertEquals(1.0, line[0][3], 0);
        assertEquals(0.5, line[1][3], 0);
        assertEquals(0.5, line[0][4], 0);
        assertEquals(1.0, line[1][4], 0);
    }
}
