#!/usr/bin/env bash
# Builds the npm package's two wasm-bindgen outputs with wasm-pack (release, wasm-opt):
# pkg-node (Node, CommonJS, synchronous load) and pkg-web (browsers and bundlers, ESM).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v wasm-opt >/dev/null || { echo "wasm-opt missing: run scripts/setup.sh" >&2; exit 1; }
wasm-pack build --mode no-install --release --target nodejs --out-dir pkg-node
wasm-pack build --mode no-install --release --target web --out-dir pkg-web
for d in pkg-node pkg-web; do
  # wasm-pack's ignore-everything .gitignore would keep snippets/ out of `npm pack`.
  rm -f "$d/.gitignore"
  raw=$(stat -c %s "$d/evmbox_bg.wasm")
  gz=$(gzip -9 -c "$d/evmbox_bg.wasm" | wc -c)
  echo "$d/evmbox_bg.wasm: $raw bytes, $gz gzipped"
done
