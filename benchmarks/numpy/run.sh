#!/usr/bin/env bash
# Runs the NumPy peer (peer.py) single-threaded. Installs Debian's python3-numpy if no numpy is importable.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c "import numpy" >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null
fi
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} MKL_NUM_THREADS=${MKL_NUM_THREADS:-1}
exec python3 peer.py "$@"
