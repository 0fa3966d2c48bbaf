// A walk through the app as a user would, on any store (the BBC politics articles for the
// docs): each step logs what it saw and takes a screenshot. Env: AG_BASE, AG_TOKEN, AG_SHOTS,
// AG_DOWNLOADS, AG_ONLY (comma-separated steps). Prints one line per step, then {done, problems}.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./browser.mjs";

const { AG_BASE: base, AG_TOKEN: token, AG_SHOTS: shots, AG_DOWNLOADS: downloads } = process.env;
mkdirSync(shots, { recursive: true });
mkdirSync(downloads, { recursive: true });
const only = (process.env.AG_ONLY || "").split(",").filter(Boolean);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const browser = await launch();
const done = [];
const problems = [];
const log = (...a) => console.log(...a);

async function step(name, fn) {
  if (only.length && !only.includes(name)) return;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on("dialog", (d) => d.accept());
  try {
    await fn(page);
    done.push(name);
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
    await page.screenshot({ path: join(shots, `${name}-failed.png`) }).catch(() => null);
  } finally {
    await page.close();
  }
}
const ready = async (page, path) => {
  await page.goto(base + (path || "/"));
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  await sleep(500);
};
const ui = (page, fn, arg) => page.evaluate(fn, arg);
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`) });
const token_ = async (page) => {
  await page.fill("#token", token);
  await page.dispatchEvent("#token", "change");
};
async function profileOf(page, name) {
  await page.fill("#search", name);
  await page.locator(".actor-result", { hasText: name }).first().click();
  await page.waitForFunction((n) => document.querySelector("#panel[data-actor] h2")?.textContent === n, name);
}
const status = (page) => page.locator("#status").textContent();

await step("opening", async (page) => {
  await ready(page);
  log("opening:", await status(page), "|", await page.locator("#fold-note").textContent());
  log("labels:", await ui(page, () => [...window.actorgraphUI.labelled.keys()].map((k) => window.actorgraphUI.names(+k)).join(", ")));
  await shot(page, "network-bbc");
  await page.click("#fold-list");
  await sleep(300);
  await shot(page, "folded-bbc");
  await page.click("#panel .close");
  await page.check("#color-community");
  await sleep(500);
  log("legend:", (await page.locator("#legend li.legend-community").allTextContents()).join(" | "));
  await shot(page, "communities-bbc");
  await page.uncheck("#color-community");
  // Zoom in over the middle: more names.
  await ui(page, () => window.actorgraphUI.sigma.getCamera().setState({ x: 0.45, y: 0.45, ratio: 0.35 }));
  await sleep(600);
  log("zoomed labels:", await ui(page, () => window.actorgraphUI.labelled.size));
  await shot(page, "network-bbc-zoomed");
  await page.click("#fit-view");
  await sleep(500);
  await page.click("#fold-toggle");
  await sleep(700);
  await shot(page, "network-bbc-unfolded");
  // A filter: nodes stay in place.
  await page.click("#fold-toggle");
  await page.selectOption("#f-type", "ACCUSE");
  await page.click("#f-apply");
  await sleep(800);
  log("ACCUSE:", await status(page));
  await shot(page, "network-bbc-accuse");
});

await step("timeline", async (page) => {
  await ready(page);
  await page.click('[data-tab="timeline"]');
  await sleep(400);
  await shot(page, "timeline-bbc");
  await page.click("#timeline-zoom-in");
  await page.click("#timeline-zoom-in");
  await sleep(300);
  log("zoom label:", await page.locator("#timeline-label").textContent());
  await shot(page, "timeline-bbc-zoom");
  await page.click('[data-tab="network"]');
  await sleep(400);
  const chart = await page.locator("#time-strip svg").boundingBox();
  await page.mouse.move(chart.x + chart.width * 0.75, chart.y + chart.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(chart.x + chart.width * 0.95, chart.y + chart.height * 0.6, { steps: 5 });
  await page.mouse.up();
  await sleep(900);
  log("brushed:", await status(page), await page.inputValue("#f-since"), await page.inputValue("#f-until"));
  await shot(page, "time-brush-bbc");
  await page.click("#time-play");
  await sleep(3500);
  log("playing:", await status(page));
  await shot(page, "time-play-bbc");
  await page.click("#time-play");
});

await step("search", async (page) => {
  await ready(page);
  for (const q of ["Blair", "phoenix/tony", "_", "Lib"]) {
    await page.fill("#search", q);
    await sleep(900);
    log(`search ${q}:`, (await page.locator("#search-results .result").allTextContents()).slice(0, 6).join(" | "));
  }
  await page.fill("#search", "Brown");
  await sleep(900);
  await page.keyboard.press("ArrowDown");
  await shot(page, "search-bbc");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#panel[data-actor]");
  await sleep(600);
  log("profile:", await page.locator("#panel h2").first().textContent(), "|", (await page.locator("#panel .meta").first().textContent()));
  await shot(page, "profile-bbc");
});

await step("neighbourhood", async (page) => {
  await ready(page);
  await profileOf(page, "Michael Howard");
  await page.click("#panel .neighbourhood button.hop1");
  await page.waitForSelector("#focus-bar:not([hidden])");
  await sleep(800);
  log("1 hop:", await status(page));
  await page.click("#panel .close");
  await sleep(300);
  await shot(page, "neighbourhood-bbc");
  await page.click("#hops-toggle");
  await sleep(1000);
  log("2 hops:", await status(page));
  await shot(page, "neighbourhood2-bbc");
  // deep link reload
  const url = page.url();
  log("url:", url);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await sleep(800);
  log("after reload:", await status(page), page.url() === url);
  await shot(page, "deep-link-bbc");
});

await step("evidence", async (page) => {
  await ready(page);
  await profileOf(page, "Tony Blair");
  await page.locator("#panel li.fact[data-event]").first().click();
  await page.waitForSelector("#panel .mention");
  await sleep(300);
  await shot(page, "evidence-bbc");
  await page.click("#panel .mention button.read-doc");
  await page.waitForSelector("#panel.reader .doc-text");
  await sleep(400);
  log("reader:", await page.locator("#panel h2").first().textContent(), (await page.locator("#panel .doc-facts li").count()), "facts");
  await shot(page, "document-bbc");
});

await step("analysis", async (page) => {
  await ready(page);
  await page.click('[data-tab="analysis"]');
  await page.fill("#path-from", "Charles Kennedy");
  await page.fill("#path-to", "Mahmoud Abbas");
  await page.click("#path-button");
  await page.waitForSelector("#path-result .path-step, #path-result .empty");
  log("path:", (await page.locator("#path-result").textContent()).slice(0, 300));
  await page.click("#show-brokers");
  await page.waitForSelector("#measure-result li");
  await shot(page, "analysis-bbc");
  if (await page.locator("#path-show").count()) {
    await page.click("#path-show");
    await sleep(900);
    await shot(page, "path-bbc");
  }
  await page.click('[data-tab="analysis"]');
  await page.click("#show-duplicates");
  await page.waitForSelector("#measure-result p.note");
  await sleep(300);
  await shot(page, "duplicates-bbc");
});

await step("exports", async (page) => {
  await ready(page);
  const save = async (fmt) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#export-bar [data-export="${fmt}"]`)]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };
  const png = await save("png");
  const svgPath = await save("svg");
  const csv = readFileSync(await save("csv"), "utf-8").split(/\r\n/);
  log("csv rows:", csv.length - 2, csv[0]);
  const viewer = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await viewer.goto(`file://${svgPath}`);
  await viewer.screenshot({ path: join(shots, "export-svg-bbc.png") });
  await viewer.goto("about:blank");
  await viewer.setContent(`<img style="max-width:100%" src="data:image/png;base64,${readFileSync(png).toString("base64")}">`);
  await sleep(300);
  await viewer.screenshot({ path: join(shots, "export-png-bbc.png") });
  await viewer.close();
});

