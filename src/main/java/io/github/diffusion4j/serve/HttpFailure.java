package io.github.diffusion4j.serve;

/**
 * A request the server refuses, with the HTTP status and the one-line message of the JSON error body. Bad input
 * raised anywhere else as an {@link IllegalArgumentException} is answered 400 with its message; this class carries
 * the other statuses (401, 404, 405) and 400s raised by the HTTP layer itself.
 */
final class HttpFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** HTTP status: 400, 401, 404 or 405. */
    private final int status;

    /**
     * @param status  the HTTP status
     * @param message the error message, naming the bad value
     */
    HttpFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return the HTTP status */
    int status() {
        return status;
    }

    /**
     * @param message names the bad value or field
     * @return a 400 Bad Request
     */
    static HttpFailure badRequest(String message) {
        return new HttpFailure(400, message);
    }
}
