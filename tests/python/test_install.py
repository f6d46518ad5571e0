"""pip's install of the package (pyproject.toml, setup.py), offline, into a folder of its own, and
the worked example (examples/python/depth_sweep.py) run against that copy from outside the source
tree with no MNSIM_DATA_DIR: the installed package must find its own data tables. ctest passes its
build tree as MNSIM_BUILD_DIR, which setup.py reuses instead of compiling the core again."""
import os
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ["MNSIM_SOURCE_DIR"]
EXAMPLE = os.path.join(SOURCE, "examples", "python", "depth_sweep.py")


class Install(unittest.TestCase):
    def test_the_installed_package_runs_the_worked_example(self):
        with tempfile.TemporaryDirectory(prefix="mnsim-install-") as scratch:
            target = os.path.join(scratch, "site")
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps",
                            "--no-index", "--root-user-action=ignore", "--target", target, SOURCE], check=True)
            package = os.path.join(target, "mnsim")
            self.assertTrue(os.path.isfile(os.path.join(package, "data", "skin", "README.md")))
            self.assertTrue(os.path.isfile(os.path.join(package, "py.typed")))

            env = {name: value for name, value in os.environ.items() if name not in ("MNSIM_DATA_DIR", "PYTHONPATH")}
            env["PYTHONPATH"] = target
            where = subprocess.run([sys.executable, "-c", "import mnsim, os; print(mnsim.__file__); "
                                    "print(os.environ['MNSIM_DATA_DIR'])"],
                                   cwd=scratch, env=env, capture_output=True, text=True, check=True)
            self.assertEqual(where.stdout.split(), [os.path.join(package, "__init__.py"), os.path.join(package, "data")])

            out = os.path.join(scratch, "figures")
            done = subprocess.run([sys.executable, EXAMPLE, out], cwd=scratch, env=env, capture_output=True,
                                  text=True)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            self.assertIn("fitted product[0].intact_kp_cm_per_h", done.stdout)
            self.assertGreater(os.path.getsize(os.path.join(out, "collagen_vs_downtime.png")), 1000)


if __name__ == "__main__":
    unittest.main()