await step("writes", async (page) => {
  await ready(page);
  await token_(page);
  await page.fill("#author", "Walker");
  await page.dispatchEvent("#author", "change");
  // Bulk merge three actors from the network: shift-click them.
  const box = await page.locator("#graph").boundingBox();
  const names = (process.env.AG_MERGE || "Lib Dems,Lib Dem,Liberal Democrats").split(",");
  for (const name of names) {
    const at = await ui(page, (n) => {
      const u = window.actorgraphUI;
      const node = u.view.nodes.find((x) => x.label === n);
      u.fitNodes([String(node.id)]);
      return node.id;
    }, name);
    await sleep(600);
    const xy = await ui(page, (id) => {
      const s = window.actorgraphUI.sigma;
      return s.framedGraphToViewport(s.getNodeDisplayData(String(id)));
    }, at);
    await page.keyboard.down("Shift");
    await page.mouse.click(box.x + xy.x, box.y + xy.y);
    await page.keyboard.up("Shift");
    await sleep(300);
  }
  log("selected:", await page.locator("#selection-bar").textContent());
  await shot(page, "bulk-select-bbc");
  await page.fill("#reason", "one party");
  await page.click("#merge-selected");
  await page.waitForSelector("#panel[data-actor]");
  await sleep(800);
  log("merged:", await page.locator("#panel h2").first().textContent(), await page.locator("#panel .aliases").textContent().catch(() => ""));
  log("reason left:", JSON.stringify(await page.inputValue("#reason")));
  await page.click('[data-tab="corrections"]');
  await sleep(800);
  await shot(page, "audit-bbc");
  await page.locator("#corrections-body button.undo").last().click();
  await page.waitForFunction(() => /undone/.test(document.getElementById("corrections-body").textContent), null, { timeout: 20000 });
  log("after undo:", (await page.locator("#corrections-body tr").allTextContents()).slice(0, 3).join(" || "));
  await shot(page, "audit-undone-bbc");
  // Reject an event from the evidence panel: it stays, marked.
  await page.click('[data-tab="network"]');
  await profileOf(page, process.env.AG_REJECT || "Gordon Brown");
  await page.locator("#panel li.fact[data-event] .date").first().click();
  await page.waitForSelector("#panel .mention");
  await page.click("#panel button.reject");
  await page.waitForFunction(() => !/loading/.test(document.getElementById("status").textContent));
  await sleep(800);
  log("after reject:", await page.locator("#panel .fact-block .meta").first().textContent(), (await page.locator("#panel .verdicts button").allTextContents()).join(","));
  await shot(page, "evidence-rejected-bbc");
});

await step("lists", async (page) => {
  await ready(page);
  await page.click('[data-tab="documents"]');
  await page.waitForSelector("#documents-body tr");
  await sleep(400);
  log("documents:", await page.locator("#documents-foot").textContent());
  await shot(page, "documents-bbc");
  await page.click("#documents-foot button.more");
  await sleep(800);
  log("documents after more:", await page.locator("#documents-foot").textContent());
  await page.click('[data-tab="map"]');
  await sleep(1500);
  await shot(page, "map-bbc");
  // undated + confidence
  await page.click('[data-tab="timeline"]');
  await page.fill("#f-since", "2000");
  await page.click("#f-apply");
  await sleep(900);
  log("since 2000:", await status(page), "|", await page.locator("#undated-note").textContent().catch(() => "no note"));
  await shot(page, "timeline-undated-bbc");
  await page.click("#undated-include");
  await sleep(900);
  log("included:", await status(page));
  await page.click("#f-reset");
  await page.selectOption("#f-confidence", "0.5");
  await page.click("#f-apply");
  await sleep(900);
  log("confidence 0.5:", await status(page));
});

console.log(JSON.stringify({ done, problems }));
await browser.close();
