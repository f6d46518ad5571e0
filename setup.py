"""Builds the Python package mnsim: the pure-Python files of python/mnsim, the compiled core
(CMake target mnsim_python, src/python) and the data tables (data/), which the package points the
core to when it is installed. Offline: /usr/bin/python3 -m pip install --no-build-isolation .

MNSIM_BUILD_DIR names a CMake build tree to build the core in (configured already, or not yet),
so a tree that is up to date is reused without compiling; otherwise one is configured under
build-python/ (setuptools' build folder; build/ is CMake's)."""
import glob
import os
import re
import shutil
import subprocess
import sys

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

ROOT = os.path.dirname(os.path.abspath(__file__))
BUILD_BASE = os.path.join(ROOT, "build-python")


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as handle:
        return re.search(r"project\(mnsim VERSION ([0-9.]+)", handle.read()).group(1)


def cmake(*arguments):
    # An argument list, never a shell: paths may hold any character.
    subprocess.run(["cmake", *arguments], check=True)


class BuildWithCore(build_py):
    """build_py, then the core built by CMake and the data tables copied beside the package."""

    def run(self):
        super().run()
        tree = os.environ.get("MNSIM_BUILD_DIR") or os.path.join(BUILD_BASE, "cmake")
        if not os.path.isfile(os.path.join(tree, "CMakeCache.txt")):
            cmake("-S", ROOT, "-B", tree, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DMNSIM_BUILD_TESTS=OFF",
                  "-DMNSIM_BUILD_BENCH=OFF", f"-DPython_EXECUTABLE={sys.executable}")
        cmake("--build", tree, "--target", "mnsim_python")
        cores = glob.glob(os.path.join(tree, "python", "mnsim", "_core*.so"))
        if len(cores) != 1:
            raise RuntimeError(f"expected one compiled core in {tree}/python/mnsim, found {cores}")
        package = os.path.join(self.build_lib, "mnsim")
        shutil.copy2(cores[0], package)
        shutil.copytree(os.path.join(ROOT, "data"), os.path.join(package, "data"), dirs_exist_ok=True)


class BinaryDistribution(Distribution):
    """A wheel for this platform and interpreter: the package holds a compiled module."""

    def has_ext_modules(self):
        return True


# setuptools' metadata (mnsim.egg-info) goes beside its build folder, not into the source tree.
os.makedirs(BUILD_BASE, exist_ok=True)
setup(version=project_version(), cmdclass={"build_py": BuildWithCore}, distclass=BinaryDistribution,
      options={"build": {"build_base": BUILD_BASE}, "egg_info": {"egg_base": BUILD_BASE}})
