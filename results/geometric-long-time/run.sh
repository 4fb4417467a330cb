#!/usr/bin/env bash
# Regenerates results/geometric-long-time: the geometric grid (equations/geometric-grid.md) for p = 3 from a
# random start at T = 0 and T = 0.5 to t = 10⁶, at K = 8, 16, 32 points per e-fold, against its own extrapolation
# and against the adaptive (Kim–Latz) grid at windows 512 and 1024. One run at a time with the default two
# threads, so the wall times are what a user sees. About 8 minutes on two cores (the K = 32 runs take most of it).
source "$(dirname "$0")/../common.sh"
rm -rf "$here/run" && mkdir -p "$here/run"
tmax=1e6
for T in 0 0.5; do
  for K in 8 16 32; do
    "$dmft" solve --model pspin --p 3 --temperature $T --grid geometric --points-per-efold $K --tmax $tmax \
      --no-verify --quiet --out "$here/run/T${T}_K$K" > /dev/null
  done
  for w in 512 1024; do
    "$dmft" solve --model pspin --p 3 --temperature $T --grid adaptive --window $w --tmax $tmax \
      --no-verify --quiet --out "$here/run/T${T}_w$w" > /dev/null
  done
done

python3 - "$here" <<'PY'
import csv, json, math, sys, bisect
here = sys.argv[1]
run = here + "/run"
marks = [1e2, 1e3, 1e4, 1e5, 1e6]
ref = {"0": -1.154701, "0.5": -0.886693}       # E_th (T = 0) and Cugliandolo–Kurchan's E∞ (T = 0.5), REFERENCE §4
uniform_1000 = {"0": -1.151484, "0.5": -0.881589}  # results/long-time-reference, ±4e-5 and ±2e-5
def series(d):
    rows = list(csv.DictReader(open(f"{run}/{d}/observables.csv")))
    return [float(r["t"]) for r in rows], [float(r["energy"]) for r in rows]
def at(s, x):
    t, e = s
    i = bisect.bisect_left(t, x)
    if i >= len(t): i = len(t) - 1
    if i == 0: return e[0]
    a = (math.log(x) - math.log(t[i - 1])) / (math.log(t[i]) - math.log(t[i - 1]))
    return e[i - 1] + a * (e[i] - e[i - 1])
def fit(s, lo):
    # e = E∞ + A t^-α over [lo, tmax]: variable projection, α scanned then refined.
    pts = [(t, e) for t, e in zip(*s) if t >= lo]
    def lin(a):
        n = len(pts); sx = sum(t ** -a for t, _ in pts); sxx = sum(t ** (-2 * a) for t, _ in pts)
        sy = sum(e for _, e in pts); sxy = sum(t ** -a * e for t, e in pts)
        A = (n * sxy - sx * sy) / (n * sxx - sx * sx); E = (sy - A * sx) / n
        return E, A, sum((e - E - A * t ** -a) ** 2 for t, e in pts)
    best = min((lin(a / 200)[2], a / 200) for a in range(20, 400))[1]
    lo_a, hi_a = best - 0.005, best + 0.005
    for _ in range(60):
        m1, m2 = lo_a + (hi_a - lo_a) / 3, hi_a - (hi_a - lo_a) / 3
        if lin(m1)[2] < lin(m2)[2]: hi_a = m2
        else: lo_a = m1
    a = (lo_a + hi_a) / 2
    return lin(a)[0], a
with open(f"{here}/summary.csv", "w") as out, open(f"{here}/energy.csv", "w") as en:
    out.write("T,grid,resolution," + ",".join(f"e_{m:g}" for m in marks)
              + ",reference_at_1e6,max_error_t_ge_1,e_1000_minus_uniform_reference,fit_E_inf,fit_alpha,fit_E_inf_minus_analytic,rows_or_steps,wall_seconds\n")
    en.write("T,grid,resolution,t,energy,error_vs_richardson\n")
    for T in ("0", "0.5"):
        s16, s32 = series(f"T{T}_K16"), series(f"T{T}_K32")
        # Third-order extrapolation: successive differences K = 8 → 16 → 32 shrink by 6–8 after the transient.
        rich = lambda x: at(s32, x) + (at(s32, x) - at(s16, x)) / 7
        for grid, res in (("geometric", 8), ("geometric", 16), ("geometric", 32), ("adaptive", 512), ("adaptive", 1024)):
            d = f"T{T}_K{res}" if grid == "geometric" else f"T{T}_w{res}"
            s = series(d)
            info = json.load(open(f"{run}/{d}/run.json"))
            E, a = fit(s, 1e4)
            worst = max(abs(e - rich(t)) for t, e in zip(*s) if t >= 1)
            out.write(f"{T},{grid},{res}," + ",".join(f"{at(s, m):.7f}" for m in marks)
                      + f",{rich(1e6):.7f},{worst:.1e},{at(s, 1000) - uniform_1000[T]:+.1e},{E:.6f},{a:.3f},{E - ref[T]:+.1e},{len(s[0])},{info['wall_seconds']:.1f}\n")
            step = 1 if grid == "geometric" else 8
            for k, (t, e) in enumerate(zip(*s)):
                if t >= 1 and (k % step == 0 or k == len(s[0]) - 1):
                    en.write(f"{T},{grid},{res},{t:.6g},{e:.9f},{e - rich(t):.3e}\n")
