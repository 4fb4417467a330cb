#!/usr/bin/env bash
# Regenerates results/finite-size-escape: finite-N simulations at N = 64, 128, 256 against the DMFT
# (N → ∞) and their extrapolation y(N) = y_inf + b/N (`dmft compare`) on long horizons, for two cases:
#   escape    spiked matrix-tensor p = 3, Δ2 = 0.4, Δp = 1, gradient flow (T = 0) from m0 = 1e-3, to
#             t = 50: the DMFT overlap sits near m0 on the threshold states and escapes (m = 0.5) at t ≈ 21;
#   pspin-T0  pure 3-spin, gradient flow from a random start, to t = 100 (the energy descends towards
#             the threshold E_th).
# The escape case also runs single-sample simulations at N = 64 and 128 (the sign of m and the escape
# time of each sample) and DMFT from several m0 (the escape time as a function of m0).
source "$(dirname "$0")/../common.sh"
source "$(dirname "$0")/../finite_size_figure.sh"
rm -rf "$here/run" && mkdir -p "$here/run"
run="$here/run"
load_start=$(cut -d' ' -f1 /proc/loadavg)
sizes="64 128 256"
# Samples: the two smaller sizes are cheap, so they get many; N = 256 is memory-bound (the p = 3
# coupling matrix, 67 MB, is read twice per step) and gets what the ~10 minute budget allows.
declare -A samples=([64]=192 [128]=64 [256]=12)
delta2=0.4; deltap=1; m0=1e-3
escape=(--model spiked-matrix-tensor --p 3 --delta2 $delta2 --deltap $deltap --temperature 0 --m0 $m0)
pspin=(--model pspin --p 3 --temperature 0)
escape_tmax=50; pspin_tmax=100
# T = 0: the simulation scheme is order 2 (checked below by halving dt at N = 64); DMFT: third order
# with a Richardson error estimate.
escape_dt=0.025; pspin_dt=0.05; escape_dmft_dt=0.02; pspin_dmft_dt=0.05
escape_times=10,20,50; pspin_times=3,10,30,100
escape_seed=41; pspin_seed=42
record=0.25
escape_m0s="0.3 0.1 0.03 0.01 0.003 0.001 0.0003"   # DMFT escape time against m0

"$dmft" solve "${escape[@]}" --tmax $escape_tmax --dt $escape_dmft_dt --error-estimate --quiet --out "$run/dmft-escape" >/dev/null
# The same flow from −m0: where the samples that escape the other way go.
"$dmft" solve "${escape[@]:0:10}" --m0=-$m0 --tmax $escape_tmax --dt 0.05 --quiet --out "$run/dmft-escape-negative" >/dev/null
"$dmft" solve "${pspin[@]}" --tmax $pspin_tmax --dt $pspin_dmft_dt --error-estimate --quiet --out "$run/dmft-pspin-T0" >/dev/null
# DMFT escape time (m = 0.5) against m0, to read the finite-N escapes as an effective initial overlap.
for x in $escape_m0s; do
  "$dmft" solve "${escape[@]:0:10}" --m0 $x --tmax 60 --dt 0.05 --quiet --out "$run/dmft-m0-$x" >/dev/null
done
for N in $sizes; do
  "$dmft" simulate "${escape[@]}" --N $N --samples ${samples[$N]} --tmax $escape_tmax --dt $escape_dt \
    --record-every $record --waiting-times 0 --seed $escape_seed --quiet --out "$run/sim-escape-$N" >/dev/null
  "$dmft" simulate "${pspin[@]}" --N $N --samples ${samples[$N]} --tmax $pspin_tmax --dt $pspin_dt \
    --record-every $record --waiting-times 0 --seed $pspin_seed --quiet --out "$run/sim-pspin-T0-$N" >/dev/null
done
# The step-size check: the same samples (same seed) at N = 64 with dt/2 (and 2 dt for the escape).
"$dmft" simulate "${escape[@]}" --N 64 --samples ${samples[64]} --tmax $escape_tmax --dt $(python3 -c "print($escape_dt*2)") \
  --record-every $record --waiting-times 0 --seed $escape_seed --quiet --out "$run/doubledt-escape-64" >/dev/null
"$dmft" simulate "${escape[@]}" --N 64 --samples ${samples[64]} --tmax $escape_tmax --dt $(python3 -c "print($escape_dt/2)") \
  --record-every $record --waiting-times 0 --seed $escape_seed --quiet --out "$run/halfdt-escape-64" >/dev/null
"$dmft" simulate "${pspin[@]}" --N 64 --samples ${samples[64]} --tmax $pspin_tmax --dt $(python3 -c "print($pspin_dt/2)") \
  --record-every $record --waiting-times 0 --seed $pspin_seed --quiet --out "$run/halfdt-pspin-T0-64" >/dev/null
# Single samples (seed 1000 + k) of the escape case, two at a time on one thread each, for the
# per-sample m(t): the mean over samples hides which way and when each one escapes.
declare -A single=([64]=64 [128]=32)
for N in 64 128; do
  seq 1001 $((1000 + single[$N])) | xargs -P 2 -I{} "$dmft" simulate "${escape[@]}" --N $N --samples 1 --threads 1 \
    --tmax $escape_tmax --dt $escape_dt --record-every $record --waiting-times 0 --seed {} --quiet \
    --out "$run/single-$N-{}" >/dev/null
