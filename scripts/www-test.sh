#!/usr/bin/env bash
# The playground's browser tests: builds www/ (against the package already built) and drives
# it in headless Chromium (tests/www/run.mjs). Screenshots land in www/test-results/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
REBUILD_PKG=0 bash scripts/build-www.sh
node tests/www/run.mjs
