#!/usr/bin/env bash
# Browser test: packs the npm package, installs it with Vite and playwright-core into
# tests/browser, builds a page with the bundler, and runs it in headless Chromium (Debian's,
# installed here if missing). Needs pkg-node/pkg-web built (scripts/build-pkg.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
tarball=$(npm pack --silent --pack-destination "${TMPDIR:-/tmp}" | tail -n 1)
cd tests/browser
npm install --no-audit --no-fund --silent
npm install --no-audit --no-fund --silent --no-save "${TMPDIR:-/tmp}/$tarball"
node run.mjs
