#!/usr/bin/env bash
# Rebuilds src/actorgraph/web/static/vendor from npm (only needed to upgrade a library; the
# built files are committed, so the app itself never needs npm or a network).
set -euo pipefail
cd "$(dirname "$0")/web-vendor"
npm ci --no-audit --no-fund
node build.mjs
