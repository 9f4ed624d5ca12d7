#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, native tests (fixtures, revm oracle,
# allocation counting), the wasm32 build, and the state-test runner over ../shared/fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
t() { local s=$SECONDS; "$@"; echo "[time] $((SECONDS - s))s: $*" >&2; }
bash scripts/setup.sh
t cargo fmt --all -- --check
t cargo clippy --all-targets -- -D warnings
t cargo test --release
t cargo build --target wasm32-unknown-unknown --release
# Every shared Cancun case must pass; the recorded count is the floor.
MIN_PASS=11397
t cargo run --release --bin statetest -- --min-pass "$MIN_PASS" ../shared/fixtures/state | tail -n 5
