// Issue 15 items 9-18 in a real browser, on the invented store of tests/web: expand a node,
// read a document from evidence, the confidence filter, exports, a deep link reloaded, a saved
// view, paths and brokers, legend toggles, undo, bulk merge, the timeline's play button.
// Env: AG_BASE, AG_TOKEN, AG_SHOTS, AG_DOWNLOADS (a folder). Prints {done, problems}.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { check, launch } from "./browser.mjs";

const { AG_BASE: base, AG_TOKEN: token, AG_SHOTS: shots, AG_DOWNLOADS: downloads } = process.env;
if (!base || !token || !shots || !downloads) throw new Error("set AG_BASE, AG_TOKEN, AG_SHOTS, AG_DOWNLOADS");
mkdirSync(shots, { recursive: true });
mkdirSync(downloads, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const browser = await launch();
const problems = [];
const done = [];
const only = (process.env.AG_ONLY || "").split(",").filter(Boolean);

async function part(name, fn) {
  if (only.length && !only.includes(name)) return;
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on("dialog", (d) => d.accept());
  try {
    await fn(page);
    done.push(name);
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  } finally {
    await page.close();
  }
}

async function ready(page, path) {
  await page.goto(base + (path || "/"));
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
}

const ui = (page, fn, arg) => page.evaluate(fn, arg);
const order = (page) => ui(page, () => window.actorgraphUI.graph.order);
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`) });

async function profileOf(page, name) {
  await page.fill("#search", name);
  await page.locator(".actor-result", { hasText: name }).first().click();
  await page.waitForFunction((n) => document.querySelector("#panel[data-actor] h2")?.textContent === n, name);
}

// 9. Neighbourhood: one hop from an actor, then expand a neighbour node by node.
await part("expand", async (page) => {
  await ready(page);
  check((await order(page)) === 7, "seven actors at first");
  await profileOf(page, "Tomas Varga");
  await page.click("#panel .neighbourhood button.hop1");
  await page.waitForFunction(() => window.actorgraphUI.graph.order === 2);
  check(await page.locator("#focus-bar").isVisible(), "the focus bar says whose neighbourhood");
  await sleep(700); // the camera's move over the neighbourhood ends
  const rdf = await ui(page, () => window.actorgraphUI.view.nodes.find((n) => n.label === "Red Dawn Front").id);
  // Double-click on the node expands it.
  const xy = await ui(page, (id) => {
    const s = window.actorgraphUI.sigma;
    const d = s.getNodeDisplayData(String(id));
    return s.framedGraphToViewport(d);
  }, rdf);
  const box = await page.locator("#graph").boundingBox();
  await page.mouse.dblclick(box.x + xy.x, box.y + xy.y);
  await page.waitForFunction(() => window.actorgraphUI.graph.order === 4, null, { timeout: 5000 });
  const labels = await ui(page, () => window.actorgraphUI.view.nodes.map((n) => n.label).sort().join(","));
  check(labels === "Norland,Ostmark,Red Dawn Front,Tomas Varga", `expanded view: ${labels}`);
  await sleep(300);
  await shot(page, "neighbourhood");
  // Names in the profile are links to their actors.
  await profileOf(page, "Red Dawn Front");
  await page.locator("#panel a.actor-link", { hasText: "Tomas Varga" }).first().click();
  await page.waitForFunction(() => document.querySelector("#panel[data-actor] h2")?.textContent === "Tomas Varga");
  await page.click("#focus-clear");
  await page.waitForFunction(() => window.actorgraphUI.graph.order === 7);
});

// 12. Read the document from an evidence card: every fact marked, the chosen one scrolled to.
await part("read document", async (page) => {
  await ready(page);
  await ui(page, async () => {
    const u = window.actorgraphUI;
    await u.openFact("event", u.view.events.find((e) => e.type === "ASSAULT").id);
  });
  await page.waitForSelector("#panel .mention button.read-doc");
  await page.click("#panel .mention button.read-doc");
  await page.waitForSelector("#panel.reader .doc-text");
  check((await page.locator("#panel h2").first().textContent()) === "Border fighting", "the article's title");
  const facts = await page.locator("#panel .doc-facts li").count();
  check(facts === 3, `three facts listed, got ${facts}`);
  const chosen = await page.locator("#panel .doc-text span.fact.chosen").allTextContents();
  check(chosen.join("").includes("shelled Vessa"), `the fact of the evidence is marked, got ${chosen.join("")}`);
  check((await page.locator("#panel .doc-text span.actor").count()) >= 4, "actor names marked");
  await shot(page, "document");
  // A click on a name in the text opens the actor.
  await page.locator("#panel .doc-text span.actor", { hasText: "Tomas Varga" }).first().click();
  await page.waitForFunction(() => document.querySelector("#panel[data-actor] h2")?.textContent === "Tomas Varga");
});

// 18. Confidence: the guessed party's event is hidden at 0.5; evidence says how sure.
await part("confidence", async (page) => {
  await ready(page);
  const before = await ui(page, () => window.actorgraphUI.view.events.length);
  await page.selectOption("#f-confidence", "0.5");
  await page.click("#f-apply");
  await page.waitForFunction((n) => window.actorgraphUI.view.events.length === n - 1, before);
  await page.selectOption("#f-confidence", "");
  await page.click("#f-apply");
  await page.waitForFunction((n) => window.actorgraphUI.view.events.length === n, before);
  await page.click('[data-tab="timeline"]');
  check((await page.locator("#timeline-list tr.guessed").count()) === 1, "the guessed event is marked in the list");
  await page.locator("#timeline-list tr.guessed").click();
  await page.waitForSelector("#panel .fact-block .meta");
  const meta = await page.locator("#panel .fact-block .meta").textContent();
  check(meta.includes("confidence 0.40") && meta.includes("independent source"), `evidence meta: ${meta}`);
  await shot(page, "confidence");
});

// 11. Export the view: PNG, SVG and CSV made in the page, GEXF from the server; each opened.
await part("export", async (page) => {
  await ready(page);
  const save = async (fmt) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#export-bar [data-export="${fmt}"]`)]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };
  const png = readFileSync(await save("png"));
  check(png.subarray(1, 4).toString() === "PNG", "a PNG file");
  const width = png.readUInt32BE(16);
  check(width >= 800, `the PNG is as wide as the network at least, got ${width}`);
  const svgPath = await save("svg");
  const csv = readFileSync(await save("csv"), "utf-8").trim().split(/\r\n/);
  const facts = await ui(page, () => window.actorgraphUI.view.events.length + window.actorgraphUI.view.relations.length);
  check(csv.length === facts + 1 && csv[0].startsWith("kind,id,date,type"), `CSV rows ${csv.length} for ${facts} facts`);
  check(csv.some((row) => row.startsWith("relation,") && row.includes("Tomas Varga")), "relations with names");
  const gexf = readFileSync(await save("gexf"), "utf-8");
  check(gexf.includes("<gexf") && gexf.includes("Red Dawn Front"), "a GEXF file of the view");
  // Open the SVG and the PNG: the SVG draws every actor with its name.
  const viewer = await browser.newPage();
  await viewer.goto(`file://${svgPath}`);
  const circles = await viewer.locator("g.actors circle").count();
  const names = await viewer.locator("g.labels text").allTextContents();
  check(circles === 7 && names.includes("Norland"), `SVG: ${circles} actors, labels ${names.join(",")}`);
  await viewer.goto("about:blank");
  await viewer.setContent(`<img id="p" src="data:image/png;base64,${png.toString("base64")}">`);
  const natural = await viewer.evaluate(() => new Promise((r) => { const i = document.getElementById("p"); i.complete ? r(i.naturalWidth) : (i.onload = () => r(i.naturalWidth)); }));
  check(natural === width, "the PNG opens as an image");
  await viewer.screenshot({ path: join(shots, "export-png.png") });
  await viewer.close();
  await shot(page, "export");
});

