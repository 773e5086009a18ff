package org.example.solvers;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.StepContext;

/**
 * Euler–Maruyama on the reverse SDE {@code dz = [f z − g² s] dt + g dW̄} (Anderson 1982), from t down to s < t:
 * {@code z_s = z − Δ [f(t) z − g²(t) s_θ(t, z)] + g(t) √Δ ξ}, Δ = t − s. Weak order 1; strong order 1, as the noise
 * is additive. One model evaluation and one normal draw per step.
 */
public final class ReverseSdeEulerMaruyama extends Solver {

    private static final int SCORE = 1;
    private static final int NOISE = 2;

    /** The solver, named {@code my-euler-maruyama}. */
    public ReverseSdeEulerMaruyama() {
        super("my-euler-maruyama", 1, 3, 1, 1.0);
    }

    @Override
    public void step(StepContext c, double t, double s) {
        NoiseSchedule schedule = c.schedule();
        double delta = t - s;
        double g2 = schedule.diffusionSquared(t);
        c.score(t, StepContext.STATE, SCORE);
        c.gaussian(0, NOISE);
        c.combine(StepContext.STATE, 1 - delta * schedule.drift(t), StepContext.STATE, delta * g2, SCORE,
                Math.sqrt(g2 * delta), NOISE);
    }
}
