package io.github.diffusion4j.io;

/**
 * A malformed input file: the message names the file, the line (and column where known) and the field or value
 * at fault. A subclass of {@link IllegalArgumentException}, so callers that treat all bad input alike may catch that.
 */
public class InputFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete message, already naming file, location and value
     */
    public InputFormatException(String message) {
        super(message);
    }

    /**
     * @param message the complete message
     * @param cause   the underlying parser or validation error
     */
    public InputFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
