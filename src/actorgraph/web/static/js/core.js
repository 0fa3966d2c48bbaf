// Shared helpers of the app and the offline report. Every piece of text from an article or a
// store goes into the page through text nodes (el(), textContent), never as markup, so a
// "<script>" or an "onerror=" in an article stays text.
"use strict";
(function (global) {
  const AG = (global.AG = global.AG || {});

  AG.TYPE_COLORS = {
    person: "#1f77b4",
    organization: "#ff7f0e",
    state: "#2ca02c",
    place: "#9467bd",
    group: "#8c564b", // not red: red means disputed
  };
  // Communities: a palette without the red of disputed ties or the orange of relations.
  AG.COMMUNITY_COLORS = ["#4e79a7", "#2a9d8f", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f", "#17becf", "#bcbd22"];
  AG.OTHER_COMMUNITY = "#b8c2cf";
  AG.PLOVER = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT",
  ];
  AG.MODALITIES = [
    "asserted", "reported", "hedged", "denied", "negated", "future", "intended", "hypothetical",
  ];

  // el("div", {class: "x", onclick: f}, "text", child, ...): strings become text nodes.
  AG.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") {
        node.addEventListener(key.slice(2), value);
      } else if (key === "href") {
        const safe = AG.safeUrl(value);
        if (safe) node.setAttribute("href", safe);
      } else if (key === "dataset") {
        Object.assign(node.dataset, value);
      } else {
        node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    AG.append(node, children);
    return node;
  };

  AG.append = function (node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };

  AG.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  };

  // Only web addresses become links: a "javascript:" URL in a document's metadata stays text.
  AG.safeUrl = function (value) {
    try {
      const url = new URL(String(value), global.location ? global.location.href : undefined);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_e) {
      return null;
    }
  };

  AG.colorOf = (type) => AG.TYPE_COLORS[type] || "#7f7f7f";

  // "2023-07-14", "2023-07", "2023" or "2023-07-01/2023-07-09" -> [first day, last day] in ms.
  AG.dateBounds = function (value) {
    if (!value) return null;
    const [lo, hi] = String(value).split("/");
    const start = AG.parseDay(lo, false);
    const end = AG.parseDay(hi || lo, true);
    return start === null || end === null ? null : [start, end];
  };
  AG.parseDay = function (text, upper) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text || "");
    if (!m) return null;
    const y = +m[1];
    const mo = m[2] ? +m[2] - 1 : upper ? 11 : 0;
    if (m[3]) return Date.UTC(y, mo, +m[3]);
    if (!upper) return Date.UTC(y, mo, 1);
    return Date.UTC(y, mo + 1, 0);
  };
  AG.fmtDay = (ms) => new Date(ms).toISOString().slice(0, 10);

  // Consecutive periods covering [lo, hi) ms, each about `width` ms, on whole years, months or
  // days: [["2004-01-01", "2005-12-31"], ...].
  AG.periods = function (lo, hi, width) {
    const day = 864e5;
    const start = new Date(lo);
    const out = [];
    if (width >= 360 * day) {
      const n = Math.max(1, Math.round(width / (365.25 * day)));
      for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) < hi; y += n) {
        out.push([AG.fmtDay(Date.UTC(y, 0, 1)), AG.fmtDay(Date.UTC(y + n, 0, 1) - day)]);
      }
    } else if (width >= 28 * day) {
      const n = Math.max(1, Math.round(width / (30.44 * day)));
      for (let m = start.getUTCMonth(), y = start.getUTCFullYear(); Date.UTC(y, m, 1) < hi; m += n) {
        out.push([AG.fmtDay(Date.UTC(y, m, 1)), AG.fmtDay(Date.UTC(y, m + n, 1) - day)]);
      }
    } else {
      const n = Math.max(1, Math.round(width / day));
      const first = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
      for (let t = first; t < hi; t += n * day) out.push([AG.fmtDay(t), AG.fmtDay(t + (n - 1) * day)]);
    }
    return out;
  };

  // The sentence as text nodes, with the given [start, end, class] ranges wrapped in <mark>.
  AG.highlight = function (text, ranges) {
    const frag = document.createDocumentFragment();
    const kept = [];
    const sorted = ranges
      .filter((r) => r[0] >= 0 && r[1] <= text.length && r[0] < r[1])
      .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let last = 0;
    for (const r of sorted) {
      if (r[0] < last) continue; // overlaps one already marked
      kept.push(r);
      last = r[1];
    }
    let at = 0;
    for (const [start, end, cls] of kept) {
      if (start > at) frag.append(document.createTextNode(text.slice(at, start)));
      frag.append(AG.el("mark", { class: cls }, text.slice(start, end)));
      at = end;
    }
    if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
    return frag;
  };

  // Text with overlapping marked ranges [start, end, cls, data]: cut at every boundary, each
  // piece a <span> carrying the classes (and data-* of the innermost range) that cover it.
  // Unlike highlight(), nothing is dropped when ranges nest (a name inside a fact's sentence).
  AG.segments = function (text, ranges) {
    const frag = document.createDocumentFragment();
    const good = ranges.filter((r) => r[0] >= 0 && r[1] <= text.length && r[0] < r[1]);
    const cuts = [...new Set([0, text.length, ...good.flatMap((r) => [r[0], r[1]])])].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [a, b] = [cuts[i], cuts[i + 1]];
      const over = good.filter((r) => r[0] <= a && r[1] >= b).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
      if (!over.length) {
        frag.append(document.createTextNode(text.slice(a, b)));
        continue;
      }
      const data = {};
      for (const r of over.slice().reverse()) Object.assign(data, r[3] || {});
      frag.append(AG.el("span", { class: [...new Set(over.map((r) => r[2]))].join(" "), dataset: data }, text.slice(a, b)));
    }
    return frag;
  };

  // Every case-insensitive occurrence of each name in text, as [start, end, cls].
  AG.findNames = function (text, names, cls) {
    const out = [];
    const lower = text.toLowerCase();
    for (const name of names) {
      if (!name || name.length < 2) continue;
      const needle = name.toLowerCase();
      let at = lower.indexOf(needle);
      while (at !== -1) {
        const before = at === 0 ? " " : lower[at - 1];
        const after = lower[at + needle.length] || " ";
        if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
          out.push([at, at + needle.length, cls]);
        }
        at = lower.indexOf(needle, at + needle.length);
      }
    }
    return out;
  };

  // The network's sigma.js settings. Without a GPU, WebGL runs on the CPU and each frame costs
  // in proportion to what it draws (see docs/performance.md), so a big graph gets lighter
  // programs: nodes as point sprites and ties as one-pixel lines (sigma's instanced circles and
  // thick ties cost several times more per item in a software rasteriser), ties and labels
  // hidden while the view moves, no tie picking and no z-sorting. Small graphs keep the defaults.
  AG.BIG_GRAPH_NODES = 2000;
  AG.BIG_GRAPH_EDGES = 5000;
  AG.isBigGraph = (nodeCount, edgeCount) =>
    nodeCount > AG.BIG_GRAPH_NODES || edgeCount > AG.BIG_GRAPH_EDGES;
  AG.sigmaSettings = function (edgeCount, nodeCount) {
    const big = AG.isBigGraph(nodeCount || 0, edgeCount);
    const settings = {
      // A hidden tab's network is drawn when shown again (UI.networkStale): no error meanwhile.
      allowInvalidContainer: true,
      enableEdgeEvents: !big,
      renderEdgeLabels: false,
      // Labels are chosen by UI.chooseLabels (forceLabel, labelAt): none by size alone.
      labelRenderedSizeThreshold: 1e6,
      defaultDrawNodeLabel: AG.drawLabel,
      zIndex: !big,
      hideEdgesOnMove: big,
      hideLabelsOnMove: big,
    };
    const programs = global.Sigma && global.Sigma.rendering;
    if (big && programs) {
      settings.nodeProgramClasses = { circle: programs.NodePointProgram };
      settings.edgeProgramClasses = { line: programs.EdgeLineProgram };
    }
    return settings;
  };

  // Level of detail: a big graph first draws only its best-corroborated ties (the most
  // independent sources); the others join when the user zooms in past ZOOM_ALL_TIES or asks
  // for all of them. Every actor is always drawn.
  AG.TIE_BUDGET = 5000;
  AG.ZOOM_ALL_TIES = 0.3;

  // The opening view: the actors that matter are named (as many as fit without overlap); from
  // this many actors on, the tiny components are folded away until asked for.
  AG.LABELS_AT_START = 40; // at most so many names at the opening zoom (more when zoomed in)
  AG.LABEL_CANDIDATES = 3000; // actors considered for a name, in order of importance
  AG.FOLD_FROM = 60;
  AG.TINY = 5; // components of at most so many actors are folded (web/network.py: TINY_COMPONENT)

  // Where a name goes around its actor, in order of preference, and the box it takes there
  // ([x0, y0, x1, y1] on screen, for a text w wide and h high beside a disc of radius r).
  AG.LABEL_SIDES = ["right", "left", "above", "below"];
  AG.labelBox = function (at, x, y, r, w, h) {
    if (at === "left") return [x - r - 4 - w, y - h * 0.65, x - r - 2, y + h * 0.5];
    if (at === "above") return [x - w / 2 - 1, y - r - 3 - h * 1.1, x + w / 2 + 1, y - r - 1];
    if (at === "below") return [x - w / 2 - 1, y + r + 1, x + w / 2 + 1, y + r + 3 + h * 1.1];
    return [x + r + 2, y - h * 0.65, x + r + 4 + w, y + h * 0.5];
  };

  // Sigma's label drawer, on the side chosen (attribute labelAt), with a white halo that keeps
  // the name readable over ties.
  AG.drawLabel = function (ctx, data, settings) {
    if (!data.label) return;
    const h = settings.labelSize;
    ctx.font = `${settings.labelWeight} ${h}px ${settings.labelFont}`;
    const w = ctx.measureText(data.label).width;
    const b = AG.labelBox(data.labelAt || "right", data.x, data.y, data.size, w, h);
    const x = data.labelAt === "above" || data.labelAt === "below" ? b[0] + 1 : b[0] + (data.labelAt === "left" ? 0 : 1);
    const y = b[3] - h * 0.22;
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.strokeText(data.label, x, y);
    ctx.fillStyle = "#1d2733";
    ctx.fillText(data.label, x, y);
  };

  AG.tieColor = (e) => (e.disputed ? "#d62728" : e.kind === "relation" ? "#e8a45f" : "#7f8ea3");
  // On a busy view the ties are drawn paler (the same hues), so that the long ties between
  // communities do not bury the actors.
  AG.BUSY_TIES = 300;
  AG.busyColor = (hex) => {
    // Mixed with white rather than made transparent (WebGL blends alpha unevenly).
    const v = parseInt(hex.slice(1), 16);
    const mix = (c) => Math.round(c * 0.55 + 255 * 0.45).toString(16).padStart(2, "0");
    return `#${mix((v >> 16) & 255)}${mix((v >> 8) & 255)}${mix(v & 255)}`;
  };

  AG.addTies = function (graph, ties, busy) {
    for (const [e, rank] of ties) {
      graph.addEdgeWithKey(e.id, String(e.source), String(e.target), {
        size: Math.min(1.5 + Math.log2(e.weight + 1), 7),
        color: busy && !e.disputed ? AG.busyColor(AG.tieColor(e)) : AG.tieColor(e),
        label: e.types.join(", "),
        kind: e.kind,
        facts: e.facts,
        rank,
      });
    }
  };

  // The view's graphology graph. A big graph with more than `budget` ties has them ranked,
  // strongest first, and holds only the first `budget` unless keepAll; the others come back
  // as [tie, rank] pairs in `rest`. A small graph holds all its ties in the server's order.
  AG.networkGraph = function (graphology, view, budget, keepAll) {
    const g = new graphology.MultiGraph();
    for (const n of view.nodes) {
      g.addNode(String(n.id), {
        label: n.label,
        x: n.x,
        y: n.y,
        size: n.size,
        color: AG.colorOf(n.type),
        actorType: n.type,
      });
    }
    let ties = view.edges.map((e, i) => [e, i]);
    const ranked = AG.isBigGraph(view.nodes.length, view.edges.length) && view.edges.length > budget;
    if (ranked) {
      ties = ties
        .sort((a, b) => b[0].weight - a[0].weight || +b[0].disputed - +a[0].disputed || a[1] - b[1])
        .map(([e], rank) => [e, rank]);
    }
    const cut = ranked && !keepAll ? budget : ties.length;
    AG.addTies(g, ties.slice(0, cut), view.edges.length > AG.BUSY_TIES);
    return { graph: g, rest: ties.slice(cut), ranked };
  };

  // -- exports of what is on screen -------------------------------------------------------------

  AG.escapeXml = (v) =>
    String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);

  // The network as drawn now (same camera, same hidden ties) as an SVG document.
  AG.networkSvg = function (sigma, graph, title, labelled) {
    const { width, height } = sigma.getDimensions();
    const out = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">`,
      `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ];
    const scale = (size) => (sigma.scaleSize ? sigma.scaleSize(size) : size);
    const at = (key) => {
      const d = sigma.getNodeDisplayData(key);
      return d && !d.hidden ? { ...sigma.framedGraphToViewport(d), size: scale(d.size), color: d.color, label: d.label } : null;
    };
    const edges = [];
    graph.forEachEdge((key, attrs, source, target) => {
      const e = sigma.getEdgeDisplayData(key);
      const a = at(source);
      const b = at(target);
      if (!e || e.hidden || !a || !b) return;
      edges.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${AG.escapeXml(e.color || attrs.color)}" stroke-width="${Math.min(6, Math.max(0.6, (e.size || 1) * 0.6)).toFixed(2)}" stroke-opacity="0.8"/>`);
    });
    out.push(`<g class="ties">${edges.join("")}</g>`);
    const nodes = [];
    const labels = [];
    graph.forEachNode((key) => {
      const n = at(key);
      if (!n || n.x < -50 || n.y < -50 || n.x > width + 50 || n.y > height + 50) return;
      nodes.push(`<circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${Math.max(1, n.size).toFixed(2)}" fill="${AG.escapeXml(n.color)}" stroke="#ffffff" stroke-width="0.8"><title>${AG.escapeXml(n.label || "")}</title></circle>`);
      // The names drawn on screen (chosen not to overlap), or the larger actors' without a choice.
      if (n.label && (labelled ? labelled.has(key) : n.size >= 5)) {
        const side = (labelled && labelled.get(key)) || "right";
        const b = AG.labelBox(side, n.x, n.y, n.size, 0, 12);
        const anchor = side === "left" ? "end" : side === "right" ? "start" : "middle";
        const x = side === "left" ? b[2] : side === "right" ? b[0] : n.x;
        labels.push(`<text x="${x.toFixed(1)}" y="${(b[3] - 3).toFixed(1)}" text-anchor="${anchor}" font-size="12" fill="#1d2733" stroke="#ffffff" stroke-width="3" paint-order="stroke">${AG.escapeXml(n.label)}</text>`);
      }
    });
    out.push(`<g class="actors">${nodes.join("")}</g><g class="labels">${labels.join("")}</g>`);
    let y = 18;
    for (const [type, color] of Object.entries(AG.TYPE_COLORS)) {
      out.push(`<circle cx="14" cy="${y - 4}" r="5" fill="${color}"/><text x="24" y="${y}" font-size="11" fill="#4a5768">${type}</text>`);
      y += 16;
    }
    if (title) out.push(`<text x="10" y="${height - 10}" font-size="11" fill="#6b7888">${AG.escapeXml(title)}</text>`);
    out.push("</svg>");
    return out.join("\n");
  };

  // An SVG document drawn onto a canvas: a PNG blob of the same picture.
  AG.svgToPng = function (svgText, width, height) {
    return new Promise((resolve, reject) => {
      const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
      const img = new Image();
      img.onload = () => {
        const ratio = 2; // a sharper picture than the screen's
        const canvas = document.createElement("canvas");
        canvas.width = width * ratio;
        canvas.height = height * ratio;
        const ctx = canvas.getContext("2d");
        ctx.scale(ratio, ratio);
        ctx.drawImage(img, 0, 0, width, height);
        URL.revokeObjectURL(url);
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("could not draw the PNG"))), "image/png");
      };
      img.onerror = () => reject(new Error("could not draw the SVG"));
      img.src = url;
    });
  };

  // Cells that a spreadsheet would read as a formula are prefixed with a quote.
  AG.csv = function (rows) {
    const cell = (v) => {
      let t = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : String(v);
      if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
      return /[",\n\r;]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
    };
    return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  };

  // The facts of a network view as CSV rows: events, then relations.
  AG.factsCsv = function (view) {
    const name = (i) => view.names[i] || `#${i}`;
    const conf = (k) => (view.confidence || {})[k];
    const rows = [["kind", "id", "date", "type", "source", "target", "independent_sources", "mentions", "modalities", "disputed", "status", "confidence", "first_reported"]];
    for (const e of view.events) {
      rows.push(["event", e.id, e.date, e.type, e.source.map(name), e.target.map(name), e.sources, e.mentions, e.modalities, e.disputed, e.status, conf(`event:${e.id}`), e.first_reported]);
    }
    for (const r of view.relations) {
      const when = r.start || r.end ? `${r.start || ""}/${r.end || ""}` : "";
      rows.push(["relation", r.id, when, r.type, [name(r.head)], [name(r.tail)], r.sources, r.mentions, r.modalities, r.disputed, r.status, conf(`relation:${r.id}`), r.first_reported]);
    }
    return AG.csv(rows);
  };

  AG.download = function (name, blob) {
    const url = URL.createObjectURL(blob);
    const a = AG.el("a", { download: name });
    a.href = url; // a blob: address, which AG.safeUrl would refuse
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  };

  AG.shorten = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
  AG.plural = (n, word, many) => `${n.toLocaleString("en")} ${n === 1 ? word : many || `${word}s`}`;
})(window);
