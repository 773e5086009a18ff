package io.github.diffusion4j.verify;

import java.util.SplittableRandom;
import java.util.function.Supplier;

import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.StepContext;

/**
 * Deliberately broken solvers that keep the name and declared order of the solver they imitate, each with one bug a
 * real implementation could have, for showing that the verification catalogue catches them.
 */
public final class BrokenSolvers {

    private static final int STAGE = 1;
    private static final int EPS_T = 2;
    private static final int EPS_STAGE = 3;

    private BrokenSolvers() {
    }

    /** @return "heun", declared order 2, that silently takes an Euler step */
    public static Supplier<Solver> heunDowngradedToEuler() {
        return () -> new Solver("heun", 2, 2) {
            @Override
            public void step(StepContext c, double t, double s) {
                c.velocity(t, StepContext.STATE, STAGE);
                c.addScaled(StepContext.STATE, s - t, STAGE);
            }
        };
    }

    /**
     * @return "dpm-solver-2" whose intermediate time is placed in the full log-SNR with a step measured in the half
     *         log-SNR: u = λ⁻¹(λ_t + h/2) instead of λ½⁻¹(λ½_t + h/2)
     */
    public static Supplier<Solver> dpmSolver2MixingHalfAndFullLogSnr() {
        return () -> new Solver("dpm-solver-2", 2, 4) {
            @Override
            public void step(StepContext c, double t, double s) {
                NoiseSchedule schedule = c.schedule();
                double alphaT = schedule.alpha(t);
                double h = schedule.halfLogSnr(s) - schedule.halfLogSnr(t);
                c.noisePrediction(t, StepContext.STATE, EPS_T);
                double u = schedule.inverseLogSnr(schedule.logSnr(t) + 0.5 * h);
                c.combine(STAGE, schedule.alpha(u) / alphaT, StepContext.STATE,
                        -schedule.sigma(u) * Math.expm1(0.5 * h), EPS_T);
                c.noisePrediction(u, STAGE, EPS_STAGE);
                c.combine(StepContext.STATE, schedule.alpha(s) / alphaT, StepContext.STATE,
                        -schedule.sigma(s) * Math.expm1(h), EPS_STAGE);
            }
        };
    }

    /** @return "euler-maruyama" whose noise is scaled by g Δ instead of g √Δ */
    public static Supplier<Solver> eulerMaruyamaNoiseScaledByStep() {
        return () -> new Solver("euler-maruyama", 1, 3, 1, 1.0) {
            @Override
            public void step(StepContext c, double t, double s) {
                NoiseSchedule schedule = c.schedule();
                double delta = t - s;
                double g2 = schedule.diffusionSquared(t);
                c.score(t, StepContext.STATE, STAGE);
                c.gaussian(0, EPS_T);
                c.combine(StepContext.STATE, 1 - delta * schedule.drift(t), StepContext.STATE, g2 * delta, STAGE,
                        Math.sqrt(g2) * delta, EPS_T);
            }
        };
    }

    /**
     * @return "dpm-solver++2m" with the multistep ratio inverted, r = h/h_prev instead of h_prev/h: identical on a
     *         uniform log-SNR grid, first order on any other
     */
    public static Supplier<Solver> dpmSolverPlusPlus2MRatioInverted() {
        return () -> new Solver("dpm-solver++2m", 2, 3) {
            @Override
            public boolean isMultistep() {
                return true;
            }

            @Override
            public void step(StepContext c, double t, double s) {
                NoiseSchedule schedule = c.schedule();
                double h = schedule.halfLogSnr(s) - schedule.halfLogSnr(t);
                double sigmaRatio = schedule.sigma(s) / schedule.sigma(t);
                double dataCoefficient = -schedule.alpha(s) * Math.expm1(-h);
                c.dataPrediction(t, StepContext.STATE, STAGE);
                if (c.isFirstStep() || !Double.isFinite(h)) {
                    c.combine(StepContext.STATE, sigmaRatio, StepContext.STATE, dataCoefficient, STAGE);
                } else {
                    double w = 1 / (2 * (h / c.memory(0)));
                    c.combine(StepContext.STATE, sigmaRatio, StepContext.STATE, dataCoefficient * (1 + w), STAGE,
                            -dataCoefficient * w, EPS_T);
                }
                c.copy(EPS_T, STAGE);
                c.remember(0, h);
            }
        };
    }

