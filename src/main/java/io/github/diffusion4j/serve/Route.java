package io.github.diffusion4j.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The HTTP side of every request: the bearer token (when the server has one), the exact path (404 otherwise — the
 * JDK server matches contexts by prefix), the method (405 with {@code Allow}), then the endpoint; and the mapping of
 * failures to JSON error bodies {@code {"error": "..."}}: {@link HttpFailure} with its status,
 * {@link IllegalArgumentException} (bad input, including malformed {@code .npy}) as 400, anything else as 500 with
 * a one-line message, logged to standard error. No response ever carries a stack trace.
 */
final class Route implements HttpHandler {

    private final Map<String, Map.Entry<String, Endpoint>> endpoints;
    private final BearerToken token;
    private final int maxBody;
    private final PrintStream log;

    /**
     * @param endpoints path → (method, endpoint)
     * @param token     the required bearer token, or null for none
     * @param maxBody   the largest request body, in bytes
     * @param log       where unexpected failures are reported
     */
    Route(Map<String, Map.Entry<String, Endpoint>> endpoints, BearerToken token, int maxBody, PrintStream log) {
        this.endpoints = Map.copyOf(endpoints);
        this.token = token;
        this.maxBody = maxBody;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = reply(exchange);
            if (reply.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            send(exchange, reply);
        }
    }

    private Reply reply(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        try {
            if (token != null) {
                token.check(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            Map.Entry<String, Endpoint> entry = endpoints.get(path);
            if (entry == null) {
                throw new HttpFailure(404, "no endpoint " + path + "; the endpoints are "
                        + endpoints.keySet().stream().sorted().toList());
            }
            if (!entry.getKey().equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", entry.getKey());
                throw new HttpFailure(405, exchange.getRequestMethod() + " is not allowed on " + path + "; use "
                        + entry.getKey());
            }
            return entry.getValue().handle(new Request(exchange, maxBody));
        } catch (HttpFailure e) {
            return Reply.error(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return Reply.error(400, oneLine(e));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            String message = "internal error in " + path + ": " + oneLine(e);
            log.println("serve: " + message);
            return Reply.error(500, message);
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }
}
