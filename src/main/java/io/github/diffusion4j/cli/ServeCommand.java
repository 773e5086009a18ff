package io.github.diffusion4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.github.diffusion4j.io.AtomicFiles;
import io.github.diffusion4j.mixture.GaussianMixture;
import io.github.diffusion4j.schedule.NoiseSchedule;
import io.github.diffusion4j.schedule.Schedules;
import io.github.diffusion4j.serve.OracleServer;
import io.github.diffusion4j.serve.ServerSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the exact oracle of one mixture and schedule over HTTP ({@link OracleServer}), until the process
 * is stopped (or, embedded, the calling thread interrupted). Prints {@code serving NAME under SCHEDULE on URL} once
 * listening; {@code --port-file} then holds the port, written atomically, for scripts that start it on port 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the exact oracle over HTTP: score, x0, eps, v, velocity, log-density,",
            "responsibilities for batches of points, exact samples of p_t, and assess."},
        footer = {"", "Endpoints (.npy bodies as application/x-npy, or JSON; errors are JSON {\"error\": …}):",
            "  POST /v1/eval?quantity=Q&t=T     points (n, d) → values (n, width)",
            "  GET  /v1/sample?t=T&n=N&seed=S   exact samples of p_t (&format=json)",
            "  GET  /v1/schedule?t=T            alpha, sigma, log-SNR and derivatives",
            "  GET  /v1/info                    data, moments, schedule, quantities, limits",
            "  POST /v1/assess?t=T              samples (n, d), or JSON {mean, covariance}",
            "Bound to 127.0.0.1 unless --bind; any other address needs --token, and then",
            "every request needs 'Authorization: Bearer TOKEN'.",
            "", "Example:",
            "  java -jar target/diffusion4j-cli.jar serve --problem gauss2 \\",
            "      --schedule vp-linear --port 8765",
            "  curl -s 'http://127.0.0.1:8765/v1/eval?quantity=score&t=0.5' \\",
            "      -H 'Content-Type: application/json' -d '{\"points\": [[0.3, -1.2]]}'"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DataSource data;

    @Option(names = "--schedule", required = true, paramLabel = "NAME",
            description = "Schedule: vp-linear, vp-cosine, ve, sub-vp, ou, ddpm-limit, linear, edm.")
    String scheduleName;

    @Option(names = "--port", defaultValue = "8765", paramLabel = "N",
            description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on; other than loopback needs --token (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token", paramLabel = "T",
            description = "Require 'Authorization: Bearer T' on every request.")
    String token;

    @Option(names = "--max-body", defaultValue = "" + ServerSettings.DEFAULT_MAX_BODY, paramLabel = "BYTES",
            description = "Largest request body; also caps sample's n·d·8 (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--port-file", paramLabel = "FILE",
            description = "Write the port there once listening (atomically), for scripts using --port 0.")
    Path portFile;

    @Override
    public Integer call() throws IOException {
        NoiseSchedule schedule = Schedules.byName(scheduleName);
        GaussianMixture mixture = DataSource.mixture(data);
        ServerSettings settings = new ServerSettings(address(bind), port, token, maxBody,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        if (portFile != null) {
            AtomicFiles.requireWritable(portFile, "--port-file");
        }
        String name = DataSource.name(data);
        OracleServer server;
        try {
            server = OracleServer.start(name, mixture, schedule, settings, spec.root().version()[0], System.err);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        Thread shutdown = new Thread(server::close, "diffusion4j-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try (server) {
            if (portFile != null) {
                AtomicFiles.writeText(portFile, out -> out.write(server.port() + "\n"));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("serving " + name + " under " + schedule.name() + " on " + server.url());
            out.flush();
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            removeHook(shutdown);
        }
        return Diffusion4j.OK;
    }

    /** Embedded runs (tests) end by interruption; their hook must not outlive them. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running or has run.
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + host + ": not an address of this machine (" + e.getMessage()
                    + ")");
        }
    }
}
