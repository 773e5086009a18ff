package io.github.diffusion4j.solve;

/**
 * A solver asked for direct access to a register ({@link StepContext#register}) while the integrator carries
 * Jacobians (tangent mode, for exact log-determinants): what it writes there would be invisible to the Jacobian, so
 * the model density would be that of another map. Callers that can measure without densities (e.g. a k-NN estimate)
 * catch this and integrate without tangents.
 */
public final class UntrackedRegisterException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param register the register asked for */
    UntrackedRegisterException(int register) {
        super("StepContext.register(" + register + ") in tangent mode: writes through the array are invisible to the "
                + "Jacobian, so the log-determinant (exact model density) would be that of another map; write the "
                + "step with the context's operations (combine, addScaled, copy, model evaluations) to run it with "
                + "log-determinants");
    }
}
