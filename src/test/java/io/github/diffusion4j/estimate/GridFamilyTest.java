package io.github.diffusion4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.TimeGrid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every grid family is nested: the grid with 2N steps contains the grid with N steps (every second time), to 10⁻¹²
 * relative — the round-off of evaluating the same point of λ or √t through two different fractions i/N and 2i/2N.
 */
class GridFamilyTest {

    @ParameterizedTest
    @EnumSource(GridFamily.class)
    void doublingTheStepsKeepsEveryTime(GridFamily family) {
        NoiseSchedule vp = Schedules.byName("vp-linear");
        for (int n : new int[] {3, 16, 50}) {
            TimeGrid coarse = family.grid(vp, 1.0, 0.01, n);
            TimeGrid fine = family.grid(vp, 1.0, 0.01, 2 * n);
            assertEquals(n, coarse.steps());
            for (int i = 0; i <= n; i++) {
                assertEquals(coarse.time(i), fine.time(2 * i), 1e-12 * coarse.time(i), family + " N = " + n);
            }
        }
        assertEquals(family, GridFamily.byName(family.cliName()));
    }

    @ParameterizedTest
    @EnumSource(GridFamily.class)
    void unknownNamesAreRejected(GridFamily family) {
        assertThrows(IllegalArgumentException.class, () -> GridFamily.byName(family.cliName() + "x"));
    }
}
