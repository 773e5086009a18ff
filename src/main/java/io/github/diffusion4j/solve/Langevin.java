package io.github.diffusion4j.solve;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * Unadjusted Langevin dynamics {@code dx = ∇ log p(x) dt + √2 dB} discretised as
 * <pre>
 *   x ← x + ε s_θ(t, x) + √(2ε) ξ
 * </pre>
 * (docs/THEORY.md §3). Each grid step t0 → t1 runs M such steps at the level t1:
 * <ul>
 *   <li>{@link #fixed}: the same ε at every level — on a two-point grid ending at t this samples the fixed density
 *       p_t, with the O(ε) bias of the unadjusted scheme (for N(m, C) the stationary covariance is
 *       {@code C (I − ε C⁻¹/2)⁻¹});</li>
 *   <li>{@link #annealed}: annealed Langevin dynamics (Song and Ermon 2019, Algorithm 1), step
 *       {@code ε_i = ε σ̃_i²/σ̃_L²} at level {@code σ̃_i = σ(t1)/α(t1)}, σ̃_L the last level of the grid.</li>
 * </ul>
 * M NFE and M draws per grid step.
 */
public final class Langevin extends Solver {

    private static final int SCORE = 1;
    private static final int XI = 2;

    private final double epsilon;
    private final int stepsPerLevel;
    private final boolean annealed;

    private Langevin(double epsilon, int stepsPerLevel, boolean annealed) {
        super(annealed ? "annealed-langevin" : "langevin", 1, 3, checkSteps(stepsPerLevel), 0.5);
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("Langevin step size ε must be positive and finite, got " + epsilon);
        }
        this.epsilon = epsilon;
        this.stepsPerLevel = stepsPerLevel;
        this.annealed = annealed;
    }

    private static int checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("Langevin steps per level must be at least 1, got " + steps);
        }
        return steps;
    }

    /**
     * @param epsilon       the step size ε
     * @param stepsPerLevel M, Langevin steps per grid step
     * @return Langevin dynamics with a fixed step size
     */
    public static Langevin fixed(double epsilon, int stepsPerLevel) {
        return new Langevin(epsilon, stepsPerLevel, false);
    }

    /**
     * @param epsilon       the step size ε at the last (smallest) noise level
     * @param stepsPerLevel T, Langevin steps per noise level
     * @return annealed Langevin dynamics
     */
    public static Langevin annealed(double epsilon, int stepsPerLevel) {
        return new Langevin(epsilon, stepsPerLevel, true);
    }

    @Override
    public void step(StepContext c, double t0, double t1) {
        double step = epsilon;
        if (annealed) {
            NoiseSchedule schedule = c.schedule();
            double last = schedule.sigma(c.gridEnd()) / schedule.alpha(c.gridEnd());
            if (!(last > 0) || !Double.isFinite(last)) {
                throw new IllegalArgumentException("annealed Langevin needs a positive final noise level σ/α, got "
                        + last + " at t = " + c.gridEnd());
            }
            double level = schedule.sigma(t1) / schedule.alpha(t1);
            step = epsilon * (level / last) * (level / last);
        }
        double noise = Math.sqrt(2 * step);
        for (int m = 0; m < stepsPerLevel; m++) {
            c.score(t1, StepContext.STATE, SCORE);
            c.gaussian(m, XI);
            c.combine(StepContext.STATE, 1, StepContext.STATE, step, SCORE, noise, XI);
        }
    }
}