// 10. The view in the address: reload a deep link and get the same view; Back; saved views.
await part("deep link", async (page) => {
  await ready(page);
  await page.selectOption("#f-type", "THREATEN");
  await page.click("#f-apply");
  await page.waitForFunction(() => window.actorgraphUI.view.events.every((e) => e.type === "THREATEN"));
  await profileOf(page, "Ostmark");
  await sleep(500); // the camera's move to the actor ends
  await ui(page, () => window.actorgraphUI.sigma.getCamera().setState({ x: 0.4, y: 0.6, ratio: 0.5 }));
  await sleep(700);
  const url = page.url();
  check(url.includes("type=THREATEN") && url.includes("open=actor%3A") && url.includes("cam="), `address: ${url}`);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector("#panel[data-actor]");
  check((await page.inputValue("#f-type")) === "THREATEN", "the form shows the filter again");
  const types = await ui(page, () => [...new Set(window.actorgraphUI.view.events.map((e) => e.type))].join(","));
  check(types === "THREATEN", `the view is filtered again: ${types}`);
  check((await page.locator("#panel h2").first().textContent()) === "Ostmark", "the profile is open again");
  const cam = await ui(page, () => window.actorgraphUI.sigma.getCamera().getState());
  check(Math.abs(cam.ratio - 0.5) < 1e-3 && Math.abs(cam.x - 0.4) < 1e-3, `camera ${JSON.stringify(cam)}`);
  await shot(page, "deep-link");
  // Back goes to the view before: no profile open.
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("panel").hidden);
  check(!page.url().includes("open="), `back: ${page.url()}`);
  await page.goForward();
  await page.waitForSelector("#panel[data-actor]:not([hidden])");
  // A saved view: save, go elsewhere, open it again from the list.
  await page.fill("#token", token);
  await page.dispatchEvent("#token", "change");
  await page.fill("#view-name", "Threats to Norland");
  await page.click("#save-view");
  await page.waitForFunction(() => [...document.querySelectorAll("#saved-views option")].some((o) => o.textContent === "Threats to Norland"));
  await page.click("#f-reset");
  await page.waitForFunction(() => window.actorgraphUI.view.events.length > 2);
  const id = await page.evaluate(() => [...document.querySelectorAll("#saved-views option")].find((o) => o.textContent === "Threats to Norland").value);
  await page.selectOption("#saved-views", id);
  await page.waitForFunction(() => window.actorgraphUI.view.events.every((e) => e.type === "THREATEN") && !document.getElementById("panel").hidden);
  check((await page.inputValue("#f-type")) === "THREATEN", "the saved view's filter");
  await shot(page, "saved-views");
});