done
for c in escape pspin-T0; do
  times=${c%%-*}_times
  "$dmft" compare "$run/dmft-$c" $(for N in $sizes; do echo "$run/sim-$c-$N"; done) \
    --times ${!times} --out "$run/compare-$c" | tee "$run/compare-$c.txt"
done
# Above the noise: the same flow from m0 = 0.3 and 0.1, where the DMFT escapes at t ≈ 0.3 and 1.5 (before
# t ≈ 50, as the issue asks) and m0 is 3–10× the fluctuation-induced overlap found below.
early_m0s="0.3 0.1"; early_seed=44
declare -A early_samples=([64]=64 [128]=32 [256]=12)
for x in $early_m0s; do
  "$dmft" solve "${escape[@]:0:10}" --m0 $x --tmax $escape_tmax --dt $escape_dmft_dt --error-estimate --quiet \
    --out "$run/dmft-early-$x" >/dev/null
  for N in $sizes; do
    "$dmft" simulate "${escape[@]:0:10}" --m0 $x --N $N --samples ${early_samples[$N]} --tmax $escape_tmax \
      --dt $escape_dt --record-every $record --waiting-times 0 --seed $early_seed --quiet --out "$run/sim-early-$x-$N" >/dev/null
  done
  "$dmft" compare "$run/dmft-early-$x" $(for N in $sizes; do echo "$run/sim-early-$x-$N"; done) \
    --times $escape_times --out "$run/compare-early-$x" | tee "$run/compare-early-$x.txt"
  cp "$run/compare-early-$x/compare.json" "$here/compare-early-$x.json"
done
"$dmft" asymptotics "${escape[@]:0:10}" --json "$run/asymptotics-escape.json" >/dev/null
"$dmft" asymptotics "${pspin[@]}" --json "$run/asymptotics-pspin-T0.json" >/dev/null

# Small CSVs kept in the study, per case: the finite-N series beside the DMFT one (series-*.csv); at the
# compare times the deviations y_N − y_DMFT (extrapolation-*.csv), the 1/N fits (fits-*.csv) and the
# fitted lines for the figure (fitlines-*.csv); the step-size check (dt-check.csv); for the escape case
# the single-sample overlaps (trajectories-escape-N.csv), each sample's escape (samples-escape.csv) and
# the DMFT escape time against m0 (escape-time-dmft.csv).
python3 - "$here" "$sizes" "$escape_m0s" <<'PY'
import csv, glob, json, math, random, statistics, sys
here, sizes, m0s = sys.argv[1], [int(n) for n in sys.argv[2].split()], sys.argv[3].split()
run = f"{here}/run"
sys.path.insert(0, f"{here}/..")
from finite_size_tables import table, case_tables, write as write_csv
def write(name, header, rows):
    write_csv(f"{here}/{name}", header, rows, digits=8)
def crossing(ts, ys, level):
    """First time |y| reaches level (linear interpolation), or None."""
    for k in range(1, len(ts)):
        if abs(ys[k]) >= level:
            a, b = abs(ys[k - 1]), abs(ys[k])
            return ts[k - 1] + (level - a) / (b - a) * (ts[k] - ts[k - 1])
    return None
for case, obs in (("escape", ["m", "energy"]), ("pspin-T0", ["energy"])):
    case_tables(here, run, case, obs, sizes, digits=8)
# Step size: the same samples (same seed) at N = 64 with two steps; the difference against the s.e.
rows = []
for case, obs, coarse, fine in (("escape", ["m", "energy"], "doubledt", "sim"), ("escape", ["m", "energy"], "sim", "halfdt"),
                                ("pspin-T0", ["energy"], "sim", "halfdt")):
    a, b = table(f"{run}/{coarse}-{case}-64/simulation.csv"), table(f"{run}/{fine}-{case}-64/simulation.csv")
    dts = [json.load(open(f"{run}/{x}-{case}-64/run.json"))["dt"] for x in (coarse, fine)]
    for o in obs:
        diffs = [(abs(x - y), abs(x - y) / s if s > 0 else 0.0, t)
                 for t, x, y, s in zip(a["t"], a[o], b[o], a[o + "_err"])]
        big, worst = max(diffs), max(diffs, key=lambda r: r[1])
        rows.append([case, o, dts[0], dts[1], big[0], big[2], worst[1], worst[2]])
write("dt-check.csv", ["case", "observable", "dt", "half_dt", "max_abs_diff", "t_of_max_abs", "max_diff_over_se", "t_of_max_ratio"], rows)
# DMFT escape time (first m = 0.5) against m0.
esc = []
for x in m0s:
    t = json.load(open(f"{run}/dmft-m0-{x}/run.json"))["crossings"]["overlap"]
    esc.append([float(x), next(o["time"] for o in t if o["level"] == 0.5)])
write("escape-time-dmft.csv", ["m0", "t_escape"], esc)
# Single samples of the escape case: m(t) of each, and when (first |m| = 0.5) and which way it escapes.
samples = []
for N in (64, 128):
    dirs = sorted(glob.glob(f"{run}/single-{N}-*"), key=lambda p: int(p.rsplit("-", 1)[1]))
    trajs = {int(p.rsplit("-", 1)[1]): table(f"{p}/simulation.csv") for p in dirs}
    ts = next(iter(trajs.values()))["t"]
    write(f"trajectories-escape-{N}.csv", ["t"] + [f"m_{s}" for s in trajs],
          [[t] + [trajs[s]["m"][i] for s in trajs] for i, t in enumerate(ts)])
    for s, tr in trajs.items():
        te = crossing(tr["t"], tr["m"], 0.5)
        samples.append([N, s, "" if te is None else te, tr["m"][-1], tr["energy"][-1]])