    /**
     * @param eta the stochasticity
     * @return Euler–Maruyama at η whose score coefficient is ½(1 + η) g² instead of ½(1 + η²) g²: right at η ∈ {0, 1}
     *         only
     */
    public static Supplier<Solver> eulerMaruyamaEtaLinearNotSquared(double eta) {
        return () -> new Solver("euler-maruyama(eta=" + eta + ")", 1, 3, 1, 1.0) {
            @Override
            public void step(StepContext c, double t, double s) {
                NoiseSchedule schedule = c.schedule();
                double delta = t - s;
                double g2 = schedule.diffusionSquared(t);
                c.score(t, StepContext.STATE, STAGE);
                c.gaussian(0, EPS_T);
                c.combine(StepContext.STATE, 1 - delta * schedule.drift(t), StepContext.STATE,
                        0.5 * (1 + eta) * g2 * delta, STAGE, eta * Math.sqrt(g2 * delta), EPS_T);
            }
        };
    }

    /**
     * @return "euler-maruyama" whose noise is drawn per chunk from a generator seeded by the step, so particle i of a
     *         chunk gets draw i whatever its global index — the law is right, but the output depends on the batching
     *         (a reseeded {@code randn(batch)} per step)
     */
    public static Supplier<Solver> eulerMaruyamaNoiseKeyedByBatchPosition() {
        return () -> new Solver("euler-maruyama", 1, 3, 1, 1.0) {
            @Override
            public void step(StepContext c, double t, double s) {
                NoiseSchedule schedule = c.schedule();
                double delta = t - s;
                double g2 = schedule.diffusionSquared(t);
                c.score(t, StepContext.STATE, STAGE);
                SplittableRandom random = new SplittableRandom(c.stepIndex());
                double[] xi = c.register(EPS_T);
                for (int i = 0; i < c.count() * c.dimension(); i++) {
                    xi[i] = gaussian(random);
                }
                c.combine(StepContext.STATE, 1 - delta * schedule.drift(t), StepContext.STATE, g2 * delta, STAGE,
                        Math.sqrt(g2 * delta), EPS_T);
            }
        };
    }

    /**
     * @return "dpm-solver++2m" that tells its first step by a field of the instance instead of
     *         {@link StepContext#isFirstStep()}: only the first chunk it ever integrates starts with a first-order
     *         step; every later chunk (and every later call) takes a second-order step from a zero history
     */
    public static Supplier<Solver> dpmSolverPlusPlus2MFirstStepInInstance() {
        return () -> new Solver("dpm-solver++2m", 2, 3) {
            private boolean started;

            @Override
            public boolean isMultistep() {
                return true;
            }

            @Override
            public void step(StepContext c, double t, double s) {
                NoiseSchedule schedule = c.schedule();
                double h = 0.5 * (schedule.logSnr(s) - schedule.logSnr(t));
                double sigmaRatio = schedule.sigma(s) / schedule.sigma(t);
                double dataCoefficient = -schedule.alpha(s) * Math.expm1(-h);
                c.dataPrediction(t, StepContext.STATE, STAGE);
                if (!started) {
                    started = true;
                    c.combine(StepContext.STATE, sigmaRatio, StepContext.STATE, dataCoefficient, STAGE);
                } else {
                    double w = 1 / (2 * (c.memory(0) / h));
                    c.combine(StepContext.STATE, sigmaRatio, StepContext.STATE, dataCoefficient * (1 + w), STAGE,
                            -dataCoefficient * w, EPS_T);
                }
                c.copy(EPS_T, STAGE);
                c.remember(0, h);
            }
        };
    }

    /** Box–Muller, one normal per call (the second is discarded: simplicity over speed in a test fixture). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
