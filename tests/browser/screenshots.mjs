// Screenshots of each view for docs/screenshots, on any running server (the demo store):
// AG_BASE, AG_SHOTS, AG_ACTOR (a name to search), AG_SINCE (a time filter), AG_REPORT (a brief),
// AG_PATH_FROM and AG_PATH_TO (two actors for the path).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { check, launch } from "./browser.mjs";

const { AG_BASE: base, AG_SHOTS: shots, AG_ACTOR: actor, AG_SINCE: since, AG_REPORT: report } = process.env;
const { AG_PATH_FROM: pathFrom, AG_PATH_TO: pathTo } = process.env;
mkdirSync(shots, { recursive: true });
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });

await page.goto(base);
await page.waitForSelector("body[data-ready=true]");
await page.waitForTimeout(500);
await shot("network");
await page.fill("#search", actor);
await page.waitForSelector(".actor-result");
await shot("search");
await page.locator(".actor-result").first().click();
await page.waitForSelector("#panel[data-actor]");
await page.waitForTimeout(400);
await shot("profile");
await page.locator("#panel li.fact[data-event]").first().click();
await page.waitForSelector("#panel .mention");
await shot("evidence");
// The whole article behind the evidence, its facts marked.
await page.click("#panel .mention button.read-doc");
await page.waitForSelector("#panel.reader .doc-text");
await page.waitForTimeout(300);
await shot("document");
// The actor's neighbourhood, two hops.
await page.fill("#search", actor);
await page.waitForSelector(".actor-result");
await page.locator(".actor-result").first().click();
await page.waitForSelector("#panel[data-actor]");
await page.click("#panel .neighbourhood button.hop2");
await page.waitForSelector("#focus-bar:not([hidden])");
await page.click("#panel .close");
await page.waitForTimeout(600);
await shot("neighbourhood");
await page.click("#focus-clear");
await page.waitForFunction(() => document.getElementById("focus-bar").hidden);
// Analysis: a path between two actors and the communities.
if (pathFrom && pathTo) {
  await page.click('[data-tab="analysis"]');
  await page.fill("#path-from", pathFrom);
  await page.fill("#path-to", pathTo);
  await page.click("#path-button");
  await page.waitForSelector("#path-result .path-step, #path-result .empty");
  await page.click("#show-brokers");
  await page.waitForSelector("#measure-result li");
  await shot("analysis");
  if (await page.locator("#path-show").count()) {
    await page.click("#path-show");
    await page.waitForTimeout(600);
    await shot("path");
    await page.click("#highlight-clear");
  }
}
await page.click('[data-tab="network"]');
await page.check("#color-community");
await page.waitForTimeout(800);
await shot("communities");
await page.uncheck("#color-community");
await page.click('[data-tab="timeline"]');
if (await page.locator("#panel").isVisible()) await page.click("#panel .close");
await page.fill("#f-since", since);
await page.click("#f-apply");
await page.waitForTimeout(600);
await shot("timeline");
await page.click("#f-reset");
await page.click('[data-tab="map"]');
await page.waitForFunction(() => document.querySelectorAll("#map path.leaflet-interactive").length > 150);
await page.waitForTimeout(500);
await shot("map");
await page.click('[data-tab="documents"]');
await page.waitForSelector("#documents-body tr");
await shot("documents");
await page.goto(`${base}/docs`);
await page.waitForSelector(".swagger-ui .opblock");
await shot("api-docs");
if (report) {
  await page.goto(`file://${report}`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForTimeout(500);
  await shot("report");
}
await browser.close();
check(errors.length === 0, errors.join("; "));
console.log(JSON.stringify({ done: true }));
