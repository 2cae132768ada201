#!/usr/bin/env bash
# Configures (once) and builds into build/; executables land in build/bin/.
#   scripts/build.sh [target...]   (no target: everything)
#   BUILD_TYPE=Release|Debug|RelWithDebInfo (default Release), JOBS (default nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" ${CMAKE_ARGS:-}
fi
if (($#)); then
  cmake --build "$build_dir" -j "${JOBS:-$(nproc)}" --target "$@"
else
  cmake --build "$build_dir" -j "${JOBS:-$(nproc)}"
fi
