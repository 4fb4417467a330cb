#!/usr/bin/env bash
# Regenerates results/p2-adaptive: the adaptive (coarsening) grid against the exact p = 2 solution
# (ξ = q²/2, T_c = 1; equations/exact-p2.md) at long times, T = 0 and T = 0.5, to t = 10⁶: windows 256–1024
# with the default pinned points, window 512 with --lag-defect, and window 512 without pinned points
# (plain Kim–Latz halving, which goes unstable). p = 2 ages like p = 3 but has an exact reference at every
# time, so this is the true error of the long-time integrator. About 4 minutes on two cores.
source "$(dirname "$0")/../common.sh"
rm -rf "$here/run" && mkdir -p "$here/run"
tmax=1e6
waits=100,1000,10000,100000
configs="256:pinned 512:pinned 1024:pinned 512:defects 512:plain"
for T in 0 0.5; do
  for c in $configs; do
    w=${c%:*}; kind=${c#*:}
    flag=()
    [ "$kind" = defects ] && flag=(--lag-defect)
    [ "$kind" = plain ] && flag=(--pinned-points 0)
    "$dmft" solve --model pspin --p 2 --temperature $T --grid adaptive --window $w "${flag[@]}" --tmax $tmax \
      --waiting-times $waits --compare-exact --no-verify --quiet --out "$here/run/T${T}_w${w}_$kind" > /dev/null 2>&1 &
    # Two at a time: one per core.
    [ "$(jobs -r | wc -l)" -ge 2 ] && wait -n
  done
done
wait

python3 - "$here" "$configs" <<'PY'
import csv, json, sys
here, configs = sys.argv[1], sys.argv[2].split()
run = here + "/run"
marks = [1e2, 1e3, 1e4, 1e5, 1e6]
with open(f"{here}/energy-error.csv", "w") as err, open(f"{here}/summary.csv", "w") as summ, \
     open(f"{here}/aging-error.csv", "w") as aging:
    err.write("T,window,kind,t,energy,energy_exact,error\n")
    aging.write("T,window,kind,t_w,t,C,C_exact\n")
    summ.write("T,window,kind," + ",".join(f"error_at_{m:g}" for m in marks)
               + ",first_t_error_above_1e-4,step_there,max_error_C_last_window,"
               + "C_tw_error_at_tmax_tw_1e2,C_tw_error_at_tmax_tw_1e4,unconverged_rows,wall_seconds\n")
    for T in ("0", "0.5"):
        for c in configs:
            w, kind = c.split(":")
            d = f"{run}/T{T}_w{w}_{kind}"
            rows = list(csv.DictReader(open(f"{d}/exact-energy.csv")))
            info = json.load(open(f"{d}/run.json"))
            ts = [float(r["t"]) for r in rows]
            de = [float(r["energy"]) - float(r["energy_exact"]) for r in rows]
            for k, r in enumerate(rows):
                if k % 8 == 0 or k == len(rows) - 1:
                    err.write(f"{T},{w},{kind},{r['t']},{r['energy']},{r['energy_exact']},{de[k]:.6e}\n")
            at = [de[min(range(len(ts)), key=lambda k: abs(ts[k] - m))] for m in marks]
            k0 = next((k for k in range(len(ts) - 1) if ts[k] > 1e3 and abs(de[k]) > 1e-4), None)
            onset, step = (ts[k0], ts[k0 + 1] - ts[k0]) if k0 is not None else (float("nan"), float("nan"))
            last = {}
            for r in csv.DictReader(open(f"{d}/exact-aging.csv")):
                aging.write(f"{T},{w},{kind},{r['t_w']},{r['t']},{r['C']},{r['C_exact']}\n")
                last[round(float(r["t_w"]), -1)] = float(r["C"]) - float(r["C_exact"])
            tw_err = lambda tw: min(last.items(), key=lambda kv: abs(kv[0] - tw))[1]
            summ.write(f"{T},{w},{kind}," + ",".join(f"{a:.2e}" for a in at)
                       + f",{onset:.4g},{step:.4g},{info['exact_error']['C']:.3g},{tw_err(1e2):.2e},{tw_err(1e4):.2e},"
                       + f"{int(info['solver']['unconverged_rows'])},{info['wall_seconds']:.1f}\n")
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
set xrange [1:1e6]
set yrange [1e-8:3]
do for [T in "0 0.5"] {
  set title sprintf("T = %s", T)
  plot for [w in "256 512 1024"] "../energy-error.csv" using (strcol(1) eq T && $2 == w && strcol(3) eq "pinned" ? $4 : 1/0):(abs($7)) \
         with lines lw 2 title sprintf("N = %s", w), \
       "" using (strcol(1) eq T && $2 == 512 && strcol(3) eq "defects" ? $4 : 1/0):(abs($7)) \
         with lines lw 2 dt 2 title "N = 512, --lag-defect", \
       "" using (strcol(1) eq T && $2 == 512 && strcol(3) eq "plain" ? $4 : 1/0):(abs($7)) \
         with lines lw 2 dt 3 lc rgb "gray40" title "N = 512, --pinned-points 0"
}
unset multiplot
GP
cat > "$here/figures/aging-error.gp" <<'GP'
set terminal pngcairo size 1200,520 font ",11"
set output "aging-error.png"
set datafile separator ","
set multiplot layout 1,2 title "C(t, t_w) against the exact p = 2 solution (T = 0, t_w = 10², 10⁴)"
set logscale x
set format x "10^{%T}"
set xlabel "t / t_w"
set ylabel "C_{adaptive} − C_{exact}"
set key bottom left spacing 1.1
set grid
do for [tw in "100 10000"] {
  set title sprintf("t_w = %s", tw)
  plot for [w in "256 512 1024"] "../aging-error.csv" using (strcol(1) eq "0" && $2 == w && strcol(3) eq "pinned" && abs($4 - tw) < 0.1 * tw ? $5 / $4 : 1/0):($6 - $7) \
         with lines lw 2 title sprintf("N = %s", w), \
       "" using (strcol(1) eq "0" && $2 == 512 && strcol(3) eq "defects" && abs($4 - tw) < 0.1 * tw ? $5 / $4 : 1/0):($6 - $7) \
         with lines lw 2 dt 2 title "N = 512, --lag-defect"
}
unset multiplot
GP
(cd "$here/figures" && gnuplot energy-error.gp && gnuplot aging-error.gp)
rm -rf "$here/run"

row() { awk -F, -v T="$1" -v w="$2" -v k="$3" 'NR>1 && $1==T && $2==w && $3==k {
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 }' "$here/summary.csv"; }
{
cat <<MD
# p2-adaptive: the long-time integrator against an exact aging solution

p = 2 (ξ = q²/2, Δ2 = 1) below T_c = 1 ages from a random start, and it is exactly solvable at every time
([equations/exact-p2.md](../../equations/exact-p2.md)): the one aging model where the adaptive grid's true
error can be measured at t = 10⁴–10⁶ rather than its difference from a larger window. \`run.sh\` runs
\`dmft solve --model pspin --p 2 --grid adaptive --compare-exact --waiting-times $waits\` to t = 10⁶ at T = 0
and T = 0.5: windows 256, 512, 1024 as they come (band 3, h0 = 0.01, pinned points), window 512 with
\`--lag-defect\`, and window 512 with \`--pinned-points 0\` (plain Kim–Latz halving, the scheme before them).

![energy error](figures/energy-error.png)

![aging error](figures/aging-error.png)

Energy error e − e_exact at t = 10², 10³, 10⁴, 10⁵, 10⁶; the first time t* after 10³ at which |e − e_exact|
exceeds 10⁻⁴ and the step h there (nan: never); the largest |ΔC| on 17 × 17 times of the last window;
C(t, t_w) − C_exact at t = 10⁶ for t_w = 10² and 10⁴ (\`aging-error.csv\`); rows that missed the fixed-point
tolerance; wall seconds (two runs at a time on two cores):

| T | N | grid | 10² | 10³ | 10⁴ | 10⁵ | 10⁶ | t* | h at t* | max \|ΔC\| last window | ΔC(10⁶, 10²) | ΔC(10⁶, 10⁴) | unconverged rows | wall [s] |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
MD
for T in 0 0.5; do for c in $configs; do w=${c%:*}; row $T $w "${c#*:}"; done; done
cat <<MD

What it shows (equations/coarsening-grid.md §7, "Against the exact p = 2 solution" and "Pinned points"):

- **Without pinned points** (plain halving) every run goes wrong once the step reaches h ≈ 20 (T = 0) or 80
  (T = 0.5): C(t,t′) far from the diagonal exceeds 1 and e falls below the ground state −1. The trigger,
  located by substituting exact values, is the response integrated over each row's first cell [0, h], where
  the initial transient's conjugate power laws R ∝ s^{−3/4}, C ∝ s^{3/4} make the product of cell averages
  30–60 % too large.
- **With the pinned points** (the default) the cells next to s = 0 stay geometric and the runs are stable
  to 10⁶ at every window: the energy error stays of order 10⁻⁵ and shrinks with N; with \`--lag-defect\` it
  is 10× smaller again.
- **What is left is the far field.** C(t, t_w) for t ≫ t_w decays too slowly (ΔC > 0 at large t/t_w in the
  figure), by an error that is first order in 1/N and grows with t/t_w: p = 2's gap 2 − μ = 3/(4t) closes,
  so the decay rate of old columns is a cancellation of O(1) terms. The spiked matrix model below its BBP
  threshold, whose m(t) decays like such a column, shows it too (+31 % at t = 10⁴ with window 1024;
  \`subcriticalSpikedMatrixOverlapConvergesToTheExactSolution\`).

Files: \`summary.csv\` (the table), \`energy-error.csv\` (every eighth step of every run: t, e, exact e,
error), \`aging-error.csv\` (C(t, t_w) and its exact value, 16 times per decade of t − t_w),
\`figures/*.png\` and their gnuplot scripts.

Regenerating this study (\`run.sh\`) took $(wall) s of wall time on this 2-core machine.
MD
} > "$here/README.md"
