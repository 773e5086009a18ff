package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;

import io.github.diffusion4j.mixture.GaussianMixture;
import org.junit.jupiter.api.Test;

/** write → parse keeps the covariance kind and every value (a regression found by MixtureJsonFuzzTest). */
class MixtureJsonRoundTripTest {

    private static GaussianMixture roundTrip(GaussianMixture m) throws IOException {
        StringWriter out = new StringWriter();
        MixtureJson.write(m, out);
        return MixtureJson.parse(out.toString(), "roundtrip.json");
    }

    @Test
    void isotropicMixturesStayIsotropic() throws IOException {
        GaussianMixture m = GaussianMixture.isotropic(new double[] {0.25, 0.75},
                new double[][] {{0, 1}, {2, -3.5}}, new double[] {0.5, 2});
        GaussianMixture back = roundTrip(m);
        assertEquals(GaussianMixture.CovarianceKind.ISOTROPIC, back.covarianceKind());
        for (int k = 0; k < 2; k++) {
            assertEquals(m.weight(k), back.weight(k), 0.0);
            assertArrayEquals(m.mean(k), back.mean(k), 0.0);
            assertEquals(m.covariance(k, 1, 1), back.covariance(k, 1, 1), 0.0);
        }
    }

    @Test
    void diagonalAndFullMixturesKeepTheirKind() throws IOException {
        GaussianMixture diagonal = GaussianMixture.diagonal(new double[] {1}, new double[][] {{0, 0}},
                new double[][] {{1, 4}});
        assertEquals(GaussianMixture.CovarianceKind.DIAGONAL, roundTrip(diagonal).covarianceKind());
        GaussianMixture full = GaussianMixture.full(new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{2, 0.5}, {0.5, 1}}});
        assertEquals(GaussianMixture.CovarianceKind.FULL, roundTrip(full).covarianceKind());
    }
}
