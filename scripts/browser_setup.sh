#!/usr/bin/env bash
# What the browser tests need: Debian's chromium (installed with apt-get when run as root) and
# npm's playwright-core in tests/browser. Never fatal: without them the browser tests skip and
# say why.
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "browser_setup: installing chromium with apt-get" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends chromium fonts-dejavu-core; } >/dev/null 2>&1 \
      || echo "browser_setup: could not install chromium; browser tests will be skipped" >&2
  else
    echo "browser_setup: no /usr/bin/chromium and not root; browser tests will be skipped" >&2
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm \
      >/dev/null 2>&1 || true
  fi
fi
if command -v npm >/dev/null 2>&1; then
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core downloads nothing, but say so anyway.
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) \
    || echo "browser_setup: npm ci failed in tests/browser; browser tests will be skipped" >&2
else
  echo "browser_setup: no npm; browser tests will be skipped" >&2
fi
exit 0
