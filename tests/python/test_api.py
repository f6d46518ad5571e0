"""The package's functions (python/mnsim), as a researcher calls them: each returns its command's
summary with float64 arrays on increasing time grids, and refuses bad input with InputError.
Coarse settings (no sampled persons, short experiments) keep each case to seconds. Run by ctest
with the built package's folder on PYTHONPATH."""
import math
import os
import unittest

import numpy as np

import mnsim

SOURCE = os.environ["MNSIM_SOURCE_DIR"]
EXAMPLES = os.path.join(SOURCE, "examples")
RAT = os.path.join(EXAMPLES, "validation", "franz_rat_polymer_roller.toml")
DEFAULT = os.path.join(EXAMPLES, "default.toml")
FIT = os.path.join(EXAMPLES, "fit", "franz_pig_roller_amantadine.toml")
FIT_DATA = os.path.join(EXAMPLES, "fit", "amantadine_pig_roller_synthetic.csv")
PATIENT = os.path.join(EXAMPLES, "patients", "healthy_fine_lines.toml")
SMALL = {"protocol.area_cm2": 1.0}  # the response reads per-cm2 quantities: a small patch is enough


class ArrayChecks(unittest.TestCase):
    def assert_columns(self, table, grid="time_h"):
        """Every column a float64 array as long as the grid, which never decreases (a course repeats
        the time a session starts: the state just before and just after it)."""
        n = len(table[grid])
        self.assertGreater(n, 1)
        self.assertTrue(np.all(np.diff(table[grid]) >= 0), grid)
        self.assertLess(table[grid][0], table[grid][-1])
        for name, values in table.items():
            self.assertIsInstance(values, np.ndarray, name)
            self.assertEqual(values.dtype, np.float64, name)
            self.assertEqual(values.shape, (n,), name)


class Simulate(ArrayChecks):
    def test_course_and_products_are_arrays_on_their_grids(self):
        run = mnsim.simulate(DEFAULT, set=SMALL, samples=0)
        course = run["series"]["course"]
        self.assert_columns(course)
        np.testing.assert_allclose(course["time_d"], course["time_h"] / 24)
        self.assertIn("collagen1", course)
        product = run["series"]["products"][0]
        self.assertEqual(product["name"], "hyaluronic serum")
        self.assert_columns(product["series"])
        self.assert_columns(product["layers"])
        self.assertIn("surface_ug_per_cm2", product["series"])  # a finite dose
        self.assertEqual(product["series"]["skin_ug_per_cm2"][-1], run["transport"]["products"][0]["skin_ug_per_cm2"])
        depth = product["depth"]["treated"]
        self.assertEqual(depth["layer"].dtype.kind, "U")
        self.assertEqual(depth["layer"][0], "stratum_corneum")
        np.testing.assert_array_equal(depth["top_um"][1:], depth["bottom_um"][:-1])
        self.assertIsNone(product["fields"])  # reduced run

    def test_a_blood_bound_product_has_its_plasma_course(self):
        numbing = os.path.join(EXAMPLES, "numbing_cream_full_face.toml")
        run = mnsim.simulate(numbing, set={"protocol.area_cm2": 20.0}, samples=0)
        plasma = [p["plasma"] for p in run["series"]["products"] if p["plasma"] is not None]
        self.assertTrue(plasma)
        self.assert_columns(plasma[0])
        self.assertGreater(plasma[0]["ng_per_ml"].max(), 0.0)

    def test_resolved_fields_come_with_their_grid(self):
        run = mnsim.simulate(DEFAULT, samples=0, set={
            **SMALL, "run.fidelity": "resolved", "experiment.duration_h": 0.5, "output.field_interval_h": 0.25,
            "transport.grid_um": 10.0})
        fields = run["series"]["products"][0]["fields"]
        x, y, z = fields["x_nodes_um"], fields["y_nodes_um"], fields["z_nodes_um"]
        for nodes in (x, y, z):
            self.assertTrue(np.all(np.diff(nodes) > 0))
        np.testing.assert_allclose(fields["time_h"], [0.25, 0.5], rtol=0.1)
        values = fields["concentration_ug_per_cm3"]
        self.assertEqual(values.shape, (2, len(z) - 1, len(y) - 1, len(x) - 1))
        self.assertEqual(values.dtype, np.float64)
        self.assertGreater(values[-1].max(), 0.0)
        self.assertGreater(values.min(), -1e-6 * values.max())  # the solver's round-off, no more


    def test_numpy_scalars_are_values_too(self):
        run = mnsim.simulate(RAT, set={"protocol.passes": np.int64(3), "device.needle_length_mm": np.float64(0.5)},
                             samples=0)
        self.assertEqual(run["device"]["passes"], 3)
        self.assertAlmostEqual(run["device"]["needle_length_um"], 500.0)


class Plan(ArrayChecks):
    def test_a_plan_with_its_bands(self):
        result = mnsim.plan(PATIENT, samples=8)
        self.assertIn(result["verdict"], ("go", "caution", "no_go"))
        self.assertTrue(result["recommended"])
        for name, band in result["series"]["course"].items():
            unit = band.pop("unit")
            self.assertIsInstance(unit, str)
            self.assert_columns(band)
            self.assertTrue(np.all(band["p5"] <= band["p95"]), name)
        self.assertEqual(result["series"]["plasma"], [])
        # What made it, as plan.json says it.
        self.assertEqual(result["provenance"]["schema_version"], "1.0")
        self.assertTrue(result["provenance"]["data_sha256"])

    def test_a_bad_patient_value_is_an_input_error(self):
        with self.assertRaises(mnsim.InputError):
            mnsim.plan(PATIENT, set={"patient.age_y": -3})


