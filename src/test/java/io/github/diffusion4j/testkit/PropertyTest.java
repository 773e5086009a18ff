package io.github.diffusion4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.mixture.GaussianMixture.CovarianceKind;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/** Shrinking, replay and reproducibility of the testkit itself. */
class PropertyTest {

    /**
     * A property that fails exactly when K ≥ 3 and d ≥ 2 shrinks from a large full-covariance case to the smallest
     * failing one, with every other parameter at its simplest value.
     */
    @Test
    void aFailureShrinksToTheSmallestFailingCase() {
        MixtureSpec large = new MixtureSpec(99L, 7, 6, CovarianceKind.FULL, 2.5, 500, 2.0);
        AssertionError error = assertThrows(AssertionError.class, () -> Property.forAll(spec -> {
            if (spec.components() >= 3 && spec.dimension() >= 2) {
                throw new AssertionError("K = " + spec.components() + ", d = " + spec.dimension());
            }
        }, new MixtureSpec(1L, 1, 5, CovarianceKind.FULL, 1, 1, 0), large));
        MixtureSpec minimal = new MixtureSpec(99L, 2, 3, CovarianceKind.ISOTROPIC, 1.0, 1.0, 0.0);
        assertTrue(error.getMessage().contains("minimal case after"), error.getMessage());
        assertTrue(error.getMessage().contains(minimal.describe()), error.getMessage());
        assertTrue(error.getMessage().contains(large.describe()), error.getMessage());
        assertTrue(error.getMessage().contains("-D" + CaseSeeds.PROPERTY), error.getMessage());
        assertEquals("K = 3, d = 2", error.getCause().getMessage());
    }

    @Test
    void aPassingPropertyPassesAndExceptionsCountAsFailures() {
        Property.forAll(MixtureGenerator.DEFAULT.specs(5, 50), spec -> assertTrue(spec.dimension() >= 1));
        AssertionError error = assertThrows(AssertionError.class, () -> Property.forAll(
                MixtureGenerator.DEFAULT.specs(5, 50), spec -> {
                    throw new IllegalStateException("always");
                }));
        assertTrue(error.getMessage().contains("MixtureSpec(seed="), error.getMessage());
        assertTrue(error.getCause() instanceof IllegalStateException);
    }

    @Test
    void aSpecBuildsTheSameMixtureEveryTimeAndCasesAreReproducible() {
        MixtureSpec[] first = MixtureGenerator.DEFAULT.specs(7, 20);
        MixtureSpec[] second = MixtureGenerator.DEFAULT.specs(7, 20);
        assertArrayEquals(first, second);
        for (MixtureSpec spec : first) {
            GaussianMixture a = spec.build();
            GaussianMixture b = spec.build();
            assertArrayEquals(a.weights(), b.weights(), 0.0);
            for (int k = 0; k < a.components(); k++) {
                assertArrayEquals(a.mean(k), b.mean(k), 0.0);
                assertArrayEquals(a.covariance(k)[0], b.covariance(k)[0], 0.0);
            }
            assertEquals(spec.dimension(), a.dimension());
            assertEquals(spec.components(), a.components());
            assertEquals(spec.kind(), a.covarianceKind());
        }
    }

    @Test
    void aPinnedSeedReplaysExactlyThatCase() {
        MixtureSpec third = MixtureGenerator.DEFAULT.specs(11, 5)[2];
        String saved = System.getProperty(CaseSeeds.PROPERTY);
        try {
            System.setProperty(CaseSeeds.PROPERTY, Long.toString(third.seed()));
            MixtureSpec[] replay = MixtureGenerator.DEFAULT.specs(11, 5);
            assertEquals(1, replay.length);
            assertEquals(third, replay[0]);
            System.setProperty(CaseSeeds.PROPERTY, "seven");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> CaseSeeds.seeds(1, 1));
            assertTrue(bad.getMessage().contains("seven"), bad.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(CaseSeeds.PROPERTY);
            } else {
                System.setProperty(CaseSeeds.PROPERTY, saved);
            }
        }
    }

    /** Weight skew s puts the lightest component about s decades below the heaviest (within the (0.5 + u) factor 3). */
    @Test
    void weightSkewAndConditionNumberAreWhatTheSpecSays() {
        MixtureSpec spec = new MixtureSpec(3L, 3, 4, CovarianceKind.FULL, 1, 1e8, 12);
        GaussianMixture m = spec.build();
        double decades = Math.log10(m.weight(0) / m.weight(3));
        assertTrue(decades > 12 - Math.log10(3) && decades < 12 + Math.log10(3), "decades " + decades);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, false, true);
        eig.decompose(new DMatrixRMaj(m.covariance(0)));
        double[] eigen = new double[3];
        for (int i = 0; i < 3; i++) {
            eigen[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(eigen);
        assertEquals(1e8, eigen[2] / eigen[0], 1e8 * 1e-6);
    }
}