// 17. A path, brokers, legend toggles, colour by community.
await part("path", async (page) => {
  await ready(page);
  await page.click('[data-tab="analysis"]');
  await page.fill("#path-from", "Tomas Varga");
  await page.fill("#path-to", "Ostmark");
  await page.click("#path-button");
  await page.waitForSelector("#path-result .path-step");
  check((await page.locator("#path-result .path-step").count()) === 2, "two steps from the leader to the state");
  await shot(page, "analysis-path");
  await page.click("#path-show");
  await page.waitForSelector("#highlight-note:not([hidden])");
  const lit = await ui(page, () => [...window.actorgraphUI.highlight.nodes].length);
  check(lit === 3, `three actors on the path, got ${lit}`);
  const faded = await ui(page, () => {
    const u = window.actorgraphUI;
    const other = u.view.nodes.find((n) => n.label === "Elena Brook").id;
    return u.sigma.getNodeDisplayData(String(other)).color;
  });
  check(faded === "#d5dbe3", `actors off the path are faded, got ${faded}`);
  await sleep(300);
  await shot(page, "path");
  await page.click("#highlight-clear");
  // Brokers: a list, each a link.
  await page.click('[data-tab="analysis"]');
  await page.click("#show-brokers");
  await page.waitForSelector("#measure-result ol.brokers li");
  check((await page.locator("#measure-result ol.brokers li a.actor-link").count()) >= 1, "brokers listed");
  await page.click("#show-communities");
  await page.waitForSelector("#measure-result [data-community]");
  await shot(page, "analysis-communities");
  // Legend: hide the people, then show them again.
  await page.click('[data-tab="network"]');
  await page.click('#legend li[data-type="person"]');
  const hidden = await ui(page, () => {
    const u = window.actorgraphUI;
    return u.view.nodes.filter((n) => n.type === "person").every((n) => u.sigma.getNodeDisplayData(String(n.id)).hidden);
  });
  check(hidden, "people hidden from the legend");
  await page.click('#legend li[data-type="person"]');
  await page.check("#color-community");
  await page.waitForFunction(() => window.actorgraphUI.communityOf && window.actorgraphUI.communityOf.size > 0);
  await sleep(300);
  await shot(page, "communities");
});

