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

for notebook in notebooks/*.ipynb; do
  echo "executing $notebook"
  jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=900 \
    --ExecutePreprocessor.record_timing=False "$notebook" \
    --log-level=WARN
done
echo "notebooks executed"