PY

mkdir -p "$here/figures"
cat > "$here/figures/energy-error.gp" <<'GP'
set terminal pngcairo size 1200,520 font ",11"
set output "energy-error.png"
set datafile separator ","
set multiplot layout 1,2 title "p = 3 from a random start: |e − e_{ref}|, e_{ref} the geometric grid's extrapolation from K = 16, 32"
set logscale xy
set format y "10^{%T}"
set format x "10^{%T}"
set xlabel "t"
set ylabel "|e − e_{ref}|"
set key top right spacing 1.1
set grid
set xrange [1:1e6]
set yrange [1e-8:1e-2]
do for [T in "0 0.5"] {
  set title sprintf("T = %s", T)
  plot for [K in "8 16 32"] "../energy.csv" using (strcol(1) eq T && strcol(2) eq "geometric" && $3 == K ? $4 : 1/0):(abs($6)) \
         with lines lw 2 title sprintf("geometric, K = %s", K), \
       for [w in "512 1024"] "" using (strcol(1) eq T && strcol(2) eq "adaptive" && $3 == w ? $4 : 1/0):(abs($6)) \
         with lines lw 2 dt 2 title sprintf("adaptive, window %s", w)
}
unset multiplot
GP
(cd "$here/figures" && gnuplot energy-error.gp)
rm -rf "$here/run"

row() { awk -F, -v T="$1" -v g="$2" -v r="$3" 'NR>1 && $1==T && $2==g && $3==r {
  printf "| %s | %s %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (α = %s) | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $10, $11, $12, $14, $13, $15, $16 }' "$here/summary.csv"; }
rich() { awk -F, -v T="$1" 'NR>1 && $1==T && $2=="geometric" && $3==32 { print $9 }' "$here/summary.csv"; }
{
cat <<MD
# geometric-long-time: a converged energy at t = 10⁶

p = 3 (ξ = q³/2) from a random start, T = 0 and T = 0.5, to t = 10⁶: the geometric grid
([equations/geometric-grid.md](../../equations/geometric-grid.md)) at K = 8, 16, 32 points per e-fold, and the
adaptive (Kim–Latz) grid at windows 512 and 1024 for comparison. \`run.sh\` runs
\`dmft solve --model pspin --p 3 --grid geometric --points-per-efold K --tmax 1e6\` (and \`--grid adaptive --window N\`),
one run at a time with two threads.

![energy error](figures/energy-error.png)

The reference e_ref is the geometric grid's own extrapolation e₃₂ + (e₃₂ − e₁₆)/7 (successive differences shrink
by 6–8 once the transient is over): $(rich 0) at T = 0 and $(rich 0.5) at T = 0.5 for t = 10⁶. Energy at
t = 10², …, 10⁶; the largest |e − e_ref| over t ≥ 1 (for K = 32 this is its distance to its own extrapolation, a
seventh of |e₃₂ − e₁₆|, not an independent check); at t = 10³ the difference
from the converged uniform-grid reference of [long-time-reference](../long-time-reference/) (±4·10⁻⁵ at T = 0,
±2·10⁻⁵ at T = 0.5); the fit e = E∞ + A t^−α over [10⁴, 10⁶] and E∞ minus the analytic value (E_th = −1.154701 at
T = 0, Cugliandolo–Kurchan's −0.886693 at T = 0.5; REFERENCE §4); rows (geometric) or steps (adaptive); wall seconds:

| T | grid | 10² | 10³ | 10⁴ | 10⁵ | 10⁶ | max error, t ≥ 1 | e(10³) − uniform | fit E∞ | E∞ − analytic | rows | wall [s] |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
MD
for T in 0 0.5; do for g in "geometric 8" "geometric 16" "geometric 32" "adaptive 512" "adaptive 1024"; do row $T $g; done; done
cat <<MD

What it shows: the geometric grid converges faster than second order in 1/K at every time after the transient
(third-order quadrature and lag difference, BDF2 steps, early rows split), so K = 16 and K = 32 bracket the limit
and their extrapolation is a converged reference; K = 16 is within a few 10⁻⁶ of it over the whole run in under
30 s. The adaptive grid's late-time energy sits above it by 1–4·10⁻⁴ and does not converge in the window
(equations/coarsening-grid.md §7). The fits land on the analytic asymptotes.

Files: \`summary.csv\` (the table), \`energy.csv\` (every geometric row and every eighth adaptive step for t ≥ 1:
t, e, e − e_ref), \`figures/energy-error.png\` and its gnuplot script.

Regenerating this study (\`run.sh\`) took $(wall) s of wall time on this 2-core machine.
MD
} > "$here/README.md"