// 15. The opening view: the actors that matter named without overlap, tiny components folded
// into a summary (the threshold lowered for this small store) and listed on request, every
// actor in the same place on screen whatever the filters, colour by community, drag and pin.
await part("opening", async (page) => {
  await ready(page);
  const labels = () => ui(page, () => {
    const u = window.actorgraphUI;
    const s = u.sigma;
    const ctx = document.createElement("canvas").getContext("2d");
    const st = s.getSettings();
    ctx.font = `${st.labelWeight} ${st.labelSize}px ${st.labelFont}`;
    return u.graph.filterNodes((k, a) => a.forceLabel).map((k) => {
      const d = s.getNodeDisplayData(k);
      const p = s.framedGraphToViewport(d);
      return { name: d.label, box: window.AG.labelBox(d.labelAt || "right", p.x, p.y, s.scaleSize(d.size), ctx.measureText(d.label).width, st.labelSize) };
    });
  });
  const clash = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const noOverlap = (list, when) => {
    for (const [i, a] of list.entries()) for (const b of list.slice(i + 1)) check(!clash(a.box, b.box), `${when}: labels ${a.name} and ${b.name} overlap`);
  };
  const named = await labels();
  const biggest = await ui(page, () => window.actorgraphUI.view.nodes.slice().sort((a, b) => b.size - a.size)[0].label);
  check(named.some((l) => l.name === biggest), `the best-sourced actor is named (${biggest})`);
  check(named.length >= 5, `most actors of this small view are named: ${named.map((l) => l.name)}`);
  noOverlap(named, "at the start");
  // Zoomed far out, fewer names fit: those shown still do not overlap.
  await ui(page, () => window.actorgraphUI.sigma.getCamera().setState({ ratio: 12 }));
  await sleep(300);
  const far = await labels();
  noOverlap(far, "zoomed out");
  check(far.length < named.length, `zoomed far out, fewer names (${far.length} of ${named.length})`);
  await ui(page, () => window.actorgraphUI.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 }));
  // The same place on screen under another filter.
  const where = (name) => ui(page, (n) => {
    const u = window.actorgraphUI;
    const key = String(u.view.nodes.find((x) => x.label === n).id);
    return u.sigma.framedGraphToViewport(u.sigma.getNodeDisplayData(key));
  }, name);
  await sleep(300);
  const before = await where("Ostmark");
  await page.selectOption("#f-type", "THREATEN");
  await page.click("#f-apply");
  await page.waitForFunction(() => window.actorgraphUI.view.events.every((e) => e.type === "THREATEN") && window.actorgraphUI.graph.order < 7);
  const after = await where("Ostmark");
  check(Math.hypot(after.x - before.x, after.y - before.y) < 1, `Ostmark stays in place across filters: ${JSON.stringify([before, after])}`);
  await page.click("#f-reset");
  await page.waitForFunction(() => window.actorgraphUI.graph.order === 7);
  // Tiny components folded into a summary, listed on request.
  await ui(page, async () => {
    window.AG.FOLD_FROM = 3;
    window.actorgraphUI.foldSmall = undefined;
    window.actorgraphUI.renderNetwork();
  });
  await page.waitForSelector("#fold-note:not([hidden])");
  const hidden = await ui(page, () => {
    const u = window.actorgraphUI;
    const pair = u.view.nodes.filter((n) => ["Dara Voss", "Kell Harbour Authority"].includes(n.label));
    return pair.length === 2 && pair.every((n) => u.sigma.getNodeDisplayData(String(n.id)).hidden);
  });
  check(hidden, "the pair is folded away");
  const note = await page.locator("#fold-note").textContent();
  check(note.includes("2 actors in small groups apart from the rest (1 pair) are folded away"), `the note says so: ${note}`);
  await page.click("#fold-list");
  await page.waitForSelector("#panel[data-folded] ol.folded li");
  const listed = await page.locator("#panel ol.folded li").allTextContents();
  check(listed.length === 1 && listed[0].includes("Dara Voss") && listed[0].includes("Kell Harbour Authority"), `the folded groups listed: ${listed}`);
  await shot(page, "folded");
  await page.click("#panel .close");
  await page.click("#fold-toggle");
  const shown = await ui(page, () => {
    const u = window.actorgraphUI;
    const n = u.view.nodes.find((x) => x.label === "Dara Voss");
    return !u.sigma.getNodeDisplayData(String(n.id)).hidden;
  });
  check(shown, "shown on request");
  // Colour by community: the store's communities (those the layout groups), each explained.
  await page.check("#color-community");
  await page.waitForSelector("#legend li.legend-community");
  const colours = await ui(page, () => {
    const u = window.actorgraphUI;
    return u.view.nodes.map((n) => [n.community, u.sigma.getNodeDisplayData(String(n.id)).color]);
  });
  const byCommunity = new Map();
  for (const [c, colour] of colours) byCommunity.set(c, [...(byCommunity.get(c) || []), colour]);
  check([...byCommunity.values()].every((cs) => new Set(cs).size === 1), `one colour per community: ${JSON.stringify(colours)}`);
  const legend = await page.locator("#legend li.legend-community").allTextContents();
  check(legend.length >= 2 && legend.some((t) => t.includes("smaller communities")), `the legend explains them: ${legend}`);
  await shot(page, "communities");
  await page.uncheck("#color-community");
  // Drag Tomas Varga somewhere else: he stays there, also when the view is drawn again.
  await sleep(600); // the network has settled after being drawn again
  const id = await ui(page, () => String(window.actorgraphUI.view.nodes.find((n) => n.label === "Tomas Varga").id));
  const at = await ui(page, (key) => {
    const s = window.actorgraphUI.sigma;
    return s.framedGraphToViewport(s.getNodeDisplayData(key));
  }, id);
  const box = await page.locator("#graph").boundingBox();
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await page.mouse.down();
  await sleep(100);
  await page.mouse.move(box.x + at.x - 120, box.y + at.y - 160, { steps: 15 });
  await sleep(100);
  await page.mouse.up();
  const first = await ui(page, (key) => window.actorgraphUI.view.nodes.find((n) => String(n.id) === key), id);
  const moved = await ui(page, (key) => window.actorgraphUI.graph.getNodeAttributes(key), id);
  check(Math.abs(moved.x - first.x) + Math.abs(moved.y - first.y) > 0.1, "the actor moved");
  check(await page.locator("#panel").isHidden(), "a drag is not a click");
  await ui(page, () => window.actorgraphUI.renderNetwork());
  const again = await ui(page, (key) => window.actorgraphUI.graph.getNodeAttributes(key), id);
  check(Math.abs(again.x - moved.x) < 1e-9 && Math.abs(again.y - moved.y) < 1e-9, "pinned where it was dropped");
  await shot(page, "dragged");
});

