package io.github.diffusion4j.verify;

/** A plugin that contributes nothing: loading it must be an error, not a silent no-op. */
public final class EmptyPlugin implements VerificationPlugin {
}
