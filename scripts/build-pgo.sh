#!/usr/bin/env bash
# The profile-guided release build of tito-server (GCC PGO), into build-pgo/bin/tito-server:
#   1. the plain build (scripts/build.sh: tito-stub and tito-loadgen drive the training);
#   2. tito-server compiled with -fprofile-generate in build-pgo/ and run through the training load
#      (scripts/pgo-train.sh: TITO chat turns against tito-stub), which writes the profile;
#   3. tito-server compiled again in build-pgo/ with -fprofile-use (-fprofile-partial-training: code
#      the training did not reach is optimized as in the plain build).
# Same sources, same behaviour as build/bin/tito-server; only code layout, inlining and branch
# decisions follow the measured profile. Takes about three plain builds of tito-server.
#   usage: scripts/build-pgo.sh [SECONDS_PER_TRAINING_LOAD]   (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-pgo
scripts/install-deps.sh --models
scripts/build.sh tito-stub tito-loadgen
configure() {
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTITO_BUILD_TESTS=OFF -DTITO_BUILD_BENCH=OFF \
    "-DCMAKE_CXX_FLAGS=$1" "-DCMAKE_EXE_LINKER_FLAGS=$2" > /dev/null
}
# A profile from other sources (an earlier run) must not steer this build.
[[ -d $dir ]] && find "$dir" -name '*.gcda' -delete
configure "-fprofile-generate" "-fprofile-generate"
cmake --build "$dir" -j "${JOBS:-$(nproc)}" --target tito-server
scripts/pgo-train.sh "$dir/bin/tito-server" "${1:-4}"
configure "-fprofile-use -fprofile-partial-training -fprofile-correction -Wno-missing-profile" ""
cmake --build "$dir" -j "${JOBS:-$(nproc)}" --target tito-server
echo "profile-guided tito-server: $dir/bin/tito-server"
