package io.github.diffusion4j.verify;

/** Receives progress while claims run (the command line shows a progress bar). */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * @param claim the claim about to run
     * @param index its position, from 0
     * @param total number of claims
     */
    default void claimStarted(Claim claim, int index, int total) {
    }

    /** @param result the finished claim */
    default void claimFinished(ClaimResult result) {
    }
}
