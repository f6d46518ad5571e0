"""The public functions of mnsim: each runs one command of the `mnsim` executable and returns its
summary (what `mnsim <command> --json` prints) as a dict, with NumPy arrays for its series and
tables. simulate, plan, compare and validation run in memory; sweep and fit run their command in
this process into a temporary run directory, read it and delete it."""
from __future__ import annotations

import csv
import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from typing import Any, Union

from . import _core
from ._convert import columns, csv_file, csv_table

PathLike = Union[str, "os.PathLike[str]"]
Value = Union[bool, int, float, str]
"""A scenario value: --set's TOML value as a Python bool, int, float or str."""

DEFAULT_COMPARATORS = tuple(_core.default_comparators.split(","))
"""What `mnsim compare` sets beside microneedling when --with is not given."""


def _path(file: PathLike | None) -> str:
    return "" if file is None else os.fspath(file)


def _names(names: str | Sequence[str]) -> list[str]:
    # One name alone is a name, not a sequence of letters.
    return [names] if isinstance(names, str) else [str(name) for name in names]


def _product(product: dict[str, Any]) -> dict[str, Any]:
    converted = dict(product)
    for name in ("series", "layers", "plasma"):
        if converted[name] is not None:
            converted[name] = columns(converted[name])
    converted["depth"] = {skin: columns(table) for skin, table in product["depth"].items()}
    if converted["fields"] is not None:
        converted["fields"] = columns(converted["fields"])
    return converted


def simulate(scenario: PathLike | None = None, set: Mapping[str, Value] | None = None, seed: int | None = None,
             samples: int | None = None) -> dict[str, Any]:
    """Run the simulation pipeline on a scenario, as `mnsim simulate SCENARIO --json`.

    Parameters
    ----------
    scenario : path, optional
        Scenario file (TOML); None runs the defaults.
    set : mapping, optional
        Overrides {"dotted.key": value}, as --set key=value (any scenario key or parameter).
    seed : int, optional
        run.seed (--seed).
    samples : int, optional
        response.samples: sampled persons behind the uncertainty ranges (--samples).

    Returns
    -------
    dict
        The summary (skin, device, injury, transport, response, ...; keys in docs/outputs.md), and
        ``series``: ``course`` (the response course: time_h, time_d, every state, tewl_excess,
        erythema) and ``products``, one per [[product]]: name, compound, destination, ``series``
        (time_h, amounts and fluxes with and without needling, channel_open_fraction), ``layers``
        (mean concentration per skin layer over time_h), ``depth`` (``treated`` and ``intact``:
        top_um, bottom_um, held_ug_per_cm2, layer at the end), ``plasma`` (time_h, ng_per_ml,
        intact_ng_per_ml; None unless it reaches the blood) and ``fields`` (resolved runs with
        output.fields: x_nodes_um, y_nodes_um, z_nodes_um cell faces, time_h, and
        concentration_ug_per_cm3 shaped (time, z, y, x); None otherwise). Arrays are float64.

    Raises
    ------
    InputError
        A bad scenario, key or value (a ValueError; the message names the key and what it accepts).
    NumericalError
        The model failed numerically (an ArithmeticError).
    """
    run = _core.simulate(_path(scenario), dict(set or {}), seed, samples)
    run["series"] = {"course": columns(run["series"]["course"]),
                     "products": [_product(product) for product in run["series"]["products"]]}
    return run


def plan(patient: PathLike, set: Mapping[str, Value] | None = None, seed: int | None = None,
         samples: int | None = None) -> dict[str, Any]:
    """Screen a patient, recommend a protocol per area, predict the course and plan the aftercare,
    as `mnsim plan PATIENT --json` (plan.json).

    Parameters
    ----------
    patient : path
        Patient file (TOML; examples/patients/).
    set : mapping, optional
        Overrides {"dotted.key": value}.
    seed : int, optional
        run.seed.
    samples : int, optional
        planner.samples: sampled persons behind the ranges of the recommended protocol.

    Returns
    -------
    dict
        plan.json's keys (verdict, rules, areas, recommended, comparison, predicted, aftercare,
        systemic, ...; docs/planner.md), and ``series``: ``course``, the recommended course's bands
        over the first two weeks ({"redness": {unit, time_h, median, p5, p95}, "TEWL excess": ...}),
        and ``plasma``, one entry per compound that reaches the blood (compound, products, time_h,
        ng_per_ml, intact_ng_per_ml).

    Raises
    ------
    InputError, NumericalError
    """
    result = _core.plan(_path(patient), dict(set or {}), seed, samples)
    series = result["series"]
    series["course"] = {name: columns(band) for name, band in series["course"].items()}
    series["plasma"] = [columns(entry) for entry in series["plasma"]]
    return result


