package io.github.diffusion4j.cli;

import static io.github.diffusion4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} on the command line: its refusals before listening, and a real run answered over loopback. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aPublicAddressNeedsAToken() {
        CliRun r = run("serve", "--problem", "gauss2", "--schedule", "vp-linear", "--port", "0", "--bind", "0.0.0.0");
        assertEquals(Diffusion4j.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--token"), r.err());
    }

    @Test
    void badOptionsAreRefusedBeforeListening() {
        CliRun host = run("serve", "--problem", "gauss2", "--schedule", "vp-linear", "--port", "0", "--bind",
                "no-such-host.invalid");
        assertEquals(Diffusion4j.BAD_INPUT, host.code(), host.err());
        assertTrue(host.err().contains("--bind no-such-host.invalid"), host.err());
        CliRun portFile = run("serve", "--problem", "gauss2", "--schedule", "vp-linear", "--port", "0",
                "--port-file", dir.resolve("missing/port").toString());
        assertEquals(Diffusion4j.BAD_INPUT, portFile.code(), portFile.err());
        assertTrue(portFile.err().contains("--port-file"), portFile.err());
        CliRun schedule = run("serve", "--problem", "gauss2", "--schedule", "vq-linear", "--port", "0");
        assertEquals(Diffusion4j.BAD_INPUT, schedule.code());
        assertTrue(schedule.err().contains("unknown schedule 'vq-linear'"), schedule.err());
    }

    @Test
    void servesUntilInterruptedAndWritesThePortFile() throws Exception {
        Path portFile = dir.resolve("port");
        StringWriter out = new StringWriter();
        int[] code = {-1};
        Thread server = new Thread(() -> code[0] = Diffusion4j.run(new PrintWriter(out),
                new PrintWriter(new StringWriter()), "serve", "--problem", "ring8", "--schedule", "vp-linear",
                "--port", "0", "--port-file", portFile.toString(), "--threads", "2"));
        server.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(portFile) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int port = Integer.parseInt(Files.readString(portFile).strip());
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/info")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode());
        assertTrue(info.body().contains("\"data\":\"ring8\""), info.body());
        server.interrupt();
        server.join(10_000);
        assertEquals(Diffusion4j.OK, code[0]);
        assertTrue(out.toString().startsWith("serving ring8 under vp-linear on http://127.0.0.1:" + port),
                out.toString());
    }
}
