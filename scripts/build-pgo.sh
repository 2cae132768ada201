#!/usr/bin/env bash
# The profile-guided release build of tito-server (GCC PGO), into build-pgo/bin/tito-server:
#   1. the plain build (scripts/build.sh: tito-stub and tito-loadgen drive the training);
#   2. tito-server compiled with -fprofile-generate in build-pgo/ and run through the training load
#      (scripts/pgo-train.sh: TITO chat turns against tito-stub), which writes the profile;
#   3. tito-server compiled again in build-pgo/ with -fprofile-use (-fprofile-partial-training: code
#      the training did not reach is optimized as in the plain build).
# Same sources, same behaviour as build/bin/tito-server; only code layout, inlining and branch
# decisions follow the measured profile. Takes about three plain builds of tito-server.
# Rebuild build-pgo/ only through this script: its CMake cache holds the profile flags, and a plain
# `cmake --build build-pgo` after a source change would mix old profiles with new code.
#   usage: scripts/build-pgo.sh [SECONDS_PER_TRAINING_LOAD]   (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-pgo
# On any failure no binary is left at the release path (it may be the instrumented one).
finished=0
trap '[[ $finished == 1 ]] || { rm -f "$dir/bin/tito-server"; echo "build-pgo: failed; no $dir/bin/tito-server" >&2; }' EXIT
scripts/install-deps.sh --models
scripts/build.sh tito-stub tito-loadgen
configure() {
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTITO_BUILD_TESTS=OFF -DTITO_BUILD_BENCH=OFF \
    "-DCMAKE_CXX_FLAGS=$1" "-DCMAKE_EXE_LINKER_FLAGS=$2" > /dev/null
}
# A profile from other sources (an earlier run) must not steer this build.
[[ -d $dir ]] && find "$dir" -name '*.gcda' -delete
# Atomic counter updates: one training load runs two I/O threads and the CPU pool.
configure "-fprofile-generate -fprofile-update=prefer-atomic" "-fprofile-generate"
cmake --build "$dir" -j "${JOBS:-$(nproc)}" --target tito-server
scripts/pgo-train.sh "$dir/bin/tito-server" "${1:-4}"
# -Wno-missing-profile below would turn a training that wrote nothing into a silent plain build.
profiles=$(find "$dir" -name '*.gcda' | wc -l)
((profiles > 0)) || { echo "build-pgo: the training wrote no profile (.gcda) files" >&2; exit 1; }
echo "build-pgo: $profiles profile files" >&2
configure "-fprofile-use -fprofile-partial-training -fprofile-correction -Wno-missing-profile" ""
cmake --build "$dir" -j "${JOBS:-$(nproc)}" --target tito-server
finished=1
echo "profile-guided tito-server: $dir/bin/tito-server"
