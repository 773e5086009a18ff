package io.github.diffusion4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The provider follows the boot layer: SIMD kernels exactly when jdk.incubator.vector is present and not disabled. */
class KernelProviderTest {

    @Test
    void simdKernelsExactlyWhenTheModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean disabled = Boolean.getBoolean(KernelProvider.DISABLE_PROPERTY);
        String name = VectorKernels.get().name();
        System.out.println("VectorKernels: " + name);
        if (present && !disabled) {
            assertTrue(name.startsWith("panama ("), name);
        } else {
            assertEquals("scalar", name);
        }
        assertEquals("scalar", VectorKernels.scalar().name());
    }
}
