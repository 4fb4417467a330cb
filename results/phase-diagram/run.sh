#!/usr/bin/env bash
# Regenerates results/phase-diagram: where gradient flow (T = 0) recovers the signal of the spiked
# matrix-tensor model (p = 3) by t = 100, on the (1/Δ2, 1/Δp) grid of the papers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
(cd "$root" && swift build -c release >/dev/null)
rm -rf "$here/run"
start=$(date +%s)
"$root/.build/release/dmft" phase-diagram --model spiked-matrix-tensor --p 3 --temperature 0 \
  --x inv-delta2=0.5:3:26 --y inv-deltap=0.1:2:20 --tmax 100 --quiet --out "$here/run" | tee "$here/summary.txt"
echo "wall seconds: $(( $(date +%s) - start ))" | tee -a "$here/summary.txt"
# Keep the small artefacts: the table, its metadata and the figure with its script and data.
cp "$here/run/phase.csv" "$here/run/phase.json" "$here/"
rm -rf "$here/figures" && cp -r "$here/run/figures" "$here/figures"
rm -rf "$here/run"