// 14. Several at once: shift-click three actors and merge them; tick two events and reject them;
// the duplicate suggestions.
await part("bulk", async (page) => {
  await ready(page);
  await page.fill("#token", token);
  await page.dispatchEvent("#token", "change");
  const box = await page.locator("#graph").boundingBox();
  const clickNode = async (label) => {
    const at = await ui(page, (name) => {
      const u = window.actorgraphUI;
      const n = u.view.nodes.find((x) => x.label === name);
      return u.sigma.framedGraphToViewport(u.sigma.getNodeDisplayData(String(n.id)));
    }, label);
    await page.keyboard.down("Shift");
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.keyboard.up("Shift");
    await sleep(350);
  };
  for (const name of ["Dara Voss", "Tomas Varga", "Elena Brook"]) await clickNode(name);
  await page.waitForSelector("#selection-bar:not([hidden])");
  const sel = await ui(page, () => [...(window.actorgraphUI.selected || [])].join(","));
  check((await page.locator("#selection-bar a.actor-link").count()) === 3, `three actors selected: ${sel}`);
  check(await page.locator("#panel").isHidden(), "a shift-click does not open the profile");
  await shot(page, "bulk-select");
  const keep = await ui(page, () => String(window.actorgraphUI.view.nodes.find((n) => n.label === "Elena Brook").id));
  await page.selectOption("#merge-keep", keep);
  const before = await order(page);
  await page.click("#merge-selected");
  await page.waitForFunction((n) => window.actorgraphUI.graph.order === n - 2, before);
  await page.waitForFunction(() => document.querySelector("#panel[data-actor] h2")?.textContent === "Elena Brook");
  const aliases = await page.locator("#panel .aliases").textContent();
  check(aliases.includes("Tomas Varga") && aliases.includes("Dara Voss"), `merged names kept as aliases: ${aliases}`);
  // Tick two events in the timeline's list and reject them.
  await page.click('[data-tab="timeline"]');
  const events = await ui(page, () => window.actorgraphUI.view.events.length);
  const ticks = page.locator("#timeline-list input.tick");
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await page.waitForSelector("#tick-bar:not([hidden])");
  await page.click("#reject-ticked");
  await page.waitForFunction((n) => window.actorgraphUI.view.events.length === n - 2, events);
  const log = await page.evaluate(() => fetch("/api/corrections").then((r) => r.json()));
  const kinds = log.items.map((c) => c.kind);
  check(kinds.filter((k) => k === "merge_actors").length === 2 && kinds.filter((k) => k === "set_status").length === 2, `log: ${kinds}`);
  // Duplicate suggestions (none left in this store: the list says so).
  await page.click('[data-tab="analysis"]');
  await page.click("#show-duplicates");
  await page.waitForSelector("#measure-result p.note");
});

