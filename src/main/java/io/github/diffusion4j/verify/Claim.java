package io.github.diffusion4j.verify;

/**
 * A named, runnable mathematical claim (docs/THEORY.md §4 and the solver claims): it runs on the data problems, schedules
 * and solvers of a {@link VerificationContext}, measures, and returns a {@link ClaimResult} with a verdict. Monte Carlo
 * claims use fixed seeds (from the context) and state their false-alarm rate; closed-form claims state their
 * floating-point tolerance and why. Register new claims programmatically in the context or through
 * {@link VerificationPlugin} and {@link java.util.ServiceLoader}.
 */
public interface Claim {

    /** @return a short unique id, e.g. {@code "T1"} */
    String id();

    /** @return the claim in one line */
    String statement();

    /** @return the paper (and equation) it comes from */
    String source();

    /**
     * @param context problems, schedules, solvers, ground truth, sample sizes and seeds
     * @return the measured result
     */
    ClaimResult check(VerificationContext context);
}
