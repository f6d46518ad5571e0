#!/usr/bin/env python3
"""Fit the lipid route of mnsim's intact stratum corneum (transport.intact_model = "fitted").

Reads the calibration rows of data/validation/comparisons/transport.csv that calibrate
transport.sc_lipid_intercept (measured human Kp from an aqueous donor) and fits, by least squares
on log10 Kp,

    Kp = 10^(a + b log10 Kow_eff - c sqrt(MW) - d HBD) + 1.519e-4 / sqrt(MW)      [cm/h]

the model of src/transport/tissue_transport.cpp: the lipid route of the neutral species (and of
ion pairs, transport.ion_pair_log_drop below it) in the square-root-of-MW form of the modified
Robinson model (Wilschut et al. 1995, Chemosphere 30:1275) beside its polar route, slowed by each
hydrogen-bond donor group (HBD, product[0].h_bond_donors of the row or the library's count; Potts
& Guy 1995, Pharm Res 12:1628; Roberts, Pugh & Hadgraft 1996, Int J Pharm 132:23). The Potts-Guy
form (linear in MW) fitted on the same rows is printed too: its calibration error is larger
(0.697 against 0.670 on the 25 rows of this commit), which is why the square root was chosen.
Prints the coefficients, the calibration RMSE and, for comparison, the RMSE of the validation
rows (never used in the fit) for the fit, for the fit without the donor term and for Potts-Guy as
published (with the same polar route). Written by hand because the project's Python has no numpy:
a small Gauss-Newton with Gaussian elimination.

    python3 tools/fit_intact_kp.py [path/to/transport.csv]
"""
import csv
import math
import sys

ION_PAIR_LOG_DROP = 3.0  # transport.ion_pair_log_drop default
POTTS_GUY = (-2.7437, 0.71, 0.0061)


def settings(row):
    out = {}
    for item in row["set"].split(";"):
        if "=" in item:
            key, value = item.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def library():
    """The compound library's MW, log Kow and pKa (data/compounds/compounds.csv), by name."""
    out = {}
    for r in csv.DictReader(open("data/compounds/compounds.csv")):
        entry = {"product[0].mw_g_per_mol": r["mw_g_per_mol"], "product[0].log_kow": r["log_kow"]}
        for key in ("pka_acid", "pka_base", "h_bond_donors"):
            if r[key]:
                entry["product[0]." + key] = r[key]
        out[r["name"]] = {k: v for k, v in entry.items() if v}
    return out


def compound(row, known):
    s = settings(row)
    s = {**known.get(s.get("product[0].compound", ""), {}), **s}
    ph = float(s.get("product[0].ph", 7.4))
    ionised = 0.0
    if "product[0].pka_acid" in s:
        ionised += 10 ** (ph - float(s["product[0].pka_acid"]))
    if "product[0].pka_base" in s:
        ionised += 10 ** (float(s["product[0].pka_base"]) - ph)
    neutral = 1.0 / (1.0 + ionised)
    kow = 10 ** float(s["product[0].log_kow"])
    effective = kow * (neutral + (1.0 - neutral) * 10 ** -ION_PAIR_LOG_DROP)
    donors = float(s.get("product[0].h_bond_donors", 0.0))
    return math.log10(effective), float(s["product[0].mw_g_per_mol"]), donors


def log_kp_sqrt(p, log_kow, mw, donors):
    a, b, c, d = p if len(p) == 4 else (*p, 0.0)
    return math.log10(10 ** (a + b * log_kow - c * math.sqrt(mw) - d * donors) + 1.519e-4 / math.sqrt(mw))


def log_kp_linear(p, log_kow, mw, donors):
    a, b, c = p
    return math.log10(10 ** (a + b * log_kow - c * mw) + 1.519e-4 / math.sqrt(mw))


def rmse(model, p, data):
    return math.sqrt(sum((model(p, x, m, h) - y) ** 2 for x, m, h, y in data) / len(data))


def solve(a, b):
    """Solve the small system a x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [a[i][:] + [b[i]] for i in range(n)]
    for i in range(n):
        pivot = max(range(i, n), key=lambda k: abs(m[k][i]))
        m[i], m[pivot] = m[pivot], m[i]
        for k in range(i + 1, n):
            f = m[k][i] / m[i][i]
            m[k] = [m[k][j] - f * m[i][j] for j in range(n + 1)]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (m[i][n] - sum(m[i][j] * x[j] for j in range(i + 1, n))) / m[i][i]
    return x


def fit(log_kp, data, start):
    p = list(start)
    n = len(p)
    for _ in range(200):
        jtj = [[0.0] * n for _ in range(n)]
        jtr = [0.0] * n
        for x, m, h, y in data:
            r = y - log_kp(p, x, m, h)
            grad = []
            for k in range(n):
                q = p[:]
                q[k] += 1e-6
                grad.append((log_kp(q, x, m, h) - log_kp(p, x, m, h)) / 1e-6)
            for i in range(n):
                jtr[i] += grad[i] * r
                for j in range(n):
                    jtj[i][j] += grad[i] * grad[j]
        step = solve(jtj, jtr)
        p = [p[k] + step[k] for k in range(n)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return p


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "data/validation/comparisons/transport.csv"
    rows = [r for r in csv.DictReader(open(path)) if r["quantity"].endswith(".intact_kp_cm_per_h")]
    calibration, validation = [], []
    known = library()
    for r in rows:
        x, m, h = compound(r, known)
        point = (x, m, h, math.log10(float(r["measured"])))
        if r["role"] == "calibration" and "transport.sc_lipid_intercept" in r["calibrates"]:
            calibration.append(point)
        elif r["role"] == "validation":
            validation.append(point)
    p = fit(log_kp_sqrt, calibration, (-1.3, 0.6, 0.18, 0.1))
    no_donors = fit(log_kp_sqrt, calibration, (-1.3, 0.6, 0.18))
    linear = fit(log_kp_linear, calibration, POTTS_GUY)
    print(f"calibration rows {len(calibration)}, validation rows {len(validation)}")
    print(f"fitted: intercept {p[0]:.4f} log10 cm/h, log Kow slope {p[1]:.4f}, sqrt(MW) slope {p[2]:.4f}, "
          f"donor slope {p[3]:.4f}")
    for label, data in (("calibration", calibration), ("validation", validation)):
        print(f"RMSE log10 Kp, {label}: fitted {rmse(log_kp_sqrt, p, data):.3f}, "
              f"without donors {rmse(log_kp_sqrt, no_donors, data):.3f}, "
              f"Potts-Guy form fitted {rmse(log_kp_linear, linear, data):.3f}, "
              f"Potts-Guy {rmse(log_kp_linear, POTTS_GUY, data):.3f}")


if __name__ == "__main__":
    main()
