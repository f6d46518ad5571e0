#!/usr/bin/env bash
# `cmake --install` into a fresh prefix; the installed mnsim must run the default example and a
# patient plan from outside the source tree, reading the installed data (not the source tree's).
# Usage: installed_copy_runs.sh BUILD_DIR
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build_dir" --prefix "$prefix" >/dev/null

check_run() {  # RUN_DIR: its provenance names the installed data directory
  /usr/bin/python3 - "$1" "$prefix/share/mnsim/data" <<'PY'
import json, os, sys
run, data = sys.argv[1], os.path.realpath(sys.argv[2])
summary = json.load(open(os.path.join(run, "summary.json")))
used = os.path.realpath(summary["provenance"]["data_dir"])
assert used == data, f"installed mnsim read {used}, expected {data}"
assert summary["provenance"]["data_sha256"], "no data checksums"
print(f"{run}: {summary['command']} ran on the installed data")
PY
}

cd "$work"  # outside the source tree
unset MNSIM_DATA_DIR
"$prefix/bin/mnsim" simulate "$prefix/share/mnsim/examples/default.toml" -o "$work/default" >/dev/null
check_run "$work/default"
"$prefix/bin/mnsim" plan "$prefix/share/mnsim/examples/patients/healthy_fine_lines.toml" -o "$work/plan" --samples 8 >/dev/null
check_run "$work/plan"
test -f "$prefix/share/doc/mnsim/copyright"
test -f "$prefix/share/doc/mnsim/CITATION.cff"

# The Python package installed beside it runs the worked example on the installed data.
package=$prefix/lib/python3/dist-packages
if [ -d "$package/mnsim" ]; then
  PYTHONPATH=$package /usr/bin/python3 -c "import mnsim, os; print(os.environ['MNSIM_DATA_DIR'])" >"$work/data_dir"
  [ "$(realpath "$(cat "$work/data_dir")")" = "$(realpath "$prefix/share/mnsim/data")" ]
  PYTHONPATH=$package /usr/bin/python3 "$prefix/share/mnsim/examples/python/depth_sweep.py" "$work/figures" >/dev/null
  test -s "$work/figures/collagen_vs_downtime.png"
  echo "the installed Python package ran the worked example"
fi
