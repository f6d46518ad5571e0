#!/usr/bin/env bash
# Installs the Debian 12 packages mnsim needs: with --demo only those that build and run the
# mnsim executable (`make demo`), otherwise also those of the tests, benchmarks, Python module and
# packaging (`make test`). The README lists the same packages.
# Idempotent: asks apt only for packages that are missing. Runs as root, or via sudo when present.
set -euo pipefail

# The mnsim executable: compiler and build tools, the libraries it links, gnuplot for figures.
packages=(
  build-essential cmake ninja-build pkg-config
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libeigen3-dev libsundials-dev libfccp-dev libhdf5-dev libssl-dev
  gnuplot-nox
)
if [ "${1:-}" != "--demo" ]; then
  packages+=(
    # tests and benchmarks
    libgtest-dev libgmock-dev libbenchmark-dev
    # the Python module, its pip install, its worked example and the output-schema checks
    pybind11-dev python3-dev python3-setuptools python3-pip python3-numpy python3-matplotlib python3-jsonschema
    # the plan writers' checks: report.html opened headless, aftercare.ics parsed
    chromium python3-icalendar
    # the .deb: dpkg-shlibdeps, and `file`, which CPack runs to find the binaries to scan
    dpkg-dev file
  )
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "mnsim: installing missing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "mnsim: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