write("samples-escape.csv", ["N", "seed", "t_escape", "m_final", "e_final"], samples)
# Per size: where the single samples end, their median escape time, and the m0 from which the DMFT
# escapes at that time (log-linear interpolation of escape-time-dmft.csv, t decreasing in m0).
summary = []
for N in (64, 128):
    rows = [r for r in samples if r[0] == N]
    te = sorted(r[2] if r[2] != "" else math.inf for r in rows)
    med = statistics.median(te)
    rng = random.Random(N)  # bootstrap standard error of the median
    boot = [statistics.median(rng.choices(te, k=len(te))) for _ in range(2000)]
    med_err = statistics.pstdev(b for b in boot if math.isfinite(b))
    def dmft_m0(t):
        pts = sorted(esc, key=lambda r: r[1])
        for (xa, ta), (xb, tb) in zip(pts, pts[1:]):
            if ta <= t <= tb:
                return math.exp(math.log(xa) + (t - ta) / (tb - ta) * (math.log(xb) - math.log(xa)))
        return math.nan
    summary.append([N, len(rows), sum(r[3] > 0.5 for r in rows), sum(r[3] < 0 for r in rows),
                    sum(0 <= r[3] <= 0.5 for r in rows), med, med_err,
                    dmft_m0(med), dmft_m0(med + med_err), dmft_m0(med - med_err),
                    statistics.mean(r[3] for r in rows if r[3] < 0)])
write("samples-escape-summary.csv", ["N", "samples", "m_final_above_0.5", "m_final_negative", "m_final_0_to_0.5",
                                     "median_t_escape", "median_t_escape_err", "dmft_m0_with_that_escape_time",
                                     "dmft_m0_at_median_plus_err", "dmft_m0_at_median_minus_err", "mean_m_final_of_negative"], summary)
d = table(f"{run}/dmft-escape-negative/observables.csv")
write("dmft-escape-negative.csv", ["t", "m", "energy"],
      [[t, m, e] for t, m, e in zip(d["t"], d["m"], d["energy"]) if abs(t / 0.25 - round(t / 0.25)) < 1e-9])
PY

rm -rf "$here/figures" && mkdir -p "$here/figures"
# A prediction of `dmft asymptotics` (its keys contain dots, so not through json()).
predict() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['predictions'][sys.argv[2]])" "$1" "$2"; }
eth_escape=$(printf %.6f "$(predict "$run/asymptotics-escape.json" E_th)")
eth_pspin=$(printf %.6f "$(predict "$run/asymptotics-pspin-T0.json" E_th)")
gfm=$(printf %.6f "$(predict "$run/asymptotics-escape.json" gf1.m)")
gfe=$(printf %.6f "$(predict "$run/asymptotics-escape.json" gf1.e)")
sizes_list=$(sed 's/ /, /g' <<<"$sizes")
samples_list=$(for N in $sizes; do printf '%s, ' ${samples[$N]}; done | sed 's/, $//')
# One figure per case, as in results/finite-size: a row per observable; columns: y(t) at each N with
# DMFT; y_N(t) − y_DMFT(t) with the N → ∞ extrapolations; y_N − y_DMFT against 1/N with the weighted
# fits. pspin-T0 has a second row: the deviation in units of its standard error, and N (e_N − e_DMFT),
# which is the same curve at every N if the finite-size correction is b(t)/N.
for c in escape pspin-T0; do
  times=${c%%-*}_times; tmax_var=${c%%-*}_tmax; tm=${!tmax_var}
  if [ $c = escape ]; then
    obs="m energy"; rows=2
    title="Spiked matrix-tensor p = 3, Δ2 = $delta2, Δp = $deltap, gradient flow from m_0 = $m0"
    reference=", \\
       (o eq 'm' ? $gfm : $gfe) with lines dt 2 lw 1.5 lc rgb 'gray40' title sprintf('gradient-flow fixed point: %s', (o eq 'm' ? '$gfm' : '$gfe')), \\
       (o eq 'm' ? NaN : $eth_escape) with lines dt 3 lw 1.5 lc rgb 'gray60' title (o eq 'm' ? '' : 'E_{th} = $eth_escape')"
  else
    obs="energy"; rows=2
    title="Pure 3-spin, gradient flow (T = 0) from a random start"
    reference=", \\
       $eth_pspin with lines dt 2 lw 1.5 lc rgb 'gray40' title 'E_{th} = $eth_pspin (t → ∞)'"
  fi
  extra=""
  if [ $c = pspin-T0 ]; then
    extra=$(cat <<GP
  set xlabel 't'
  set offsets 0, 0, 0, 0
  set key top right Right noreverse width -4 samplen 2
  set title '(e_N − e_{DMFT})/s.e._N: the DMFT is outside ±3 s.e. where the curve is'
  set ylabel '(e_N − e_{DMFT}) / s.e.'
  plot for [i=1:words(sizes)] '../series-$c.csv' using 1:(column('energy_'.word(sizes,i).'_minus_dmft')/column('energy_'.word(sizes,i).'_err')) \\
         with lines lw 1.5 lc rgb colour(i) title 'N = '.word(sizes,i), \\
       3 with lines dt 2 lc rgb 'black' title '±3', -3 with lines dt 2 lc rgb 'black' notitle
  set title 'N (e_N − e_{DMFT}): one curve at every N if the correction is b(t)/N'
  set ylabel 'N (e_N − e_{DMFT})'
  plot for [i=1:words(sizes)] '../series-$c.csv' using 1:(word(sizes,i)*column('energy_'.word(sizes,i).'_minus_dmft')):(word(sizes,i)*column('energy_'.word(sizes,i).'_err')) every 8 \\
         with yerrorbars pt 7 ps 0.4 lc rgb colour(i) title 'N = '.word(sizes,i)
GP
)
  fi
  finite_size_figure "$here/figures" $c "$rows" \
    "$title: N = $sizes_list (mean ± s.e. over $samples_list samples) against DMFT (N → ∞)" \
    "$obs" "$sizes" "$(tr , ' ' <<<"${!times}")" "$tm" 8 "$reference" \
    "set key top left Left reverse width -4 samplen 2; set yrange [-0.5:1.5]" "$extra"
