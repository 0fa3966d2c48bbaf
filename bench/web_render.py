"""The network view on a large synthetic graph: time to first render and time per frame while
panning, in headless Chromium (software WebGL: no GPU on this machine), with the app's own
sigma.js settings. Writes its section of docs/performance.md.

    .venv/bin/python bench/web_render.py [--nodes 10000 --edges 50000 --frames 60]

Needs Debian's chromium and tests/browser/node_modules (bash scripts/browser_setup.sh).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src/actorgraph/web/static/vendor"
BROWSER = ROOT / "tests/browser"
DOC = ROOT / "docs/performance.md"
BEGIN, END = "<!-- web:begin -->", "<!-- web:end -->"
TYPES = ["person", "organization", "state", "place", "group"]


def synthetic(nodes: int, edges: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """A network view (the shape /api/graph sends) of a clustered graph: nodes around 40 centres,
    80 % of ties inside a cluster, node sizes skewed like real centralities (a few hubs, many
    leaves) and tie weights like corroboration (most ties one source, a long tail of many)."""
    rnd = random.Random(seed)
    centres = [(rnd.uniform(-100, 100), rnd.uniform(-100, 100)) for _ in range(40)]
    cluster = [rnd.randrange(len(centres)) for _ in range(nodes)]
    members: list[list[int]] = [[] for _ in centres]
    for i, c in enumerate(cluster):
        members[c].append(i)
    node_rows: list[dict[str, Any]] = []
    for i, c in enumerate(cluster):
        cx, cy = centres[c]
        size = 2 + 14 * rnd.paretovariate(3) / 6
        node_rows.append(
            {
                "id": i,
                "label": f"actor {i}",
                "type": TYPES[i % len(TYPES)],
                "x": round(cx + rnd.gauss(0, 8), 3),
                "y": round(cy + rnd.gauss(0, 8), 3),
                "size": round(min(size, 18), 2),
            }
        )
    seen: set[tuple[int, int]] = set()
    edge_rows: list[dict[str, Any]] = []
    while len(edge_rows) < edges:
        a = rnd.randrange(nodes)
        same = members[cluster[a]]
        b = rnd.choice(same) if rnd.random() < 0.8 else rnd.randrange(nodes)
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        kind = "relation" if rnd.random() < 0.1 else "event"
        edge_rows.append(
            {
                "id": f"{kind}:{key[0]}-{key[1]}",
                "source": a,
                "target": b,
                "kind": kind,
                "types": ["AGREE"],
                "facts": [len(edge_rows)],
                "weight": min(int(rnd.paretovariate(1.3)), 60),
                "disputed": rnd.random() < 0.03,
            }
        )
    return {"nodes": node_rows, "edges": edge_rows}


# Three ways of drawing the same graph: the app as it opens, the app once the user asked for
# every tie, and the settings before the big-graph ones (sigma's instanced circles and thick
# ties, every tie), for a before/after on the same machine at the same time.
RUNS = {
    "app": "app: the 5,000 best-corroborated ties (as it opens)",
    "all": "app after “show all ties”",
    "before": "before: sigma's default programs, every tie",
}

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<style>html,body{margin:0;height:100%}#graph{width:1280px;height:800px}</style></head>
<body><div id="graph"></div>
<script src="VENDOR/graphology.umd.min.js"></script>
<script src="VENDOR/sigma.min.js"></script>
<script src="JS/core.js"></script>
<script>
// Two animation frames: the second starts once the first has been drawn and shown.
const shown = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
window.runBench = async function (view, frames, mode) {
  const t0 = performance.now();
  // The app's own graph and settings (AG.networkGraph, AG.sigmaSettings in core.js).
  const built = AG.networkGraph(graphology, view, AG.TIE_BUDGET, mode !== "app");
  const g = built.graph;
  const settings = AG.sigmaSettings(view.edges.length, g.order);
  if (mode === "before") {
    delete settings.nodeProgramClasses;
    delete settings.edgeProgramClasses;
    settings.zIndex = true;
  }
  const builtAt = performance.now();
  const sigma = new Sigma(g, document.getElementById("graph"), settings);
  let renders = [];
  let start = 0;
  sigma.on("beforeRender", () => { start = performance.now(); });
  sigma.on("afterRender", () => { renders.push(performance.now() - start); });
  await shown();
  const first = performance.now();
  // A still frame: everything drawn again, ties and labels included (after a pan or a click).
  sigma.refresh();
  await shown();
  const still = performance.now() - first;
  // Pan as a user's drag does: mouse down on sigma's mouse layer, one move per animation
  // frame (sigma treats the view as moving then), mouse up.
  const layer = sigma.getMouseCaptor().container;
  const at = (type, i) => new MouseEvent(type, {
    clientX: 640 + 60 * Math.cos(i / 12), clientY: 400 + 60 * Math.sin(i / 12),
    button: 0, bubbles: true });
  layer.dispatchEvent(at("mousedown", 0));
  renders = [];
  const stamps = [];
  await new Promise((done) => {
    let i = 0;
    const step = (ts) => {
      stamps.push(ts);
      if (i++ >= frames) return done();
      layer.dispatchEvent(at("mousemove", i));
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  layer.dispatchEvent(at("mouseup", frames));
  // The first interval holds the drag's start: leave it out.
  const intervals = stamps.slice(2).map((t, i) => t - stamps[i + 1]);
  return { build: builtAt - t0, firstRender: first - t0, still, renders, intervals,
           ties: g.size };
};
</script></body></html>"""

