#!/usr/bin/env python3
"""Fit the lipid route of mnsim's intact stratum corneum (transport.intact_model = "fitted").

Reads the calibration rows of data/validation/comparisons/transport.csv that calibrate
transport.sc_lipid_intercept (measured human Kp from an aqueous donor) and fits, by least squares
on log10 Kp,

    Kp = 10^(a + b log10 Kow_eff - c sqrt(MW)) + 1.519e-4 / sqrt(MW)      [cm/h]

the model of src/transport/tissue_transport.cpp: the lipid route of the neutral species (and of
ion pairs, transport.ion_pair_log_drop below it) in the square-root-of-MW form of the modified
Robinson model (Wilschut et al. 1995, Chemosphere 30:1275) beside its polar route. The Potts-Guy
form (linear in MW) fitted on the same rows is printed too: its calibration error is larger
(0.697 against 0.670 on the 25 rows of this commit), which is why the square root was chosen.
Prints the coefficients, the calibration RMSE and, for comparison, the RMSE of the validation
rows (never used in the fit) for the fit and for Potts-Guy as published (with the same polar
route). Written by hand because the project's Python has no numpy: a 3-parameter Gauss-Newton.

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
        for key in ("pka_acid", "pka_base"):
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
    return math.log10(effective), float(s["product[0].mw_g_per_mol"])


def log_kp_sqrt(p, log_kow, mw):
    a, b, c = p
    return math.log10(10 ** (a + b * log_kow - c * math.sqrt(mw)) + 1.519e-4 / math.sqrt(mw))


def log_kp_linear(p, log_kow, mw):
    a, b, c = p
    return math.log10(10 ** (a + b * log_kow - c * mw) + 1.519e-4 / math.sqrt(mw))


def rmse(model, p, data):
    return math.sqrt(sum((model(p, x, m) - y) ** 2 for x, m, y in data) / len(data))


def solve3(a, b):
    """Solve the 3x3 system a x = b by Cramer's rule."""
    def det(m):
        return (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))
    d = det(a)
    out = []
    for k in range(3):
        m = [row[:] for row in a]
        for i in range(3):
            m[i][k] = b[i]
        out.append(det(m) / d)
    return out


def fit(log_kp, data, start):
    p = list(start)
    for _ in range(200):
        jtj = [[0.0] * 3 for _ in range(3)]
        jtr = [0.0] * 3
        for x, m, y in data:
            r = y - log_kp(p, x, m)
            grad = []
            for k in range(3):
                q = p[:]
                q[k] += 1e-6
                grad.append((log_kp(q, x, m) - log_kp(p, x, m)) / 1e-6)
            for i in range(3):
                jtr[i] += grad[i] * r
                for j in range(3):
                    jtj[i][j] += grad[i] * grad[j]
        step = solve3(jtj, jtr)
        p = [p[k] + step[k] for k in range(3)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return p


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "data/validation/comparisons/transport.csv"
    rows = [r for r in csv.DictReader(open(path)) if r["quantity"].endswith(".intact_kp_cm_per_h")]
    calibration, validation = [], []
    known = library()
    for r in rows:
        x, m = compound(r, known)
        point = (x, m, math.log10(float(r["measured"])))
        if r["role"] == "calibration" and "transport.sc_lipid_intercept" in r["calibrates"]:
            calibration.append(point)
        elif r["role"] == "validation":
            validation.append(point)
    p = fit(log_kp_sqrt, calibration, (-1.3, 0.6, 0.18))
    linear = fit(log_kp_linear, calibration, POTTS_GUY)
    print(f"calibration rows {len(calibration)}, validation rows {len(validation)}")
    print(f"fitted: intercept {p[0]:.4f} log10 cm/h, log Kow slope {p[1]:.4f}, sqrt(MW) slope {p[2]:.4f}")
    print(f"RMSE log10 Kp, calibration: fitted {rmse(log_kp_sqrt, p, calibration):.3f}, "
          f"Potts-Guy form fitted {rmse(log_kp_linear, linear, calibration):.3f}, "
          f"Potts-Guy {rmse(log_kp_linear, POTTS_GUY, calibration):.3f}")
    print(f"RMSE log10 Kp, validation:  fitted {rmse(log_kp_sqrt, p, validation):.3f}, "
          f"Potts-Guy form fitted {rmse(log_kp_linear, linear, validation):.3f}, "
          f"Potts-Guy {rmse(log_kp_linear, POTTS_GUY, validation):.3f}")


if __name__ == "__main__":
    main()