done
# The escape one sample at a time: m(t) of single samples at N = 64 and 128 against DMFT; and the
# DMFT escape time against m0, with the finite-N median escape times (first |m| = 0.5).
summary() { python3 - "$here/samples-escape-summary.csv" "$1" "$2" <<'PY'
import csv, sys
print(next(r for r in csv.DictReader(open(sys.argv[1])) if r["N"] == sys.argv[2])[sys.argv[3]])
PY
}
t64=$(printf %.2f "$(summary 64 median_t_escape)"); t128=$(printf %.2f "$(summary 128 median_t_escape)")
x64=$(printf %.3f "$(summary 64 dmft_m0_with_that_escape_time)"); x128=$(printf %.3f "$(summary 128 dmft_m0_with_that_escape_time)")
tdmft=$(printf %.2f "$(json "$run/dmft-escape/run.json" crossings.overlap.1.time)")
cat > "$here/figures/escape-samples.gp" <<GP
# Re-render from this folder with: gnuplot escape-samples.gp (reads ../trajectories-escape-64.csv,
# ../trajectories-escape-128.csv, ../series-escape.csv, ../dmft-escape-negative.csv, ../escape-time-dmft.csv
# written by run.sh)
set terminal pngcairo size 1650,520 enhanced font 'DejaVu Sans,11'
set output 'escape-samples.png'
set datafile separator ','
set grid
set key opaque box font ',10'
set multiplot layout 1,3 title "Spiked matrix-tensor p = 3, Δ2 = $delta2, Δp = $deltap, gradient flow from m_0 = $m0: single samples" font ',13'
set xlabel 't'
set ylabel 'm(t)'
set yrange [-1:1]
set key bottom right Right noreverse width -4 samplen 2
do for [n in "64 128"] {
  file = '../trajectories-escape-'.n.'.csv'
  stats file using 0 nooutput
  cols = STATS_columns
  set title 'N = '.n.': m(t) of '.(cols - 1).' single samples (one seed each)'
  plot for [s=2:cols] file using 1:s with lines lw 1 lc rgb '#801f77b4' notitle, \\
       NaN with lines lw 1 lc rgb '#1f77b4' title 'one sample', \\
       '../series-escape.csv' using 1:'m_dmft' with lines lw 3 lc rgb 'black' title 'DMFT from m_0', \\
       '../dmft-escape-negative.csv' using 1:2 with lines lw 3 dt 4 lc rgb 'black' title 'DMFT from −m_0', \\
       $gfm with lines dt 2 lw 1.5 lc rgb 'gray40' title 'gradient-flow fixed point'
}
unset yrange
set logscale x
set format x '10^{%T}'
set xlabel 'm_0'
set ylabel 'DMFT escape time (m = 0.5)'
set key top right Right noreverse width -4 samplen 2
set title 'DMFT escape time (m = 0.5) against m_0; finite-N medians'
set xrange [1e-4:1]
plot '../escape-time-dmft.csv' using 1:2 with linespoints pt 7 lw 2 lc rgb 'black' title 'DMFT', \\
     '+' using ($m0):($tdmft) every ::0::0 with points pt 6 ps 2.5 lw 2 lc rgb 'black' title 'this study: m_0 = $m0, t = $tdmft', \\
     $t64 with lines dt 2 lw 2 lc rgb '#1f77b4' title 'N = 64: median escape $t64 (DMFT from m_0 = $x64)', \\
     $t128 with lines dt 3 lw 2 lc rgb '#ff7f0e' title 'N = 128: median escape $t128 (DMFT from m_0 = $x128)'
unset multiplot
GP
(cd "$here/figures" && gnuplot escape-samples.gp)
for c in escape pspin-T0; do cp "$run/compare-$c/compare.json" "$here/compare-$c.json"; done

# The README, every number from this run (written by Python: there are many of them).
export here run sizes escape_times delta2 deltap m0 escape_tmax pspin_tmax escape_dt pspin_dt escape_dmft_dt pspin_dmft_dt \
  escape_seed pspin_seed eth_escape eth_pspin gfm gfe load_start
export samples_list="$(for N in $sizes; do printf '%s ' ${samples[$N]}; done)"
export early_m0s early_seed early_samples_list="$(for N in $sizes; do printf '%s ' ${early_samples[$N]}; done)"
export wall_seconds=$(wall) load_end=$(cut -d' ' -f1 /proc/loadavg)
python3 <<'PY'
import csv, json, math, os
E = os.environ
here, run = E["here"], E["run"]
sizes = [int(n) for n in E["sizes"].split()]
S = dict(zip(sizes, (int(s) for s in E["samples_list"].split())))
def rows(name):
    return list(csv.DictReader(open(f"{here}/{name}")))
