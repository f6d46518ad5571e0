"""Conversions of the core's results into NumPy: columns of numbers become float64 arrays, columns
of words arrays of str, and CSV tables (as the commands write them) dicts of such columns."""
from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def column(values: Sequence[Any]) -> np.ndarray:
    """One column as an array: str when every value is a word, float64 otherwise."""
    if isinstance(values, np.ndarray):
        return values
    if values and all(isinstance(value, str) for value in values):
        return np.array(values, dtype=str)
    return np.asarray(values, dtype=np.float64)


def columns(table: Mapping[str, Any]) -> dict[str, Any]:
    """Every list of a {name: values} table as an array; other entries (a unit, a name) as they are."""
    return {name: column(values) if isinstance(values, (list, np.ndarray)) else values
            for name, values in table.items()}


def _number(text: str) -> float | None:
    if text == "":
        return math.nan  # an entry a point or row lacks
    try:
        return float(text)
    except ValueError:
        return None


def csv_table(text: str) -> dict[str, np.ndarray]:
    """A CSV table with a header row as {column: array}: float64 where every entry reads as a number
    (an empty one as NaN), str otherwise."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return {}
    header, body = rows[0], rows[1:]
    table: dict[str, np.ndarray] = {}
    for index, name in enumerate(header):
        entries = [row[index] if index < len(row) else "" for row in body]
        numbers = [_number(entry) for entry in entries]
        if all(number is not None for number in numbers):
            table[name] = np.asarray(numbers, dtype=np.float64)
        else:
            table[name] = np.array(entries, dtype=str)
    return table


def csv_file(path: str) -> dict[str, np.ndarray]:
    """csv_table of a file a command wrote."""
    with open(path, encoding="utf-8", newline="") as handle:
        return csv_table(handle.read())