# The app's own network tab (core.js, views.js, app.css) over the synthetic view, for a
# screenshot of what an analyst sees.
UI_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="STATIC/app.css"></head>
<body><div class="layout">
<form class="filters"><p id="status" class="status"></p>
<h2>Actor types</h2><ul id="legend" class="legend"></ul></form>
<main><section id="view-network" class="view"><div id="graph" class="graph"></div></section></main>
<aside id="panel" class="panel" hidden></aside></div>
<script src="VENDOR/graphology.umd.min.js"></script>
<script src="VENDOR/sigma.min.js"></script>
<script src="JS/core.js"></script>
<script src="JS/views.js"></script>
<script>
window.showApp = async function (view) {
  const full = { ...view, events: [], relations: [], places: [], names: {} };
  const source = { graph: () => Promise.resolve(full) };
  const ui = new AG.UI(source, document);
  await ui.load({});
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
};
</script></body></html>"""

DRIVER = """import { launch } from "BROWSER/browser.mjs";
import { readFileSync } from "node:fs";
const data = JSON.parse(readFileSync(process.argv[2], "utf8"));
const frames = JSON.parse(process.argv[3]);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
const runs = {};
for (const [mode, count] of Object.entries(frames)) {
  await page.goto("file://" + process.argv[4]);
  runs[mode] = await page.evaluate(
    ([d, f, m]) => window.runBench(d, f, m), [data, count, mode]);
}
if (process.argv[6]) {
  await page.goto("file://" + process.argv[5]);
  await page.evaluate((d) => window.showApp(d), data);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: process.argv[6] });
}
await browser.close();
console.log(JSON.stringify({ runs, errors, version: browser.version() }));
"""


def median(xs: list[float]) -> float:
    s = sorted(xs)
    return s[len(s) // 2] if s else float("nan")


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(len(s) * 0.95))] if s else float("nan")


def _fill(page: str) -> str:
    static = VENDOR.parent
    return (
        page.replace("VENDOR", VENDOR.as_uri())
        .replace("JS", (static / "js").as_uri())
        .replace("STATIC", static.as_uri())
    )


def run(
    nodes: int, edges: int, frames: dict[str, int], screenshot: Path | None = None
) -> dict[str, Any]:
    data = synthetic(nodes, edges)
    with tempfile.TemporaryDirectory(prefix="ag-bench-") as tmp:
        t = Path(tmp)
        (t / "data.json").write_text(json.dumps(data))
        page = t / "page.html"
        page.write_text(_fill(PAGE))
        (t / "ui.html").write_text(_fill(UI_PAGE))
        (t / "driver.mjs").write_text(DRIVER.replace("BROWSER", str(BROWSER)))
        proc = subprocess.run(
            [
                "node",
                str(t / "driver.mjs"),
                str(t / "data.json"),
                json.dumps(frames),
                str(t / "page.html"),
                str(t / "ui.html"),
                str(screenshot.resolve()) if screenshot else "",
            ],
            capture_output=True,
            text=True,
            timeout=1800,
            cwd=BROWSER,
        )
    if proc.returncode != 0:
        raise SystemExit(f"browser run failed: {proc.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if out["errors"]:
        raise SystemExit(f"page errors: {out['errors']}")
    return out


def _row(label: str, run: dict[str, Any]) -> str:
    intervals = [float(x) for x in run["intervals"]]
    renders = [float(x) for x in run["renders"]]
    fps = 1000 / median(intervals) if intervals else float("nan")
    return (
        f"| {label} | {int(run['ties']):,} | {float(run['build']):,.0f} ms "
        f"| {float(run['firstRender']):,.0f} ms | {float(run['still']):,.0f} ms "
        f"| {median(intervals):,.0f} ms ({fps:.1f}/s) | {p95(intervals):,.0f} ms "
        f"| {median(renders):,.1f} ms | {len(intervals)} |"
    )


HEADER = (
    "| settings | ties drawn | build graph | first render (build + setup + first frame) "
    "| still frame (all redrawn) | pan: time per frame, median | pan: 95th percentile "
    "| pan: sigma's JS per frame | frames |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def section(nodes: int, edges: int, out: dict[str, Any]) -> str:
    runs = out["runs"]
    rows = "\n".join(_row(label, runs[mode]) for mode, label in RUNS.items() if mode in runs)
    return f"""{BEGIN}
