#!/usr/bin/env bash
# Builds the package and revm's wasm runner (bench/revm-wasm), then runs evmbox, revm-in-wasm
# and @ethereumjs/evm side by side (scripts/bench-peers.mjs). Arguments go to the script:
# --quick, --filter NAME.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build-pkg.sh
(cd bench/revm-wasm && wasm-pack build --mode no-install --release --target nodejs --out-dir pkg)
node scripts/bench-peers.mjs "$@"