def js(path):
    return json.load(open(path))
def sci(x):
    k = math.floor(math.log10(x)); return f"{x / 10**k:.0f}·10^{k}"
def f(x, d=4):
    return f"{x:.{d}f}"
early = E["early_m0s"].split()
cmp = {c: js(f"{run}/compare-{c}/compare.json")["entries"] for c in ["escape", "pspin-T0"] + [f"early-{x}" for x in early]}
names = {"m": "m", "energy": "e"}
def table(case, obs):
    out = []
    for e in cmp[case]:
        if e["observable"] not in obs:
            continue
        fin = " | ".join(f"{f(x['value'])} ± {f(x['err'])}" for x in e["finite_N"])
        out.append(f"| {names[e['observable']]} | {e['t']:g} | {f(e['dmft'], 5)} | {fin} | "
                   f"{f(e['extrapolated'])} ± {f(e['extrapolated_err'])} | {e['discrepancy_sigma']:+.2f} | "
                   f"{e['chi2']:.2f}/{e['dof']} |")
    return "\n".join(out)
head = ("| y | t | DMFT | " + " | ".join(f"N = {N}" for N in sizes) + " | N → ∞ | (y_∞ − DMFT)/σ | χ²/dof |\n"
        "|---|---|---|" + "---|" * len(sizes) + "---|---|---|")
def entries(case, obs):
    return [e for e in cmp[case] if e["observable"] in obs]
def verdict(es):
    n3 = sum(abs(e["discrepancy_sigma"]) <= 3 for e in es)
    worst = max(es, key=lambda e: abs(e["discrepancy_sigma"]))
    return n3, len(es), worst
early_verdicts = {x: verdict([e for e in cmp[f"early-{x}"] if e["observable"] in ("m", "energy")]) for x in early}
early_escape = {x: next(o["time"] for o in js(f"{run}/dmft-early-{x}/run.json")["crossings"]["overlap"] if o["level"] == 0.5)
                for x in early}
early_samples_text = ", ".join(E["early_samples_list"].split())
def early_quality(x):
    """Verdict words, the largest χ²/dof, and the mean and sample s.d. of m at the last compare time."""
    es = [e for e in cmp[f"early-{x}"] if e["observable"] in ("m", "energy")]
    chi = max(e["chi2"] / e["dof"] for e in es)
    last_m = next(e for e in es if e["observable"] == "m" and e["t"] == float(E["escape_times"].split(",")[-1]))
    ns = dict(zip(sizes, (int(v) for v in E["early_samples_list"].split())))
    mN = {v["N"]: v["value"] for v in last_m["finite_N"]}
    sdN = {v["N"]: v["err"] * math.sqrt(ns[v["N"]]) for v in last_m["finite_N"]}
    n3, n, _ = early_verdicts[x]
    word = "met" if n3 == n and chi <= 2 else ("met only through large σ" if n3 == n else "not met")
    return word, chi, mN, sdN
early_note = ""
for x in early:
    word, chi, mN, sdN = early_quality(x)
    per_n = ", ".join(f"{mN[N]:.3f} (s.d. {sdN[N]:.2f})" for N in sizes)
    if word == "met":
        early_note += (f"From m0 = {x} every comparison is within 3σ and the straight line in 1/N fits (χ²/dof ≤ {chi:.1f}): "
                       "above the noise the 1/N extrapolation lands on the DMFT. ")
    else:
        early_note += (f"From m0 = {x} ({word}) the mean overlap at t = {E['escape_times'].split(',')[-1]} is {per_n} at "
                       f"N = {', '.join(map(str, sizes))} against the DMFT {E['gfm']}, the straight line in 1/N fits poorly "
                       f"(χ²/dof up to {chi:.1f}) and the sample s.d. is large: m0 is only a few times the fluctuation-induced "
                       "overlap, part of the samples do not reach the signal, and the mean is not a 1/N correction of the "
                       "DMFT curve. ")
# Escape case.
desc = js(f"{run}/dmft-escape/run.json")
cross = desc["crossings"]
t_esc = next(o["time"] for o in cross["overlap"] if o["level"] == 0.5)
err = desc["error_estimate"]
esc_n3, esc_n, esc_worst = verdict(entries("escape", ("m", "energy")))
sd = {}  # sample standard deviation of m at the compare times, from the batch runs
for e in entries("escape", ("m",)):
    sd[e["t"]] = {x["N"]: x["err"] * math.sqrt(S[x["N"]]) for x in e["finite_N"]}
sd_text = "; ".join(f"t = {t:g}: " + ", ".join(f"{sd[t][N]:.2f}" for N in sizes) for t in sorted(sd))
summ = {int(r["N"]): r for r in rows("samples-escape-summary.csv")}
neg = js(f"{run}/dmft-escape-negative/run.json")["final"]
def samples_line(N):
    r = summ[N]
    return (f"N = {N}: of {r['samples']} samples, {r['m_final_above_0.5']} end at m(50) > 0.5 (the signal), "
            f"{r['m_final_negative']} at m(50) < 0 (mean {float(r['mean_m_final_of_negative']):.3f}) and "
            f"{r['m_final_0_to_0.5']} in between; median escape time (first |m| = 0.5) "
            f"{float(r['median_t_escape']):.2f} ± {float(r['median_t_escape_err']):.2f} (bootstrap), which is the DMFT escape time "
            f"from m0 = {float(r['dmft_m0_with_that_escape_time']):.3f} ({float(r['dmft_m0_at_median_plus_err']):.3f}–"
            f"{float(r['dmft_m0_at_median_minus_err']):.3f})")
