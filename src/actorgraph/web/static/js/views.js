// The views of the app and of the offline report: network (sigma.js on WebGL), timeline (SVG),
// map (Leaflet over bundled country outlines), actor profile and evidence panel. They read
// data through a "source" (the REST API in the app, an embedded snapshot in the report).
"use strict";
(function (global) {
  const AG = global.AG;
  const el = AG.el;
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c));
    return node;
  }

  class UI {
    constructor(source, root) {
      this.source = source;
      this.root = root || document;
      this.view = null; // the last NetworkView
      this.sigma = null;
      this.map = null;
      this.mapLayer = null;
      this.tab = "network";
      this.panelFact = null;
      // Each graph or search request gets a number; an answer that is not the latest one is
      // dropped, so a slow old answer never overwrites a newer view or list.
      this.loadSeq = 0;
      this.loadAbort = null;
      this.searchSeq = 0;
    }

    $(id) {
      return this.root.getElementById(id);
    }

    names(id) {
      return (this.view && this.view.names[id]) || `#${id}`;
    }

    status(text, isError) {
      const box = this.$("status");
      if (!box) return;
      box.textContent = text || "";
      box.className = isError ? "status error" : "status";
    }

    async guard(promise) {
      try {
        return await promise;
      } catch (e) {
        this.status(e.message || String(e), true);
        throw e;
      }
    }

    // -- tabs ---------------------------------------------------------------------------------

    showTab(name) {
      this.tab = name;
      for (const b of this.root.querySelectorAll("[data-tab]")) {
        b.classList.toggle("active", b.dataset.tab === name);
        b.setAttribute("aria-selected", b.dataset.tab === name ? "true" : "false");
      }
      for (const s of this.root.querySelectorAll("section.view")) {
        s.hidden = s.id !== `view-${name}`;
      }
      if (name === "map") this.renderMap();
      if (name === "network" && this.networkStale) this.renderNetwork();
      else if (name === "network" && this.sigma) {
        // Hidden, the canvas had no size: measure it again before anything is placed on it.
        this.sigma.resize();
        this.sigma.refresh();
        this.chooseLabels();
      }
      if (name === "timeline") this.renderTimeline();
      this.changed(true);
    }

    // What is on show changed: the app writes it into the address (a new history entry when
    // `push`, else the current one is updated, e.g. while the camera moves).
    changed(push) {
      // Playing through time updates the address without a history entry per step.
      if (this.onChange && !this.restoring) this.onChange(push && !this.playing);
    }

    select(what) {
      this.selection = what;
      this.changed(true);
    }

    // -- network ------------------------------------------------------------------------------

    // The view for these filters. Returns null when a newer load() was started meanwhile: its
    // answer, not this one, is drawn (the previous request is aborted too).
    async load(filters) {
      const seq = ++this.loadSeq;
      if (this.loadAbort) this.loadAbort.abort();
      const abort = global.AbortController ? new global.AbortController() : null;
      this.loadAbort = abort;
      this.filters = filters || {};
      this.status("loading…");
      let view;
      try {
        view = await this.source.graph(this.filters, abort ? abort.signal : undefined);
      } catch (e) {
        if (seq !== this.loadSeq) return null;
        this.status(e.message || String(e), true);
        throw e;
      }
      if (seq !== this.loadSeq) return null;
      this.loadAbort = null;
      this.view = view;
      this.highlight = null; // a new view: what was highlighted may not be in it
      this.renderNetwork();
      this.frameCamera();
      this.renderTimeline();
      if (this.tab === "map") this.renderMap();
      const n = view.nodes.length;
      const left = view.undated && !view.undated_included ? ` (${AG.plural(view.undated, "undated event")} left out)` : "";
      this.lastStatus =
        `${AG.plural(n, "actor")}, ${AG.plural(view.events.length, "event")}, ` +
        `${AG.plural(view.relations.length, "relation")}${left}`;
      this.status(this.lastStatus);
      const counter = this.$("fact-count");
      if (counter) counter.textContent = String(view.events.length);
      this.changed(true);
      return view;
    }

    renderNetwork() {
      const container = this.$("graph");
      if (!container || !this.view) return;
      // Sigma measures its container: a hidden tab is drawn when it is shown.
      this.networkStale = container.offsetWidth === 0;
      if (this.networkStale) return;
      const built = AG.networkGraph(global.graphology, this.view, AG.TIE_BUDGET, this.allTies);
      const g = built.graph;
      const big = AG.isBigGraph(g.order, this.view.edges.length);
      this.graph = g;
      if (this.sigma && this.sigmaBig === big) {
        // The same renderer and camera, a new graph: what stays in the view stays in place.
        this.sigma.setGraph(g);
        this.sigma.resize();
      } else {
        if (this.sigma) this.sigma.kill();
        AG.clear(container);
        this.sigma = new global.Sigma(g, container, AG.sigmaSettings(this.view.edges.length, g.order));
        this.sigmaBig = big;
        this.bindNetwork(container);
      }
      // Every view of a store is drawn in the frame of the store's whole layout (without its
      // tiny components), so an actor is where it was under the other filters.
      const f = this.view.frame;
      this.sigma.setCustomBBox(f ? { x: [f[0], f[2]], y: [f[1], f[3]] } : null);
      // Ties left out of a big graph: [tie, rank] pairs, strongest first (see AG.networkGraph).
      this.tieRest = built.rest;
      this.tiesRanked = built.ranked;
      this.tiesAll = !built.rest.length;
      this.zoomedIn = this.tiesRanked && this.sigma.getCamera().getState().ratio < AG.ZOOM_ALL_TIES;
      if (this.zoomedIn) this.applyTies();
      this.prepareOpening(g);
      this.paintCommunities();
      this.pinNodes(g);
      for (const key of this.selected || []) if (g.hasNode(key)) g.setNodeAttribute(key, "highlighted", true);
      this.renderSelectionBar();
      this.renderLegend();
      this.renderTieNotice();
      this.renderFocusBar();
      this.renderExportBar();
      this.renderHighlightNote();
      this.renderTimeStrip();
      this.applyReducers();
      // Labels and the camera need the positions on screen, which sigma knows once it has
      // processed the graph: now, rather than at the next frame.
      this.sigma.refresh();
      this.labelsDirty = true;
      this.chooseLabels();
    }

    // The renderer's handlers, bound once per renderer (they read this.graph, which a new view
    // replaces).
    bindNetwork(container) {
      const camera = this.sigma.getCamera();
      camera.on("updated", ({ ratio }) => {
        if (this.tiesRanked && ratio < AG.ZOOM_ALL_TIES !== this.zoomedIn) {
          this.zoomedIn = !this.zoomedIn;
          this.applyTies();
        }
        // Labels are chosen again for the new camera: more fit when zoomed in. A big graph
        // hides its labels while moving anyway: once the camera rests.
        if (this.sigmaBig) {
          clearTimeout(this.labelTimer);
          this.labelTimer = setTimeout(() => this.chooseLabels(), 150);
        } else if (!this.labelFrame) {
          this.labelFrame = global.requestAnimationFrame(() => ((this.labelFrame = null), this.chooseLabels()));
        }
        // The camera goes into the address too, once it rests.
        clearTimeout(this.cameraTimer);
        this.cameraTimer = setTimeout(() => this.changed(false), 400);
      });
      this.sigma.on("resize", () => this.chooseLabels());
      this.sigma.on("afterRender", () => {
        if (!this.labelsDirty) return;
        this.labelsDirty = false;
        this.chooseLabels();
      });
      this.enableDrag(container);
      this.sigma.on("clickNode", ({ node, event }) => {
        if (this.dragged) return; // the end of a drag is not a click
        const orig = event && event.original;
        if (orig && (orig.shiftKey || orig.ctrlKey || orig.metaKey)) return this.toggleSelected(node);
        this.openProfile(+node);
      });
      // Double click: add the actor's neighbours to the view (node-by-node expansion).
      this.sigma.on("doubleClickNode", (ev) => {
        if (ev.preventSigmaDefault) ev.preventSigmaDefault();
        const orig = ev.event && ev.event.original;
        if (orig && (orig.shiftKey || orig.ctrlKey || orig.metaKey)) return; // quick selection clicks
        this.expand(+ev.node);
      });
      this.sigma.on("clickEdge", ({ edge }) => {
        const attrs = this.graph.getEdgeAttributes(edge);
        this.openTie(attrs.kind, attrs.facts);
      });
      this.sigma.on("enterNode", () => (container.style.cursor = "pointer"));
      this.sigma.on("leaveNode", () => (container.style.cursor = "default"));
    }

    // The camera after a new view: it stays where it is (an actor keeps its place on screen
    // across filters) unless a neighbourhood was opened or closed, or nothing shown is in view;
    // then it moves, animated, over what is shown.
    frameCamera() {
      if (!this.sigma || this.networkStale) return;
      const focus = String((this.filters && this.filters.focus) || "");
      const changed = focus !== (this.lastFocus || "");
      this.lastFocus = focus;
      if (this.restoring) return; // the address brings its own camera
      const shown = this.graph.filterNodes((k) => {
        const d = this.sigma.getNodeDisplayData(k);
        return d && !d.hidden;
      });
      if (!shown.length) return;
      const { width, height } = this.sigma.getDimensions();
      const inView = shown.some((k) => {
        const p = this.sigma.framedGraphToViewport(this.sigma.getNodeDisplayData(k));
        return p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
      });
      if (focus && (changed || !inView)) this.fitNodes(shown);
      else if (changed) this.fitView();
      else if (!inView) this.fitNodes(shown);
    }

    // -- labels: the actors that matter, named without overlap -------------------------------

    // Who is named first: the actors with the most independent sources and the brokers, taken
    // in turn (an actor's place is the better of its two ranks); what is highlighted or
    // selected comes before both.
    labelOrder() {
      const nodes = this.view.nodes;
      const bySize = nodes.slice().sort((a, b) => b.size - a.size || a.id - b.id);
      const byBroker = nodes.filter((n) => n.broker > 0).sort((a, b) => b.broker - a.broker || a.id - b.id);
      const rank = new Map();
      bySize.forEach((n, i) => rank.set(n.id, [i, i]));
      byBroker.forEach((n, i) => rank.get(n.id)[0] = Math.min(rank.get(n.id)[0], i));
      const order = bySize.map((n) => n.id).sort((a, b) => rank.get(a)[0] - rank.get(b)[0] || rank.get(a)[1] - rank.get(b)[1]);
      return order.map(String);
    }

    // Names as many of the actors that matter as fit at this zoom without two labels
    // overlapping or a label covering a named actor's disc (sigma's own label grid lets
    // forced labels overlap). Runs again whenever the camera moves.
    chooseLabels() {
      const s = this.sigma;
      const g = this.graph;
      if (!s || !g || this.networkStale || !this.view) return;
      if (!this.labelKeys || this.labelKeysOf !== this.view) {
        // The first few thousand candidates are plenty: names stop fitting long before.
        this.labelKeys = this.labelOrder().slice(0, AG.LABEL_CANDIDATES);
        this.labelKeysOf = this.view;
        this.labelWidths = new Map();
      }
      const settings = s.getSettings();
      const font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
      this.measure = this.measure || document.createElement("canvas").getContext("2d");
      this.measure.font = font;
      const { width, height } = s.getDimensions();
      const ratio = s.getCamera().getState().ratio;
      const cap = Math.min(400, Math.round(AG.LABELS_AT_START / Math.min(1, Math.sqrt(ratio))));
      const lit = this.highlight ? this.highlight.nodes : null;
      const first = [...(this.selected || []), ...(lit || []), this.focused].filter((k) => k && g.hasNode(k));
      const boxes = [];
      const overlaps = (b) => boxes.some((o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
      const chosen = new Map(); // actor -> where its name goes
      const h = settings.labelSize;
      for (const key of [...new Set([...first, ...this.labelKeys])]) {
        if (chosen.size >= cap) break;
        if (!g.hasNode(key) || (lit && !lit.has(key))) continue;
        const d = s.getNodeDisplayData(key);
        if (!d || d.hidden || !d.label) continue;
        const p = s.framedGraphToViewport(d);
        const r = s.scaleSize(d.size);
        if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) continue;
        const disc = [p.x - r, p.y - r, p.x + r, p.y + r];
        if (overlaps(disc)) continue;
        let w = this.labelWidths.get(d.label);
        if (w === undefined) this.labelWidths.set(d.label, (w = this.measure.measureText(d.label).width));
        // Right of the actor, else left, above or below: the first place that is free.
        const side = AG.LABEL_SIDES.find((at) => {
          const b = AG.labelBox(at, p.x, p.y, r, w, h);
          return b[0] >= 0 && b[2] <= width && b[1] >= 0 && b[3] <= height && !overlaps(b);
        });
        if (!side) continue;
        boxes.push(AG.labelBox(side, p.x, p.y, r, w, h), disc);
        chosen.set(key, side);
      }
      const before = this.labelled || new Map();
      this.labelled = chosen;
      g.forEachNode((key, attrs) => {
        const at = chosen.get(key);
        if (Boolean(attrs.forceLabel) !== Boolean(at) || (at && attrs.labelAt !== at)) {
          g.mergeNodeAttributes(key, { forceLabel: Boolean(at), labelAt: at || null });
        }
      });
      return before;
    }

    // -- time: a timeline with zoom and brush that drives the network, and play -------------

    // Every dated event under the filters other than the time ones ({id, type, b: [first,
    // last] in ms}): what the time charts show around the period on view.
    timeItems() {
      const v = this.view;
      const base = v.time_base && (v.time_base.length || v.events.every((e) => !e.date))
        ? v.time_base.map(([id, date, type]) => ({ id, date, type }))
        : v.events.filter((e) => e.date);
      return base.map((e) => ({ id: e.id, type: e.type, date: e.date, b: AG.dateBounds(e.date) })).filter((x) => x.b);
    }

    // [lo, hi) of all the events (ms), widened to a month at least.
    timeRange(items) {
      let lo = Math.min(...items.map((x) => x.b[0]));
      let hi = Math.max(...items.map((x) => x.b[1])) + 864e5;
      if (hi - lo < 864e5 * 30) {
        lo -= 864e5 * 15;
        hi += 864e5 * 15;
      }
      return [lo, hi];
    }

    // The zoomed span (ms), inside the whole range.
    timeDomain(range) {
      const z = this.timeZoom;
      if (!z) return range;
      // A week at least: the axis names days, and a closer look has nothing more to show.
      const week = 864e5 * 7;
      const mid = (z[0] + z[1]) / 2;
      const [a, b] = z[1] - z[0] >= week ? z : [mid - week / 2, mid + week / 2];
      const lo = Math.max(range[0], a);
      const hi = Math.min(range[1], b);
      return hi - lo >= 864e5 ? [lo, hi] : range;
    }

    zoomTime(factor, at) {
      const items = this.timeItems();
      if (!items.length) return;
      const range = this.timeRange(items);
      const [lo, hi] = this.timeDomain(range);
      const centre = at === undefined ? (lo + hi) / 2 : at;
      const span = Math.max(864e5 * 7, Math.min(range[1] - range[0], (hi - lo) * factor));
      let a = centre - ((centre - lo) / (hi - lo)) * span;
      a = Math.max(range[0], Math.min(a, range[1] - span));
      this.timeZoom = span >= range[1] - range[0] ? null : [a, a + span];
      this.renderTime();
    }

    // Both time charts: the dock under the network and the Timeline tab's lanes.
    renderTime() {
      this.renderTimeStrip();
      if (this.tab === "timeline") this.renderTimeChart(this.$("timeline-chart"), true);
    }

    renderTimeStrip() {
      const container = this.$("graph");
      if (!container || !this.source.writable) return; // the brief has its own timeline
      let strip = this.$("time-strip");
      if (!strip) {
        strip = el("div", { id: "time-strip", class: "time-strip" });
        container.parentNode.insertBefore(strip, container.nextSibling);
      }
      this.renderTimeChart(strip, false);
    }

    // A time chart in `box`: controls (play, zoom, the period), an overview of the whole
    // range whose window is the zoom (drag over it to zoom there), and the zoomed span: bars
    // per period or (lanes) one lane per event type and a mark per event. Drag over the
    // zoomed span to narrow the view to a period, click it to clear the period, wheel to zoom.
    renderTimeChart(box, lanes) {
      if (!box || !this.view) return;
      AG.clear(box);
      const items = this.timeItems();
      if (!lanes && !items.length) {
        // The dock stays (the network keeps its size): it says why it is empty.
        box.hidden = false;
        box.append(el("p", { class: "empty" }, "No dated event under these filters: nothing to show over time."));
        return;
      }
      box.hidden = !items.length;
      if (box.hidden) return;
      const f = this.filters || {};
      const live = Boolean(this.source.writable); // the brief cannot filter again
      const range = this.timeRange(items);
      const [lo, hi] = this.timeDomain(range);
      const shown = new Set(this.view.events.map((e) => e.id));
      const width = Math.max(480, (box.clientWidth || (box.parentNode && box.parentNode.clientWidth) || 800) - 24);
      const left = lanes ? 110 : 8;
      const right = width - 12;
      const types = lanes ? [...new Set(items.map((x) => x.type))].sort() : [];
      const over = 16; // the overview band
      const mainTop = over + 10;
      const mainH = lanes ? types.length * 24 + 8 : 44;
      const height = mainTop + mainH + 20;
      const xOf = (ms) => left + ((ms - lo) / (hi - lo)) * (right - left);
      const msOf = (x) => lo + ((Math.max(left, Math.min(right, x)) - left) / (right - left)) * (hi - lo);
      const oxOf = (ms) => left + ((ms - range[0]) / (range[1] - range[0])) * (right - left);
      const omsOf = (x) => range[0] + ((Math.max(left, Math.min(right, x)) - left) / (right - left)) * (range[1] - range[0]);
      const chart = svg("svg", { width, height, class: `time-chart${lanes ? " lanes" : ""}`, role: "img", "aria-label": "events over time" });
      // Overview: the whole range, the zoom window framed.
      const obins = Math.max(24, Math.round((right - left) / 6));
      const ocounts = new Array(obins).fill(0);
      for (const x of items) ocounts[Math.min(obins - 1, Math.floor(((x.b[0] - range[0]) / (range[1] - range[0])) * obins))]++;
      const otop = Math.max(...ocounts, 1);
      const overview = svg("g", { class: "overview" });
      overview.append(svg("rect", { x: left, y: 0, width: right - left, height: over, class: "overview-bg" }));
      ocounts.forEach((c, i) => {
        const h = c ? Math.max(2, (c / otop) * (over - 2)) : 0;
        if (h) overview.append(svg("rect", { x: left + (i * (right - left)) / obins, y: over - h, width: Math.max(1, (right - left) / obins - 1), height: h, class: "obar" }));
      });
      overview.append(svg("rect", { x: oxOf(lo), y: 0, width: Math.max(3, oxOf(hi) - oxOf(lo)), height: over, class: "zoom-window" }));
      chart.append(overview);
      // The zoomed span.
      const main = svg("g", { class: "main" });
      main.append(svg("rect", { x: left, y: mainTop, width: right - left, height: mainH, class: "main-bg" }));
      const since = AG.dateBounds(f.since || "");
      const until = AG.dateBounds(f.until || "");
      if (since || until) {
        const a = Math.max(left, since ? xOf(since[0]) : left);
        const b = Math.min(right, until ? xOf(until[1] + 864e5) : right);
        if (b > left && a < right) main.append(svg("rect", { x: a, y: mainTop, width: Math.max(2, b - a), height: mainH, class: "window" }));
      }
      const span = hi - lo;
      const fmt = span > 864e5 * 365 * 3 ? (ms) => AG.fmtDay(ms).slice(0, 4) : span > 864e5 * 90 ? (ms) => AG.fmtDay(ms).slice(0, 7) : AG.fmtDay;
      const ticks = Math.max(1, Math.min(6, Math.floor(span / 864e5))); // no two ticks on one day
      for (let i = 0; i <= ticks; i++) {
        const ms = lo + (span * i) / ticks;
        const x = xOf(ms);
        main.append(svg("line", { x1: x, x2: x, y1: mainTop, y2: mainTop + mainH + 4, class: "tick" }));
        main.append(svg("text", { x, y: height - 4, class: "tick-label", "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle" }, fmt(ms)));
      }
      const visible = items.filter((x) => x.b[1] >= lo && x.b[0] < hi);
      if (lanes) {
        types.forEach((t, i) => {
          const y = mainTop + 14 + i * 24;
          main.append(svg("text", { x: 4, y: y + 4, class: "lane-label" }, t));
          main.append(svg("line", { x1: left, x2: right, y1: y, y2: y, class: "lane" }));
        });
        const facts = new Map(this.view.events.map((e) => [e.id, e]));
        for (const x of visible) {
          const y = mainTop + 14 + types.indexOf(x.type) * 24;
          const x1 = Math.max(left, xOf(x.b[0]));
          const x2 = Math.min(right, xOf(x.b[1] + 864e5));
          const e = facts.get(x.id);
          const on = shown.has(x.id);
          const who = e ? [...e.source, ...e.target].map((id) => this.names(id)).join(" → ") : "";
          const attrs = { class: `dot${on ? "" : " outside"}${e && e.disputed ? " disputed" : ""}`, "data-event": x.id };
          const mark = x2 - x1 > 6
            ? svg("rect", { ...attrs, x: x1, y: y - 5, width: x2 - x1, height: 10, rx: 4 })
            : svg("circle", { ...attrs, cx: (x1 + x2) / 2, cy: y, r: e ? 3 + Math.min(e.sources, 5) : 3 });
          mark.append(svg("title", {}, `${x.date} ${x.type}${who ? `: ${who}` : ""}${on ? "" : " (outside the period)"}`));
          main.append(mark);
        }
      } else {
        const bins = Math.max(24, Math.round((right - left) / 9));
        const counts = new Array(bins).fill(0);
        const inside = new Array(bins).fill(0);
        for (const x of visible) {
          const i = Math.min(bins - 1, Math.max(0, Math.floor(((x.b[0] - lo) / span) * bins)));
          counts[i]++;
          if (shown.has(x.id)) inside[i]++;
        }
        const top = Math.max(...counts, 1);
        counts.forEach((c, i) => {
          if (!c) return;
          const h = Math.max(2, (c / top) * (mainH - 4));
          const x = left + (i * (right - left)) / bins + 0.5;
          const w = Math.max(1, (right - left) / bins - 1);
          main.append(svg("rect", { x, y: mainTop + mainH - h, width: w, height: h, class: inside[i] ? "bar" : "bar outside" }));
        });
      }
      const band = svg("rect", { x: 0, y: mainTop, width: 0, height: mainH, class: "brush" });
      main.append(band);
      chart.append(main);
      // Pointer: drag on the overview zooms there; drag on the span brushes a period.
      let drag = null;
      const xAt = (ev) => ev.clientX - chart.getBoundingClientRect().left;
      const yAt = (ev) => ev.clientY - chart.getBoundingClientRect().top;
      chart.addEventListener("pointerdown", (ev) => {
        ev.preventDefault(); // no text selection while dragging
        drag = { x: xAt(ev), where: yAt(ev) <= over + 2 ? "overview" : "main", target: ev.target };
        chart.setPointerCapture(ev.pointerId);
      });
      chart.addEventListener("pointermove", (ev) => {
        if (!drag) return;
        const x = xAt(ev);
        band.setAttribute("y", drag.where === "overview" ? 0 : mainTop);
        band.setAttribute("height", drag.where === "overview" ? over : mainH);
        band.setAttribute("x", Math.min(drag.x, x));
        band.setAttribute("width", Math.abs(x - drag.x));
      });
      chart.addEventListener("pointerup", (ev) => {
        if (!drag) return;
        const x = xAt(ev);
        const d = drag;
        drag = null;
        const [a, b] = [Math.min(d.x, x), Math.max(d.x, x)];
        if (d.where === "overview") {
          if (b - a < 4) {
            // A click on the overview centres the zoom window there.
            const half = (hi - lo) / 2;
            const c = Math.max(range[0] + half, Math.min(range[1] - half, omsOf(a)));
            this.timeZoom = hi - lo >= range[1] - range[0] ? null : [c - half, c + half];
          } else {
            this.timeZoom = [omsOf(a), Math.max(omsOf(b), omsOf(a) + 864e5)];
          }
          return this.renderTime();
        }
        if (b - a < 4) {
          const id = d.target && d.target.dataset ? d.target.dataset.event : null;
          if (id && shown.has(+id)) return this.openFact("event", +id);
          if (live && (f.since || f.until)) return this.setPeriod(null, null); // a click clears
          return this.renderTime();
        }
        if (!live) return this.renderTime();
        this.setPeriod(AG.fmtDay(msOf(a)), AG.fmtDay(Math.max(msOf(a), msOf(b) - 864e5)));
      });
      chart.addEventListener("wheel", (ev) => {
        ev.preventDefault();
        this.zoomTime(ev.deltaY > 0 ? 1.5 : 1 / 1.5, msOf(xAt(ev)));
      }, { passive: false });
      const id = lanes ? "timeline" : "time";
      const button = (name, label, title, onclick) => el("button", { type: "button", id: `${id}-${name}`, title, onclick }, label);
      const period = since || until ? `${f.since || "…"} – ${f.until || "…"}` : null;
      const controls = el("div", { class: "time-controls" },
        live ? button("play", this.playing ? "❚❚ pause" : "▶ play", "step through time: the network shows one period after another", () => (this.playing ? this.stopPlay() : this.play())) : null,
        button("zoom-in", "+", "zoom in (or wheel over the chart)", () => this.zoomTime(1 / 2)),
        button("zoom-out", "−", "zoom out", () => this.zoomTime(2)),
        button("zoom-all", "all time", "zoom out to every date", () => ((this.timeZoom = null), this.renderTime())),
        period && live ? button("zoom-period", "zoom to period", "zoom to the period on view", () => this.zoomToPeriod()) : null,
        el("span", { class: "strip-label", id: `${id}-label` },
          `${AG.fmtDay(lo)} – ${AG.fmtDay(hi - 864e5)} · `,
          period ? el("strong", {}, `period ${period}`) : live ? "drag over the chart to choose a period" : AG.plural(items.length, "dated event")),
        period && live ? button("clear", "clear period", "every date again", () => this.setPeriod(null, null)) : null,
      );
      box.append(controls, chart);
    }

    zoomToPeriod() {
      const f = this.filters || {};
      const a = AG.dateBounds(f.since || "");
      const b = AG.dateBounds(f.until || "");
      const items = this.timeItems();
      if (!items.length) return;
      const range = this.timeRange(items);
      const lo = a ? a[0] : range[0];
      const hi = b ? b[1] + 864e5 : range[1];
      const pad = (hi - lo) * 0.25;
      this.timeZoom = [lo - pad, hi + pad];
      this.renderTime();
    }

    // Narrows the view to a period (null, null: every date), as the filter form would.
    setPeriod(since, until) {
      const a = this.$("f-since");
      const b = this.$("f-until");
      if (a) a.value = since || "";
      if (b) b.value = until || "";
      return this.load({ ...this.filters, since, until });
    }

    // Steps through the zoomed span, a period at a time (the one on view, or a twelfth of the
    // span), a second and a half each; the network shows each period in turn.
    async play() {
      const items = this.timeItems();
      if (!items.length || this.playing) return;
      const f = this.filters || {};
      const restore = { since: f.since || null, until: f.until || null };
      const [lo, hi] = this.timeDomain(this.timeRange(items));
      const a0 = AG.dateBounds(f.since || "");
      const b0 = AG.dateBounds(f.until || "");
      let width = a0 && b0 ? b0[1] + 864e5 - a0[0] : (hi - lo) / 12;
      if (width >= hi - lo) width = (hi - lo) / 12;
      // Whole years, months or days, so that each step is a period a reader can name.
      const periods = AG.periods(lo, hi, width).slice(0, 60);
      const steps = periods.length;
      this.playing = true;
      this.renderTime();
      for (let i = 0; i < steps && this.playing; i++) {
        const [a, b] = periods[i];
        await this.setPeriod(a, b);
        if (!this.playing) break;
        this.status(`period ${i + 1} of ${steps}: ${a} – ${b} · ${this.lastStatus}`);
        await new Promise((r) => setTimeout(r, 1500));
      }
      const stopped = !this.playing;
      this.playing = false;
      if (!stopped) await this.setPeriod(restore.since, restore.until);
      else this.renderTime();
    }

    stopPlay() {
      this.playing = false;
      this.renderTime();
    }

    // -- exports ------------------------------------------------------------------------------

    renderExportBar() {
      const container = this.$("graph");
      if (!container || this.$("export-bar")) return;
      const button = (fmt, label, title) =>
        el("button", { type: "button", "data-export": fmt, title, onclick: () => this.exportView(fmt) }, label);
      const bar = el(
        "div",
        { id: "export-bar", class: "export-bar" },
        el("button", { type: "button", id: "fit-view", title: "back to the whole network", onclick: () => this.fitView() }, "⤢ fit"),
        " Export: ",
        button("png", "PNG", "the network as drawn, as a picture"),
        button("svg", "SVG", "the network as drawn, as a vector drawing"),
        button("csv", "CSV", "the facts of this view, one per row"),
        this.source.exportUrl ? button("gexf", "GEXF", "this view for Gephi") : null,
        this.source.exportUrl ? button("stix", "STIX", "this view as STIX 2.1") : null,
      );
      container.parentNode.insertBefore(bar, container);
    }

    async exportView(fmt) {
      if (!this.view) return;
      const stamp = new Date().toISOString().slice(0, 10);
      if (fmt === "csv") {
        AG.download(`actorgraph-facts-${stamp}.csv`, new Blob([AG.factsCsv(this.view)], { type: "text/csv" }));
      } else if (fmt === "svg" || fmt === "png") {
        if (!this.sigma) return;
        const svgText = AG.networkSvg(this.sigma, this.graph, this.describeFilters(), this.labelled);
        if (fmt === "svg") {
          AG.download(`actorgraph-network-${stamp}.svg`, new Blob([svgText], { type: "image/svg+xml" }));
        } else {
          const { width, height } = this.sigma.getDimensions();
          AG.download(`actorgraph-network-${stamp}.png`, await this.guard(AG.svgToPng(svgText, width, height)));
        }
      } else if (this.source.exportUrl) {
        const a = el("a", { href: this.source.exportUrl(fmt, this.filters), download: "" });
        document.body.append(a);
        a.click();
        a.remove();
      }
      this.status(`exported: ${fmt.toUpperCase()}`);
    }

    describeFilters() {
      const f = this.filters || {};
      const parts = Object.entries(f)
        .filter(([, v]) => v !== null && v !== undefined && v !== "" && v !== false)
        .map(([k, v]) => `${k.replaceAll("_", " ")} ${v === true ? "" : v}`.trim());
      return `actorgraph · ${parts.length ? parts.join("; ") : "no filter"} · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
    }

    // A readable opening view on a real corpus: on a large view the lone actors, pairs and
    // other tiny components (up to AG.TINY actors, and always smaller than the largest
    // component) are folded into one summary line over the network, shown or listed on request.
    prepareOpening(g) {
      // Components of the view's ties, all of them: a big graph draws only its strongest at
      // first, and an actor whose ties are not drawn yet is not alone.
      const near = new Map();
      const tie = (a, b) => {
        if (!near.has(a)) near.set(a, []);
        near.get(a).push(b);
      };
      for (const e of this.view.edges) {
        tie(String(e.source), String(e.target));
        tie(String(e.target), String(e.source));
      }
      const components = [];
      const seen = new Set();
      g.forEachNode((start) => {
        if (seen.has(start)) return;
        const stack = [start];
        const members = [];
        seen.add(start);
        while (stack.length) {
          const n = stack.pop();
          members.push(n);
          for (const m of near.get(n) || []) {
            if (!seen.has(m) && g.hasNode(m)) {
              seen.add(m);
              stack.push(m);
            }
          }
        }
        components.push(members);
      });
      const largest = Math.max(0, ...components.map((c) => c.length));
      const tiny = Math.min(AG.TINY, largest - 1);
      this.smallGroups = components.filter((c) => c.length <= tiny).sort((a, b) => b.length - a.length);
      this.smallNodes = new Set(this.smallGroups.flat());
      const small = this.smallNodes.size;
      this.foldable = g.order >= AG.FOLD_FROM && small > 0 && small < g.order;
      if (this.foldSmall === undefined || !this.foldable) this.foldSmall = this.foldable;
      this.renderFoldNote();
    }

    renderFoldNote() {
      const container = this.$("graph");
      let note = this.$("fold-note");
      if (!note && container) {
        note = el("div", { id: "fold-note", class: "fold-note" });
        container.parentNode.insertBefore(note, container);
      }
      if (!note) return;
      AG.clear(note);
      note.hidden = !this.foldable;
      if (!this.foldable) return;
      const n = this.smallNodes.size;
      const count = (k) => this.smallGroups.filter((c) => c.length === k).length;
      const alone = count(1);
      const pairs = count(2);
      const others = this.smallGroups.length - alone - pairs;
      const parts = [
        alone ? `${alone.toLocaleString("en")} alone` : null,
        pairs ? AG.plural(pairs, "pair") : null,
        others ? `${AG.plural(others, "group")} of 3–${AG.TINY}` : null,
      ].filter(Boolean);
      const toggle = () => {
        this.foldSmall = !this.foldSmall;
        this.applyReducers();
        this.sigma.refresh(); // the positions on screen of what was hidden, for the camera
        this.renderFoldNote();
        this.chooseLabels();
        // Shown: the camera takes them in (they lie under the frame); folded: back to it.
        if (!this.foldSmall) this.fitNodes(this.graph.nodes());
        else this.fitView();
      };
      note.append(
        `${AG.plural(n, "actor")} in small groups apart from the rest (${parts.join(", ")}) ${this.foldSmall ? "are folded away" : "are shown"}. `,
        el("button", { type: "button", id: "fold-toggle", onclick: toggle }, this.foldSmall ? "show them" : "fold them"),
        " ",
        el("button", { type: "button", id: "fold-list", onclick: () => this.listFolded() }, "list them"),
      );
    }

    // The folded groups in the panel, largest first, each name a link to its actor.
    listFolded() {
      const box = this.panel(`${AG.plural(this.smallNodes.size, "actor")} in small groups`);
      box.dataset.folded = "true";
      const size = (k) => (this.graph.hasNode(k) ? this.graph.getNodeAttribute(k, "size") : 0);
      const shown = this.smallGroups.slice(0, 300);
      box.append(
        el("p", { class: "note" }, "Actors tied only to each other (or to no one under these filters), folded away from the network so that it opens readable."),
        el("ol", { class: "folded" },
          shown.map((c) => el("li", {}, ...c.slice().sort((a, b) => size(b) - size(a)).flatMap((k, i) => [i ? " — " : "", this.actorLink(+k)])))),
        this.smallGroups.length > shown.length ? el("p", { class: "note" }, `and ${this.smallGroups.length - shown.length} more groups`) : null,
      );
    }

    // Back to the opening frame (the whole store's layout without its tiny components).
    fitView() {
      if (this.sigma) this.sigma.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
    }

    // Drag an actor to move it; it stays where it was dropped (pinned) for this page.
    enableDrag(container) {
      let dragging = null;
      this.dragged = false;
      this.sigma.on("downNode", ({ node }) => {
        dragging = node;
        this.dragged = false;
        this.sigma.getCamera().disable();
      });
      this.sigma.getMouseCaptor().on("mousemovebody", (ev) => {
        if (!dragging || !this.graph.hasNode(dragging)) return;
        const pos = this.sigma.viewportToGraph(ev);
        this.graph.setNodeAttribute(dragging, "x", pos.x);
        this.graph.setNodeAttribute(dragging, "y", pos.y);
        this.dragged = true;
        this.pinned = this.pinned || new Map();
        this.pinned.set(dragging, pos);
        ev.preventSigmaDefault();
        ev.original.preventDefault();
        ev.original.stopPropagation();
      });
      const drop = () => {
        if (dragging) {
          this.sigma.getCamera().enable();
          if (this.dragged) this.chooseLabels();
        }
        dragging = null;
        setTimeout(() => (this.dragged = false), 0);
      };
      this.sigma.getMouseCaptor().on("mouseup", drop);
      container.addEventListener("mouseleave", drop);
    }

    // Actors pinned earlier on this page keep their place when a view is drawn again.
    pinNodes(g) {
      for (const [key, pos] of this.pinned || []) {
        if (g.hasNode(key)) {
          g.setNodeAttribute(key, "x", pos.x);
          g.setNodeAttribute(key, "y", pos.y);
        }
      }
    }

    // -- several actors at once ----------------------------------------------------------------

    // Shift- (or Ctrl-) click adds an actor to the selection, or takes it out.
    toggleSelected(key) {
      this.selected = this.selected || new Set();
      key = String(key);
      if (this.selected.has(key)) this.selected.delete(key);
      else this.selected.add(key);
      if (this.graph) this.graph.forEachNode((n) => this.graph.setNodeAttribute(n, "highlighted", this.selected.has(n)));
      this.renderSelectionBar();
    }

    renderSelectionBar() {
      const container = this.$("graph");
      let bar = this.$("selection-bar");
      if (!bar && container) {
        bar = el("div", { id: "selection-bar", class: "selection-bar" });
        container.parentNode.insertBefore(bar, container);
      }
      if (!bar) return;
      AG.clear(bar);
      const ids = [...(this.selected || [])].filter((k) => !this.graph || this.graph.hasNode(k));
      bar.hidden = !ids.length;
      if (!ids.length) return;
      const keep = el("select", { id: "merge-keep", "aria-label": "actor to keep" },
        ids.map((k) => el("option", { value: k }, this.names(+k))));
      AG.append(bar, [
        `${AG.plural(ids.length, "actor")} selected: `,
        ...ids.flatMap((k, i) => [i ? ", " : "", this.actorLink(+k, this.names(+k))]),
        " ",
        this.source.writable && ids.length > 1
          ? [" · merge all into ", keep, " ", el("button", { type: "button", id: "merge-selected", onclick: () => this.mergeSelected(+keep.value, ids.map(Number)) }, "Merge")]
          : null,
        " ",
        el("button", { type: "button", id: "selection-clear", onclick: () => ((this.selected = new Set()), this.toggleSelected("-")) }, "clear"),
      ]);
    }

    // Merges every selected actor into one, as one correction each, then draws the view once.
    async mergeSelected(keep, ids) {
      const others = ids.filter((i) => i !== keep);
      const names = others.map((i) => this.names(i)).join(", ");
      if (!global.confirm(`Merge ${names} into “${this.names(keep)}”?`)) return;
      const reason = (this.$("reason") && this.$("reason").value.trim()) || "";
      for (const other of others) await this.guard(this.source.write("merge", { keep, other, reason }));
      if (this.$("reason")) this.$("reason").value = "";
      this.selected = new Set();
      this.status(`merged ${AG.plural(others.length, "actor")} into ${this.names(keep)}`);
      await this.load(this.filters);
      this.renderSelectionBar();
      if (this.afterWrite) this.afterWrite();
      await this.openProfile(keep);
    }

    // Rejects the events ticked in the timeline's list, one correction each.
    async rejectTicked() {
      const ids = [...this.root.querySelectorAll("#timeline-list input.tick:checked")].map((c) => +c.value);
      if (!ids.length || !global.confirm(`Reject ${AG.plural(ids.length, "event")}?`)) return;
      const reason = (this.$("reason") && this.$("reason").value.trim()) || "";
      for (const id of ids) await this.guard(this.source.write("status", { kind: "event", id, status: "rejected", reason }));
      if (this.$("reason")) this.$("reason").value = "";
      this.status(`rejected ${AG.plural(ids.length, "event")}`);
      await this.load(this.filters);
      if (this.afterWrite) this.afterWrite();
    }

    async showDuplicates() {
      const box = AG.clear(this.$("measure-result"));
      const pairs = await this.guard(this.source.duplicates());
      box.append(el("p", { class: "note" }, pairs.length
        ? `${AG.plural(pairs.length, "pair")} of actors that may be one (same type; a name in common, or one name part of the other).`
        : "No likely duplicates."));
      const list = el("ol", { class: "duplicates" });
      for (const p of pairs) {
        const row = el("li", { "data-keep": p.keep.id, "data-other": p.other.id },
          this.actorLink(p.keep.id, p.keep.name), ` (${AG.plural(p.keep.mentions, "mention")}) and `,
          this.actorLink(p.other.id, p.other.name), ` (${AG.plural(p.other.mentions, "mention")}), ${p.keep.type}: ${p.reason} `,
          this.source.writable
            ? el("button", { type: "button", class: "merge-pair", onclick: async () => {
                if (!global.confirm(`Merge “${p.other.name}” into “${p.keep.name}”?`)) return;
                await this.write("merge", { keep: p.keep.id, other: p.other.id });
                row.classList.add("done");
                row.append(" · merged");
              } }, "Merge")
            : null);
        list.append(row);
      }
      box.append(list);
      return pairs;
    }

    // -- neighbourhoods -----------------------------------------------------------------------

    focusIds() {
      const f = this.filters && this.filters.focus;
      return f ? String(f).split(",").map(Number).filter((n) => n > 0) : [];
    }

    // The view narrowed to the actors within `hops` ties of `ids` (under the same filters).
    showNeighbourhood(ids, hops) {
      const focus = [...new Set(ids.map(Number))];
      if (!focus.length) return this.load({ ...this.filters, focus: null, hops: null });
      return this.load({ ...this.filters, focus: focus.join(","), hops: hops || this.filters.hops || 1 });
    }

    expand(id) {
      return this.showNeighbourhood([...this.focusIds(), id], this.filters.hops || 1);
    }

    // Over the network: whose neighbourhood is shown, how far, and the way back to everything.
    renderFocusBar() {
      const container = this.$("graph");
      let bar = this.$("focus-bar");
      if (!bar && container) {
        bar = el("div", { id: "focus-bar", class: "focus-bar" });
        container.parentNode.insertBefore(bar, container);
      }
      if (!bar) return;
      AG.clear(bar);
      const ids = this.focusIds();
      bar.hidden = !ids.length;
      if (!ids.length) return;
      const hops = Number(this.filters.hops || 1);
      bar.append(
        "Neighbourhood of ",
        ...ids.flatMap((id, i) => [i ? ", " : "", this.actorLink(id, this.names(id))]),
        ` (${AG.plural(hops, "hop")}) · `,
        el("button", { type: "button", id: "hops-toggle", onclick: () => this.showNeighbourhood(ids, hops === 1 ? 2 : 1) }, hops === 1 ? "2 hops" : "1 hop"),
        " ",
        el("button", { type: "button", id: "focus-clear", onclick: () => this.showNeighbourhood([]) }, "show everything"),
        el("span", { class: "hint" }, " · double-click an actor to add its neighbours"),
      );
    }

    // A name that opens the actor's profile.
    actorLink(id, name) {
      return el(
        "a",
        {
          href: "#",
          class: "actor-link",
          "data-actor-link": id,
          onclick: (ev) => {
            ev.preventDefault();
            ev.stopPropagation();
            this.openProfile(id);
          },
        },
        name || this.names(id),
      );
    }

    // Every tie when asked for or zoomed in; the best-corroborated AG.TIE_BUDGET otherwise.
    applyTies() {
      if (!this.sigma || !this.tiesRanked) return;
      const all = this.allTies || this.zoomedIn;
      if (all && this.tieRest.length) {
        AG.addTies(this.graph, this.tieRest, true);
        this.tieRest = [];
      }
      if (all !== this.tiesAll) {
        this.tiesAll = all;
        this.applyReducers();
      }
      this.renderTieNotice();
    }

    // What the network hides or fades, in one place: ties thinned on a big graph, actor types
    // switched off in the legend, everything off a highlighted path or list, and the colour
    // by community when asked for.
    applyReducers() {
      if (!this.sigma) return;
      const hiddenTypes = this.hiddenTypes || new Set();
      const lit = this.highlight || null; // {nodes: Set, edges: Set} or null
      const community = this.colorBy === "community" ? this.communityOf || new Map() : null;
      const thin = this.tiesRanked && !this.tiesAll;
      const budget = AG.TIE_BUDGET;
      const fold = this.foldSmall && this.foldable ? this.smallNodes : null;
      const plain = !hiddenTypes.size && !lit && !community && !fold;
      this.sigma.setSetting(
        "nodeReducer",
        plain
          ? null
          : (key, attrs) => {
              const out = { ...attrs };
              if (hiddenTypes.has(attrs.actorType) || (fold && fold.has(key))) out.hidden = true;
              if (community) out.color = (this.communityPalette && this.communityPalette.get(community.get(key))) || AG.OTHER_COMMUNITY;
              if (lit && !lit.nodes.has(key)) {
                out.color = "#d5dbe3";
                out.label = "";
                out.zIndex = 0;
              } else if (lit) {
                out.highlighted = true;
                out.zIndex = 1;
              }
              return out;
            },
      );
      this.sigma.setSetting(
        "edgeReducer",
        !thin && !hiddenTypes.size && !lit && !fold
          ? null
          : (key, attrs) => {
              // The graph of the moment: a new view replaces it before the reducers are set.
              const graph = this.graph;
              if (!graph.hasEdge(key)) return attrs;
              if (thin && attrs.rank >= budget) return { ...attrs, hidden: true };
              if (fold && fold.has(graph.source(key))) return { ...attrs, hidden: true };
              if (hiddenTypes.size) {
                const [a, b] = graph.extremities(key);
                if (hiddenTypes.has(graph.getNodeAttribute(a, "actorType")) || hiddenTypes.has(graph.getNodeAttribute(b, "actorType"))) {
                  return { ...attrs, hidden: true };
                }
              }
              if (lit) {
                const [a, b] = graph.extremities(key);
                const on = lit.edges ? lit.edges.has(`${a}|${b}`) || lit.edges.has(`${b}|${a}`) : lit.nodes.has(a) && lit.nodes.has(b);
                return on ? { ...attrs, size: attrs.size + 1.5, zIndex: 1 } : { ...attrs, color: "#e6eaef", zIndex: 0 };
              }
              return attrs;
            },
      );
    }

    // Fades all but these actors (and, if given, these ties: "a|b" pairs); null clears.
    setHighlight(nodes, edges) {
      this.highlight = nodes ? { nodes: new Set(nodes.map(String)), edges: edges ? new Set(edges) : null } : null;
      this.applyReducers();
      this.relabel();
      this.renderHighlightNote();
    }

    // Names chosen again after what is shown changed without the camera moving.
    relabel() {
      if (!this.sigma || this.networkStale) return;
      this.sigma.refresh();
      this.chooseLabels();
    }

    renderHighlightNote() {
      const container = this.$("graph");
      let note = this.$("highlight-note");
      if (!note && container) {
        note = el("div", { id: "highlight-note", class: "highlight-note" });
        container.parentNode.insertBefore(note, container);
      }
      if (!note) return;
      AG.clear(note);
      note.hidden = !this.highlight;
      if (this.highlight) {
        note.append(
          `${this.highlightLabel || "Highlighted"}: ${AG.plural(this.highlight.nodes.size, "actor")} `,
          el("button", { type: "button", id: "highlight-clear", onclick: () => ((this.highlightLabel = null), this.setHighlight(null)) }, "clear"),
        );
      }
    }

    // Says when ties were thinned and how to see all of them.
    renderTieNotice() {
      const container = this.$("graph");
      let box = this.$("tie-notice");
      if (!box && container && this.tiesRanked) {
        box = el("div", { id: "tie-notice", class: "tie-notice" });
        container.parentNode.insertBefore(box, container);
      }
      if (!box) return;
      AG.clear(box);
      box.hidden = !this.tiesRanked;
      if (!this.tiesRanked) return;
      const total = this.view.edges.length;
      const fmt = (n) => n.toLocaleString("en");
      const toggle = (label, all) =>
        el("button", { id: "tie-toggle", type: "button", onclick: () => ((this.allTies = all), this.applyTies()) }, label);
      if (!this.tiesAll) {
        box.dataset.ties = "thinned";
        box.append(
          `Showing the ${fmt(AG.TIE_BUDGET)} best-corroborated of ${fmt(total)} ties (most independent ` +
            "sources first) so that a graph this size stays fluid. Zoom in, narrow the filters (e.g. " +
            "min. sources) or ",
          toggle("show all ties", true),
        );
      } else if (this.allTies) {
        box.dataset.ties = "all";
        box.append(`Showing all ${fmt(total)} ties. `, toggle(`Show the ${fmt(AG.TIE_BUDGET)} strongest only`, false));
      } else {
        box.dataset.ties = "zoomed";
        box.append(`Zoomed in: all ${fmt(total)} ties shown; zoom out to thin them again, or `, toggle("keep all ties", true));
      }
    }

    // Every colour and size explained; a click on an actor type hides or shows it.
    renderLegend() {
      const box = this.$("legend");
      if (!box) return;
      AG.clear(box);
      this.hiddenTypes = this.hiddenTypes || new Set();
      const counts = {};
      for (const n of (this.view && this.view.nodes) || []) counts[n.type] = (counts[n.type] || 0) + 1;
      const byCommunity = this.colorBy === "community";
      box.append(el("li", { class: "legend-head" }, byCommunity ? "Colour: community (click a type to hide it)" : "Colour: actor type (click to hide or show)"));
      for (const [type, color] of Object.entries(AG.TYPE_COLORS)) {
        const off = this.hiddenTypes.has(type);
        box.append(
          el(
            "li",
            {
              class: `legend-type${off ? " off" : ""}`,
              "data-type": type,
              role: "button",
              tabindex: "0",
              title: off ? `show ${type} actors` : `hide ${type} actors`,
              onclick: () => this.toggleType(type),
            },
            // Coloured by community, a type has no colour of its own: an empty ring, not a grey
            // that would say "a smaller community".
            el("span", { class: byCommunity ? "swatch ring" : "swatch", style: byCommunity ? null : `background:${color}` }),
            `${type} (${counts[type] || 0})`,
          ),
        );
      }
      if (byCommunity && this.communityList) {
        for (const c of this.communityList) {
          box.append(el("li", { class: "legend-community", "data-community": c.id },
            el("span", { class: "swatch", style: `background:${c.color}` }), `${c.names.join(", ")}… (${c.size})`));
        }
        box.append(el("li", { class: "legend-community" }, el("span", { class: "swatch", style: `background:${AG.OTHER_COMMUNITY}` }), "smaller communities"));
      }
      box.append(el("li", {}, el("span", { class: "swatch line event" }), "tie of events"));
      box.append(el("li", {}, el("span", { class: "swatch line relation" }), "standing relation (leader of, member of…)"));
      box.append(el("li", {}, el("span", { class: "swatch line disputed" }), "disputed: denied, or negated by one source and reported by another"));
      box.append(el("li", { class: "legend-note" }, "Actor size: its share of the independent sources of all ties. Tie width: the independent sources of its facts."));
      if (!this.source.analytics) return; // the brief has no analytics
      box.append(
        el(
          "li",
          {},
          el("label", { class: "check" }, el("input", { type: "checkbox", id: "color-community", checked: byCommunity || null, onchange: (ev) => this.colorByCommunity(ev.target.checked) }), " colour by community"),
        ),
      );
    }

    toggleType(type) {
      this.hiddenTypes = this.hiddenTypes || new Set();
      if (this.hiddenTypes.has(type)) this.hiddenTypes.delete(type);
      else this.hiddenTypes.add(type);
      this.applyReducers();
      this.relabel();
      this.renderLegend();
    }

    async colorByCommunity(on) {
      this.colorBy = on ? "community" : "type";
      if (on && !this.view.nodes.some((n) => n.community !== undefined && n.community !== null) && this.source.analytics) {
        // A view without the store's communities (an older server): the filtered graph's.
        const found = await this.guard(this.source.analytics("communities", this.filters, 5000));
        this.communityOf = new Map();
        for (const c of found.communities) for (const m of c.members) this.communityOf.set(String(m.id), c.id);
      }
      this.paintCommunities();
      this.applyReducers();
      this.renderLegend();
    }

    // One colour per community among the AG.COMMUNITY_COLORS.length largest on show (the
    // store's communities, those the layout groups together); the smaller ones share a grey.
    paintCommunities() {
      if (this.colorBy !== "community" || !this.view) return;
      if (this.view.nodes.some((n) => n.community !== undefined && n.community !== null)) {
        this.communityOf = new Map(this.view.nodes.map((n) => [String(n.id), n.community]));
      }
      const fold = this.foldSmall && this.foldable ? this.smallNodes : new Set();
      const members = new Map();
      for (const n of this.view.nodes) {
        const c = this.communityOf.get(String(n.id));
        if (c === undefined || c === null || fold.has(String(n.id))) continue;
        if (!members.has(c)) members.set(c, []);
        members.get(c).push(n);
      }
      const ranked = [...members].filter(([, m]) => m.length > 1).sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
      this.communityPalette = new Map();
      this.communityList = [];
      ranked.slice(0, AG.COMMUNITY_COLORS.length).forEach(([c, m], i) => {
        this.communityPalette.set(c, AG.COMMUNITY_COLORS[i]);
        const top = m.slice().sort((a, b) => b.size - a.size || a.id - b.id).slice(0, 2).map((n) => n.label);
        this.communityList.push({ id: c, color: AG.COMMUNITY_COLORS[i], size: m.length, names: top });
      });
    }

    // The actor's node: highlighted and brought to the middle, at the current zoom.
    focusActor(id) {
      if (!this.sigma || this.networkStale || !this.graph) return;
      if (this.focused && this.graph.hasNode(this.focused)) {
        this.graph.setNodeAttribute(this.focused, "highlighted", false);
      }
      const key = String(id);
      if (!this.graph.hasNode(key)) return;
      this.focused = key;
      this.graph.setNodeAttribute(key, "highlighted", true);
      const pos = this.sigma.getNodeDisplayData(key);
      // Restoring an address keeps its camera: no move to the actor then.
      if (pos && !this.restoring) this.sigma.getCamera().animate({ x: pos.x, y: pos.y }, { duration: 300 });
    }

    // -- timeline -----------------------------------------------------------------------------

    renderTimeline() {
      const box = this.$("timeline");
      const list = this.$("timeline-list");
      if (!box || !this.view) return;
      AG.clear(box);
      if (list) AG.clear(list);
      const dated = this.view.events
        .map((e) => ({ e, b: AG.dateBounds(e.date) }))
        .filter((x) => x.b !== null);
      const undated = this.view.events.length - dated.length;
      if (!dated.length && !(this.view.time_base || []).length) {
        box.append(el("p", { class: "empty" }, "No dated events under these filters."));
      } else {
        const chart = el("div", { id: "timeline-chart", class: "timeline-chart-box" });
        box.append(chart);
        this.renderTimeChart(chart, true);
      }
      if (undated) box.append(el("p", { class: "note" }, `${AG.plural(undated, "event")} without a date are listed below.`));
      // A time filter cannot place an undated event: say how many it left out, offer them.
      const left = this.view.undated || 0;
      if (left && !this.view.undated_included) {
        box.append(
          el(
            "p",
            { class: "note undated-note", id: "undated-note" },
            `${AG.plural(left, "event")} without a date ${left === 1 ? "is" : "are"} left out by the time filter. `,
            el("button", { type: "button", id: "undated-include", onclick: () => this.includeUndated(true) }, "Include them"),
          ),
        );
      }
      if (list) {
        for (const e of this.view.events) list.append(this.eventRow(e));
      }
    }

    includeUndated(on) {
      const box = this.$("f-undated");
      if (box) box.checked = on;
      return this.load({ ...this.filters, include_undated: on });
    }

    renderTickBar() {
      const bar = this.$("tick-bar");
      if (!bar) return;
      const n = this.root.querySelectorAll("#timeline-list input.tick:checked").length;
      AG.clear(bar);
      bar.hidden = !n;
      if (n) bar.append(`${AG.plural(n, "event")} ticked `, el("button", { type: "button", id: "reject-ticked", class: "reject", onclick: () => this.rejectTicked() }, "Reject them"));
    }

    confidenceOf(kind, id) {
      const c = this.view && this.view.confidence ? this.view.confidence[`${kind}:${id}`] : undefined;
      return c === undefined ? null : c;
    }

    eventRow(e) {
      const who = (ids) => ids.map((id) => this.names(id)).join(", ") || "—";
      const guessed = (this.confidenceOf("event", e.id) ?? 1) < 0.5;
      return el(
        "tr",
        {
          class: `event-row${guessed ? " guessed" : ""}`,
          "data-event": e.id,
          title: guessed ? "a party of this event was guessed from context (confidence below 0.5)" : null,
          onclick: () => this.openFact("event", e.id),
        },
        this.source.writable
          ? el("td", { onclick: (ev) => ev.stopPropagation() },
              el("input", { type: "checkbox", class: "tick", value: e.id, "aria-label": "select", onchange: () => this.renderTickBar() }))
          : null,
        el("td", {}, e.date || "undated"),
        el("td", {}, e.type),
        el("td", {}, who(e.source)),
        el("td", {}, who(e.target)),
        el("td", { class: "num" }, String(e.sources)),
        el("td", {}, e.modalities.join(", ")),
        el("td", {}, e.status || (e.disputed ? "disputed" : "")),
      );
    }

    // -- map ----------------------------------------------------------------------------------

    async renderMap() {
      const box = this.$("map");
      if (!box || !this.view || !global.L) return;
      if (!this.map) {
        this.map = global.L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 8 });
        this.map.attributionControl.addAttribution("Natural Earth country outlines");
        const countries = await this.source.countries();
        global.L.geoJSON(countries, {
          style: { color: "#8a97a8", weight: 0.6, fillColor: "#e8edf2", fillOpacity: 1 },
          onEachFeature: (f, layer) => layer.bindTooltip(document.createTextNode(f.properties.name || "")),
        }).addTo(this.map);
        this.map.setView([25, 20], 2);
      }
      this.map.invalidateSize();
      if (this.mapLayer) this.mapLayer.remove();
      this.mapLayer = global.L.layerGroup().addTo(this.map);
      const events = new Map(this.view.events.map((e) => [e.id, e]));
      const placed = new Set();
      for (const p of this.view.places) {
        placed.add(p.id);
        const marker = global.L.circleMarker([p.lat, p.lon], {
          radius: 5 + 3 * Math.sqrt(p.events.length),
          color: "#5b3a7a",
          fillColor: "#9467bd",
          fillOpacity: 0.7,
          weight: 1,
        });
        const popup = el(
          "div",
          { class: "map-popup" },
          el("strong", {}, p.name),
          el("div", {}, AG.plural(p.events.length, "event")),
          el(
            "ul",
            {},
            p.events.slice(0, 12).map((id) => {
              const e = events.get(id);
              return el(
                "li",
                {},
                el("a", { href: "#", onclick: (ev) => (ev.preventDefault(), this.openFact("event", id)) },
                  `${e ? e.date || "undated" : ""} ${e ? e.type : id}`),
              );
            }),
          ),
        );
        marker.bindPopup(popup);
        marker.bindTooltip(document.createTextNode(p.name));
        marker.addTo(this.mapLayer);
      }
      for (const n of this.view.nodes) {
        if (n.lat === null || n.lat === undefined || placed.has(n.id)) continue;
        global.L.circleMarker([n.lat, n.lon], {
          radius: 4, color: AG.colorOf(n.type), fillOpacity: 0.6, weight: 1,
        })
          .bindTooltip(document.createTextNode(n.label))
          .on("click", () => this.openProfile(n.id))
          .addTo(this.mapLayer);
      }
    }

    // -- panel: profile -----------------------------------------------------------------------

    panel(title, ...children) {
      const box = this.$("panel");
      AG.clear(box);
      for (const key of Object.keys(box.dataset)) delete box.dataset[key];
      box.hidden = false;
      // AG.append skips null children (DOM append would print them as "null").
      AG.append(box, [
        el("button", { class: "close", title: "close", "aria-label": "close", onclick: () => ((box.hidden = true), this.select(null)) }, "×"),
        el("h2", {}, title),
        ...children,
      ]);
      return box;
    }

    async openProfile(id) {
      const p = await this.guard(this.source.profile(id));
      this.select(`actor:${p.actor.id}`);
      const a = p.actor;
      const name = (i) => (i === a.id ? p.names[i] || a.name : this.actorLink(i, p.names[i] || this.names(i)));
      const names = (ids) => (ids.length ? ids.flatMap((i, k) => [k ? ", " : "", name(i)]) : ["—"]);
      const facts = [];
      const profile = this.panel(
        a.name,
        el(
          "p",
          { class: "meta" },
          el("span", { class: "badge", style: `background:${AG.colorOf(a.type)}` }, a.type),
          ` #${a.id}`,
          a.kb_id ? ` · ${a.kb_id}` : "",
          a.country ? ` · ${a.country}` : "",
          a.sector ? ` · ${a.sector}` : "",
          ` · ${AG.plural(a.mentions, "mention")} in ${AG.plural(a.documents, "document")}`,
        ),
        a.aliases.length ? el("p", { class: "aliases" }, "Also: ", a.aliases.join("; ")) : null,
      );
      profile.dataset.actor = a.id;
      profile.append(
        el(
          "div",
          { class: "row neighbourhood" },
          "Network around it: ",
          el("button", { type: "button", class: "hop1", onclick: () => this.showNeighbourhood([a.id], 1) }, "1 hop"),
          el("button", { type: "button", class: "hop2", onclick: () => this.showNeighbourhood([a.id], 2) }, "2 hops"),
          this.focusIds().length && !this.focusIds().includes(a.id)
            ? el("button", { type: "button", class: "expand", onclick: () => this.expand(a.id) }, "add to view")
            : null,
        ),
      );
      if (this.source.writable) profile.append(this.actorActions(a));
      const relLine = (r) =>
        el(
          "li",
          { class: "fact", onclick: () => this.openFact("relation", r.id) },
          name(r.head),
          " ",
          el("em", {}, r.type.replaceAll("_", " ")),
          " ",
          name(r.tail),
          r.start || r.end ? ` (${r.start || "…"} – ${r.end || "…"})` : "",
          ` · ${AG.plural(r.sources, "source")}`,
          r.status ? ` · ${r.status}` : "",
        );
      facts.push(
        el("h3", {}, "Roles over time"),
        p.roles.length ? el("ul", { class: "roles" }, p.roles.map(relLine)) : el("p", { class: "empty" }, "none known"),
        el("h3", {}, "Relations"),
        p.relations.length ? el("ul", {}, p.relations.map(relLine)) : el("p", { class: "empty" }, "none"),
        // Profiles list the latest 100; the counts say how many there are in all.
        el("h3", {}, `Events (${p.event_count > p.events.length ? `latest ${p.events.length} of ${p.event_count}` : p.events.length})`),
        el(
          "ul",
          { class: "events" },
          p.events.map((e) =>
            el(
              "li",
              { class: "fact", "data-event": e.id, onclick: () => this.openFact("event", e.id) },
              el("span", { class: "date" }, e.date || "undated"),
              ` ${e.type} `,
              ...names(e.source),
              " → ",
              ...names(e.target),
              ` · ${AG.plural(e.sources, "source")}`,
              e.status ? ` · ${e.status}` : "",
            ),
          ),
        ),
        el("h3", {}, `Sources (${p.document_count > p.documents.length ? `latest ${p.documents.length} of ${p.document_count}` : p.documents.length})`),
        el("ul", { class: "docs" }, p.documents.map((d) => this.docLine(d))),
      );
      AG.append(profile, facts);
      this.focusActor(a.id);
    }

    // A source: its title opens the article in the reader (where the source can give it),
    // the arrow the original address.
    docLine(d) {
      const original = AG.safeUrl(d.url || "");
      const title = this.source.reading
        ? el("a", { href: "#", class: "read-link", "data-document": d.id, onclick: (ev) => (ev.preventDefault(), this.openDocument(d.id)) }, d.title || d.source)
        : original
          ? el("a", { href: d.url, target: "_blank", rel: "noopener noreferrer" }, d.title || d.source)
          : d.title || d.source;
      return el(
        "li",
        {},
        title,
        this.source.reading && original ? [" ", el("a", { href: d.url, target: "_blank", rel: "noopener noreferrer", title: "the original" }, "↗")] : null,
        d.publisher ? ` · ${d.publisher}` : "",
        d.published ? ` · ${d.published}` : "",
        d.near_duplicate ? " · copy of another source" : "",
      );
    }

    actorActions(a) {
      const alias = el("input", { id: "alias-input", placeholder: "another name", "aria-label": "alias" });
      const other = el("input", { id: "merge-input", placeholder: "actor id or name to merge in", "aria-label": "merge" });
      const rename = el("input", { id: "rename-input", placeholder: "new name", "aria-label": "rename" });
      const act = (path, body) => this.write(path, body).then(() => this.openProfile(a.id));
      return el(
        "details",
        { class: "actions" },
        el("summary", {}, "Correct this actor"),
        el("div", { class: "row" }, alias,
          el("button", { id: "alias-button", onclick: () => alias.value.trim() && act("alias", { actor: a.id, alias: alias.value.trim() }) }, "Add alias")),
        el("div", { class: "row" }, rename,
          el("button", { id: "rename-button", onclick: () => rename.value.trim() && act("rename", { actor: a.id, name: rename.value.trim() }) }, "Rename")),
        el("div", { class: "row" }, other,
          el("button", {
            id: "merge-button",
            onclick: async () => {
              const ref = other.value.trim();
              if (!ref) return;
              const found = await this.guard(this.source.actor(ref));
              if (!global.confirm(`Merge “${found.name}” (#${found.id}) into “${a.name}” (#${a.id})?`)) return;
              await act("merge", { keep: a.id, other: found.id });
            },
          }, "Merge into this")),
      );
    }

    // The reason typed in the sidebar goes with this one correction only: the field is emptied
    // once it is saved, so it is never attached to a later, unrelated one.
    async write(kind, body) {
      const field = this.$("reason");
      const reason = (field && field.value.trim()) || "";
      const result = await this.guard(this.source.write(kind, { ...body, reason }));
      if (field) field.value = "";
      this.status(reason ? `saved: ${kind} (reason: ${reason})` : `saved: ${kind}`);
      await this.load(this.filters);
      if (this.afterWrite) this.afterWrite();
      return result;
    }

    // -- panel: evidence ----------------------------------------------------------------------

    summaryOf(kind, id) {
      if (!this.view) return null;
      const list = kind === "event" ? this.view.events : this.view.relations;
      return list.find((f) => f.id === id) || null;
    }

    async openTie(kind, facts) {
      if (facts.length === 1) return this.openFact(kind, facts[0]);
      const box = this.panel(`${AG.plural(facts.length, kind)} between these actors`);
      const list = el("div", { class: "tie-facts" });
      box.append(list);
      for (const id of facts) list.append(await this.factBlock(kind, id, true));
    }

    async openFact(kind, id) {
      this.select(`${kind}:${Number(id)}`);
      const fact = this.summaryOf(kind, id);
      const box = this.panel(kind === "event" ? "Event evidence" : "Relation evidence");
      box.append(await this.factBlock(kind, id, false, fact));
    }

    // The fact in words, each actor's name a link to its profile.
    factTitle(kind, f) {
      const link = (i) => this.actorLink(i, this.names(i));
      if (kind === "event") {
        const who = (ids) => (ids.length ? ids.flatMap((i, k) => [k ? ", " : "", link(i)]) : ["—"]);
        return [
          `${f.date || "undated"} · ${f.type}${f.cameo ? ` (CAMEO ${f.cameo})` : ""}: `,
          ...who(f.source),
          " → ",
          ...who(f.target),
        ];
      }
      return [link(f.head), ` ${f.type.replaceAll("_", " ")} `, link(f.tail)];
    }

    async factBlock(kind, id, compact, known) {
      // A fact rejected by an analyst leaves the view: ask the source for it, so the panel
      // still says what it is and that it was rejected.
      let fact = known || this.summaryOf(kind, id);
      if (!fact && this.source.fact) fact = await this.source.fact(kind, id).catch(() => null);
      const mentions = await this.guard(this.source.evidence(kind, id));
      const block = el("div", { class: "fact-block", "data-kind": kind, "data-fact": id });
      block.append(el("h3", {}, fact ? this.factTitle(kind, fact) : `${kind} #${id}`));
      if (fact) {
        block.append(
          el(
            "p",
            { class: "meta" },
            `${AG.plural(fact.sources, "independent source")}, ${AG.plural(fact.mentions, "mention")}`,
            this.confidenceOf(kind, id) !== null ? ` · confidence ${this.confidenceOf(kind, id).toFixed(2)}` : "",
            this.confidenceOf(kind, id) !== null && this.confidenceOf(kind, id) < 0.5 ? " (a party guessed from context)" : "",
            fact.disputed ? " · disputed" : "",
            fact.status ? ` · ${fact.status} by an analyst` : "",
            fact.first_reported ? ` · first reported ${fact.first_reported}` : "",
          ),
        );
      }
      if (this.source.writable) {
        const status = fact ? fact.status : null;
        block.append(
          el(
            "div",
            { class: "row verdicts" },
            status !== "confirmed"
              ? el("button", { class: "confirm", onclick: () => this.verdict(kind, id, "confirmed") }, "Confirm")
              : null,
            status !== "rejected"
              ? el("button", { class: "reject", onclick: () => this.verdict(kind, id, "rejected") }, "Reject")
              : null,
            status
              ? el("button", { class: "clear-verdict", onclick: () => this.verdict(kind, id, null) }, `Undo “${status}”`)
              : null,
          ),
        );
      }
      const names = fact
        ? (kind === "event" ? [...fact.source, ...fact.target, fact.place] : [fact.head, fact.tail])
            .filter((x) => x !== null && x !== undefined)
            .map((i) => this.names(i))
        : [];
      for (const m of mentions) block.append(this.mentionCard(m, names));
      if (!mentions.length) block.append(el("p", { class: "empty" }, "No passage stored."));
      return block;
    }

    async verdict(kind, id, status) {
      // Saving and drawing the view again takes a moment: the buttons say so meanwhile, and a
      // second click cannot send a second verdict.
      const row = this.root.querySelector(`.fact-block[data-kind="${kind}"][data-fact="${Number(id)}"] .verdicts`);
      if (row) {
        for (const b of row.querySelectorAll("button")) b.disabled = true;
        row.append(el("span", { class: "saving" }, " saving…"));
      }
      try {
        await this.write("status", { kind, id, status });
      } finally {
        await this.openFact(kind, id);
      }
    }

    mentionCard(m, names) {
      const ranges = AG.findNames(m.text, names, "actor");
      if (m.trigger_start !== null && m.trigger_start !== undefined) {
        ranges.unshift([m.trigger_start - m.start, m.trigger_end - m.start, "trigger"]);
      }
      const source = m.title || m.source;
      const date = m.date_value
        ? `${m.date_value} (${m.date_precision}${m.date_basis && m.date_basis !== "none" ? `, from ${m.date_basis}` : ""}${m.date_text ? `: “${m.date_text}”` : ""})`
        : "undated";
      return el(
        "article",
        { class: `mention modality-${m.modality}` },
        el("blockquote", { class: "sentence" }, AG.highlight(m.text.replace(/\s+$/, ""), ranges)),
        this.source.reading
          ? el("button", { type: "button", class: "read-doc", onclick: () => this.openDocument(m.document_id, { kind: m.kind, id: m.fact_id }) }, "Read the article")
          : null,
        el(
          "dl",
          {},
          el("dt", {}, "source"),
          el("dd", {}, AG.safeUrl(m.url || "") ? el("a", { href: m.url, target: "_blank", rel: "noopener noreferrer" }, source) : source,
            m.publisher ? ` · ${m.publisher}` : "", m.published ? ` · published ${m.published}` : ""),
          el("dt", {}, "date"),
          el("dd", {}, date),
          el("dt", {}, "modality"),
          el("dd", {}, el("span", { class: `badge modality ${m.modality}` }, m.modality)),
          m.attribution_text ? el("dt", {}, "attributed to") : null,
          m.attribution_text
            ? el("dd", {}, m.attribution_text, m.attribution_actor ? [" (", this.actorLink(m.attribution_actor), ")"] : "")
            : null,
          el("dt", {}, "confidence"),
          el("dd", {}, m.confidence.toFixed(2)),
        ),
      );
    }

    // -- search -------------------------------------------------------------------------------

    // The list is filled only by the answer to the latest query; an older answer arriving late
    // is dropped (it neither mixes into the list nor reopens it). cancelSearch() makes every
    // pending answer old, e.g. when the box is emptied or closed.
    cancelSearch(box) {
      this.searchSeq++;
      if (box) {
        AG.clear(box);
        box.hidden = true;
      }
    }

    async runSearch(q, box) {
      const seq = ++this.searchSeq;
      const text = q.trim();
      if (!text) {
        AG.clear(box);
        box.hidden = true;
        return false;
      }
      let found;
      try {
        found = await this.source.search(text);
      } catch (e) {
        if (seq === this.searchSeq) this.status(e.message || String(e), true);
        return false;
      }
      if (seq !== this.searchSeq) return false;
      AG.clear(box);
      delete box.dataset.stale;
      box.hidden = false;
      if (!found.actors.length && !found.documents.length) {
        box.append(el("p", { class: "empty" }, "Nothing found."));
        return true;
      }
      const close = () => this.cancelSearch(box);
      for (const a of found.actors) {
        box.append(
          el(
            "button",
            {
              class: "result actor-result",
              type: "button",
              "data-actor": a.id,
              onclick: () => (close(), this.openProfile(a.id)),
            },
            el("span", { class: "swatch", style: `background:${AG.colorOf(a.type)}` }),
            a.name,
            el("small", {}, ` ${a.type}${a.kb_id ? ` · ${a.kb_id}` : ""} · ${AG.plural(a.mentions, "mention")}`),
          ),
        );
      }
      for (const d of found.documents) {
        box.append(
          el(
            "button",
            {
              class: "result doc-result",
              type: "button",
              "data-document": d.id,
              onclick: () => (close(), this.openDocument(d.id)),
            },
            el("span", { class: "badge" }, "doc"),
            " ",
            d.title || d.source,
            el("small", {}, d.published ? ` ${d.published}` : ""),
          ),
        );
      }
      return true;
    }

    // Arrow keys move through the results, Enter opens the chosen one (the first if none).
    moveSearch(box, step) {
      const items = [...box.querySelectorAll(".result")];
      if (!items.length || box.hidden) return;
      const at = items.findIndex((b) => b.classList.contains("active"));
      const next = at === -1 ? (step > 0 ? 0 : items.length - 1) : (at + step + items.length) % items.length;
      items.forEach((b, i) => b.classList.toggle("active", i === next));
      items[next].scrollIntoView({ block: "nearest" });
    }

    chooseSearch(box) {
      if (box.hidden || box.dataset.stale) return false;
      const chosen = box.querySelector(".result.active") || box.querySelector(".result");
      if (chosen) chosen.click();
      return Boolean(chosen);
    }

    // -- analysis: paths and measures ---------------------------------------------------------

    graphFilters() {
      const f = this.filters || {};
      const keep = ["type", "since", "until", "min_sources", "modality", "include_rejected"];
      return Object.fromEntries(keep.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
    }

    showOnNetwork(label, nodes, edges) {
      this.highlightLabel = label;
      this.showTab("network");
      this.setHighlight(nodes, edges);
      this.fitNodes(nodes.map(String));
    }

    // The camera over these actors (with a margin), however spread they are. Measured on
    // screen: the frame's two axes need not have the same scale as the screen's.
    fitNodes(keys) {
      if (!this.sigma || this.networkStale) return;
      const s = this.sigma;
      s.refresh(); // positions on screen after the reducers just set (a highlight, a fold)
      const pts = keys.map((k) => s.getNodeDisplayData(k)).filter((d) => d && !d.hidden).map((d) => s.framedGraphToViewport(d));
      if (!pts.length) return;
      const xs = pts.map((p) => p.x);
      const ys = pts.map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const { width, height } = s.getDimensions();
      const centre = s.viewportToFramedGraph({ x: (x0 + x1) / 2, y: (y0 + y1) / 2 });
      const now = s.getCamera().getState().ratio;
      // A margin around them, and never closer than a third of the screen for one actor.
      const zoom = Math.max((x1 - x0 + 120) / width, (y1 - y0 + 120) / height, Math.min(width, height) / 3 / Math.max(width, height));
      const ratio = Math.min(20, Math.max(0.05, now * zoom));
      s.getCamera().animate({ x: centre.x, y: centre.y, ratio }, { duration: 400 });
    }

    async findPath(from, to) {
      const box = AG.clear(this.$("path-result"));
      const ref = (v) => v.trim().replace(/^#(\d+)$/, "$1");
      const found = await this.source.path(ref(from), ref(to), this.graphFilters()).catch((e) => e);
      if (found instanceof Error) {
        box.append(el("p", { class: "empty" }, found.message));
        return null;
      }
      const nodes = [found.source.id, ...found.steps.map((s) => s.b.id)];
      const pairs = found.steps.map((s) => `${s.a.id}|${s.b.id}`);
      box.append(
        el("p", {}, this.actorLink(found.source.id, found.source.name), ` reaches `, this.actorLink(found.target.id, found.target.name), ` in ${AG.plural(found.hops, "step")} (the best-sourced shortest path). `,
          el("button", { type: "button", id: "path-show", onclick: () => this.showOnNetwork("Path", nodes, pairs) }, "Show on the network")),
      );
      for (const step of found.steps) {
        const first = step.evidence[0];
        box.append(
          el(
            "div",
            { class: "path-step" },
            this.actorLink(step.a.id, step.a.name), " — ", this.actorLink(step.b.id, step.b.name),
            ` · ${AG.plural(step.events.length, "event")}, ${AG.plural(step.relations.length, "relation")}, ${AG.plural(step.weight, "independent source")}`,
            first ? el("blockquote", { class: "sentence" }, first.text.trim()) : null,
            step.events.length ? el("a", { href: "#", onclick: (ev) => (ev.preventDefault(), this.openTie("event", step.events)) }, "evidence") : null,
            step.relations.length ? [" ", el("a", { href: "#", onclick: (ev) => (ev.preventDefault(), this.openTie("relation", step.relations)) }, "relation evidence")] : null,
          ),
        );
      }
      return found;
    }

    async showMeasure(name) {
      const box = AG.clear(this.$("measure-result"));
      const found = await this.guard(this.source.analytics(name, this.graphFilters(), name === "communities" ? 12 : 15));
      if (name === "communities") {
        const list = found.communities;
        box.append(el("p", { class: "note" }, `${AG.plural(list.length, "community", "communities")} (largest first): actors tied more to each other than to the rest.`));
        for (const c of list) {
          const ids = c.members.map((m) => m.id);
          box.append(
            el("div", { class: "path-step", "data-community": c.id },
              el("strong", {}, `Community ${c.id + 1}`), ` · ${AG.plural(c.size, "actor")}, ${c.internal_edges} ties inside, ${c.external_edges} out `,
              el("button", { type: "button", onclick: () => this.showOnNetwork(`Community ${c.id + 1}`, ids) }, "Show"),
              el("div", {}, ...c.members.slice(0, 12).flatMap((m, i) => [i ? ", " : "", this.actorLink(m.id, m.name)]), c.members.length > 12 ? ` and ${c.members.length - 12} more` : ""),
            ),
          );
        }
        return found;
      }
      const rows = name === "brokers" ? found.brokers : found.centrality;
      const ids = rows.map((r) => r.actor.id);
      box.append(
        el("p", { class: "note" },
          name === "brokers"
            ? "Brokers: the share of shortest paths between communities that pass through the actor."
            : "Most central: ties (degree), independent sources over its ties (strength), and betweenness.",
          " ",
          el("button", { type: "button", id: `${name}-show`, onclick: () => this.showOnNetwork(name === "brokers" ? "Brokers" : "Most central", ids) }, "Show on the network")),
      );
      box.append(
        el("ol", { class: `measure ${name}` },
          rows.map((r) =>
            el("li", { "data-actor": r.actor.id }, this.actorLink(r.actor.id, r.actor.name),
              name === "brokers"
                ? ` · score ${r.score.toFixed(3)}, reaches ${AG.plural(r.communities_reached, "community", "communities")}`
                : ` · ${AG.plural(r.degree, "tie")}, strength ${r.strength}, betweenness ${r.betweenness.toFixed(3)}`),
          ),
        ),
      );
      return found;
    }

    // -- panel: a document --------------------------------------------------------------------

    // The whole article, every fact's passage and every actor's name marked; a click on a
    // passage opens its evidence, on a name the actor's profile. `focus` ({kind, id}) scrolls
    // to that fact's passage.
    async openDocument(id, focus) {
      this.select(`doc:${id}`);
      if (!this.source.reading) {
        const d = await this.guard(this.source.document(id));
        const box = this.panel(d.title || d.source);
        box.dataset.document = d.id;
        box.append(el("ul", { class: "docs" }, this.docLine(d)));
        return;
      }
      const r = await this.guard(this.source.reading(id));
      const d = r.document;
      const box = this.panel(d.title || d.source);
      box.classList.add("reader");
      box.dataset.document = d.id;
      box.append(el("ul", { class: "docs" }, this.docLine(d)));
      const label = (f) => `${f.type.replaceAll("_", " ")}${f.status ? ` (${f.status})` : ""}`;
      box.append(
        el("h3", {}, `Facts in this article (${r.facts.length})`),
        el(
          "ol",
          { class: "doc-facts" },
          r.facts.map((f) =>
            el(
              "li",
              { class: `fact modality-${f.modality}`, "data-kind": f.kind, "data-fact": f.id, onclick: () => this.scrollToFact(box, f) },
              el("strong", {}, label(f)),
              r.text ? ` “${AG.shorten(r.text.slice(f.start, f.end).trim(), 90)}” · ` : " · ",
              el("a", { href: "#", onclick: (ev) => (ev.preventDefault(), ev.stopPropagation(), this.openFact(f.kind, f.id)) }, "evidence"),
            ),
          ),
        ),
      );
      if (r.text === null) {
        box.append(el("p", { class: "empty" }, "The text of this document was not kept (stored by an older version): re-ingest it with --reextract to read it here."));
        return;
      }
      const ranges = [];
      for (const f of r.facts) {
        ranges.push([f.start, f.end, "fact", { kind: f.kind, fact: String(f.id) }]);
        if (f.trigger_start !== null && f.trigger_start !== undefined) ranges.push([f.trigger_start, f.trigger_end, "trigger"]);
      }
      for (const a of r.actors) ranges.push([a.start, a.end, `actor type-${a.type}`, { actor: String(a.id) }]);
      const body = el("div", { class: "doc-text" }, AG.segments(r.text, ranges));
      body.addEventListener("click", (ev) => {
        const span = ev.target.closest("span");
        if (!span) return;
        if (span.dataset.actor && span.classList.contains("actor")) this.openProfile(+span.dataset.actor);
        else if (span.dataset.fact) this.openFact(span.dataset.kind, +span.dataset.fact);
      });
      box.append(el("h3", {}, "Text"), body);
      if (focus) this.scrollToFact(box, focus);
    }

    scrollToFact(box, f) {
      const spans = [...box.querySelectorAll(`.doc-text span.fact[data-kind="${f.kind}"][data-fact="${Number(f.id)}"]`)];
      for (const old of box.querySelectorAll(".doc-text span.chosen")) old.classList.remove("chosen");
      for (const sp of spans) sp.classList.add("chosen");
      if (spans.length) spans[0].scrollIntoView({ block: "center" });
    }
  }

  AG.UI = UI;
})(window);
