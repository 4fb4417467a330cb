#!/usr/bin/env bash
# Regenerates results/p2-adaptive: the adaptive (coarsening) grid against the exact p = 2 solution
# (ξ = q²/2, T_c = 1; equations/exact-p2.md) at long times, T = 0 and T = 0.5, windows 256–1024, with and
# without --lag-defect, to t = 10⁵. p = 2 ages like p = 3 but has an exact reference at every time, so
# this is the true error of the long-time integrator, and where it fails. About 4 minutes on two cores.
source "$(dirname "$0")/../common.sh"
rm -rf "$here/run" && mkdir -p "$here/run"
tmax=1e5
configs="256:plain 512:plain 1024:plain 512:defects 1024:defects"
for T in 0 0.5; do
  for c in $configs; do
    w=${c%:*}; kind=${c#*:}
    flag=(); [ "$kind" = defects ] && flag=(--lag-defect)
    "$dmft" solve --model pspin --p 2 --temperature $T --grid adaptive --window $w "${flag[@]}" --tmax $tmax \
      --compare-exact --no-verify --quiet --out "$here/run/T${T}_w${w}_$kind" > /dev/null 2>&1 &
    # Two at a time: one per core.
    [ "$(jobs -r | wc -l)" -ge 2 ] && wait -n
  done
done
wait

python3 - "$here" "$configs" <<'PY'
import csv, json, sys
here, configs = sys.argv[1], sys.argv[2].split()
run = here + "/run"
marks = [1e2, 1e3, 1e4, 3e4, 1e5]
with open(f"{here}/energy-error.csv", "w") as err, open(f"{here}/summary.csv", "w") as summ:
    err.write("T,window,lag_defect,t,energy,energy_exact,error\n")
    summ.write("T,window,lag_defect," + ",".join(f"error_at_{m:g}" for m in marks)
               + ",first_t_error_above_1e-4,step_there,max_error_C,unconverged_rows,wall_seconds\n")
    for T in ("0", "0.5"):
        for c in configs:
            w, kind = c.split(":")
            d = f"{run}/T{T}_w{w}_{kind}"
            rows = list(csv.DictReader(open(f"{d}/exact-energy.csv")))
            info = json.load(open(f"{d}/run.json"))
            ld = 1 if kind == "defects" else 0
            ts = [float(r["t"]) for r in rows]
            de = [float(r["energy"]) - float(r["energy_exact"]) for r in rows]
            for k, r in enumerate(rows):
                if k % 8 == 0 or k == len(rows) - 1:
                    err.write(f"{T},{w},{ld},{r['t']},{r['energy']},{r['energy_exact']},{de[k]:.6e}\n")
            at = [de[min(range(len(ts)), key=lambda k: abs(ts[k] - m))] for m in marks]
            k0 = next((k for k in range(len(ts) - 1) if ts[k] > 1e3 and abs(de[k]) > 1e-4), None)
            onset, step = (ts[k0], ts[k0 + 1] - ts[k0]) if k0 is not None else (float("nan"), float("nan"))
            summ.write(f"{T},{w},{ld}," + ",".join(f"{a:.2e}" for a in at)
                       + f",{onset:.4g},{step:.4g},{info['exact_error']['C']:.3g},{int(info['solver']['unconverged_rows'])},{info['wall_seconds']:.1f}\n")
PY

mkdir -p "$here/figures"
cat > "$here/figures/energy-error.gp" <<'GP'
set terminal pngcairo size 1200,520 font ",11"
set output "energy-error.png"
set datafile separator ","
set multiplot layout 1,2 title "Adaptive grid against the exact p = 2 solution: |e − e_{exact}| (ξ = q²/2, window N, band 3)"
set logscale xy
set format y "10^{%T}"
set format x "10^{%T}"
set xlabel "t"
set ylabel "|e_{adaptive} − e_{exact}|"
set key top left spacing 1.1
set grid
set xrange [1:1e5]
set yrange [1e-8:3]
do for [T in "0 0.5"] {
  set title sprintf("T = %s", T)
  plot for [w in "256 512 1024"] "../energy-error.csv" using (strcol(1) eq T && $2 == w && $3 == 0 ? $4 : 1/0):(abs($7)) \
         with lines lw 2 title sprintf("N = %s", w), \
       for [w in "512 1024"] "" using (strcol(1) eq T && $2 == w && $3 == 1 ? $4 : 1/0):(abs($7)) \
         with lines lw 2 dt 2 title sprintf("N = %s, --lag-defect", w)
}
unset multiplot
GP
(cd "$here/figures" && gnuplot energy-error.gp)
rm -rf "$here/run"

row() { awk -F, -v T="$1" -v w="$2" -v l="$3" 'NR>1 && $1==T && $2==w && $3==l {
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, (l ? "yes" : "no"), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }' "$here/summary.csv"; }
{
cat <<MD
# p2-adaptive: the long-time integrator against an exact aging solution

p = 2 (ξ = q²/2, Δ2 = 1) below T_c = 1 ages from a random start, and it is exactly solvable at every time
([equations/exact-p2.md](../../equations/exact-p2.md)): the one aging model where the adaptive grid's true
error can be measured at t = 10⁴–10⁶ rather than its difference from a larger window. \`run.sh\` runs
\`dmft solve --model pspin --p 2 --grid adaptive --compare-exact\` to t = 10⁵ at T = 0 and T = 0.5, windows
256, 512, 1024 (band 3, h0 = 0.01), and windows 512 and 1024 with \`--lag-defect\`.

![energy error](figures/energy-error.png)

Energy error e − e_exact at t = 10², 10³, 10⁴, 3·10⁴, 10⁵; the first time t* after 10³ at which |e − e_exact|
exceeds 10⁻⁴ and the step h there; the largest |ΔC| on 17 × 17 times of the last window (\`exact_error.C\`);
rows that missed the fixed-point tolerance; wall seconds (two runs at a time on two cores):

| T | N | lag defects | 10² | 10³ | 10⁴ | 3·10⁴ | 10⁵ | t* | h at t* | max \|ΔC\| | unconverged rows | wall [s] |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
MD
for T in 0 0.5; do for c in $configs; do w=${c%:*}; l=0; [ "${c#*:}" = defects ] && l=1; row $T $w $l; done; done
cat <<MD

What it shows (equations/coarsening-grid.md §7, "Against the exact p = 2 solution"):

- Up to t ≈ 10³ the error is a discretisation error, first order in 1/N in the energy; with lag defects,
  which make the coarse scheme exact for the stationary power law next to the band, it is 10–50× smaller.
- Then every run goes wrong: C(t,t′) far from the diagonal exceeds 1 and e falls below the ground state
  −1 (T = 0). The onset t* grows in proportion to the window, with or without lag defects: it comes at
  about the same step h (the column "h at t*"), so a larger window only postpones it. Substituting
  exact values in a diagnostic build locates the trigger: the response integrated over each new row's
  first cells, χ(t, t_k) − χ(t, t_{k+1}) of the oldest columns, a small difference of two values ≈ 1 whose
  errors do not cancel; with it exact the drift is gone. p = 2's aging is marginal, with a gap
  2 − μ = 3/(4t) that closes, so it does not forgive that error.
- So for p = 2 use the uniform grid (t ≲ 10³), or the adaptive grid with \`--lag-defect\` and a window
  large enough that t stays below t*; \`dmft solve\` prints a note when an adaptive p = 2 run below T_c
  goes past t = 2·10³.

Files: \`summary.csv\` (the table), \`energy-error.csv\` (every eighth step of every run: t, e, exact e,
error), \`figures/energy-error.png\` and its gnuplot script.

Regenerating this study (\`run.sh\`) took $(wall) s of wall time on this 2-core machine.
MD
} > "$here/README.md"
