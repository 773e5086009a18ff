package io.github.diffusion4j.cli;

import java.nio.file.Path;

import io.github.diffusion4j.io.MixtureJson;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import picocli.CommandLine.Option;

/** The options naming the data (a mixture file) and the forward process, shared by the commands. */
final class MixtureOptions {

    @Option(names = "--mixture", required = true, paramLabel = "M.json", description = "Mixture file (JSON).")
    Path mixtureFile;

    @Option(names = "--schedule", required = true, paramLabel = "NAME",
            description = "Schedule: vp-linear, vp-cosine, ve, sub-vp, ou, ddpm-limit, linear, edm.")
    String scheduleName;

    GaussianMixture mixture() {
        return MixtureJson.read(mixtureFile);
    }

    NoiseSchedule schedule() {
        return Schedules.byName(scheduleName);
    }
}
