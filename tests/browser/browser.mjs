// Launches Debian's chromium through playwright-core: never a downloaded browser, no network
// beyond the loopback server under test.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.ACTORGRAPH_CHROMIUM || "/usr/bin/chromium";

export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // WebGL without a GPU: the software rasteriser, which recent Chromium only enables on request.
  "--enable-unsafe-swiftshader",
  "--use-angle=swiftshader",
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}
