package io.github.diffusion4j.verify;

import java.util.List;
import java.util.Map;

import io.github.diffusion4j.plot.Figure;

/**
 * The outcome of a claim: every check it ran, a one-line summary of the measured values and of the tolerance or
 * interval they were held to, and the verdict (PASS only if every check passed).
 *
 * @param id        the claim's id
 * @param statement the claim's one-line statement
 * @param source    the paper and equation
 * @param measured  summary of the measured values (e.g. the worst residual)
 * @param tolerance summary of the criterion
 * @param checks    every check
 * @param figures   figures for the report, by file name (without extension); may be empty
 * @param seconds   wall time of the claim
 */
public record ClaimResult(String id, String statement, String source, String measured, String tolerance,
                          List<Check> checks, Map<String, Figure> figures, double seconds) {

    /** @return PASS if there is at least one check and all passed */
    public Verdict verdict() {
        return !checks.isEmpty() && checks.stream().allMatch(c -> c.verdict() == Verdict.PASS)
                ? Verdict.PASS : Verdict.FAIL;
    }

    /** @return the checks that failed */
    public List<Check> failures() {
        return checks.stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
    }
}
