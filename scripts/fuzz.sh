#!/usr/bin/env bash
# Runs each cargo-fuzz target (fuzz/fuzz_targets) for SECONDS (default 60) starting from the
# committed seeds in fuzz/seeds; the corpus it grows goes to a temporary folder, not the
# repository. Prints the executions and coverage of each run. Uses the stable toolchain with
# libFuzzer's coverage but no sanitizer (`--sanitizer none`: Rust code is memory-safe, and a
# nightly toolchain, which ASan needs, is not available here); a panic is a finding, and
# libFuzzer writes the input that caused it to fuzz/artifacts/.
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
SECS=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(transaction asm statetest tx_json)
CARGO_FUZZ_VER=0.13.2
"$TOOLS_BIN/cargo-fuzz" --version 2>/dev/null | grep -q "$CARGO_FUZZ_VER" ||
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VER" --locked
for t in "${TARGETS[@]}"; do
  corpus=$(mktemp -d)
  log=$(mktemp)
  # -O: optimised (libFuzzer's default build is a debug build); debug assertions stay on.
  if ! cargo fuzz run -O --sanitizer none "$t" "$corpus" "fuzz/seeds/$t" -- \
      -max_total_time="$SECS" -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz target $t FAILED (input in fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1)
  echo "fuzz $t: ${execs:-?} executions in ${SECS}s, ${cov:-cov: ?}, corpus $(ls "$corpus" | wc -l) inputs"
  rm -rf "$corpus" "$log"
done
