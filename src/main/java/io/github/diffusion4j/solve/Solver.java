package io.github.diffusion4j.solve;

/**
 * A reverse-time sampler step, diffrax-style: an immutable description (name, declared orders, the number of vector
 * registers it needs) plus one decision, {@link #step}, that advances the particles from {@code t0} to {@code t1 < t0}.
 * All mutable state — the particles, stage vectors, multistep history, the count of model evaluations — lives in the
 * {@link StepContext}, which the {@link Integrator} creates per chunk of particles.
 *
 * <p>A solver touches data only through the context's operations (model evaluations, linear combinations of
 * registers, normal draws). Register {@link StepContext#STATE} holds the particles; the solver owns registers
 * {@code 1 … registers() − 1}.
 *
 * <p>Adding a solver: subclass this, pass the description (name, order, registers, draws) to the constructor,
 * implement {@link #step} from the paper's update formula, and register it ({@link Solvers#register}, or a plugin
 * jar); a built-in solver is one line in {@link Solvers}, whose family tests check every built-in's declared order.
 */
public abstract class Solver {

    private final String name;
    private final int order;
    private final int registers;
    private final int drawsPerStep;
    private final double strongOrder;

    /**
     * A deterministic solver.
     *
     * @param name      the command-line name
     * @param order     the global order
     * @param registers the number of n × d registers needed, including the state register
     */
    protected Solver(String name, int order, int registers) {
        this(name, order, registers, 0, Double.NaN);
    }

    /**
     * @param name         the command-line name
     * @param order        the global order (deterministic) or weak order (stochastic)
     * @param registers    the number of n × d registers needed, including the state register
     * @param drawsPerStep normal vectors per particle drawn by one step; 0 for a deterministic solver
     * @param strongOrder  the strong order of a stochastic solver, NaN for a deterministic one
     */
    protected Solver(String name, int order, int registers, int drawsPerStep, double strongOrder) {
        if (registers < 1 || drawsPerStep < 0 || order < 1) {
            throw new IllegalArgumentException("invalid solver description for " + name);
        }
        this.name = name;
        this.order = order;
        this.registers = registers;
        this.drawsPerStep = drawsPerStep;
        this.strongOrder = strongOrder;
    }

    /** @return the name used on the command line, e.g. {@code "dpm-solver++2m"} */
    public final String name() {
        return name;
    }

    /**
     * @return the order of convergence: the global order for deterministic solvers, the weak order for stochastic ones
     */
    public final int order() {
        return order;
    }

    /** @return the strong order for stochastic solvers, NaN for deterministic ones */
    public final double strongOrder() {
        return strongOrder;
    }

    /** @return whether the solver chooses its own steps (see {@link AdaptiveSolver}) */
    public boolean isAdaptive() {
        return false;
    }

    /**
     * @return whether a step reads history left by earlier steps (multistep methods); such a solver can only be run
     *         from the first step of a grid
     */
    public boolean isMultistep() {
        return false;
    }

    /** @return whether the step draws noise */
    public final boolean isStochastic() {
        return drawsPerStep > 0;
    }

    /** @return how many normal vectors per particle one step draws (0 for deterministic solvers) */
    public final int drawsPerStep() {
        return drawsPerStep;
    }

    /** @return the number of n × d registers the solver needs, including the state register */
    public final int registers() {
        return registers;
    }

    /**
     * Called once per chunk before the first step; multistep solvers reset their history here.
     *
     * @param c the context
     */
    public void begin(StepContext c) {
    }

    /**
     * Advances {@link StepContext#STATE} from {@code t0} to {@code t1 < t0}.
     *
     * @param c  the context: particles, registers, model and noise
     * @param t0 the current time
     * @param t1 the next time
     */
    public abstract void step(StepContext c, double t0, double t1);

    @Override
    public String toString() {
        return name;
    }
}
