#!/usr/bin/env bash
# Builds the playground: the npm package (pkg-web), then www/ (type check and Vite production
# build) into www/dist, which any static server can serve.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
[ -f pkg-web/evmbox_bg.wasm ] && [ "${REBUILD_PKG:-1}" = 0 ] || bash scripts/build-pkg.sh
cd www
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
npx tsc --noEmit
npx vite build --logLevel warn
echo "www/dist: $(du -sh dist | cut -f1)"
