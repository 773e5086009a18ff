package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;

import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MixtureJsonTest {

    @ParameterizedTest
    @CsvSource({"bimodal1d", "ring8", "gauss2", "mixture8d"})
    void writeThenReadIsTheIdentity(String name) throws IOException {
        GaussianMixture m = BuiltinMixtures.byName(name);
        StringWriter w = new StringWriter();
        MixtureJson.write(m, w);
        GaussianMixture back = MixtureJson.parse(w.toString(), name + ".json");
        assertEquals(m.components(), back.components());
        assertEquals(m.dimension(), back.dimension());
        for (int k = 0; k < m.components(); k++) {
            assertEquals(m.weight(k), back.weight(k), 0.0);
            for (int i = 0; i < m.dimension(); i++) {
                assertEquals(m.mean(k)[i], back.mean(k)[i], 0.0);
                for (int j = 0; j < m.dimension(); j++) {
                    assertEquals(m.covariance(k, i, j), back.covariance(k, i, j), 0.0);
                }
            }
        }
    }

    @Test
    void acceptsTheThreeCovarianceForms() {
        GaussianMixture full = MixtureJson.parse(
                "{\"weights\":[1],\"means\":[[0,1]],\"covariances\":[[[2,0.5],[0.5,1]]]}", "f");
        assertEquals(GaussianMixture.CovarianceKind.FULL, full.covarianceKind());
        assertEquals(0.5, full.covariance(0, 0, 1), 0.0);
        GaussianMixture diag = MixtureJson.parse("{\"weights\":[1],\"means\":[[0,1]],\"variances\":[[2,3]]}", "d");
        assertEquals(GaussianMixture.CovarianceKind.DIAGONAL, diag.covarianceKind());
        assertEquals(3.0, diag.covariance(0, 1, 1), 0.0);
        GaussianMixture iso = MixtureJson.parse("{\"weights\":[0.5,0.5],\"means\":[[0],[1]],\"variances\":[2,3]}", "i");
        assertEquals(GaussianMixture.CovarianceKind.ISOTROPIC, iso.covarianceKind());
    }

    private static void rejects(String json, String... fragments) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> MixtureJson.parse(json, "M.json"));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void malformedFilesNameFileLineAndField() {
        rejects("{\"weights\":[1],\n\"means\":[[0, \"a\"]],\"variances\":[1]}", "M.json line 2", "means[0][1]", "\"a\"");
        rejects("{\"weights\":[1],\"means\":[[0]],\"variances\":[1],\n\n\"extra\":1}", "line 3", "unknown field \"extra\"");
        rejects("{\"weights\":[1],\"means\":[[0]]}", "neither");
        rejects("{\"weights\":[1],\"means\":[[0]],\"variances\":[1],\"covariances\":[[[1]]]}", "both");
        rejects("{\"means\":[[0]],\"variances\":[1]}", "missing required field \"weights\"");
        rejects("{\"weights\":[1],\"means\":[[0]],\"variances\":[NaN]}", "M.json line 1", "invalid JSON");
        rejects("{\"weights\":[0.5,0.6],\"means\":[[0],[1]],\"variances\":[1,1]}", "M.json", "sum to 1.1");
        rejects("{\"weights\":[1],\"means\":[[0,0]],\"covariances\":[[[1,2],[2,1]]]}", "not positive definite");
        rejects("{\"weights\":[1],\"means\":[[0]],\"variances\":[1]", "invalid JSON");
        rejects("[1,2]", "expected a JSON object");
        rejects("{\"weights\":[1],\"weights\":[1]}", "duplicate field");
        rejects("{\"weights\":1,\"means\":[[0]],\"variances\":[1]}", "weights: expected an array");
    }
}