## Network view in the browser (`bench/web_render.py`)

A synthetic network view of {nodes:,} actors and {edges:,} ties (40 clusters, 80 % of ties inside a
cluster, hub-skewed node sizes, tie weights skewed like corroboration) drawn by the app's own
code (`AG.networkGraph` and `AG.sigmaSettings` in `web/static/js/core.js`, sigma.js
{_version("sigma")}) in headless Chromium {out["version"]} on this machine ({platform.machine()},
2 cores shared with other jobs, **no GPU**: WebGL runs on the SwiftShader software rasteriser on
the CPU, the slowest case). Panning is a drag as a user makes it: mouse down on the graph, one
mouse move per animation frame, mouse up; time per frame is the interval between frames as the
page sees it, sigma's JS time is its own share of it.

{HEADER}
{rows}

Where the time goes (a Chromium trace): sigma's JavaScript is a few milliseconds a frame; the
rest is SwiftShader drawing on the CPU, which Chromium waits for when it reads each WebGL
canvas back for its software compositor. Sigma's default node program draws each disc as an
instanced triangle, which a software rasteriser handles one instance at a time (10,000 discs:
about a second a frame here), and its ties are instanced rectangles. On a big graph (more than
2,000 actors or 5,000 ties) the app therefore draws nodes as point sprites and ties as
one-pixel lines, hides ties and labels while the view moves, and first draws only the 5,000
ties with the most independent sources: the view says so, and zooming in, narrowing the
filters or "show all ties" brings the others back. Small graphs are drawn as before. The
layout is computed by the server (force layout up to 1,500 actors, a spiral beyond), so the
browser only draws. All figures move with the load other jobs put on the 2 cores.
{END}"""


def _version(name: str) -> str:
    versions = json.loads((VENDOR / "VERSIONS.json").read_text())
    return str(versions.get(name, "?"))


def write_section(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN in doc:
        doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: text, doc, flags=re.S)
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    DOC.write_text(doc, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--edges", type=int, default=50_000)
    ap.add_argument("--frames", type=int, default=60, help="pan frames of the app's runs")
    ap.add_argument(
        "--before-frames", type=int, default=10, help="pan frames of the slow 'before' run; 0: skip"
    )
    ap.add_argument("--screenshot", type=Path, help="also save the app's network tab as this PNG")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()
    frames = {"app": args.frames, "all": args.frames}
    if args.before_frames:
        frames["before"] = args.before_frames
    out = run(args.nodes, args.edges, frames, args.screenshot)
    text = section(args.nodes, args.edges, out)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