// 16. Time drives the network: brush a period on the strip over the network; play.
await part("time", async (page) => {
  await ready(page);
  await page.waitForSelector("#time-strip:not([hidden])");
  const chart = await page.locator("#time-strip svg").boundingBox();
  // Brush over the first period that has events.
  const bar = await page.evaluate(() => {
    const r = [...document.querySelectorAll("#time-strip rect.bar")].find((b) => +b.getAttribute("height") > 0);
    return { x: +r.getAttribute("x"), w: +r.getAttribute("width") };
  });
  await page.mouse.move(chart.x + Math.max(0, bar.x - 2), chart.y + chart.height / 2);
  await page.mouse.down();
  await page.mouse.move(chart.x + bar.x + bar.w + 3, chart.y + chart.height / 2, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(() => {
    const u = window.actorgraphUI;
    const f = u.filters;
    return f.since && f.until && u.view.events.every((e) => e.date && e.date >= f.since && e.date <= `${f.until}~`);
  }, null, { timeout: 8000 });
  const f = await ui(page, () => window.actorgraphUI.filters);
  const dates = await ui(page, () => window.actorgraphUI.view.events.map((e) => e.date));
  check(dates.length >= 1 && dates.every((d) => d >= f.since && d <= `${f.until}~`), `events of ${f.since}..${f.until}: ${dates}`);
  check((await page.inputValue("#f-since")) === f.since, "the filter form shows the period");
  await shot(page, "time-brush");
  // A click on the strip clears the period.
  await page.mouse.click(chart.x + chart.width * 0.8, chart.y + chart.height / 2);
  await page.waitForFunction(() => !window.actorgraphUI.filters.since);
  // Play: the view steps through the periods; pause stops it.
  await page.click("#time-play");
  await page.waitForFunction(() => /period 2 of \d+/.test(document.getElementById("status").textContent), null, { timeout: 10000 });
  const stepping = await ui(page, () => window.actorgraphUI.filters.since);
  check(Boolean(stepping), "a period is shown while playing");
  await shot(page, "time-play");
  await page.click("#time-play");
  await page.waitForFunction(() => !window.actorgraphUI.playing);
  await page.click("#time-clear").catch(() => null);
  await page.waitForFunction(() => !window.actorgraphUI.filters.since);
  // The Timeline tab: zoom (buttons, wheel, the overview), brush a period there, play.
  await page.click('[data-tab="timeline"]');
  await page.waitForSelector("#timeline-chart svg.time-chart");
  const span = async () => {
    const t = await page.locator("#timeline-label").textContent();
    const [a, b] = t.match(/\d{4}-\d{2}-\d{2}/g);
    return (Date.parse(b) - Date.parse(a)) / 864e5;
  };
  const all = await span();
  await page.click("#timeline-zoom-in");
  const half = await span();
  check(half < all * 0.6, `zoomed in: ${half} of ${all} days shown`);
  const lanes = await page.locator("#timeline-chart svg").boundingBox();
  await page.mouse.move(lanes.x + lanes.width / 2, lanes.y + lanes.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((h) => {
    const t = document.getElementById("timeline-label").textContent.match(/\d{4}-\d{2}-\d{2}/g);
    return (Date.parse(t[1]) - Date.parse(t[0])) / 864e5 < h * 0.9;
  }, half);
  await page.click("#timeline-zoom-all");
  check(Math.abs((await span()) - all) < 1, "all time again");
  // Brush over the lanes from the first event to just past the second: the network follows.
  const marks = await page.evaluate(() => [...document.querySelectorAll("#timeline-chart .dot")].map((d) => {
    const b = d.getBoundingClientRect();
    return { id: +d.dataset.event, x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }).sort((a, b) => a.x - b.x));
  check(marks.length >= 3, `events on the lanes: ${marks.length}`);
  const y = marks[0].y;
  await page.mouse.move(marks[0].x - 3, y);
  await page.mouse.down();
  await page.mouse.move(marks[1].x + 3, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => {
    const u = window.actorgraphUI;
    const f = u.filters;
    return f.since && u.view.events.every((e) => e.date && e.date >= f.since && e.date <= `${f.until}~`);
  });
  const inside = await ui(page, () => window.actorgraphUI.view.events.map((e) => e.id).sort().join(","));
  const expected = [...new Set(marks.filter((m) => m.x >= marks[0].x - 3 && m.x <= marks[1].x + 3).map((m) => m.id))].sort().join(",");
  check(inside === expected, `the brushed events are the view's: ${inside} vs ${expected}`);
  check((await page.locator("#timeline-chart .dot.outside").count()) > 0, "the events outside the period are greyed");
  check((await page.inputValue("#f-since")) !== "", "the filter form follows the brush");
  await page.click("#timeline-zoom-period");
  await sleep(200);
  await shot(page, "timeline-zoom");
  await page.click("#timeline-clear");
  await page.waitForFunction(() => !window.actorgraphUI.filters.since);
  // Play from the Timeline tab: the network's view steps through the periods.
  const seen = new Set();
  await page.click("#timeline-play");
  for (let i = 0; i < 40 && seen.size < 3; i++) {
    await sleep(250);
    seen.add(await ui(page, () => `${window.actorgraphUI.filters.since}|${window.actorgraphUI.view.events.length}`));
  }
  check(seen.size >= 3, `playing shows one period after another: ${[...seen]}`);
  check(await ui(page, () => window.actorgraphUI.playing), "still playing");
  await shot(page, "timeline-play");
  await page.click("#timeline-play");
  await page.waitForFunction(() => !window.actorgraphUI.playing);
});

// 13. Undo a merge from the audit log, which names the actors and the analyst.
await part("undo", async (page) => {
  await ready(page);
  await page.fill("#author", "R. Analyst");
  await page.dispatchEvent("#author", "change");
  await page.fill("#token", token);
  await page.dispatchEvent("#token", "change");
  const before = await order(page);
  await profileOf(page, "Norland");
  await page.click("#panel details.actions summary");
  await page.fill("#merge-input", "Ostmark");
  await page.click("#merge-button");
  await page.waitForFunction((n) => window.actorgraphUI.graph.order === n - 1, before);
  await page.click("#panel .close");
  await page.click('[data-tab="corrections"]');
  const row = page.locator("#corrections-body tr").last();
  await page.waitForFunction(() => [...document.querySelectorAll("#corrections-body tr")].some((r) => r.textContent.includes("merged “Ostmark”")));
  const text = await row.textContent();
  check(text.includes("merged “Ostmark”") && text.includes("into Norland") && text.includes("R. Analyst"), `log row: ${text}`);
  await shot(page, "audit");
  await row.locator("button.undo").click();
  await page.waitForFunction((n) => window.actorgraphUI.view.nodes.length === n, before);
  await page.waitForFunction(() => [...document.querySelectorAll("#corrections-body tr")].some((r) => r.textContent.includes("undone")));
  const back = await ui(page, () => window.actorgraphUI.view.nodes.some((n) => n.label === "Ostmark"));
  check(back, "Ostmark is back in the network");
  const ties = await ui(page, () => {
    const u = window.actorgraphUI;
    const o = u.view.nodes.find((n) => n.label === "Ostmark").id;
    return u.view.edges.filter((e) => e.source === o || e.target === o).length;
  });
  check(ties >= 2, `with its ties (${ties})`);
  await shot(page, "audit-undone");
});

console.log(JSON.stringify({ done, problems }));
await browser.close();
process.exit(problems.length ? 1 : 0);
