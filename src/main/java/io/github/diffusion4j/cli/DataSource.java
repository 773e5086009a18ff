package io.github.diffusion4j.cli;

import java.nio.file.Path;

import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.BuiltinMixtures;
import io.github.diffusion4j.mixture.GaussianMixture;
import picocli.CommandLine.Option;

/**
 * The data of {@code sample}, {@code train} and {@code converge}: a built-in problem or a mixture file, one of the
 * two (a picocli {@code @ArgGroup(exclusive = true)}). Where the group is optional, no option means
 * {@link #DEFAULT_PROBLEM}.
 */
final class DataSource {

    /** The problem of {@code sample} and {@code train} when neither option is given. */
    static final String DEFAULT_PROBLEM = "ring8";

    @Option(names = "--problem", paramLabel = "NAME",
            description = "Built-in data: bimodal1d, ring8, gauss2, mixture8d (sample and train default to ring8).")
    String problem;

    @Option(names = "--mixture", paramLabel = "M.json", description = "Mixture file (JSON).")
    Path mixtureFile;

    /**
     * @param data the parsed group, or null when no option of it was given
     * @return the problem's name or the mixture file's path, as reports name the data
     */
    static String name(DataSource data) {
        return data == null ? DEFAULT_PROBLEM : data.problem != null ? data.problem : data.mixtureFile.toString();
    }

    /**
     * @param data the parsed group, or null when no option of it was given
     * @return the mixture: read from the file, or the built-in problem
     */
    static GaussianMixture mixture(DataSource data) {
        return data != null && data.mixtureFile != null ? MixtureJson.read(data.mixtureFile)
                : BuiltinMixtures.byName(name(data));
    }
}
