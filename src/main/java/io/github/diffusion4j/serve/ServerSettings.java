package io.github.diffusion4j.serve;

import java.net.InetAddress;

/**
 * How the server listens: address, port, optional bearer token, request body limit and worker threads. The checks
 * of the constructor are the security model: a non-loopback address (including the wildcard) needs a token.
 *
 * @param bind    the address to listen on
 * @param port    0 for an ephemeral port, else 1–65535
 * @param token   the bearer token every request must carry, or null for none (loopback only)
 * @param maxBody the largest request body in bytes, 1 KiB to 2³¹ − 16
 * @param threads worker threads, ≥ 1
 */
public record ServerSettings(InetAddress bind, int port, String token, int maxBody, int threads) {

    /** The default body limit: 64 MiB, 8 Mi float64 values (4·10⁶ points of d = 2). */
    public static final int DEFAULT_MAX_BODY = 64 << 20;
    private static final int MIN_MAX_BODY = 1024;
    private static final int MAX_MAX_BODY = Integer.MAX_VALUE - 16;

    /**
     * @throws IllegalArgumentException naming the option and value at fault: a port outside 0–65535, a body limit
     *                                  outside its range, fewer than one thread, an empty token, or a non-loopback
     *                                  address without a token
     */
    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is outside 0-65535 (0 picks a free port)");
        }
        if (maxBody < MIN_MAX_BODY || maxBody > MAX_MAX_BODY) {
            throw new IllegalArgumentException("--max-body " + maxBody + " is outside [" + MIN_MAX_BODY + ", "
                    + MAX_MAX_BODY + "] bytes");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("--token must not be empty");
        }
        if (!bind.isLoopbackAddress() && token == null) {
            throw new IllegalArgumentException("--bind " + bind.getHostAddress() + " is not a loopback address: "
                    + "serving beyond this machine needs --token");
        }
    }
}
