#!/usr/bin/env bash
# The Python client's tests and the DDIM example against a real server: starts `serve --problem gauss2 --schedule
# vp-linear` on a free loopback port, runs python/tests and python/examples/ddim_order.py, and always stops the
# server. Uses target/diffusion4j-cli.jar (built if missing) or the jar named by DIFFUSION4J_JAR. Needs python3
# with numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${DIFFUSION4J_JAR:-target/diffusion4j-cli.jar}
if [ ! -f "$jar" ]; then
  ./mvnw -q -DskipTests package
fi
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
java -jar "$jar" serve --problem gauss2 --schedule vp-linear --port 0 --port-file "$work/port" \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 300); do
  [ -s "$work/port" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$work/server.log" >&2
    echo "the server exited before listening" >&2
    exit 1
  fi
  sleep 0.1
done
if [ ! -s "$work/port" ]; then
  cat "$work/server.log" >&2
  echo "the server did not write its port within 30 s" >&2
  exit 1
fi
export DIFFUSION4J_URL="http://127.0.0.1:$(cat "$work/port")"
python3 -m unittest discover -s python/tests -v
python3 python/examples/ddim_order.py
