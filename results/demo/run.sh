#!/usr/bin/env bash
# Regenerates results/demo: gradient flow of the spiked matrix-tensor model (p=3, Δp=1, Δ2=0.4).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
(cd "$root" && swift build -c release >/dev/null)
"$root/.build/release/dmft" solve --model spiked-matrix-tensor --p 3 --delta2 0.4 --deltap 1 \
  --m0 1e-3 --tmax 60 --dt 0.025 --error-estimate --quiet --out "$here/run" --plot | tee "$here/summary.txt"
# Keep only the small artefacts in git: the one-time series, run.json and the figures.
cp "$here/run/observables.csv" "$here/run/run.json" "$here/"
rm -rf "$here/figures" && cp -r "$here/run/figures" "$here/figures"
rm -rf "$here/run"
