"""Worked example of the Python API (docs/python.md): sweep the needle depth of the default
scenario, plot the collagen gained at 6 months against the downtime, and fit a permeability to the
Franz-cell measurements of examples/fit/.

    python3 examples/python/depth_sweep.py OUTPUT_DIR

Writes OUTPUT_DIR/collagen_vs_downtime.png and prints two short tables. Exits non-zero when a run
fails, a point lacks a result or the fit does not converge. Model predictions for education and
research, not medical advice.
"""
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt  # noqa: E402 - after the backend

import mnsim  # noqa: E402

EXAMPLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(EXAMPLES, "default.toml")
FIT_SCENARIO = os.path.join(EXAMPLES, "fit", "franz_pig_roller_amantadine.toml")
FIT_DATA = os.path.join(EXAMPLES, "fit", "amantadine_pig_roller_synthetic.csv")

DEPTH = "device.needle_length_mm"
COLLAGEN = "response.collagen_change_pct.180.median"
DOWNTIME = "response.downtime_d.median"
KP = "product[0].intact_kp_cm_per_h"


def depth_sweep(output_dir):
    # A 1 cm2 patch and 20 sampled persons: the response reads per-cm2 quantities, and 20 persons
    # give medians close to the scenario's 200 in a fraction of the time.
    result = mnsim.sweep(SCENARIO, vary={DEPTH: [0.25, 0.5, 1.0, 1.5, 2.0]}, keys=[COLLAGEN, DOWNTIME],
                         set={"protocol.area_cm2": 1.0}, samples=20)
    table = result["table"]
    depth, collagen, downtime = table[DEPTH], table[COLLAGEN], table[DOWNTIME]
    if any(math.isnan(value) for value in (*collagen, *downtime)):
        raise RuntimeError("a point of the sweep has no collagen or downtime")

    print(f"{'needle (mm)':>12} {'downtime (d)':>13} {'collagen at 6 months (%)':>25}")
    for row in zip(depth, downtime, collagen):
        print(f"{row[0]:>12.2f} {row[1]:>13.1f} {row[2]:>25.1f}")

    figure, axes = plt.subplots(figsize=(5, 4))
    axes.plot(downtime, collagen, marker="o")
    for x, y, length in zip(downtime, collagen, depth):
        axes.annotate(f"{length:g} mm", (x, y), textcoords="offset points", xytext=(5, -10))
    axes.margins(x=0.15)  # room for the last label
    axes.set_xlabel("downtime (days, median)")
    axes.set_ylabel("collagen change at 6 months (%, median)")
    axes.set_title("Needle length: benefit against downtime")
    figure.tight_layout()
    png = os.path.join(output_dir, "collagen_vs_downtime.png")
    figure.savefig(png, dpi=100)
    plt.close(figure)
    print(f"figure: {png}")


def permeability_fit():
    result = mnsim.fit(FIT_SCENARIO, FIT_DATA, [KP])
    fit = result["fit"]
    if not fit["converged"]:
        raise RuntimeError(f"the fit did not converge: {fit['status']}")
    parameter = fit["parameters"][0]
    print(f"\nfitted {KP}: {parameter['fitted']:.3g} cm/h "
          f"(95 % {parameter['low95']:.3g} to {parameter['high95']:.3g}; start {parameter['start']:.3g}), "
          f"rms {fit['rms_start']:.3g} -> {fit['rms_fitted']:.3g} in {fit['model_runs']} runs")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    os.makedirs(argv[1], exist_ok=True)
    try:
        depth_sweep(argv[1])
        permeability_fit()
    except (mnsim.InputError, mnsim.NumericalError, RuntimeError) as error:
        print(f"depth_sweep: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
