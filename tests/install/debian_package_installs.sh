#!/usr/bin/env bash
# The .deb that CPack builds: its dependencies resolve on this Debian 12 (apt simulation), dpkg
# installs it into a throwaway root, and the mnsim installed there runs the default example on its
# own data. Usage: debian_package_installs.sh BUILD_DIR
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build_dir" && cpack -G DEB -B "$work/package" >/dev/null)
deb=$(ls "$work"/package/mnsim_*.deb)
echo "built $(basename "$deb")"

dpkg-deb -f "$deb" Depends | tee "$work/depends"
grep -q libhdf5 "$work/depends"
# (output to files, not `| grep -q`: an early grep exit would fail the pipe under pipefail)
dpkg-deb -f "$deb" Description >"$work/description"
grep -q "Apache-2.0" "$work/description"
# Every dependency is installable from the configured Debian archive (no change is made).
apt-get install --simulate --no-install-recommends "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }

# A throwaway root with an empty dpkg database: dpkg unpacks and registers the package there.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# --force-depends: the throwaway root has none of the libraries (apt checked them above).
dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless --log=/dev/null -i "$deb" \
  >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; exit 1; }
dpkg --root="$root" -L mnsim >"$work/files"
grep -qx /usr/bin/mnsim "$work/files"

cd "$work"
unset MNSIM_DATA_DIR
"$root/usr/bin/mnsim" simulate "$root/usr/share/mnsim/examples/default.toml" -o "$work/run" >/dev/null
/usr/bin/python3 - "$work/run/summary.json" "$root/usr/share/mnsim/data" <<'PY'
import json, os, sys
summary = json.load(open(sys.argv[1]))
used, expected = os.path.realpath(summary["provenance"]["data_dir"]), os.path.realpath(sys.argv[2])
assert used == expected, f"packaged mnsim read {used}, expected {expected}"
print("packaged mnsim ran the default example on its own data")
PY
