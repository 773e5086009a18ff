package io.github.diffusion4j.solve;

/**
 * An embedded method that estimates its own local error, for use with a {@link StepSizeController}: {@link #attempt}
 * computes a candidate and its scaled error norm, {@link #accept} commits it. Used on a fixed grid through
 * {@link #step}, it is a plain explicit method of order {@link #order()} (every step accepted).
 */
public abstract class AdaptiveSolver extends Solver {

    /**
     * @param name      the command-line name
     * @param order     the order of the propagated solution
     * @param registers the number of registers, including the state register
     */
    protected AdaptiveSolver(String name, int order, int registers) {
        super(name, order, registers);
    }

    /**
     * @return the exponent denominator q of the controller, {@code 1 + min(order, embedded order)}
     */
    public abstract int errorOrder();

    /**
     * A first step size for integrating from {@code t0} towards {@code tEnd}.
     *
     * @param c    the context, holding the initial state
     * @param t0   the start
     * @param tEnd the end
     * @param atol absolute tolerance
     * @param rtol relative tolerance
     * @return a signed step (negative when integrating backwards in time)
     */
    public abstract double initialStep(StepContext c, double t0, double tEnd, double atol, double rtol);

    /**
     * Computes a candidate for {@code t1} without changing the state.
     *
     * @param c    the context
     * @param t0   the current time
     * @param t1   the proposed next time
     * @param atol absolute tolerance
     * @param rtol relative tolerance
     * @return the scaled RMS error norm (≤ 1 to accept)
     */
    public abstract double attempt(StepContext c, double t0, double t1, double atol, double rtol);

    /**
     * Commits the last attempted candidate to the state (and keeps first-same-as-last stage values).
     *
     * @param c the context
     */
    public abstract void accept(StepContext c);

    /**
     * Dense output on the last accepted step {@code [t0, t1]}: the state at {@code t0 + θ(t1 − t0)}.
     *
     * @param c     the context
     * @param theta in [0, 1]
     * @param out   register receiving the interpolated state
     */
    public abstract void interpolate(StepContext c, double theta, int out);

    @Override
    public boolean isAdaptive() {
        return true;
    }

    @Override
    public void step(StepContext c, double t0, double t1) {
        attempt(c, t0, t1, 1.0, 0.0);
        accept(c);
    }
}
