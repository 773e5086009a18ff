#!/usr/bin/env bash
# Builds diffusion4j, then the JMH benchmark jar, then runs JMH with the given arguments, e.g.
#   benchmarks/run.sh ScoreBenchmark -prof gc
# With no arguments it runs every benchmark with the settings in the annotations.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -DskipTests install
./mvnw -q -f benchmarks/pom.xml -DskipTests package
exec java ${JMH_JVM_ARGS:-} -jar benchmarks/target/benchmarks.jar "$@"
