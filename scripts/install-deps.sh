#!/usr/bin/env bash
# Installs what Bangyi needs to build, run and test on Debian 12. Idempotent: apt-get runs only
# when a package is missing, npm only when web/node_modules is out of date with the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libsodium-dev libspdlog-dev libfmt-dev
  libtomlplusplus-dev libcli11-dev libyaml-cpp-dev libpq-dev postgresql postgresql-client
  libgtest-dev libgmock-dev libbenchmark-dev wrk
  libpango1.0-dev libcairo2-dev fonts-noto-cjk poppler-utils
  libqrencode-dev libxlsxwriter-dev libreoffice-calc-nogui
  chromium
)
need_node=0
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  need_node=1
fi

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((need_node)); then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages and not root; run: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Web dependencies: reinstall only when the lock file changed since the last install.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.bangyi-lock.sha256
  want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "install-deps: npm ci in web/"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
fi
