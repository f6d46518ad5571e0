#!/usr/bin/env bash
# Installs the Debian 12 packages mnsim needs to build and test.
# Idempotent: asks apt only for packages that are missing. Runs as root, or via sudo when present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libeigen3-dev libsundials-dev libfccp-dev gnuplot-nox
  libgtest-dev libgmock-dev libbenchmark-dev
  libhdf5-dev
  pybind11-dev python3-dev
  chromium python3-icalendar
)

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