def compare(scenario: PathLike, comparators: Sequence[str] = DEFAULT_COMPARATORS,
            set: Mapping[str, Value] | None = None, seed: int | None = None,
            samples: int | None = None) -> dict[str, Any]:
    """Microneedling as the scenario sets it beside other procedures on the same person, as
    `mnsim compare SCENARIO --with ... --json`.

    Parameters
    ----------
    scenario : path
        Scenario file (TOML).
    comparators : sequence of str
        Comparator procedures (data/comparators/): dermabrasion, nafl-1550, fractional-co2, ...
    set, seed, samples
        As for simulate.

    Returns
    -------
    dict
        ``response`` (microneedling) and ``comparison`` ({procedure: response block}), each with
        its protocol in words; ``series``: ``course`` {procedure: course columns, as simulate's};
        ``table``: the columns of comparison.csv (procedure, label, sessions, each headline output
        with _p5 and _p95).

    Raises
    ------
    InputError
        Also for an unknown procedure (the message lists the known ones).
    NumericalError
    """
    result = _core.compare(_path(scenario), _names(comparators), dict(set or {}), seed, samples)
    result["series"] = {"course": {name: columns(course) for name, course in result["series"]["course"].items()}}
    result["table"] = csv_table(result.pop("tables")["comparison"])
    return result


def _value_text(key: str, value: Value) -> str:
    # A word stays bare (a bare word reads as a string); anything else as set= writes it.
    return value if isinstance(value, str) else _core.assignment_text(key, value).split("=", 1)[1]


def _vary_option(key: str, values: Sequence[Value] | str) -> str:
    if isinstance(values, str):
        return f"{key}={values}"  # a range as the command takes it: FROM:TO:N or FROM:TO:N:log
    return key + "=" + ",".join(_value_text(key, value) for value in values)


def _common_options(set: Mapping[str, Value] | None, seed: int | None) -> list[str]:
    # No figures: the run directory is deleted once read. A plots key in `set` comes later and wins.
    options = ["--set", "output.plots=false"]
    for key, value in (set or {}).items():
        options += ["--set", _core.assignment_text(key, value)]
    if seed is not None:
        options += ["--seed", str(int(seed))]
    return options


def _read_json(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def sweep(scenario: PathLike, vary: Mapping[str, Sequence[Value] | str], keys: Sequence[str] | None = None,
          set: Mapping[str, Value] | None = None, seed: int | None = None, samples: int | None = None,
          max_points: int = 200) -> dict[str, Any]:
    """Run a scenario over a grid of values and tabulate chosen results, as
    `mnsim sweep SCENARIO --vary KEY=VALUES ... --json`. Every combination of the varied keys runs,
    with the same seed.

    Parameters
    ----------
    scenario : path
        Scenario file (TOML).
    vary : mapping
        {key: values}: a sequence of values, or a range as the command reads it, "FROM:TO:N" or
        "FROM:TO:N:log".
    keys : sequence of str, optional
        summary.json entries to tabulate, as dotted paths ("response.downtime_d.median",
        "transport.products[0].window_h"); None: the command's defaults (depth, each product's
        uptake and window, downtime, collagen at 6 months, hazards).
    set, seed, samples
        As for simulate (a varied key may not also be set).
    max_points : int
        Refuse sweeps with more points than this.

    Returns
    -------
    dict
        The sweep's summary: ``sweep`` holds varied, keys and points (point, values, results, and
        ``summary``: that point's whole summary, as simulate's without series); ``table``: the
        columns of sweep.csv (point, each varied key, each key read; float64 where numeric, NaN
        where a point lacks the entry).

    Raises
    ------
    InputError, NumericalError
    """
    arguments = ["sweep", _path(scenario)]
    for key, values in vary.items():
        arguments += ["--vary", _vary_option(key, values)]
    for key in _names(keys or ()):
        arguments += ["--key", key]
    arguments += ["--max-points", str(int(max_points)), *_common_options(set, seed)]
    if samples is not None:
        arguments += ["--samples", str(int(samples))]
    with tempfile.TemporaryDirectory(prefix="mnsim-sweep-") as scratch:
        run = os.path.join(scratch, "run")
        _core.run_command([*arguments, "-o", run])
        result = _read_json(os.path.join(run, "summary.json"))
        for point in result["sweep"]["points"]:
            point["summary"] = _read_json(os.path.join(run, point.pop("dir"), "summary.json"))
        result["table"] = csv_file(os.path.join(run, "sweep.csv"))
    return result


def _write_measurements(data: Mapping[str, Sequence[float]], path: str) -> None:
    names = list(data)
    rows = zip(*(data[name] for name in names))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if value is None or math.isnan(value) else repr(float(value)) for value in row])