dtc = rows("dt-check.csv")
# pspin-T0.
ser = rows("series-pspin-T0.csv")
Nmax = max(sizes)
z = [(abs(float(r[f"energy_{Nmax}_minus_dmft"])) / float(r[f"energy_{Nmax}_err"]), float(r["t"])) for r in ser if float(r["t"]) > 0]
zmax, tz = max(z)
first3 = next((t for x, t in sorted(z, key=lambda p: p[1]) if x > 3), None)
allow = max((Nmax * (abs(float(r[f"energy_{Nmax}_minus_dmft"])) - 3 * float(r[f"energy_{Nmax}_err"])), float(r["t"])) for r in ser)
ps_n3, ps_n, ps_worst = verdict(entries("pspin-T0", ("energy",)))
last = next(e for e in entries("pspin-T0", ("energy",)) if e["t"] == float(E["pspin_tmax"]))
dev = {x["N"]: (x["value"] - last["dmft"], x["err"]) for x in last["finite_N"]}
ndev = ", ".join(f"{N * dev[N][0]:.2f} ± {N * dev[N][1]:.2f}" for N in sizes)
def alpha(a, b):  # local exponent of e_N − e_DMFT ∝ N^(−α) between sizes a < b, with propagated error
    (ya, ea), (yb, eb) = dev[a], dev[b]
    r = math.log(b / a)
    return math.log(ya / yb) / r, math.hypot(ea / ya, eb / yb) / r
alphas = ", ".join(f"{a}→{b}: {alpha(a, b)[0]:.2f} ± {alpha(a, b)[1]:.2f}" for a, b in zip(sizes, sizes[1:]))
pdesc = js(f"{run}/dmft-pspin-T0/run.json")
dt_rows = "\n".join(f"| {r['case']} | {names[r['observable']]} | {float(r['dt']):g} vs {float(r['half_dt']):g} | "
                    f"{float(r['max_abs_diff']):.1e} (t = {float(r['t_of_max_abs']):g}) | "
                    f"{float(r['max_diff_over_se']):.3f} (t = {float(r['t_of_max_ratio']):g}) |" for r in dtc)
simwall = {(c, N): js(f"{run}/sim-{c}-{N}/run.json") for c in ("escape", "pspin-T0") for N in sizes}
ratio = ((simwall[("escape", Nmax)]["wall_seconds"] / S[Nmax])
         / (simwall[("escape", sizes[-2])]["wall_seconds"] / S[sizes[-2]]))
def cost(c):
    r = simwall[(c, Nmax)]
    return f"{r['wall_seconds']:.0f} s ({r['gflops_per_second']:.1f} GFLOP/s)"
