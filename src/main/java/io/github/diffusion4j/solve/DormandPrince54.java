package io.github.diffusion4j.solve;

/**
 * The Dormand–Prince 5(4) pair (Dormand and Prince 1980) on the probability-flow ODE: order 5, embedded order 4 for
 * the error estimate, first-same-as-last (the last stage is the first slope of the next step, so an accepted step
 * costs 6 NFE), and Hairer's 4th-order continuous extension for dense output.
 * <pre>
 *     0  |
 *    1/5 |  1/5
 *   3/10 |  3/40        9/40
 *    4/5 |  44/45      −56/15       32/9
 *    8/9 |  19372/6561 −25360/2187  64448/6561 −212/729
 *     1  |  9017/3168  −355/33      46732/5247  49/176   −5103/18656
 *     1  |  35/384      0           500/1113    125/192  −2187/6784    11/84
 *   -----+-----------------------------------------------------------------------
 *    b   |  35/384      0           500/1113    125/192  −2187/6784    11/84     0
 *    b−b̂ |  71/57600    0          −71/16695    71/1920  −17253/339200 22/525   −1/40
 * </pre>
 * Dense output (Hairer, Nørsett and Wanner, "Solving ODEs I", §II.6, and their DOPRI5 code): with
 * {@code Δ = y1 − y0}, {@code b = h k1 − Δ}, {@code c = Δ − h k7 − b} and {@code e = h Σ d_i k_i},
 * {@code y(θ) = y0 + θ(Δ + (1−θ)(b + θ(c + (1−θ) e)))}.
 */
public final class DormandPrince54 extends AdaptiveSolver {

    private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    private static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784,
            B6 = 11.0 / 84;
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;
    private static final double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0,
            D4 = -10690763975.0 / 1880347072.0, D5 = 701980252875.0 / 199316789632.0,
            D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;

    private static final int K1 = 1, K2 = 2, K3 = 3, K4 = 4, K5 = 5, K6 = 6, K7 = 7;
    private static final int STAGE = 8, CANDIDATE = 9, ERROR = 10, START = 11;
    /** Memory slot: 1 when K1 holds the slope at the current state (FSAL). */
    private static final int FSAL_VALID = 0;
    /** Memory slot: the step size of the last attempt. */
    private static final int LAST_STEP = 1;

    /** The shared instance. */
    public static final DormandPrince54 INSTANCE = new DormandPrince54();

    private DormandPrince54() {
        super("rk45", 5, 12);
    }

    @Override
    public int errorOrder() {
        return 5;
    }

    @Override
    public void begin(StepContext c) {
        c.remember(FSAL_VALID, 0);
    }

    private void firstSlope(StepContext c, double t0) {
        if (c.memory(FSAL_VALID) == 0) {
            c.velocity(t0, StepContext.STATE, K1);
            c.remember(FSAL_VALID, 1);
        }
    }

    @Override
    public double initialStep(StepContext c, double t0, double tEnd, double atol, double rtol) {
        // Hairer, Nørsett and Wanner, §II.4 "Starting step size", with the norms of errorNorm.
        firstSlope(c, t0);
        double direction = Math.signum(tEnd - t0);
        double span = Math.abs(tEnd - t0);
        c.combine(ERROR, 1, StepContext.STATE, 0, StepContext.STATE);
        double d0 = c.errorNorm(StepContext.STATE, StepContext.STATE, StepContext.STATE, atol, rtol);
        double d1 = c.errorNorm(K1, StepContext.STATE, StepContext.STATE, atol, rtol);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, span);
        c.combine(STAGE, 1, StepContext.STATE, direction * h0, K1);
        c.velocity(t0 + direction * h0, STAGE, K2);
        c.combine(ERROR, 1 / h0, K2, -1 / h0, K1);
        double d2 = c.errorNorm(ERROR, StepContext.STATE, StepContext.STATE, atol, rtol);
        double h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / Math.max(d1, d2), 0.2);
        return direction * Math.min(Math.min(100 * h0, h1), span);
    }

    @Override
    public double attempt(StepContext c, double t0, double t1, double atol, double rtol) {
        double h = t1 - t0;
        int y = StepContext.STATE;
        firstSlope(c, t0);
        c.combine(STAGE, 1, y, h * A21, K1);
        c.velocity(t0 + C2 * h, STAGE, K2);
        c.combine(STAGE, 1, y, h * A31, K1, h * A32, K2);
        c.velocity(t0 + C3 * h, STAGE, K3);
        c.combine(STAGE, 1, y, h * A41, K1, h * A42, K2, h * A43, K3);
        c.velocity(t0 + C4 * h, STAGE, K4);
        c.combine(STAGE, 1, y, h * A51, K1, h * A52, K2, h * A53, K3);
        c.addScaled(STAGE, h * A54, K4);
        c.velocity(t0 + C5 * h, STAGE, K5);
        c.combine(STAGE, 1, y, h * A61, K1, h * A62, K2, h * A63, K3);
        c.addScaled(STAGE, h * A64, K4);
        c.addScaled(STAGE, h * A65, K5);
        c.velocity(t1, STAGE, K6);
        c.combine(CANDIDATE, 1, y, h * B1, K1, h * B3, K3, h * B4, K4);
        c.addScaled(CANDIDATE, h * B5, K5);
        c.addScaled(CANDIDATE, h * B6, K6);
        c.velocity(t1, CANDIDATE, K7);
        c.combine(ERROR, h * E1, K1, h * E3, K3, h * E4, K4, h * E5, K5);
        c.addScaled(ERROR, h * E6, K6);
        c.addScaled(ERROR, h * E7, K7);
        c.remember(LAST_STEP, h);
        return c.errorNorm(ERROR, y, CANDIDATE, atol, rtol);
    }

    @Override
    public void accept(StepContext c) {
        c.copy(START, StepContext.STATE);
        c.copy(StepContext.STATE, CANDIDATE);
        // Keep K1 of the step for dense output in ERROR's place: ERROR ← h k1 − Δ is computed lazily instead, so
        // store k1 in STAGE, then make k7 the next step's first slope.
        c.copy(STAGE, K1);
        c.copy(K1, K7);
        c.remember(FSAL_VALID, 1);
    }

    @Override
    public void interpolate(StepContext c, double theta, int out) {
        // After accept: START = y0, STATE = y1, STAGE = k1, K1 = K7 = k7; K3 … K6 hold k3 … k6.
        double h = c.memory(LAST_STEP);
        int y0 = START;
        int y1 = StepContext.STATE;
        double[] o = c.register(out);
        double[] a0 = c.register(y0);
        double[] a1 = c.register(y1);
        double[] k1 = c.register(STAGE);
        double[] k3 = c.register(K3);
        double[] k4 = c.register(K4);
        double[] k5 = c.register(K5);
        double[] k6 = c.register(K6);
        double[] k7 = c.register(K7);
        double theta1 = 1 - theta;
        for (int i = 0; i < c.count() * c.dimension(); i++) {
            double delta = a1[i] - a0[i];
            double bspl = h * k1[i] - delta;
            double cspl = delta - h * k7[i] - bspl;
            double e = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
            o[i] = a0[i] + theta * (delta + theta1 * (bspl + theta * (cspl + theta1 * e)));
        }
    }
}
