package io.github.diffusion4j.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret of {@code serve --token}: a request is accepted only with the header
 * {@code Authorization: Bearer <token>}. The comparison is of SHA-256 digests with {@link MessageDigest#isEqual},
 * which takes the same time wherever the two differ, and digests have a fixed length, so the time taken reveals
 * neither a matching prefix nor the token's length.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    /**
     * @param token the secret, non-empty
     * @throws IllegalArgumentException if it is empty or blank
     */
    BearerToken(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("--token must not be empty");
        }
        this.digest = sha256(token);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @throws HttpFailure (401) if the header is missing, not a bearer token, or the wrong token
     */
    void check(String authorization) {
        if (authorization == null) {
            throw new HttpFailure(401, "missing Authorization header; this server needs 'Authorization: Bearer "
                    + "<token>'");
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new HttpFailure(401, "the Authorization header is not a bearer token; send 'Authorization: Bearer "
                    + "<token>'");
        }
        if (!MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()))) {
            throw new HttpFailure(401, "wrong bearer token");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
