#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, native tests (fixtures, revm oracle,
# allocation counting), the state-test runner natively and in wasm, the wasm-bindgen tests,
# the packed npm package used from a fresh folder, and a bundled page in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# Times a command and keeps its exit status, so that `t a || t b` really falls back to b.
t() {
  local s=$SECONDS rc=0
  "$@" || rc=$?
  echo "[time] $((SECONDS - s))s: $* (exit $rc)" >&2
  return $rc
}
bash scripts/setup.sh
source scripts/env.sh
command -v wasm-opt >/dev/null # wasm-pack would silently skip it otherwise
# Every shared Cancun case must pass, natively and in wasm; the recorded counts are floors.
# The Prague/Osaka folders (EEST): every case too.
MIN_PASS=11397
MIN_PASS_PRAGUE=12467
MIN_PASS_OSAKA=917
t cargo fmt --all -- --check
t cargo clippy --all-targets -- -D warnings
t cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
t cargo test --release
# A short smoke run of every fuzz target (bash scripts/fuzz.sh 600 for a real one).
t bash scripts/fuzz.sh 10
t cargo run --release --bin statetest -- --min-pass "$MIN_PASS" ../shared/fixtures/state | tail -n 5
t cargo run --release --bin statetest -- --min-pass "$MIN_PASS_PRAGUE" ../shared/fixtures/state_prague | tail -n 5
t cargo run --release --bin statetest -- --min-pass "$MIN_PASS_OSAKA" ../shared/fixtures/state_osaka | tail -n 5
t bash scripts/build-pkg.sh
t node scripts/wasm-conformance.mjs --min-pass "$MIN_PASS" | tail -n 5
t node scripts/wasm-conformance.mjs ../shared/fixtures/state_prague --min-pass "$MIN_PASS_PRAGUE" | tail -n 5
t node scripts/wasm-conformance.mjs ../shared/fixtures/state_osaka --min-pass "$MIN_PASS_OSAKA" | tail -n 5
t wasm-pack test --node --mode no-install --release --test wasm
t bash scripts/check-inlining.sh | tail -n 3
t node --test tests/js/
t bash scripts/browser-test.sh
t bash scripts/www-test.sh
