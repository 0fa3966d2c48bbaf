// The network view on a big graph: only the best-corroborated ties are drawn at first, the view
// says so, and "show all ties", zooming in and thinning again work; a small graph keeps sigma's
// default programs and shows no notice. Env: AG_STATIC (the package's web/static folder).
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, launch } from "./browser.mjs";

const stat = pathToFileURL(process.env.AG_STATIC).href;
const page_ = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${stat}/app.css"></head><body><div class="layout">
<form class="filters"><p id="status" class="status"></p><ul id="legend"></ul></form>
<main><section id="view-network" class="view"><div id="graph" class="graph"></div></section></main>
<aside id="panel" class="panel" hidden></aside></div>
<script src="${stat}/vendor/graphology.umd.min.js"></script>
<script src="${stat}/vendor/sigma.min.js"></script>
<script src="${stat}/js/core.js"></script>
<script src="${stat}/js/views.js"></script></body></html>`;
const file = join(mkdtempSync(join(tmpdir(), "ag-big-")), "big.html");
writeFileSync(file, page_);

const browser = await launch();
const problems = [];
const done = [];
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(pathToFileURL(file).href);
  // An invented view: nodes on a grid, ties between neighbours with weights 1..9.
  const load = (nodes, ties) =>
    page.evaluate(async ([n, t]) => {
      const view = { nodes: [], edges: [], events: [], relations: [], places: [], names: {} };
      for (let i = 0; i < n; i++) view.nodes.push({ id: i, label: `a${i}`, type: "person", x: i % 60, y: Math.floor(i / 60), size: 4 });
      for (let k = 0; k < t; k++) {
        const a = k % n;
        const b = (a + 1 + Math.floor(k / n)) % n;
        view.edges.push({ id: `event:${k}`, source: a, target: b, kind: "event", types: ["AGREE"], facts: [k], weight: 1 + ((k * 7) % 9), disputed: false });
      }
      window.ui = new AG.UI({ graph: () => Promise.resolve(view) }, document);
      await window.ui.load({});
      window.weights = new Map(view.edges.map((e) => [e.id, e.weight]));
    }, [nodes, ties]);
  const state = () =>
    page.evaluate(() => {
      const ui = window.ui;
      const drawn = ui.graph.filterEdges((e) => !ui.sigma.getEdgeDisplayData(e).hidden);
      const notice = document.getElementById("tie-notice");
      return {
        ties: drawn.length,
        minDrawn: Math.min(...drawn.map((e) => window.weights.get(e))),
        maxLeft: Math.max(0, ...[...window.weights].filter(([e]) => !drawn.includes(e)).map(([, w]) => w)),
        notice: notice && !notice.hidden ? notice.dataset.ties : null,
        text: notice ? notice.textContent : "",
        points: ui.sigma.getSetting("nodeProgramClasses").circle === Sigma.rendering.NodePointProgram,
      };
    });

  await load(2500, 6000);
  let s = await state();
  check(s.notice === "thinned" && s.ties === 5000, `5,000 of 6,000 ties drawn: ${JSON.stringify(s)}`);
  check(s.minDrawn >= s.maxLeft, `the strongest ties are kept: ${s.minDrawn} < ${s.maxLeft}`);
  check(s.text.includes("5,000 best-corroborated of 6,000 ties"), `the notice says so: ${s.text}`);
  check(s.points, "a big graph is drawn with point sprites");

  done.push("thinned");

  // Actors stay clickable when drawn as point sprites.
  const spot = await page.evaluate(() => {
    const ui = window.ui;
    ui.openProfile = (id) => (window.opened = id);
    const at = ui.sigma.graphToViewport(ui.graph.getNodeAttributes("1234"));
    const box = ui.sigma.getMouseCaptor().container.getBoundingClientRect();
    return [at.x + box.left, at.y + box.top];
  });
  await page.mouse.click(spot[0], spot[1]);
  await page.waitForFunction(() => window.opened !== undefined);
  const opened = await page.evaluate(() => window.opened);
  check(opened === 1234, `a click on actor 1234 opens its profile, got ${opened}`);
  done.push("click");

  await page.click("#tie-toggle");
  s = await state();
  check(s.notice === "all" && s.ties === 6000, `all ties after the click: ${JSON.stringify(s)}`);
  await page.click("#tie-toggle");
  s = await state();
  check(s.notice === "thinned" && s.ties === 5000, `thinned again: ${JSON.stringify(s)}`);
  done.push("show all");

  await page.evaluate(() => window.ui.sigma.getCamera().setState({ ratio: 0.2 }));
  s = await state();
  check(s.notice === "zoomed" && s.ties === 6000, `zoomed in, every tie: ${JSON.stringify(s)}`);
  await page.evaluate(() => window.ui.sigma.getCamera().setState({ ratio: 1 }));
  s = await state();
  check(s.notice === "thinned" && s.ties === 5000, `zoomed out, thinned: ${JSON.stringify(s)}`);
  done.push("zoom");

  await load(40, 90);
  s = await state();
  check(s.notice === null && s.ties === 90 && !s.points, `a small graph as before: ${JSON.stringify(s)}`);
  done.push("small");

  // A ring of weak ties and 6,000 strong ones among the first 300 actors: the ring is not drawn
  // at first, yet no actor on it is alone, and none is folded away as if it were.
  const folded = await page.evaluate(async () => {
    const view = { nodes: [], edges: [], events: [], relations: [], places: [], names: {} };
    const n = 2500;
    for (let i = 0; i < n; i++) view.nodes.push({ id: i, label: `a${i}`, type: "person", x: i % 60, y: Math.floor(i / 60), size: 4 });
    let k = 0;
    const tie = (a, b, weight) => view.edges.push({ id: `event:${k++}`, source: a, target: b, kind: "event", types: ["AGREE"], facts: [k], weight, disputed: false });
    for (let i = 0; i < n; i++) tie(i, (i + 1) % n, 1);
    for (let j = 0; j < 6000; j++) tie(j % 300, (j * 7 + 1) % 300, 9);
    window.ui = new AG.UI({ graph: () => Promise.resolve(view) }, document);
    await window.ui.load({});
    return window.ui.smallNodes.size;
  });
  check(folded === 0, `no actor folded as alone for want of a drawn tie, got ${folded}`);
  done.push("fold");
} catch (e) {
  problems.push(e.message);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ done, problems }));
process.exit(problems.length ? 1 : 0);
