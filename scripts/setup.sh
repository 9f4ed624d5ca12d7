#!/usr/bin/env bash
# Installs what building and testing evmbox needs, skipping whatever is already there.
# Idempotent; safe to run on a fresh machine (Debian 12, Rust via rustup).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null; then
  echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2
  exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
for c in clippy rustfmt; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done
if [ ! -d ../shared/fixtures/state ]; then
  echo "warning: ../shared/fixtures not found beside this checkout; fixture tests need it" >&2
fi
