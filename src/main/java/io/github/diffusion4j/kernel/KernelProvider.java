package io.github.diffusion4j.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the {@link VectorKernels} of this JVM once (a holder class, so the lookup runs on first use). The SIMD
 * implementation is loaded <i>by name</i>, so that nothing links {@code jdk.incubator.vector} classes unless the module
 * is in the boot layer; otherwise, or if the system property {@value #DISABLE_PROPERTY} is {@code true}, one log line
 * says so and the scalar twin is used.
 */
final class KernelProvider {

    /** Set to {@code true} to use the scalar kernels even when the Vector API module is present. */
    static final String DISABLE_PROPERTY = "diffusion4j.vector.disable";

    static final VectorKernels INSTANCE = lookup();

    private static final String PANAMA = "io.github.diffusion4j.kernel.PanamaKernels";

    private KernelProvider() {
    }

    private static VectorKernels lookup() {
        System.Logger log = System.getLogger(VectorKernels.class.getName());
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            log.log(Level.INFO, "diffusion4j: SIMD kernels disabled by -D" + DISABLE_PROPERTY + "; using the scalar "
                    + "kernels");
            return ScalarKernels.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            log.log(Level.INFO, "diffusion4j: the Java Vector API is not enabled; using the scalar kernels (run java "
                    + "with --add-modules jdk.incubator.vector for the SIMD kernels)");
            return ScalarKernels.INSTANCE;
        }
        try {
            return (VectorKernels) Class.forName(PANAMA).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            log.log(Level.WARNING, "diffusion4j: the SIMD kernels could not be loaded (" + e + "); using the scalar "
                    + "kernels");
            return ScalarKernels.INSTANCE;
        }
    }
}
