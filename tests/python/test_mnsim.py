"""The Python package `mnsim` (python/mnsim over src/python), as a researcher uses it from a
notebook: the same numbers as the command, overrides as a dict, each product's time series, and
errors as Python exceptions. Run by ctest with the built package's folder on PYTHONPATH."""
import json
import os
import subprocess
import tempfile
import unittest

import mnsim

SOURCE = os.environ["MNSIM_SOURCE_DIR"]
EXE = os.environ["MNSIM_EXE"]
RAT = os.path.join(SOURCE, "examples", "validation", "franz_rat_polymer_roller.toml")


def command_summary(*args):
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run([EXE, "simulate", *args, "--json", "-o", os.path.join(out, "run")],
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


class Simulate(unittest.TestCase):
    def test_gives_what_the_command_gives(self):
        run = mnsim.simulate(RAT, set={"device.needle_length_mm": 1.0})
        summary = command_summary(RAT, "--set", "device.needle_length_mm=1.0")
        self.assertEqual(run["transport"], summary["transport"])
        summary["injury"].pop("punctures_written")  # what the command's files hold
        self.assertEqual(run["injury"], summary["injury"])
        self.assertEqual(run["response"], summary["response"])
        self.assertEqual(run["command"], "python")

    def test_values_of_every_type_are_set(self):
        run = mnsim.simulate(RAT, set={"protocol.passes": 3, "product[0].compound": "caffeine",
                                       "output.plots": True, "device.needle_length_mm": 1}, seed=7)
        self.assertEqual(run["transport"]["products"][0]["compound"], "caffeine")
        self.assertEqual(run["seed"], 7)
        self.assertEqual(run["device"]["passes"], 3)
        self.assertAlmostEqual(run["device"]["needle_length_um"], 1000.0)

    def test_series_add_up_to_the_summary(self):
        run = mnsim.simulate(RAT)
        product = run["series"]["products"][0]
        series = product["series"]
        self.assertEqual(product["name"], "donor")
        n = len(series["time_h"])
        self.assertGreater(n, 10)
        for name, values in series.items():
            self.assertEqual(len(values), n, name)
        self.assertEqual(series["cumulative_ug_per_cm2"][-1], run["transport"]["products"][0]["cumulative_ug_per_cm2"])
        self.assertEqual(list(series["time_h"]), sorted(series["time_h"]))

    def test_longer_needles_let_more_in(self):
        ratios = [mnsim.simulate(RAT, set={"device.needle_length_mm": length})["transport"]["products"][0]
                  ["enhancement_ratio"] for length in (0.25, 0.5, 1.0)]
        self.assertLess(ratios[0], ratios[1])
        self.assertLess(ratios[1], ratios[2])


class Errors(unittest.TestCase):
    def test_a_misspelt_key_is_an_input_error_with_a_suggestion(self):
        with self.assertRaises(mnsim.InputError) as caught:
            mnsim.simulate(RAT, set={"device.needle_lenth_mm": 1.0})
        self.assertIn("did you mean device.needle_length_mm", str(caught.exception))
        self.assertIsInstance(caught.exception, ValueError)

    def test_out_of_range_missing_file_and_unsupported_values(self):
        for kwargs in ({"set": {"device.needle_length_mm": 99.0}}, {"set": {"device.needle_length_mm": [1, 2]}},
                       {"set": {"device.needle_length_mm": float("nan")}}):
            with self.assertRaises(mnsim.InputError):
                mnsim.simulate(RAT, **kwargs)
        with self.assertRaises(mnsim.InputError):
            mnsim.simulate(os.path.join(SOURCE, "no_such_scenario.toml"))


class Params(unittest.TestCase):
    def test_lists_every_key_with_unit_and_source(self):
        params = {p["path"]: p for p in mnsim.params()}
        self.assertEqual(params["device.needle_length_mm"]["unit"], "mm")
        self.assertTrue(all(p["source"] for p in params.values() if p["path"].startswith("transport.")))
        self.assertTrue(mnsim.__version__)


if __name__ == "__main__":
    unittest.main()
