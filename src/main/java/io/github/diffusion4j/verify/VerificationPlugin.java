package io.github.diffusion4j.verify;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.solve.Solver;

/**
 * Contributes claims, data problems, solvers and candidate score models to the verification suite. Implementations
 * listed in {@code META-INF/services/io.github.diffusion4j.verify.VerificationPlugin} are found by
 * {@link java.util.ServiceLoader} when a context is built with {@link VerificationContext.Builder#discoverPlugins()};
 * or pass one to {@link VerificationContext.Builder#plugin}.
 */
public interface VerificationPlugin {

    /** @return additional claims */
    default List<Claim> claims() {
        return List.of();
    }

    /** @return additional data problems by name */
    default Map<String, GaussianMixture> problems() {
        return Map.of();
    }

    /** @return additional solvers by name */
    default Map<String, Supplier<Solver>> solvers() {
        return Map.of();
    }

    /** @return additional candidate score models */
    default List<CandidateModel> scoreModels() {
        return List.of();
    }
}
