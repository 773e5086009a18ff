package io.github.diffusion4j.verify;

/** The outcome of a check or a claim. */
public enum Verdict {
    /** The measured value meets the tolerance or lies in the interval. */
    PASS,
    /** It does not. */
    FAIL
}
