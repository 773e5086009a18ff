#!/usr/bin/env python3
"""Latency and throughput of the oracle service against the command line's per-call cost.

Starts `serve` on a free loopback port with a ring of 8 isotropic components, POSTs /v1/eval?quantity=score for n = 10^4 points in d = 2 (a float64 .npy
body) from 1 and from 8 concurrent clients, and times `eval` on the same points as a whole process, then prints a
Markdown table. Needs python3 with numpy and a built target/diffusion4j-cli.jar (or DIFFUSION4J_JAR).

    python3 benchmarks/serve-latency.py [--requests 200] [--cli-runs 5]
"""
import argparse
import concurrent.futures
import http.client
import io
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_server(jar, workdir, mixture):
    port_file = os.path.join(workdir, "port")
    server = subprocess.Popen(["java", "-jar", jar, "serve", "--mixture", mixture, "--schedule", "vp-linear",
                               "--port", "0", "--port-file", port_file],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while not os.path.exists(port_file):
        if time.time() > deadline or server.poll() is not None:
            server.kill()
            sys.exit("the server did not start")
        time.sleep(0.05)
    with open(port_file) as f:
        return server, int(f.read().strip())


def timed_requests(port, body, count):
    """One keep-alive connection sending `count` requests; returns the latencies in seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    latencies = []
    for _ in range(count):
        begin = time.perf_counter()
        connection.request("POST", "/v1/eval?quantity=score&t=0.5", body, {"Content-Type": "application/x-npy"})
        response = connection.getresponse()
        payload = response.read()
        latencies.append(time.perf_counter() - begin)
        if response.status != 200:
            sys.exit("request failed: %d %s" % (response.status, payload[:200]))
    connection.close()
    return latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cli-runs", type=int, default=5)
    args = parser.parse_args()
    jar = os.environ.get("DIFFUSION4J_JAR", os.path.join(ROOT, "target", "diffusion4j-cli.jar"))
    n, d = 10_000, 2
    points = np.random.default_rng(0).normal(size=(n, d)) * 2
    buffer = io.BytesIO()
    np.save(buffer, points)
    body = buffer.getvalue()
    with tempfile.TemporaryDirectory() as workdir:
        mixture = os.path.join(workdir, "ring.json")
        with open(mixture, "w") as f:
            f.write('{"weights": [0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125], "means": ['
                    + ", ".join("[%r, %r]" % (float(4 * np.cos(2 * np.pi * k / 8)), float(4 * np.sin(2 * np.pi * k / 8)))
                                for k in range(8)) + '], "variances": [0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01]}')
        server, port = start_server(jar, workdir, mixture)
        try:
            timed_requests(port, body, 50)  # warm-up: the JIT compiles the hot paths
            rows = []
            for clients in (1, 8):
                per_client = max(1, args.requests // clients)
                begin = time.perf_counter()
                with concurrent.futures.ThreadPoolExecutor(clients) as pool:
                    results = list(pool.map(lambda _: timed_requests(port, body, per_client), range(clients)))
                wall = time.perf_counter() - begin
                latencies = np.sort(np.concatenate(results))
                rows.append((clients, len(latencies), np.median(latencies) * 1e3,
                             latencies[int(0.99 * (len(latencies) - 1))] * 1e3, len(latencies) * n / wall))
        finally:
            server.kill()
            server.wait()
        csv = os.path.join(workdir, "P.csv")
        np.savetxt(csv, points, delimiter=",", fmt="%.17g")
        cli = []
        for _ in range(args.cli_runs):
            begin = time.perf_counter()
            subprocess.run(["java", "-jar", jar, "eval", "--mixture", mixture, "--schedule", "vp-linear", "--t", "0.5",
                            "--points", csv, "--quantity", "score"], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            cli.append(time.perf_counter() - begin)
    print("| route | clients | requests | median latency | p99 latency | points/s |")
    print("|---|---|---|---|---|---|")
    for clients, count, median, p99, rate in rows:
        print("| `POST /v1/eval` score, .npy | %d | %d | %.2f ms | %.2f ms | %.3g |" % (clients, count, median, p99, rate))
    median_cli = float(np.median(cli))
    print("| `eval` command, CSV (one process per call) | 1 | %d | %.0f ms | — | %.3g |"
          % (len(cli), median_cli * 1e3, n / median_cli))


if __name__ == "__main__":
    main()
