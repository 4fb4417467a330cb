#!/usr/bin/env bash
# Regenerates results/geometric-vs-uniform: the geometric grid at its defaults (K = 16) against the uniform
# third-order grid for every model preset, 0.5 ≤ t ≤ 100 (issue 3: "≤ 1e-5 where both run, t ≤ 100, every
# preset"). The reference is the uniform grid at dt = 0.02 and 0.01 extrapolated at third order; both are
# read at the geometric rows by four-point Lagrange interpolation. About 12 minutes on two cores (1.6 GB).
source "$(dirname "$0")/../common.sh"
rm -rf "$here/run" && mkdir -p "$here/run" "$here/figures"
cases=(
  "pspin|--model pspin --p 3 --temperature 0.5"
  "pspin-T0|--model pspin --p 3 --temperature 0"
  "mixed|--model mixed --noise 3:0.5,4:0.5 --temperature 0.5"
  "spiked-matrix|--model spiked-matrix --delta2 0.7 --temperature 0.5 --m0 0.01"
  "spiked-tensor|--model spiked-tensor --p 3 --deltap 0.5 --temperature 0.5 --m0 0.1"
  "spiked-matrix-tensor|--model spiked-matrix-tensor --p 3 --delta2 0.7 --deltap 1 --temperature 0.5 --m0 0.01"
  "spiked-matrix-tensor-T0|--model spiked-matrix-tensor --p 3 --delta2 0.45 --deltap 1 --temperature 0 --m0 1e-6"
)
for c in "${cases[@]}"; do
  name=${c%%|*}; args=${c#*|}
  start=$(date +%s.%N)
  "$dmft" solve $args --grid geometric --tmax 100 --no-verify --quiet --out "$here/run/$name-geometric" >/dev/null
  end=$(date +%s.%N)
  echo "$name,$(python3 -c "print(round($end - $start, 2))")" >> "$here/run/wall.csv"
  for dt in 0.02 0.01; do
    "$dmft" solve $args --grid uniform --dt $dt --tmax 100 --quiet --out "$here/run/$name-u$dt" >/dev/null
  done
done

python3 - "$here" "${cases[@]}" <<'PY'
import csv, json, math, sys
here = sys.argv[1]; run = here + "/run"
cases = [c.split("|") for c in sys.argv[2:]]
wall = dict(r.split(",") for r in open(f"{run}/wall.csv").read().split())
def series(d):
    rows = list(csv.DictReader(open(f"{run}/{d}/observables.csv")))
    return [float(r["t"]) for r in rows], [float(r["energy"]) for r in rows], [float(r["m"]) for r in rows]
def lagrange(ts, ys, t):
    # four-point Lagrange on the uniform grid (error ~ dt⁴ y'''' / 24, below 1e-8 here)
    h = ts[1] - ts[0]; k = min(max(int(t / h) - 1, 0), len(ts) - 4)
    xs, vs = ts[k:k + 4], ys[k:k + 4]
    return sum(vs[i] * math.prod((t - xs[j]) / (xs[i] - xs[j]) for j in range(4) if j != i) for i in range(4))
out = open(f"{here}/difference.csv", "w")
out.write("case,t,de,dm,reference_spread_e\n")
summary = []
for name, args in cases:
    tg, eg, mg = series(f"{name}-geometric")
    t4, e4, m4 = series(f"{name}-u0.02"); t2, e2, m2 = series(f"{name}-u0.01")
    worst_e = worst_m = spread = 0.0; at = at_m = 0.0
    for t, e, m in zip(tg, eg, mg):
        if t < 0.5 or t > 100: continue
        a4, a2 = lagrange(t4, e4, t), lagrange(t2, e2, t)
        b4, b2 = lagrange(t4, m4, t), lagrange(t2, m2, t)
        ref_e = a2 + (a2 - a4) / 7; ref_m = b2 + (b2 - b4) / 7
        de, dm = e - ref_e, m - ref_m
        out.write(f"{name},{t},{de!r},{dm!r},{abs(a2 - ref_e)!r}\n")
        if abs(de) > worst_e: worst_e, at = abs(de), t
        if abs(dm) > worst_m: worst_m, at_m = abs(dm), t
        spread = max(spread, abs(a2 - ref_e))
    out.write("\n\n")
    j = json.load(open(f"{run}/{name}-geometric/run.json"))
    summary.append(dict(case=name, args=args, de=worst_e, at=at, dm=worst_m, at_m=at_m, spread=spread, rows=int(j["solver"]["rows"]),
                        wall=float(wall[name]), e100=eg[-1], m100=mg[-1]))
with open(f"{here}/summary.csv", "w") as f:
    f.write("case,max_de,at_t,max_dm,uniform_dt0.01_error,rows,wall_seconds,e_100,m_100\n")
    for s in summary:
        f.write(f"{s['case']},{s['de']:.2e},{s['at']:.3g},{s['dm']:.2e},{s['spread']:.1e},{s['rows']},{s['wall']},{s['e100']:.8f},{s['m100']:.8f}\n")
json.dump(summary, open(f"{run}/summary.json", "w"), indent=1)
PY

plots=""; i=0
for n in $(python3 -c "import json; print(' '.join(s['case'] for s in json.load(open('$here/run/summary.json'))))"); do
  plots+="     '../difference.csv' index $i using 2:(abs(\$3)) with lines lw 2 title '$n', \\"$'\n'; i=$((i+1))
done
cat > "$here/figures/difference.gp" <<GP
# |e_geometric − e_reference|(t) for every preset (K = 16 against the uniform grid extrapolated in dt).
# Re-render from results/geometric-vs-uniform/figures with: gnuplot difference.gp
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'difference.png'
set datafile separator ','
set logscale xy
set format y '10^{%L}'
set xrange [0.5:100]
set yrange [1e-10:1e-4]
set xlabel 't'
set ylabel '|e_{geometric} − e_{uniform, dt → 0}|'
set grid
set key outside right top
set title "Geometric grid (K = 16) against the uniform grid extrapolated in dt, every preset"
plot \\
$plots     1e-5 with lines dt 2 lc rgb 'black' title '10^{-5}'
GP
(cd "$here/figures" && gnuplot difference.gp)

rows=$(python3 -c "
import json
for s in json.load(open('$here/run/summary.json')):
    print(f\"| {s['case']} | \`{s['args']}\` | {s['de']:.1e} (t = {s['at']:.3g}) | {s['dm']:.1e} | {s['spread']:.0e} | {s['rows']} | {s['wall']:.1f} |\")
")
worst=$(python3 -c "import json; print('%.1e' % max(s['de'] for s in json.load(open('$here/run/summary.json'))))")
cat > "$here/README.md" <<MD
# The geometric grid against the uniform grid, every model preset, t ≤ 100

Issue 3 asks the long-time integrator to agree with the uniform (third-order) grid within 10⁻⁵ where both
run, t ≤ 100, for every model preset. \`run.sh\` runs the geometric grid at its defaults (K = 16,
h0 = 0.0025, δm = 10⁻³; equations/geometric-grid.md) to t = 100 and the uniform grid at dt = 0.02 and 0.01,
and extrapolates the uniform pair at third order (e_ref = e₀.₀₁ + (e₀.₀₁ − e₀.₀₂)/7), both read at the
geometric rows by four-point Lagrange interpolation. Compared for 0.5 ≤ t ≤ 100 (below 0.5 the uniform
steps do not resolve the first relaxation).

| case | flags | max \|e − e_ref\| | max \|m − m_ref\| | uniform dt = 0.01 − e_ref | geometric rows | geometric wall [s] |
|---|---|---|---|---|---|---|
$rows

The largest energy difference over all presets is $worst. $(python3 -c "
import json
s = {c['case']: c for c in json.load(open('$here/run/summary.json'))}
m = s['spiked-matrix']
print(f\"The spiked matrix model (a supercritical spike: m grows from 0.01 to {m['m100']:.3f}) has the largest m difference, \"
      f\"{m['dm']:.1e} at t = {m['at_m']:.3g}, during the growth of m over t ≈ 20–50: its steps are sized by the \"
      f\"relative control on m (δm = 10⁻³, equations/geometric-grid.md §3), which bounds the error of ln m by about δm/9 per e-fold.\")
") The column "uniform dt = 0.01 − e_ref" is the
size of the extrapolation step, an upper bound of the reference's own error (third order: the
extrapolated value is better by another factor of about 8). The two spiked matrix-tensor cases cover
Langevin dynamics with a signal and gradient flow on the plateau before the escape (T = 0, Δ2 = 0.45,
m0 = 10⁻⁶; the escape, at t ≈ 210, is in results/geometric-escapes).

![difference](figures/difference.png)

Files: \`summary.csv\` (one row per case), \`difference.csv\` (e and m differences at every geometric row, one
block per case), \`figures/difference.png\` with \`difference.gp\`. Wall time of \`run.sh\`: $(wall) s (two cores).
MD
rm -rf "$here/run"
echo "geometric-vs-uniform: worst |Δe| = $worst, wall $(wall) s"
