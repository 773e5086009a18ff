package io.github.diffusion4j.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * The exact oracle over HTTP: a started server answering the {@code /v1} endpoints of the package description for
 * one mixture and schedule, on a fixed pool of worker threads, until {@link #close()}.
 */
public final class OracleServer implements AutoCloseable {

    static {
        // The JDK server reads this once, when its first server is created: replies go out without Nagle's delay.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;

    private OracleServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Binds and starts the server.
     *
     * @param name     the data's name, as reports give it
     * @param mixture  the data law p₀
     * @param schedule the forward process
     * @param settings address, port, token, limits, threads
     * @param version  the version line {@code /v1/info} reports
     * @param log      where unexpected failures (500s) are reported, one line each
     * @return the running server
     * @throws IOException if the address cannot be bound (e.g. the port is taken)
     */
    public static OracleServer start(String name, GaussianMixture mixture, NoiseSchedule schedule,
                                     ServerSettings settings, String version, PrintStream log) throws IOException {
        Oracle oracle = new Oracle(name, mixture, schedule);
        int maxBody = settings.maxBody();
        Map<String, Map.Entry<String, Endpoint>> endpoints = new LinkedHashMap<>();
        endpoints.put("/v1/eval", entry("POST", new EvalEndpoint(oracle)));
        endpoints.put("/v1/sample", entry("GET", new SampleEndpoint(oracle, maxBody)));
        endpoints.put("/v1/schedule", entry("GET", new ScheduleEndpoint(schedule)));
        endpoints.put("/v1/info", entry("GET", new InfoEndpoint(oracle, maxBody, version)));
        endpoints.put("/v1/assess", entry("POST", new AssessEndpoint(oracle)));
        BearerToken token = settings.token() == null ? null : new BearerToken(settings.token());
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 0);
        server.createContext("/", new Route(endpoints, token, maxBody, log));
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), daemonThreads());
        server.setExecutor(workers);
        server.start();
        return new OracleServer(server, workers);
    }

    private static Map.Entry<String, Endpoint> entry(String method, Endpoint endpoint) {
        return new AbstractMap.SimpleImmutableEntry<>(method, endpoint);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "diffusion4j-serve-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** @return the bound address */
    public InetAddress address() {
        return server.getAddress().getAddress();
    }

    /** @return the bound port (the chosen one when started on port 0) */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the base URL, {@code http://HOST:PORT}, with an IPv6 host in brackets */
    public String url() {
        String host = address().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Stops accepting, lets requests in progress finish for up to a second, and stops the workers. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
