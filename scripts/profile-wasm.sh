#!/usr/bin/env bash
# Builds the wasm module keeping its function names (target/pkg-names: what the package's
# build strips and wasm-opt renames) and profiles one workload in it (scripts/profile-wasm.mjs).
# Usage: bash scripts/profile-wasm.sh --filter NAME [--cold] [--top N]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
cargo build --release --target wasm32-unknown-unknown --lib
wasm-bindgen --target nodejs --keep-debug --out-dir target/pkg-names \
  target/wasm32-unknown-unknown/release/evmbox.wasm
# No "type" field: evmbox.js is CommonJS, its snippets ES modules (as in pkg-node).
echo '{ "name": "evmbox-names" }' > target/pkg-names/package.json
node scripts/profile-wasm.mjs target/pkg-names "$@"
