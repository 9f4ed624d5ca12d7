#!/usr/bin/env bash
# The main job: sets up, builds the package and the playground, and serves it on localhost
# (PORT, default 5173). Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-www.sh
cd www
echo "Serving the playground: http://127.0.0.1:${PORT:-5173}/"
exec npx vite preview --host 127.0.0.1 --port "${PORT:-5173}" --strictPort
