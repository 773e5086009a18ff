package io.github.diffusion4j.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.Test;

class TimeGridTest {

    @Test
    void uniformInLogSnrHasExactEndsAndEqualLambdaSpacing() {
        NoiseSchedule vp = Schedules.byName("vp-linear");
        TimeGrid grid = TimeGrid.uniformLogSnr(vp, 1.0, 1e-3, 10);
        assertEquals(1.0, grid.start(), 0.0);
        assertEquals(1e-3, grid.end(), 0.0);
        double spacing = (vp.logSnr(1e-3) - vp.logSnr(1.0)) / 10;
        for (int i = 0; i < 10; i++) {
            assertEquals(spacing, vp.logSnr(grid.time(i + 1)) - vp.logSnr(grid.time(i)), 1e-12);
        }
    }

    @Test
    void karrasGridOnEdmIsTheClosedFormWithAFinalZero() {
        NoiseSchedule edm = Schedules.byName("edm");
        TimeGrid grid = TimeGrid.karras(edm, 0.002, 80, 18, 7);
        assertEquals(19, grid.times().length);
        assertEquals(0.0, grid.end(), 0.0);
        double a = Math.pow(80, 1 / 7.0);
        double b = Math.pow(0.002, 1 / 7.0);
        for (int i = 0; i < 18; i++) {
            double sigma = Math.pow(a + i / 17.0 * (b - a), 7);
            assertEquals(sigma, grid.time(i), 1e-13 * sigma, "σ_" + i);
        }
        NoiseSchedule ve = Schedules.byName("ve");
        TimeGrid noZero = TimeGrid.karras(ve, 0.02, 40, 10, 7);
        assertEquals(10, noZero.times().length, "VE never reaches σ = 0: no point appended");
        assertEquals(0.02, ve.sigma(noZero.end()), 1e-15);
    }

    @Test
    void uniformAndQuadraticGrids() {
        NoiseSchedule vp = Schedules.byName("vp-linear");
        TimeGrid uniform = TimeGrid.uniformTime(vp, 1.0, 0.0, 4);
        assertEquals(0.75, uniform.time(1), 1e-16);
        TimeGrid quadratic = TimeGrid.quadratic(vp, 1.0, 1e-4, 5);
        for (int i = 0; i < 5; i++) {
            double gap = Math.sqrt(quadratic.time(i)) - Math.sqrt(quadratic.time(i + 1));
            assertEquals((1 - 1e-2) / 5, gap, 1e-15);
        }
        assertTrue(quadratic.toString().startsWith("TimeGrid["));
    }
}