sizes_list = ", ".join(map(str, sizes))
neg_frac = sum(int(summ[N]["m_final_negative"]) for N in (64, 128)) / sum(int(summ[N]["samples"]) for N in (64, 128))
meds = [float(summ[N]["median_t_escape"]) for N in (64, 128)]
m0eff = [float(summ[N]["dmft_m0_with_that_escape_time"]) for N in (64, 128)]
chi2m = [e["chi2"] / e["dof"] for e in entries("escape", ("m",))]
e10 = next(e for e in entries("escape", ("energy",)) if e["t"] == 10)
m10 = next(e for e in entries("escape", ("m",)) if e["t"] == 10)["dmft"]
# Size at which the fluctuation-induced overlap, if it falls as N^(-1/2) from its N = 64 value, is
# ten times below m0.
n_needed = 64 * (10 * m0eff[0] / float(E["m0"])) ** 2
escape_time_03 = float(next(r["t_escape"] for r in rows("escape-time-dmft.csv") if float(r["m0"]) == 0.3))
dtr = {(r["case"], r["observable"], float(r["dt"])): r for r in dtc}
edt = float(E["escape_dt"])
coarse_m = float(dtr[("escape", "m", 2 * edt)]["max_abs_diff"]); fine_m = float(dtr[("escape", "m", edt)]["max_abs_diff"])
samples_text = ", ".join(f"{S[N]}" for N in sizes)
text = f"""# Finite size on long horizons: the escape from m0 = {E['m0']} and the 3-spin at T = 0 to t = {E['pspin_tmax']}

`run.sh` runs finite-N gradient flow (`dmft simulate`: sampled Gaussian couplings, Heun + projection
on the sphere, order 2 at T = 0) at N = {sizes_list} with {samples_text} samples, and compares it with
the DMFT (`dmft solve`, N → ∞) through `dmft compare`: at each comparison time the sample means are
fitted as y(N) = y_∞ + b/N (weights 1/s.e.²) and y_∞ is compared with DMFT in units of its standard
error σ (equations/simulation.md §4). It completes [`../finite-size`](../finite-size/) (N = 32–128, t ≤ 16,
m0 = 0.3) with the checks of the finite-N issue that need long horizons:

* **escape**: spiked matrix-tensor p = 3, Δ2 = {E['delta2']}, Δp = {E['deltap']}, gradient flow from m0 = {E['m0']} to
  t = {E['escape_tmax']} (simulation dt = {E['escape_dt']}, seed {E['escape_seed']}; DMFT dt = {E['escape_dmft_dt']}). The DMFT overlap stays
  small (m(10) = {m10:.3f}) while the energy sits near the threshold E_th = {E['eth_escape']}, and escapes: m = 0.5 at
  t = {t_esc:.2f}, then m → {E['gfm']} (gradient-flow fixed point, REFERENCE §4). m0 was chosen for an
  escape in t ≈ 20–40: the DMFT escape time from m0 = 0.3 … 3·10⁻⁴ is in `escape-time-dmft.csv`.
* **pspin-T0**: pure 3-spin, ξ = q³/2, gradient flow from a random start to t = {E['pspin_tmax']} (simulation
  dt = {E['pspin_dt']}, seed {E['pspin_seed']}; DMFT dt = {E['pspin_dmft_dt']}): the energy descends towards E_th = {E['eth_pspin']}.

Result, against the issue's checks:

* escape (N = 64, 128, 256 extrapolate to the DMFT m(t), e(t) within 3σ at t = {E['escape_times'].replace(',', ', ')}): **{'met' if esc_n3 == esc_n else 'not met'}**,
  {esc_n3} of {esc_n} within 3σ, worst {esc_worst['discrepancy_sigma']:+.1f}σ ({names[esc_worst['observable']]} at t = {esc_worst['t']:g}). At these sizes the escape is set by the
  O(N^−1/2) fluctuations of the overlap, not by m0: the median single sample escapes at t ≈ {meds[0]:.0f}, and
  {neg_frac:.0%} of them end on the −x* side. Details and what would pass below.
* escape from above the noise, m0 = {" and ".join(early)} (DMFT escape, m = 0.5, at t = {" and ".join(f"{early_escape[x]:.2f}" for x in early)}; both
  before t ≈ 50 as the issue asks; {early_samples_text} samples): {"; ".join(f"m0 = {x}: **{early_quality(x)[0]}**, {early_verdicts[x][0]} of {early_verdicts[x][1]} within 3σ, worst {early_verdicts[x][2]['discrepancy_sigma']:+.1f}σ ({names[early_verdicts[x][2]['observable']]} at t = {early_verdicts[x][2]['t']:g}), χ²/dof ≤ {early_quality(x)[1]:.1f}" for x in early)}.
  Section "Above the noise" below.
* pspin-T0 (e_{Nmax} within 3σ + O(1/N) of DMFT for t ≤ {E['pspin_tmax']}): max |e_{Nmax} − e_DMFT|/σ = {zmax:.1f}; the excess is
  {allow[0]:.2f}/N at most, but N(e_N − e_DMFT) grows with N at late times, so the correction is not
  O(1/N) there, and the 1/N extrapolation misses the DMFT at t = {E['pspin_tmax']} by {last['discrepancy_sigma']:+.1f}σ.

![escape](figures/escape.png)
![escape, single samples](figures/escape-samples.png)
![pspin-T0](figures/pspin-T0.png)

Columns of `escape.png` and `pspin-T0.png`, as in `../finite-size`: y(t) at each N (mean ± s.e., every
8th recorded point) and DMFT; the deviation y_N(t) − y_DMFT(t) with the N → ∞ extrapolations (black);
y_N − y_DMFT against 1/N at the compare times with the weighted straight-line fits. `escape-samples.png`:
m(t) of single samples (one seed each) at N = 64 and 128 with the DMFT from +m0 and from −m0, and the
DMFT escape time against m0 with the finite-N median escape times. Second row of `pspin-T0.png`: the
deviation in units of its s.e., and N(e_N − e_DMFT), which would be one curve if the correction were b(t)/N.

## escape: the 1/N extrapolation does not reach the DMFT

{head}
{table("escape", ("m", "energy"))}

{esc_n3} of the {esc_n} comparisons are within 3σ ({", ".join(f"{names[e['observable']]} at t = {e['t']:g} with σ = {e['extrapolated_err']:.3f}" for e in entries("escape", ("m", "energy")) if abs(e["discrepancy_sigma"]) <= 3)}); the worst is
{names[esc_worst['observable']]} at t = {esc_worst['t']:g}, {esc_worst['discrepancy_sigma']:+.1f}σ. The sample standard deviation of m (N = {sizes_list}) is {sd_text}: the samples
do not spread around the DMFT curve, they split. Single samples (`samples-escape.csv`, `escape-samples.png`):

* {samples_line(64)};
* {samples_line(128)}.

So at these sizes the escape is not shifted by an O(1/N) amount: the median sample escapes at
t ≈ {meds[0]:.1f} (N = 64) and {meds[1]:.1f} (N = 128) instead of {t_esc:.1f}, in either direction. The overlap has
fluctuations of order N^−1/2 (the random gradient has a component of that size along x*); they act like
an initial overlap of ≈ {m0eff[0]:.3f} ({m0eff[0] / float(E['m0']):.0f} × m0) with a random sign, and decide which way a sample escapes.
(That effective overlap is {m0eff[0]:.3f} and {m0eff[1]:.3f} at N = 64 and 128; its bootstrap range is too wide to see the
expected N^−1/2 decrease.) The samples that end at m < 0 sit near the DMFT from −m0, which drifts to
m(50) = {neg['m']:.3f} (e = {neg['energy']:.3f}). The mean of m is a mixture of the two branches, its 1/N fits have χ²/dof
= {", ".join(f"{x:.1f}" for x in chi2m)} at t = {", ".join(f"{e['t']:g}" for e in entries("escape", ("m",)))}, and the energy, which drops whichever way a sample escapes, is
already {e10['dmft'] - e10['extrapolated']:.3f} below the DMFT plateau at t = 10 (N → ∞ value).

What would pass: the 1/N expansion of the averages around the DMFT needs m0 well above the
fluctuation-induced overlap, as with m0 = 0.3 in [`../finite-size`](../finite-size/); but from such an m0 the
DMFT escape is immediate ({escape_time_03:.2f} from m0 = 0.3), not at t ≈ 20–40. A late escape can be tested
against the DMFT only at sizes where the fluctuation-induced overlap is far below m0: ten times below
m0 = {E['m0']} means N ≈ {sci(n_needed)} if it falls as N^−1/2 from its N = 64 value, out of reach of dense
p = 3 couplings (8N³/2 bytes).

DMFT discretisation error (run.json `error_estimate`, Richardson dt vs 2dt): {err['m']:.1e} in m,
{err['energy']:.1e} in e, far below σ.

## Above the noise: the escape from m0 = {" and ".join(early)}

The same model and flow, from an initial overlap well above the fluctuation-induced one (seed {E['early_seed']},
{early_samples_text} samples at N = {sizes_list}; `compare-early-*.json`). The DMFT escapes at t =
{" and ".join(f"{early_escape[x]:.2f}" for x in early)} and sits at the gradient-flow fixed point m = {E['gfm']} from t ≈ 10 on.

{chr(10).join(f'**m0 = {x}**' + chr(10) + chr(10) + head + chr(10) + table(f'early-{x}', ('m', 'energy')) + chr(10) for x in early)}
{early_note}

## pspin-T0: e_256 against DMFT up to t = {E['pspin_tmax']}

{head}
{table("pspin-T0", ("energy",))}

* N = {Nmax}: max over recorded 0 < t ≤ {E['pspin_tmax']} of |e_{Nmax} − e_DMFT|/σ_{Nmax} = {zmax:.1f} (at t = {tz:g}); it first
  exceeds 3 at t = {first3:g}. e_{Nmax} is within 3σ + c/N of the DMFT for t ≤ {E['pspin_tmax']} with c = {allow[0]:.2f} (the largest
  N(|e_N − e_DMFT| − 3σ_N), at t = {allow[1]:g}).
* The 1/N extrapolation: {ps_n3} of {ps_n} within 3σ; worst at t = {ps_worst['t']:g} ({ps_worst['discrepancy_sigma']:+.1f}σ), although the
  straight line fits the three sizes (χ² above). Over these sizes the late-time correction does not scale as b(t)/N:
  N(e_N − e_DMFT) at t = {E['pspin_tmax']} is {ndev} for N = {sizes_list}, and the local exponent α of
  e_N − e_DMFT ∝ N^−α is {alphas}. A fit y_∞ + b/N over N = 64–256 then stops short of the DMFT.
  The gap e_N − e_DMFT opens after the first fast descent and grows with t at every N: the finite-N
  descent towards E_th is slower than the N → ∞ one.

DMFT discretisation error (Richardson): {pdesc['error_estimate']['energy']:.1e} in e.

## Step size of the simulations

The same samples (same seed) at N = 64 with two steps; max over the recorded times of the difference
of the sample means, and of that difference in units of the s.e. of the coarser run:

| case | y | dt | max \\|Δ\\| | max \\|Δ\\|/s.e. |
|---|---|---|---|---|
{dt_rows}

The runs use dt = {edt:g} (escape) and {float(E['pspin_dt']):g} (pspin-T0). For the escape case the difference between {2 * edt:g} and
{edt:g} ({coarse_m:.1e} in m) is {coarse_m / fine_m:.1f}× the one between {edt:g} and {edt / 2:g} ({fine_m:.1e}); an order-2 error gives 4×.
At every step used the difference is at most {max(float(r['max_diff_over_se']) for r in dtc if float(r['dt']) <= max(edt, float(E['pspin_dt'])) and not (r['case'] == 'escape' and float(r['dt']) > edt)):.2f} s.e.: the step error is far below σ.

Data: `series-*.csv` (finite-N means ± s.e., DMFT, deviations), `extrapolation-*.csv`, `fits-*.csv`
(y_∞ ± s.e., slope b, χ²), `fitlines-*.csv`, `compare-*.json` (the full `dmft compare` output),
`dt-check.csv`, and for the escape case `escape-time-dmft.csv`, `dmft-escape-negative.csv` (DMFT from −m0),
`trajectories-escape-64.csv`, `trajectories-escape-128.csv` (single-sample m(t)), `samples-escape.csv`
(escape time and final m, e of each) and `samples-escape-summary.csv`.

## Cost

Total wall time of this run: {E['wall_seconds']} s on the 2-core machine (load average {E['load_start']} at the start,
{E['load_end']} at the end; it was shared with other jobs, so the times are inflated). The N = {Nmax} simulations
took {cost('escape')} for the escape case ({S[Nmax]} samples × {int(round(float(E['escape_tmax']) / float(E['escape_dt'])))} steps) and {cost('pspin-T0')}
for pspin-T0 ({S[Nmax]} × {int(round(float(E['pspin_tmax']) / float(E['pspin_dt'])))} steps); at N = 256 the p = 3 coupling matrix (67 MB per
worker) no longer fits in the cache and the force is memory-bound: per sample-step N = {Nmax} cost {ratio:.0f}× N = {sizes[-2]}
(the flops alone give 8×).
"""
open(f"{here}/README.md", "w").write(text)
PY
rm -rf "$here/run"
