"""Runs the diffusion4j JMH benchmarks (SIMD kernels) and the NumPy peer in one go and prints the ratios.

Usage (from the repository root, after benchmarks/run.sh has built benchmarks/target/benchmarks.jar):
    OPENBLAS_NUM_THREADS=1 python3 benchmarks/numpy/compare.py [--quick]
--quick runs JMH with 2 warm-up and 3 measurement iterations of 1 s instead of the annotations' settings.
"""
import json
import os
import subprocess
import sys
import tempfile

import peer

JMH_KEYS = {
    ("ScoreBenchmark.score", "shape=1000000_8_2_diagonal"): "score_1000000_8_2_diagonal",
    ("ScoreBenchmark.score", "shape=100000_16_64_diagonal"): "score_100000_16_64_diagonal",
    ("ScoreBenchmark.score", "shape=100000_16_64_full"): "score_100000_16_64_full",
    ("SamplerBenchmark.sample", "scale=1,solver=dpm-solver++2m"): "dpm_solver_pp_2m",
    ("MlpBenchmark.forward", "activation=SILU"): "mlp_forward",
}


def run_jmh(jar, quick):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "jmh.json")
        command = ["java", "--add-modules", "jdk.incubator.vector", "-jar", jar,
                   "ScoreBenchmark|SamplerBenchmark|MlpBenchmark", "-p", "scale=1", "-p", "activation=SILU",
                   "-p", "solver=dpm-solver++2m", "-p",
                   "shape=1000000_8_2_diagonal,100000_16_64_diagonal,100000_16_64_full", "-rf", "json", "-rff", out]
        if quick:
            command += ["-wi", "2", "-i", "3", "-w", "1", "-r", "1"]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        with open(out) as f:
            runs = json.load(f)
    results = {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 2)[-2] + "." + run["benchmark"].rsplit(".", 1)[-1]
        params = ",".join(f"{k}={v}" for k, v in sorted(run.get("params", {}).items()))
        key = JMH_KEYS.get((name, params))
        if key:
            metric = run["primaryMetric"]
            results[key] = (metric["score"], metric["scoreError"])
    return results


def main():
    quick = "--quick" in sys.argv
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    java = run_jmh(os.path.join(root, "benchmarks", "target", "benchmarks.jar"), quick)
    numpy = peer.measure()
    print("| workload | diffusion4j SIMD ms | NumPy best ms | NumPy ÷ diffusion4j |")
    print("|---|---|---|---|")
    for key, name in peer.WORKLOADS:
        score, error = java[key]
        best = numpy[key][0]
        print(f"| {name} | {score:.1f} ± {error:.1f} | {best:.1f} | {best / score:.2f}× |")


if __name__ == "__main__":
    main()
