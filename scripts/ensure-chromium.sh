#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (Playwright drives it).
set -euo pipefail
if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
