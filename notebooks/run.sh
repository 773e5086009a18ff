#!/usr/bin/env bash
# Executes every notebook in this directory headlessly, in place (outputs and figures are written into the .ipynb),
# and fails if any cell raises. Installs what it needs: Debian's jupyter-nbconvert (apt) if `jupyter nbconvert` is
# missing, and the Java kernel io.github.padreati:rapaio-jupyter-kernel from Maven Central; builds
# target/diffusion4j-cli.jar, which the notebooks load with `%jars`.
set -euo pipefail
cd "$(dirname "$0")/.."

KERNEL_VERSION=3.0.1

if ! jupyter nbconvert --version >/dev/null 2>&1; then
  echo "installing jupyter-nbconvert (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-nbconvert python3-nbformat \
    python3-jupyter-client >/dev/null
fi

if [ ! -f "$(jupyter --data-dir)/kernels/rapaio-jupyter-kernel/kernel.json" ]; then
  echo "installing the Java kernel rapaio-jupyter-kernel $KERNEL_VERSION"
  ./mvnw -q dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION" \
    -DoutputDirectory=target/notebook-kernel
  java -jar "target/notebook-kernel/rapaio-jupyter-kernel-$KERNEL_VERSION.jar" -i -auto >/dev/null
fi

if [ ! -f target/diffusion4j-cli.jar ]; then
  ./mvnw -q -DskipTests package
fi

# The kernel occasionally drops its first kernel_info_request while its shell channel is still starting (logged as
# "Unhandled message: kernel_info_request"); nbconvert then reports "Kernel didn't respond". That start-up race, and only
# that, is retried; a cell error fails at once.
execute() {
  local notebook=$1 log attempt
  log=$(mktemp)
  for attempt in 1 2 3; do
    if jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=900 \
      --ExecutePreprocessor.startup_timeout=120 --ExecutePreprocessor.record_timing=False "$notebook" \
      --log-level=WARN 2>"$log"; then
      rm -f "$log"
      return 0
    fi
    if ! grep -q "Kernel didn't respond" "$log"; then
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
    echo "kernel did not start (attempt $attempt of 3); retrying" >&2
  done
  cat "$log" >&2
  rm -f "$log"
  return 1
}

for notebook in notebooks/*.ipynb; do
  echo "executing $notebook"
  execute "$notebook"
done
echo "notebooks executed"
