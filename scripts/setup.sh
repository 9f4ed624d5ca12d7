#!/usr/bin/env bash
# Installs what building and testing evmbox needs, skipping whatever is already there.
# Idempotent; safe on a fresh machine (Debian 12, Rust via rustup, Node 20 + npm).
# See ../shared/TOOLCHAIN.md for why each tool comes from where it does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# Times a command and keeps its exit status, so that `t a || t b` really falls back to b.
t() {
  local s=$SECONDS rc=0
  "$@" || rc=$?
  echo "[time] $((SECONDS - s))s: $* (exit $rc)" >&2
  return $rc
}
if ! command -v cargo >/dev/null; then
  echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2
  exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  t rustup target add wasm32-unknown-unknown
fi
for c in clippy rustfmt; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || t rustup component add "$c"
done
# wasm-pack from crates.io (its npm package downloads from GitHub).
WASM_PACK_VER=0.15.1
"$TOOLS_BIN/wasm-pack" --version 2>/dev/null | grep -qx "wasm-pack $WASM_PACK_VER" ||
  t cargo install wasm-pack --version "$WASM_PACK_VER" --locked
# wasm-bindgen-cli exactly matching the wasm-bindgen in Cargo.lock (it also provides the
# test runner). --locked can fail when the registry lags; then install unlocked.
[ -f Cargo.lock ] || cargo generate-lockfile
WB=$(awk '$0=="name = \"wasm-bindgen\"" {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
"$TOOLS_BIN/wasm-bindgen" --version 2>/dev/null | grep -qx "wasm-bindgen $WB" ||
  t cargo install wasm-bindgen-cli --version "$WB" --locked ||
  t cargo install wasm-bindgen-cli --version "$WB"
# wasm-opt from npm's binaryen (Debian's binaryen 108 emits broken modules).
BINARYEN_VER=132.0.0
"$WASM_TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VER%%.*} " ||
  t npm install --prefix "$WASM_TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VER"
# The JS tests' dev dependencies (viem, solc-js, @ethereumjs/vm as the oracle), as locked.
[ node_modules/.package-lock.json -nt package-lock.json ] ||
  t npm ci --no-audit --no-fund
if [ ! -d ../shared/fixtures/state ]; then
  echo "warning: ../shared/fixtures not found beside this checkout; fixture tests need it" >&2
fi
