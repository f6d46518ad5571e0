"""mnsim: skin microneedling simulation from Python.

simulate, plan, compare, sweep, fit and validation run the commands of the `mnsim` executable and
return their summaries as dicts, with time series, tables and fields as NumPy arrays (docs/python.md).
Outputs are model predictions for education and research, not medical advice.
"""
import os

# A pip-installed copy carries the data tables inside the package; one installed by CMake or the
# .deb (<prefix>/lib/python3/dist-packages/mnsim) finds them in <prefix>/share/mnsim/data; a build
# tree's package has neither and the core finds the source tree's data/. MNSIM_DATA_DIR, when set,
# wins in every case.
_HERE = os.path.dirname(os.path.abspath(__file__))
for _data in (os.path.join(_HERE, "data"), os.path.join(_HERE, "..", "..", "..", "..", "share", "mnsim", "data")):
    if not os.environ.get("MNSIM_DATA_DIR") and os.path.isdir(_data):
        os.environ["MNSIM_DATA_DIR"] = os.path.normpath(_data)

from ._core import InputError, NumericalError, __version__  # noqa: E402 - after the data directory
from ._api import compare, fit, params, plan, simulate, sweep, validation  # noqa: E402

__all__ = ["InputError", "NumericalError", "__version__", "compare", "fit", "params", "plan", "simulate", "sweep",
           "validation"]
