package org.example.solvers;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.StepContext;

/**
 * Euler's method on the probability-flow ODE {@code dz/dt = f(t) z − ½ g²(t) s(t, z)}, written as a user would, from
 * t down to s < t: {@code z_s = z − (t − s) [f(t) z − ½ g²(t) s_θ(t, z)]}. Order 1, one model evaluation per step.
 * The {@link Mistake}s are the bugs {@code verify} must catch.
 */
public final class ProbabilityFlowEuler extends Solver {

    /** A deliberate bug, or none. */
    public enum Mistake {
        /** The correct method. */
        NONE("my-euler", 1),
        /** The step taken forward in time: {@code z + Δ [f z − ½ g² s]}. */
        SIGN("my-euler-sign-flipped", 1),
        /** The ½ of the probability-flow drift forgotten: {@code f z − g² s} (that is the reverse SDE's drift). */
        HALF("my-euler-missing-half", 1),
        /** Correct, but declares order 2. */
        ORDER("my-euler-claims-order-2", 2);

        private final String solverName;
        private final int declaredOrder;

        Mistake(String solverName, int declaredOrder) {
            this.solverName = solverName;
            this.declaredOrder = declaredOrder;
        }
    }

    private static final int SCORE = 1;

    private final Mistake mistake;

    /** @param mistake the bug to carry, or {@link Mistake#NONE} */
    public ProbabilityFlowEuler(Mistake mistake) {
        super(mistake.solverName, mistake.declaredOrder, 2);
        this.mistake = mistake;
    }

    @Override
    public void step(StepContext c, double t, double s) {
        NoiseSchedule schedule = c.schedule();
        double delta = (mistake == Mistake.SIGN ? -1 : 1) * (t - s);
        double half = mistake == Mistake.HALF ? 1 : 0.5;
        c.score(t, StepContext.STATE, SCORE);
        c.combine(StepContext.STATE, 1 - delta * schedule.drift(t), StepContext.STATE,
                delta * half * schedule.diffusionSquared(t), SCORE);
    }
}
