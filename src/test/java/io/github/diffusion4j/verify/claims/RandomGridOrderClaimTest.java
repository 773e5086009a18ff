package io.github.diffusion4j.verify.claims;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.solve.TimeGrid;
import io.github.diffusion4j.verify.BrokenSolvers;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Verdict;
import io.github.diffusion4j.verify.VerificationContext;
import org.junit.jupiter.api.Test;

/**
 * S6 passes on the built-in solvers and catches the bugs S1 cannot see: a coefficient right only at η ∈ {0, 1}. It
 * also records what non-uniform grids cannot catch, because the maths says so: DPM-Solver++(2M) with its ratio
 * inverted (r = h/h_prev) keeps order 2 on every grid — its extra local error is {@code (h_prev² − h²)·x̂₀'/2 · O(1)},
 * whose sum over the steps telescopes to O(h²).
 */
class RandomGridOrderClaimTest {

    @Test
    void everyBuiltInSolverKeepsItsOrderOnRandomGrids() {
        ClaimResult r = new RandomGridOrderClaim().check(VerificationContext.defaults());
        System.out.println("S6: " + r.measured());
        assertEquals(Verdict.PASS, r.verdict(), r.failures().toString());
        assertTrue(r.measured().contains("reject σ = 0: dpm-solver-2, dpm-solver-3"), r.measured());
        assertEquals(1, r.figures().size());
    }

    @Test
    void anEtaCoefficientRightOnlyAtZeroAndOneFails() {
        VerificationContext context = VerificationContext.builder()
                .solver("euler-maruyama(eta=0.5)", BrokenSolvers.eulerMaruyamaEtaLinearNotSquared(0.5))
                .solversUnderTest(List.of("euler-maruyama(eta=0.5)")).build();
        ClaimResult r = new RandomGridOrderClaim().check(context);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.failures().size() >= r.checks().size() / 2, r.failures().size() + " of " + r.checks().size());
        VerificationContext defaults = VerificationContext.builder()
                .solver("euler-maruyama(eta=0.5)", BrokenSolvers.eulerMaruyamaEtaLinearNotSquared(0.5)).build();
        assertEquals(Verdict.FAIL, new RandomGridOrderClaim().check(defaults).verdict());
        assertEquals(Verdict.PASS, new SolverOrderClaim().check(defaults).verdict(),
                "by default only S6 lists the η = ½ variants (verify --solver NAME puts one under every solver claim)");
    }

    @Test
    void anInvertedMultistepRatioKeepsOrderTwoBecauseItsErrorTelescopes() {
        VerificationContext context = VerificationContext.builder()
                .solver("dpm-solver++2m", BrokenSolvers.dpmSolverPlusPlus2MRatioInverted())
                .solversUnderTest(List.of("dpm-solver++2m")).build();
        ClaimResult r = new RandomGridOrderClaim().check(context);
        for (Check c : r.checks()) {
            assertEquals(2, c.measured(), 0.3, c.configuration());
        }
    }

    @Test
    void gridsAreDeterministicNonUniformEverywhereAndEndExactly() {
        for (Map.Entry<String, NoiseSchedule> entry : Map.of("vp-cosine", Schedules.byName("vp-cosine"),
                "edm", Schedules.byName("edm")).entrySet()) {
            NoiseSchedule schedule = entry.getValue();
            for (long seed = 0; seed < 20; seed++) {
                for (double end : new double[] {schedule.tMin(), 1e-2 * schedule.tMax()}) {
                    TimeGrid grid = new RandomGrids(seed).grid(schedule, schedule.reverseStart(), end, 3072);
                    assertArrayEquals(grid.times(), new RandomGrids(seed).grid(schedule, schedule.reverseStart(),
                            end, 3072).times());
                    assertEquals(end, grid.end());
                    assertEquals(schedule.reverseStart(), grid.start());
                    int uniform = 0;
                    for (int i = 1; i < grid.steps(); i++) {
                        double ratio = (grid.time(i) - grid.time(i + 1)) / (grid.time(i - 1) - grid.time(i));
                        if (Math.abs(ratio - 1) < 1e-3) {
                            uniform++;
                        }
                    }
                    assertTrue(uniform < grid.steps() / 100, entry.getKey() + " seed " + seed + ": " + uniform
                            + " steps equal to the previous one");
                }
            }
        }
    }
}