class Compare(ArrayChecks):
    def test_procedures_side_by_side(self):
        result = mnsim.compare(DEFAULT, ["dermabrasion"], set=SMALL, samples=0)
        self.assertIn("dermabrasion", result["comparison"])
        self.assertEqual(set(result["series"]["course"]), {"microneedling", "dermabrasion"})
        for course in result["series"]["course"].values():
            self.assert_columns(course)
        table = result["table"]
        self.assertEqual(list(table["procedure"]), ["microneedling", "dermabrasion"])
        self.assertEqual(table["sessions"].dtype, np.float64)

    def test_an_unknown_procedure_is_an_input_error(self):
        with self.assertRaises(mnsim.InputError):
            mnsim.compare(DEFAULT, ["dermabrasio"], set=SMALL, samples=0)


class Sweep(unittest.TestCase):
    def test_a_table_per_key_and_each_point_summary(self):
        key = "transport.products[0].enhancement_ratio"
        result = mnsim.sweep(RAT, vary={"device.needle_length_mm": [0.25, 0.5, 1.0]}, keys=[key])
        table = result["table"]
        np.testing.assert_array_equal(table["device.needle_length_mm"], [0.25, 0.5, 1.0])
        self.assertEqual(table[key].dtype, np.float64)
        self.assertTrue(np.all(np.diff(table[key]) > 0))  # longer needles let more in
        points = result["sweep"]["points"]
        self.assertEqual([p["summary"]["device"]["needle_length_um"] for p in points], [250.0, 500.0, 1000.0])
        self.assertEqual(points[2]["results"][key], table[key][2])

    def test_a_range_and_the_default_keys(self):
        result = mnsim.sweep(RAT, vary={"device.needle_length_mm": "0.5:1:2"})
        self.assertEqual(len(result["table"]["point"]), 2)
        self.assertIn("injury.depth_um.mean", result["table"])

    def test_bad_sweeps_are_input_errors(self):
        for kwargs in ({"vary": {"device.needle_lenth_mm": [1.0]}},
                       {"vary": {"device.needle_length_mm": [0.5]}, "set": {"device.needle_length_mm": 1.0}},
                       {"vary": {"device.needle_length_mm": [0.5]}, "keys": ["no.such.entry"]}):
            with self.assertRaises(mnsim.InputError):
                mnsim.sweep(RAT, **kwargs)


class Fit(ArrayChecks):
    def test_gives_back_the_permeability_the_data_was_made_with(self):
        result = mnsim.fit(FIT, FIT_DATA, ["product[0].intact_kp_cm_per_h"])
        parameter = result["fit"]["parameters"][0]
        self.assertTrue(result["fit"]["converged"])
        self.assertAlmostEqual(math.log10(parameter["fitted"]), math.log10(3e-4), delta=0.1)
        self.assertLessEqual(parameter["low95"], parameter["fitted"])
        self.assert_columns(result["series"])
        self.assertEqual(result["table"]["quantity"].dtype.kind, "U")
        self.assertIn("intact_kp_cm_per_h", result["fitted_scenario"])

    def test_measurements_as_columns_and_a_start(self):
        data = np.genfromtxt(FIT_DATA, delimiter=",", names=True)
        result = mnsim.fit(FIT, {name: data[name] for name in data.dtype.names},
                           {"product[0].intact_kp_cm_per_h": 1e-3}, max_runs=40)
        self.assertEqual(result["fit"]["parameters"][0]["start"], 1e-3)

    def test_bad_fits_are_input_errors(self):
        for parameters in (["product[0].intact_kp_cm_per_hh"], ["device.model"]):
            with self.assertRaises(mnsim.InputError):
                mnsim.fit(FIT, FIT_DATA, parameters)
        with self.assertRaises(mnsim.InputError):
            mnsim.fit(FIT, os.path.join(SOURCE, "no_such_data.csv"), ["product[0].intact_kp_cm_per_h"])


class Validation(unittest.TestCase):
    def test_one_module_scored(self):
        result = mnsim.validation(module="skin", role="calibration")
        rows = result["validation"]["rows"]
        self.assertTrue(rows)
        self.assertEqual(len(result["table"]["id"]), len(rows))
        self.assertTrue(all(row["module"] == "skin" for row in rows))

    def test_unknown_module_and_role_are_input_errors(self):
        with self.assertRaises(mnsim.InputError):
            mnsim.validation(module="skn")
        with self.assertRaises(mnsim.InputError):
            mnsim.validation(role="every")


class DataDirectory(unittest.TestCase):
    def test_missing_tables_are_a_runtime_error_naming_the_variable(self):
        saved = os.environ.get("MNSIM_DATA_DIR")
        os.environ["MNSIM_DATA_DIR"] = os.path.join(SOURCE, "no_such_data")
        try:
            with self.assertRaises(RuntimeError) as caught:
                mnsim.simulate(RAT)
        finally:
            if saved is None:
                del os.environ["MNSIM_DATA_DIR"]
            else:
                os.environ["MNSIM_DATA_DIR"] = saved
        self.assertIn("MNSIM_DATA_DIR", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
