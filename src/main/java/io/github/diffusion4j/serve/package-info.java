/**
 * The exact oracle as a local HTTP service ({@code diffusion4j serve}): the exact quantities, samples and
 * assessments of one Gaussian mixture's marginals p_t under one schedule, for samplers written in any language.
 *
 * <p><b>Endpoints</b> (versioned under {@code /v1}; errors are JSON {@code {"error": "..."}}):
 * <ul>
 *   <li>{@code POST /v1/eval?quantity=Q&t=T} — {@link EvalEndpoint}: a batch of points as {@code .npy} or JSON,
 *   answered in the same format; bit-identical to {@code diffusion4j eval};</li>
 *   <li>{@code GET /v1/sample?t=T&n=N&seed=S} — {@link SampleEndpoint}: exact samples, bit-identical to
 *   {@code sampleMarginal} with the same seed;</li>
 *   <li>{@code GET /v1/schedule?t=T} — {@link ScheduleEndpoint}: α, σ, λ and their derivatives;</li>
 *   <li>{@code GET /v1/info} — {@link InfoEndpoint}: the data, schedule, quantities and limits;</li>
 *   <li>{@code POST /v1/assess?t=T} — {@link AssessEndpoint}: samples, or a Gaussian law, against the exact p_t.</li>
 * </ul>
 *
 * <p><b>Failures.</b> Bad input is 400 with a message naming the value — the same messages as the command line
 * where the check is shared (schedule domain, unknown quantity, {@code .npy} format); 401 for a missing or wrong
 * token, 404 for an unknown path, 405 for a wrong method; anything unexpected is 500 with one line, logged to
 * standard error. No response carries a stack trace ({@link Route}).
 *
 * <p><b>Security model.</b> The server binds 127.0.0.1 by default; any non-loopback address needs a bearer token
 * ({@link ServerSettings}, {@link BearerToken}). Request bodies are limited ({@code --max-body}, checked against
 * {@code Content-Length} before reading and by a capped read for chunked bodies; JSON bodies to 1 MiB), and an
 * {@code .npy} header's shape is checked against the body's length before anything is allocated. The server never
 * opens a path named in a request: the data are fixed when it starts, and no endpoint takes a file name.
 *
 * <p><b>Why the JDK's server.</b> {@code com.sun.net.httpserver} (module {@code jdk.httpserver}) ships with every
 * JDK since 6 and is a supported, exported API: no dependency, nothing to keep patched beyond the JDK itself, and a
 * few hundred lines of glue. A loopback oracle answers batches (one request carries 10⁴ points), so per-request
 * overhead matters little and HTTP/1.1 keep-alive with a fixed worker pool is enough; the features a general web
 * stack adds (HTTP/2, TLS termination, routing DSLs) are not needed here — a deployment beyond loopback would put a
 * TLS proxy in front. Replies are sent with {@code TCP_NODELAY} ({@code sun.net.httpserver.nodelay}).
 */
package io.github.diffusion4j.serve;
