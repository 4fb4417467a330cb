"""Tables shared by the finite-size studies (results/finite-size, results/finite-size-escape).

One case of `dmft compare` (DMFT run against simulations at several N) becomes four small CSVs in the
study folder: series-CASE.csv (finite-N means ± s.e. beside the DMFT, interpolated on the simulation
times), and at the compare times extrapolation-CASE.csv (y_N − y_DMFT), fits-CASE.csv (the 1/N fits)
and fitlines-CASE.csv (the fitted lines for the figures). Imported by the studies' run.sh.
"""
import bisect
import csv
import json


def table(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return {k: [float(r[k]) for r in rows] for k in rows[0]}


def interp(ts, ys, t):
    k = min(max(bisect.bisect_right(ts, t) - 1, 0), len(ts) - 2)
    w = (t - ts[k]) / (ts[k + 1] - ts[k])
    return ys[k] + w * (ys[k + 1] - ys[k])


def write(path, header, rows, digits=None):
    """CSV; floats as Python writes them, or with `digits` significant digits."""
    if digits is not None:
        rows = [[f"{x:.{digits}g}" if isinstance(x, float) else x for x in r] for r in rows]
    with open(path, "w") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def case_tables(here, run, case, obs, sizes, digits=None):
    """Writes the four CSVs of one case from run/dmft-CASE, run/sim-CASE-N and run/compare-CASE."""
    d = table(f"{run}/dmft-{case}/observables.csv")
    sims = {N: table(f"{run}/sim-{case}-{N}/simulation.csv") for N in sizes}
    header, rows = ["t"], []
    for o in obs:
        header += [f"{o}_dmft"] + [f"{o}_{N}{s}" for N in sizes for s in ("", "_err", "_minus_dmft")]
    for i, t in enumerate(sims[sizes[0]]["t"]):
        row = [t]
        for o in obs:
            ref = interp(d["t"], d[o], t)
            row += [ref] + [x for N in sizes for x in (sims[N][o][i], sims[N][o + "_err"][i], sims[N][o][i] - ref)]
        rows.append(row)
    write(f"{here}/series-{case}.csv", header, rows, digits)
    c = json.load(open(f"{run}/compare-{case}/compare.json"))
    times = sorted({e["t"] for e in c["entries"]})
    ext, fits, lines = [], [], []
    for e in c["entries"]:
        if e["observable"] not in obs:
            continue
        k = times.index(e["t"]) + 1
        for f in e["finite_N"]:
            ext.append([e["observable"], k, e["t"], f["N"], 1 / f["N"], f["value"] - e["dmft"], f["err"]])
        fits.append([e["observable"], k, e["t"], e["dmft"], e["extrapolated"], e["extrapolated_err"],
                     e["extrapolated"] - e["dmft"], e["discrepancy_sigma"], e["slope_of_1_over_N"],
                     e["slope_err"], e["chi2"], e["dof"]])
        for u in (0, 1 / min(sizes)):
            lines.append([e["observable"], k, u, e["extrapolated"] + e["slope_of_1_over_N"] * u - e["dmft"]])
    write(f"{here}/extrapolation-{case}.csv", ["observable", "k", "t", "N", "inv_N", "minus_dmft", "err"], ext, digits)
    write(f"{here}/fits-{case}.csv", ["observable", "k", "t", "dmft", "inf", "inf_err", "inf_minus_dmft", "sigma",
                                      "slope", "slope_err", "chi2", "dof"], fits, digits)
    write(f"{here}/fitlines-{case}.csv", ["observable", "k", "inv_N", "y"], lines, digits)
