package io.github.diffusion4j.solve;

/**
 * An integration that cannot continue: a NaN or infinity produced mid-integration (the message names the step, the
 * times and the particle), a model that refuses a state mid-run, a step size below the minimum, or too many steps.
 * Failures inside a step name the solver.
 */
public class IntegrationException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** Why the integration stopped. */
    public enum Reason {
        /** A non-finite value appeared in the state or at a stage point. */
        NON_FINITE_VALUE,
        /** The adaptive step size fell below its minimum. */
        MINIMUM_STEP_REACHED,
        /** The adaptive solver exceeded its maximum number of steps. */
        MAXIMUM_STEPS_EXCEEDED,
        /** A step's model evaluation refused a state mid-run (e.g. one so large that its log-density overflows). */
        MODEL_FAILED
    }

    /** Why the integration stopped. */
    private final Reason reason;

    /**
     * An integration failure.
     *
     * @param reason  why
     * @param message the complete message
     */
    public IntegrationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param solver the name of the solver whose step failed
     * @return this failure with its message prefixed by "solver NAME: "
     */
    public IntegrationException ofSolver(String solver) {
        IntegrationException located = new IntegrationException(reason, "solver " + solver + ": " + getMessage());
        located.initCause(this);
        return located;
    }

    /** @return why the integration stopped */
    public Reason reason() {
        return reason;
    }
}
