#!/usr/bin/env bash
# Sets up and runs the state-test runner over the shared ethereum/tests fixtures.
# Extra arguments go to the runner (e.g. --filter NAME, --trace, --json).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo run --release --bin statetest -- "$@" ../shared/fixtures/state
