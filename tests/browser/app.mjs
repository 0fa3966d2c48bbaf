// Clicks through the web app as an analyst would, on the small invented store of tests/web:
// search, profile, evidence, time filter, map, merge, upload, and checks that article markup
// never runs. Env: AG_BASE (server address), AG_TOKEN, AG_SHOTS (folder for screenshots).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { check, launch } from "./browser.mjs";

const base = process.env.AG_BASE;
const token = process.env.AG_TOKEN;
const shots = process.env.AG_SHOTS;
if (!base || !token || !shots) throw new Error("set AG_BASE, AG_TOKEN and AG_SHOTS");
mkdirSync(shots, { recursive: true });

const UPLOAD = [
  "Harbour accord",
  "Elena Brook signed a harbour accord with Tomas Varga in Vessa on 3 May 2024.",
  "Norland welcomed the accord the next day.",
].join("\n");

const browser = await launch();
const problems = [];
const done = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => {
    if (d.type() !== "confirm") problems.push(`unexpected ${d.type()} dialog: ${d.message()}`);
    await d.accept();
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) problems.push(`request outside the server: ${r.url()}`);
  });
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
  const panelTitle = () => page.locator("#panel h2").first().textContent();

  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]");
  check((await page.locator("#graph canvas").count()) > 0, "the network is drawn on canvases");
  const nodes = await page.evaluate(() => window.actorgraphUI.graph.order);
  check(nodes === 5, `five actors in the network, got ${nodes}`);
  await shot("network");
  done.push("network");

  // Search an actor and open its profile.
  await page.fill("#search", "Red Dawn");
  await page.click(".actor-result");
  await page.waitForSelector("#panel[data-actor]");
  check((await panelTitle()) === "Red Dawn Front", "the profile of the actor searched for");
  check((await page.locator("#panel ul.roles li").count()) === 0, "no roles of its own");
  await shot("profile");
  done.push("search+profile");

  // Open an event's evidence from the profile.
  await page.locator("#panel li.fact", { hasText: "ACCUSE" }).click();
  await page.waitForSelector("#panel .mention");
  check((await page.locator("#panel mark.trigger").first().textContent()) === "accused", "trigger marked");
  const attribution = await page.locator("#panel .mention dd").nth(3).textContent();
  check(attribution.includes("the Red Dawn Front"), `attribution shown: ${attribution}`);
  await shot("evidence");
  done.push("evidence");

  // The article with markup: its evidence shows the markup as text and runs nothing.
  await page.evaluate(async () => {
    const ui = window.actorgraphUI;
    const threat = ui.view.events.find((e) => e.type === "THREATEN");
    await ui.openFact("event", threat.id);
  });
  await page.waitForSelector("#panel .mention");
  const sentence = await page.locator("#panel .sentence").textContent();
  check(sentence.includes("<script>window.__agXss = 1</script>"), "markup shown as text");
  check((await page.locator("#panel script, #panel img").count()) === 0, "no element made from text");
  await shot("evidence-markup");

  // A time filter.
  await page.click('[data-tab="timeline"]');
  await page.fill("#f-since", "2022");
  await page.fill("#f-until", "2022-12-31");
  await page.click("#f-apply");
  await page.waitForFunction(() => window.actorgraphUI.view.events.length === 2);
  const types = await page.evaluate(() => window.actorgraphUI.view.events.map((e) => e.type).join(","));
  check(types === "CONSULT,AID", `events of 2022 only, got ${types}`);
  check((await page.locator("#timeline-list tr").count()) === 2, "two rows in the timeline");
  await shot("timeline-filtered");
  await page.click("#f-reset");
  await page.waitForFunction(() => window.actorgraphUI.view.events.length === 5);
  await shot("timeline");
  done.push("time filter");

  // The map: bundled outlines, a marker for the place of two events.
  await page.click('[data-tab="map"]');
  await page.waitForFunction(() => document.querySelectorAll("#map path.leaflet-interactive").length > 150);
  await page.waitForTimeout(300);
  await shot("map");
  done.push("map");

  // Merge two actors (needs the token).
  await page.fill("#token", token);
  await page.dispatchEvent("#token", "change");
  await page.click('[data-tab="network"]');
  await page.fill("#search", "Norland");
  await page.locator(".actor-result", { hasText: "Norland" }).click();
  await page.waitForSelector("#panel[data-actor]");
  await page.click("#panel details.actions summary");
  await page.fill("#merge-input", "Ostmark");
  await page.click("#merge-button");
  await page.waitForFunction(() => window.actorgraphUI.graph.order === 4);
  // The merged-away name is now an alias of the actor kept.
  const ostmark = await page.evaluate(() => fetch("/api/actors/Ostmark").then((r) => r.json()));
  check(ostmark.name === "Norland", `Ostmark now leads to Norland, got ${JSON.stringify(ostmark)}`);
  await page.waitForFunction(() => [...document.querySelectorAll("#panel li.fact")].some((li) => li.textContent.includes("THREATEN")));
  await shot("merged");
  done.push("merge");

  // Upload a document and see it appear.
  await page.click('[data-tab="documents"]');
  await page.waitForFunction(() => document.querySelectorAll("#documents-body tr").length === 3);
  // Two files at once, each with its own progress line (one file of no known type fails alone).
  await page.setInputFiles("#upload-file", [
    { name: "harbour.txt", mimeType: "text/plain", buffer: Buffer.from(UPLOAD) },
    { name: "notes.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ not a document") },
  ]);
  await page.fill("#upload-published", "2024-05-04");
  await page.click("#upload-button");
  await page.waitForFunction(() => document.querySelectorAll("#documents-body tr").length === 4, null, { timeout: 60000 });
  const lines = await page.locator("#upload-progress li").allTextContents();
  check(lines.length === 2 && lines[0].includes("harbour.txt · stored") && lines[1].includes("notes.exe · failed"), `one progress line per file: ${lines}`);
  const titles = await page.locator("#documents-body").textContent();
  check(titles.includes("Harbour accord"), "the uploaded document is listed");
  check(titles.includes('<b onmouseover="window.__agXss = 3">Ostmark threat</b>'), "a title with markup is text");
  await shot("documents");
  done.push("upload");

  await page.click('[data-tab="corrections"]');
  await page.waitForFunction(() => document.querySelectorAll("#corrections-body tr").length === 1);
  await shot("corrections");

  const xss = await page.evaluate(() => window.__agXss);
  check(xss === undefined, `article markup ran (window.__agXss = ${xss})`);
  done.push("xss");
} catch (e) {
  problems.push(e.message);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ done, problems }));
process.exit(problems.length ? 1 : 0);