def fit(scenario: PathLike, data: PathLike | Mapping[str, Sequence[float]],
        parameters: Sequence[str] | Mapping[str, float | None], product: int = 0, max_runs: int = 300,
        set: Mapping[str, Value] | None = None, seed: int | None = None) -> dict[str, Any]:
    """Fit model parameters to one's own measurements of a product, as
    `mnsim fit SCENARIO --data FILE --fit KEY[=START] ... --json`.

    Parameters
    ----------
    scenario : path
        Scenario file (TOML) of the experiment.
    data : path or mapping
        The measurements: a CSV file, or its columns {"time_h": [...], "cumulative_ug_per_cm2":
        [...], ...} named as the product's transport series (optional "<name>_sd" columns; NaN or
        None leaves a cell empty).
    parameters : sequence of str or mapping
        Real parameters to fit ("product[0].intact_kp_cm_per_h"), or {key: start} (None: start
        from the scenario's value, or for a product's intact_kp_cm_per_h the predicted one).
    product : int
        Index of the product the measurements are of.
    max_runs : int
        Most model runs the minimizer may make.
    set, seed
        As for simulate.

    Returns
    -------
    dict
        The fit's summary: ``fit`` (parameters with start, fitted, low95, high95, standard_error,
        at_bound; rms_start, rms_fitted, model_runs, converged, status) and ``transport`` of the
        fitted scenario; ``table``: fit.csv (quantity, time_h, measured, sd, start_model,
        fitted_model, weighted_residual); ``series``: fit_model.csv (time_h, <quantity>_start,
        <quantity>_fitted over the run's output times); ``fitted_scenario``: the text of
        scenario.fitted.toml.

    Raises
    ------
    InputError, NumericalError
    """
    starts = parameters if isinstance(parameters, Mapping) else dict.fromkeys(_names(parameters))
    with tempfile.TemporaryDirectory(prefix="mnsim-fit-") as scratch:
        if isinstance(data, Mapping):
            measured = os.path.join(scratch, "measured.csv")
            _write_measurements(data, measured)
        else:
            measured = _path(data)
        arguments = ["fit", _path(scenario), "--data", measured, "--product", str(int(product)),
                     "--max-runs", str(int(max_runs)), *_common_options(set, seed)]
        for key, start in starts.items():
            arguments += ["--fit", key if start is None else _core.assignment_text(key, float(start))]
        run = os.path.join(scratch, "run")
        _core.run_command([*arguments, "-o", run])
        result = _read_json(os.path.join(run, "summary.json"))
        result["table"] = csv_file(os.path.join(run, "fit.csv"))
        result["series"] = csv_file(os.path.join(run, "fit_model.csv"))
        with open(os.path.join(run, "scenario.fitted.toml"), encoding="utf-8") as handle:
            result["fitted_scenario"] = handle.read()
    return result


def validation(module: str | None = None, role: str = "all", set: Mapping[str, Value] | None = None,
               seed: int | None = None) -> dict[str, Any]:
    """Every published comparison of data/validation/ run through the model, as
    `mnsim validation [--module M] [--role R] --json`.

    Parameters
    ----------
    module : str, optional
        Only this module: skin, mechanics, transport, response, comparators or plan.
    role : str
        "calibration", "validation" or "all" rows.
    set : mapping, optional
        Overrides applied to every run after the row's own.
    seed : int, optional
        run.seed of every run and the virtual trials' draws.

    Returns
    -------
    dict
        ``validation``: modules.<module>.{rows, passed, score, gm_fold_error} over the validation
        rows, and rows[]; ``table``: the columns of validation.csv.

    Raises
    ------
    InputError
        An unknown module or role, a bad override.
    """
    result = _core.validation(module, role, dict(set or {}), seed)
    result["table"] = csv_table(result.pop("tables")["validation"])
    return result


def params() -> list[dict[str, Any]]:
    """Every scenario key and model parameter: path, expected, unit, default, description, source."""
    return _core.params()

