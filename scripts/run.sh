#!/usr/bin/env bash
# One command for the main job: install deps, build, run tito-server on 127.0.0.1:8000.
# With no --backend-url the server starts its embedded stub backend, so curl works at once.
# Extra arguments go to tito-server (see build/bin/tito-server --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/bin/tito-server "$@"
