package io.github.diffusion4j.solve;

/**
 * An explicit Runge–Kutta method on the probability-flow ODE {@code dz/dt = u_t(z) = f z − ½ g² s_θ(t, z)}, given by
 * its Butcher tableau (Hairer, Nørsett and Wanner, "Solving ODEs I", §II.1). With {@code h = t1 − t0 < 0}:
 * <pre>
 *   k_i = u(t0 + c_i h, z + h Σ_{j&lt;i} a_ij k_j),      z ← z + h Σ_i b_i k_i
 * </pre>
 * The classical methods are constants: {@link #EULER} (order 1), {@link #HEUN} (the explicit trapezoidal rule, order 2)
 * and {@link #RK4} (order 4). One NFE per stage.
 */
public final class ExplicitRungeKutta extends Solver {

    /** Forward Euler: c = (0), b = (1). */
    public static final ExplicitRungeKutta EULER = new ExplicitRungeKutta("euler", 1,
            new double[] {0}, new double[][] {{}}, new double[] {1});

    /**
     * Heun's method (explicit trapezoidal rule):
     * <pre>
     *   0 |
     *   1 | 1
     *   --+---------
     *     | 1/2 1/2
     * </pre>
     */
    public static final ExplicitRungeKutta HEUN = new ExplicitRungeKutta("heun", 2,
            new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5});

    /**
     * The classical fourth-order method (Kutta 1901):
     * <pre>
     *    0  |
     *   1/2 | 1/2
     *   1/2 |  0  1/2
     *    1  |  0   0   1
     *   ----+----------------
     *       | 1/6 1/3 1/3 1/6
     * </pre>
     */
    public static final ExplicitRungeKutta RK4 = new ExplicitRungeKutta("rk4", 4,
            new double[] {0, 0.5, 0.5, 1}, new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});

    private static final int STAGE_POINT = 1;
    private static final int FIRST_SLOPE = 2;

    private final double[] c;
    private final double[][] a;
    private final double[] b;

    /**
     * @param name  the method's name
     * @param order its order
     * @param c     nodes, c_0 = 0
     * @param a     the strictly lower-triangular coefficients, row i of length i
     * @param b     weights
     */
    public ExplicitRungeKutta(String name, int order, double[] c, double[][] a, double[] b) {
        super(name, order, FIRST_SLOPE + b.length);
        if (c.length != b.length || a.length != b.length || c[0] != 0) {
            throw new IllegalArgumentException("inconsistent Butcher tableau for " + name);
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != i) {
                throw new IllegalArgumentException("row " + i + " of the tableau of " + name + " must have " + i
                        + " entries, has " + a[i].length);
            }
        }
        this.c = c.clone();
        this.a = a.clone();
        this.b = b.clone();
    }

    @Override
    public void step(StepContext ctx, double t0, double t1) {
        double h = t1 - t0;
        for (int i = 0; i < b.length; i++) {
            double stageTime = c[i] == 1 ? t1 : t0 + c[i] * h;
            if (i == 0) {
                ctx.velocity(stageTime, StepContext.STATE, FIRST_SLOPE);
                continue;
            }
            ctx.copy(STAGE_POINT, StepContext.STATE);
            for (int j = 0; j < i; j++) {
                if (a[i][j] != 0) {
                    ctx.addScaled(STAGE_POINT, h * a[i][j], FIRST_SLOPE + j);
                }
            }
            ctx.velocity(stageTime, STAGE_POINT, FIRST_SLOPE + i);
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0) {
                ctx.addScaled(StepContext.STATE, h * b[i], FIRST_SLOPE + i);
            }
        }
    }
}
