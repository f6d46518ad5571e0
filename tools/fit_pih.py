#!/usr/bin/env python3
"""Fit mnsim's PIH hazard (hazards.pih_rate_type1, pih_type_ratio, pih_exponent) to a subset of the PIH trials.

A diagnostic, not the source of the defaults: on 2026-12-08 it drove the type ratio to its bound of
1 and passed fewer of the other trials, so the fit was not adopted (docs/hazards.md, Limits). It
stays to repeat that check as trials are added.

The hazard of src/response/hazards.cpp for a person of Fitzpatrick type t is

    h = r1 * ratio^(t - 1) * I^e * S,   P(PIH) = 1 - exp(-h)

with I the course's inflammation integral (thermal tissue weighted by hazards.pih_thermal_factor,
kept) and S the daylight and lightening-agent factors. The trials of data/validation/trials/ give
events of n in a stated phototype mix; this fits (r1, ratio, e) by binomial maximum likelihood on
a subset of the trials. The subset, chosen by a rule fixed before fitting: the three
rows the hazard was fitted to before (Nanni 1998 CO2 resurfacing; Chan 2007 1,550 nm, two rows),
and in every procedure class with two or more PIH trials the trial with the most patients:
microneedling (resp_fabbrocini2014_phototypes, 60, types I-VI), ablative fractional CO2
(comp_scanned_afl_85), superficial peels (comp_vemula2018_superficial_peels_dark_skin, 473) and
dermabrasion (comp_split_scar_co2_vs_dermabrasion.1, 20). Every other PIH trial stays a
validation row.

Each arm's I and S come from two runs of `mnsim validation` with pih_type_ratio = 1 (every
phototype the same hazard) at two exponents e1 and e2: H_k = -ln(1 - p_k) / r1 = I^e_k S, so
I = (H1 / H2)^(1 / (e1 - e2)) and S = H1 / I^e1. The sexes of an arm share one I here (the fit's
approximation); the fitted values are then checked by a full `mnsim validation` run. Written by hand
because the project's Python has no numpy or scipy: a grid search refined around its best point.

    mnsim validation --module comparators --set hazards.pih_type_ratio=1 -o A1 --force
    mnsim validation --module response --set hazards.pih_type_ratio=1 -o B1 --force
    (the same with --set hazards.pih_exponent=0.25 into A2 and B2)
    python3 tools/fit_pih.py A1 B1 A2 B2 [r1 e1 e2]
"""
import json
import math
import sys
import tomllib

FITTED = {
    "comp_nanni1998_pih.1",
    "comp_chan2007_nafl_pih.1",
    "comp_chan2007_nafl_pih.2",
    "resp_fabbrocini2014_phototypes.1",
    "comp_scanned_afl_85.1",
    "comp_vemula2018_superficial_peels_dark_skin.1",
    "comp_split_scar_co2_vs_dermabrasion.1",
}


def pih_rows(directory):
    with open(f"{directory}/summary.json") as f:
        rows = json.load(f)["validation"]["rows"]
    return {r["id"]: r for r in rows if r.get("kind") == "events" and "pih_probability" in r["quantity"]}


def type_mix(row):
    with open(row["file"], "rb") as f:
        trial = tomllib.load(f)
    endpoint = trial["endpoint"][int(row["id"].rsplit(".", 1)[1]) - 1]
    arm = next(a for a in trial["arm"] if a["name"] == endpoint["arm"])
    total = sum(arm["fitzpatrick"].values())
    return {int(t): w / total for t, w in arm["fitzpatrick"].items()}


def arms(first, second, r1, e1, e2):
    out = {}
    for key, row in first.items():
        h1 = -math.log(1.0 - row["predicted"]["median"]) / r1
        h2 = -math.log(1.0 - second[key]["predicted"]["median"]) / r1
        intensity = (h1 / h2) ** (1.0 / (e1 - e2))
        out[key] = {
            "events": row["events"],
            "n": row["n"],
            "mix": type_mix(row),
            "I": intensity,
            "S": h1 / intensity**e1,
            "role": "fitted" if key in FITTED else "held out",
        }
    return out


def probability(arm, r1, ratio, e):
    return sum(w * -math.expm1(-r1 * ratio ** (t - 1) * arm["I"] ** e * arm["S"]) for t, w in arm["mix"].items())


def log_likelihood(data, r1, ratio, e):
    total = 0.0
    for arm in data.values():
        if arm["role"] != "fitted":
            continue
        p = min(max(probability(arm, r1, ratio, e), 1e-12), 1.0 - 1e-12)
        total += arm["events"] * math.log(p) + (arm["n"] - arm["events"]) * math.log(1.0 - p)
    return total


def fit(data):
    best = None
    grid_r1 = [10 ** (x / 4.0) for x in range(-16, 1)]
    for e in [x / 20.0 for x in range(1, 13)]:
        for ratio in [1.0 + x / 10.0 for x in range(0, 36)]:
            for r1 in grid_r1:
                ll = log_likelihood(data, r1, ratio, e)
                if best is None or ll > best[0]:
                    best = (ll, r1, ratio, e)
    ll, r1, ratio, e = best
    step = [0.25, 0.05, 0.025]
    for _ in range(60):  # coordinate refinement, halving the steps
        improved = False
        for i in range(3):
            for sign in (-1.0, 1.0):
                trial = [math.log10(r1), ratio, e]
                trial[i] += sign * step[i]
                if trial[1] < 1.0 or trial[2] <= 0.0:
                    continue
                value = log_likelihood(data, 10 ** trial[0], trial[1], trial[2])
                if value > ll:
                    ll, r1, ratio, e = value, 10 ** trial[0], trial[1], trial[2]
                    improved = True
        if not improved:
            step = [s / 2.0 for s in step]
    return ll, r1, ratio, e


def main():
    a1, b1, a2, b2 = sys.argv[1:5]
    r1, e1, e2 = (float(x) for x in sys.argv[5:8]) if len(sys.argv) > 5 else (0.0036, 0.5, 0.25)
    first = {**pih_rows(a1), **pih_rows(b1)}
    second = {**pih_rows(a2), **pih_rows(b2)}
    data = arms(first, second, r1, e1, e2)
    ll, fr1, ratio, e = fit(data)
    print(f"pih_rate_type1 {fr1:.4g}  pih_type_ratio {ratio:.3f}  pih_exponent {e:.3f}  log-likelihood {ll:.2f}")
    print(f"{'row':52} {'role':11} {'observed':>10} {'predicted':>9}")
    for key in sorted(data, key=lambda k: (data[k]["role"], k)):
        arm = data[key]
        print(f"{key:52} {arm['role']:11} {arm['events']:>4} / {arm['n']:<4} {probability(arm, fr1, ratio, e):9.4f}")


if __name__ == "__main__":
    main()
