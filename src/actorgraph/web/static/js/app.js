// The live app: the views of views.js fed by the REST API of the same server.
"use strict";
(function (global) {
  const AG = global.AG;
  const el = AG.el;

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "" && v !== false) q.set(k, String(v));
    }
    const s = q.toString();
    return s ? `?${s}` : "";
  }

  async function call(path, options) {
    const response = await fetch(`/api/${path}`, options);
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body && body.error ? body.error.message : `${response.status} ${response.statusText}`;
      throw new Error(message);
    }
    return body;
  }

  const PAGE = 200;

  // Who makes the corrections: the name typed beside the token (kept for the tab).
  function author() {
    return global.sessionStorage.getItem("actorgraph-author") || "analyst";
  }

  function token() {
    return global.sessionStorage.getItem("actorgraph-token") || "";
  }

  const source = {
    writable: true,
    graph: (filters, signal) => call(`graph${query(filters)}`, { signal }),
    fact: (kind, id) => call(`${kind === "event" ? "events" : "relations"}/${Number(id)}`),
    document: (id) => call(`documents/${encodeURIComponent(id)}`),
    reading: (id) => call(`documents/${encodeURIComponent(id)}/read`),
    path: (from, to, filters) => call(`paths${query({ ...filters, source: from, target: to })}`),
    analytics: (name, filters, limit) => call(`analytics/${name}${query({ ...filters, limit })}`),
    exportUrl: (fmt, filters) => `/api/export/${fmt}${query(filters)}`,
    evidence: (kind, id) => call(`evidence/${kind}/${id}`),
    profile: (id) => call(`actors/${encodeURIComponent(id)}/profile`),
    actor: (ref) => call(`actors/${encodeURIComponent(ref)}`),
    search: (q) => call(`search${query({ q })}`),
    documents: (offset) => call(`documents${query({ limit: PAGE, offset })}`),
    corrections: (offset) => call(`audit${query({ limit: PAGE, offset })}`),
    undo: (id) =>
      call("corrections/undo", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
        body: JSON.stringify({ author: author(), id }),
      }),
    stats: () => call("stats"),
    views: () => call("views"),
    duplicates: () => call("duplicates?limit=100"),
    saveView: (name, state) =>
      call("views", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
        body: JSON.stringify({ name, state }),
      }),
    countries: () => fetch("/static/vendor/countries-110m.geojson").then((r) => r.json()),
    write: (kind, body) =>
      call(`corrections/${kind}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
        body: JSON.stringify({ author: author(), ...body }),
      }),
    upload: (form) =>
      call("documents", { method: "POST", headers: { Authorization: `Bearer ${token()}` }, body: form }),
  };

  function readFilters() {
    const v = (id) => document.getElementById(id).value.trim();
    return {
      since: v("f-since"),
      until: v("f-until"),
      type: v("f-type"),
      modality: v("f-modality"),
      min_sources: v("f-min-sources"),
      include_rejected: document.getElementById("f-rejected").checked,
      include_undated: document.getElementById("f-undated").checked,
      min_confidence: v("f-confidence"),
    };
  }

  // A table filled a page at a time: "more" asks for the next page where the last one ended.
  function pager(id, total, shown, more) {
    const foot = document.getElementById(id);
    AG.clear(foot);
    if (shown >= total && !more) {
      foot.append(el("tr", {}, el("td", { colspan: 6, class: "note" }, `${AG.plural(total, "row")}`)));
      return;
    }
    foot.append(
      el("tr", {}, el("td", { colspan: 6, class: "note" }, `${shown.toLocaleString("en")} of ${total.toLocaleString("en")} shown `,
        more ? el("button", { type: "button", class: "more", onclick: more }, `show ${PAGE} more`) : null)),
    );
  }

  async function renderDocuments(ui, offset) {
    const [page, stats] = await Promise.all([ui.guard(source.documents(offset || 0)), source.stats()]);
    const body = document.getElementById("documents-body");
    if (!offset) AG.clear(body);
    for (const d of page.items) {
      body.append(
        el(
          "tr",
          { "data-document": d.id },
          el("td", {}, el("a", { href: "#", class: "read-link", onclick: (ev) => (ev.preventDefault(), ui.openDocument(d.id)) }, d.title || d.source),
            AG.safeUrl(d.url || "") ? [" ", el("a", { href: d.url, target: "_blank", rel: "noopener noreferrer", title: "the original" }, "↗")] : null),
          el("td", {}, d.publisher || ""),
          el("td", {}, d.published || ""),
          el("td", {}, d.format),
          el("td", { class: "num" }, d.chars.toLocaleString()),
          el("td", {}, d.near_duplicate ? "copy" : ""),
        ),
      );
    }
    const next = page.next_offset;
    pager("documents-foot", stats.documents, body.children.length, next === null ? null : () => renderDocuments(ui, next));
  }

  async function renderCorrections(ui, offset) {
    const [page, stats] = await Promise.all([ui.guard(source.corrections(offset || 0)), source.stats()]);
    const body = document.getElementById("corrections-body");
    if (!offset) AG.clear(body);
    for (const entry of page.items) {
      const c = entry.correction;
      const state = entry.undone_by
        ? `undone (#${entry.undone_by})`
        : entry.undoable
          ? el("button", { type: "button", class: "undo", "data-correction": c.id, onclick: async () => {
              const done = await ui.guard(source.undo(c.id));
              ui.status(`undone: ${done.text}`);
              await ui.load(ui.filters);
              await renderCorrections(ui);
              await renderStats(ui);
            } }, "Undo")
          : "";
      body.append(
        el("tr", { "data-correction": c.id }, el("td", {}, `#${c.id}`), el("td", {}, c.created_at.slice(0, 19).replace("T", " ")), el("td", {}, c.author),
          el("td", {}, entry.text), el("td", {}, c.reason), el("td", {}, state)),
      );
    }
    const next = page.next_offset;
    pager("corrections-foot", stats.corrections, body.children.length, next === null ? null : () => renderCorrections(ui, next));
  }

  async function renderStats(ui) {
    const s = await ui.guard(source.stats());
    document.getElementById("stats").textContent =
      `${AG.plural(s.documents, "document")} · ${AG.plural(s.actors, "actor")} · ` +
      `${AG.plural(s.events, "event")} · ${AG.plural(s.relations, "relation")}`;
  }

  // -- the view in the address: filters, what is open, the tab and the camera --------------------

  const FILTER_KEYS = [
    "since", "until", "type", "modality", "min_sources", "min_confidence",
    "include_rejected", "include_undated", "focus", "hops",
  ];
  const FIELDS = {
    since: "f-since", until: "f-until", type: "f-type", modality: "f-modality",
    min_sources: "f-min-sources", min_confidence: "f-confidence",
  };
  const CHECKS = { include_rejected: "f-rejected", include_undated: "f-undated" };

  function stateOf(ui) {
    const q = {};
    for (const k of FILTER_KEYS) {
      const v = (ui.filters || {})[k];
      if (v !== null && v !== undefined && v !== "" && v !== false) q[k] = v === true ? "1" : String(v);
    }
    if (ui.selection) q.open = ui.selection;
    if (ui.tab && ui.tab !== "network") q.tab = ui.tab;
    if (ui.sigma && !ui.networkStale) {
      const c = ui.sigma.getCamera().getState();
      q.cam = [c.x, c.y, c.ratio].map((n) => n.toFixed(4)).join(",");
    }
    return q;
  }

  function writeAddress(ui, push) {
    const search = `?${new URLSearchParams(stateOf(ui)).toString()}`;
    if (search === global.location.search || (search === "?" && !global.location.search)) return;
    if (push) global.history.pushState(null, "", search);
    else global.history.replaceState(null, "", search);
  }

  // Makes the page show what the address says (on start, Back/Forward, a saved view).
  async function applyAddress(ui) {
    const p = new URLSearchParams(global.location.search);
    const filters = {};
    for (const k of FILTER_KEYS) if (p.get(k)) filters[k] = CHECKS[k] ? p.get(k) === "1" : p.get(k);
    for (const [k, id] of Object.entries(FIELDS)) document.getElementById(id).value = filters[k] || "";
    for (const [k, id] of Object.entries(CHECKS)) document.getElementById(id).checked = Boolean(filters[k]);
    ui.restoring = true;
    try {
      ui.showTab(p.get("tab") || "network");
      const view = await ui.load(filters);
      if (!view) return; // a newer navigation took over
      const [what, id] = (p.get("open") || "").split(/:(.*)/s);
      ui.selection = null;
      document.getElementById("panel").hidden = true;
      if (what === "actor") await ui.openProfile(Number(id)).catch(() => null);
      else if (what === "event" || what === "relation") await ui.openFact(what, Number(id)).catch(() => null);
      else if (what === "doc") await ui.openDocument(id).catch(() => null);
      const cam = (p.get("cam") || "").split(",").map(Number);
      if (cam.length === 3 && cam.every(Number.isFinite) && ui.sigma && !ui.networkStale) {
        ui.sigma.getCamera().setState({ x: cam[0], y: cam[1], ratio: cam[2] });
      }
    } finally {
      ui.restoring = false;
    }
    writeAddress(ui, false);
  }

  // -- saved views --------------------------------------------------------------------------------

  async function renderSavedViews(ui) {
    const select = document.getElementById("saved-views");
    const views = await source.views().catch(() => []);
    AG.clear(select);
    select.append(el("option", { value: "" }, views.length ? `${AG.plural(views.length, "saved view")}…` : "no saved view yet"));
    for (const v of views) select.append(el("option", { value: String(v.id), "data-state": JSON.stringify(v.state) }, v.name));
  }

  function fillSelect(id, values) {
    const select = document.getElementById(id);
    for (const v of values) select.append(el("option", { value: v }, v));
  }

  function start() {
    const ui = new AG.UI(source, document);
    global.actorgraphUI = ui; // for the browser tests and the curious
    fillSelect("f-type", AG.PLOVER);
    fillSelect("f-modality", AG.MODALITIES);
    for (const b of document.querySelectorAll("[data-tab]")) {
      b.addEventListener("click", () => {
        ui.showTab(b.dataset.tab);
        if (b.dataset.tab === "documents") renderDocuments(ui);
        if (b.dataset.tab === "corrections") renderCorrections(ui);
      });
    }
    document.getElementById("filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      // A neighbourhood on show stays: the filters narrow it.
      ui.load({ ...readFilters(), focus: ui.filters.focus, hops: ui.filters.hops });
    });
    document.getElementById("f-reset").addEventListener("click", () => {
      document.getElementById("filters").reset();
      ui.load({});
    });
    const search = document.getElementById("search");
    const results = document.getElementById("search-results");
    let pending = null;
    let running = null;
    const now = () => {
      clearTimeout(pending);
      pending = null;
      running = ui.runSearch(search.value, results);
      return running;
    };
    search.addEventListener("input", () => {
      // The list on show answers an older query: it cannot be clicked until the new answer.
      results.dataset.stale = "true";
      ui.searchSeq++;
      clearTimeout(pending);
      if (!search.value.trim()) return ui.cancelSearch(results);
      pending = setTimeout(now, 200);
    });
    search.addEventListener("keydown", async (ev) => {
      if (ev.key === "Escape") {
        clearTimeout(pending);
        ui.cancelSearch(results);
      } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        ui.moveSearch(results, ev.key === "ArrowDown" ? 1 : -1);
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (results.dataset.stale || pending) await now();
        ui.chooseSearch(results);
      }
    });
    const authorInput = document.getElementById("author");
    authorInput.value = global.sessionStorage.getItem("actorgraph-author") || "";
    authorInput.addEventListener("change", () => global.sessionStorage.setItem("actorgraph-author", authorInput.value.trim()));
    const tokenInput = document.getElementById("token");
    tokenInput.value = token();
    tokenInput.addEventListener("change", () => {
      global.sessionStorage.setItem("actorgraph-token", tokenInput.value.trim());
      ui.status(tokenInput.value.trim() ? "token set for this tab" : "token cleared");
    });
    document.getElementById("upload").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const form = ev.target;
      const files = [...document.getElementById("upload-file").files];
      const published = document.getElementById("upload-published").value.trim();
      const list = AG.clear(document.getElementById("upload-progress"));
      const button = document.getElementById("upload-button");
      button.disabled = true;
      const rows = files.map((f) => {
        const state = el("span", { class: "state" }, "waiting");
        list.append(el("li", { "data-file": f.name }, `${f.name} · `, state));
        return state;
      });
      ui.status(`uploading ${AG.plural(files.length, "file")}: the first one also loads the language model (about half a minute)`);
      let added = 0;
      for (const [i, file] of files.entries()) {
        rows[i].textContent = "reading and extracting…";
        const data = new FormData();
        data.append("file", file);
        if (published) data.append("published", published);
        try {
          const result = await source.upload(data);
          const fresh = result.documents.filter((d) => !d.skipped).length;
          added += fresh;
          rows[i].textContent = fresh ? `stored (${AG.plural(fresh, "document")})` : "already stored";
          rows[i].className = "state ok";
        } catch (e) {
          rows[i].textContent = `failed: ${e.message}`;
          rows[i].className = "state error";
        }
      }
      button.disabled = false;
      ui.status(`uploaded: ${AG.plural(added, "new document")}`);
      form.reset();
      await renderDocuments(ui);
      await renderStats(ui);
      await ui.load(ui.filters);
    });
    ui.afterWrite = () => {
      renderStats(ui);
      if (ui.tab === "corrections") renderCorrections(ui);
    };
    renderStats(ui);
    ui.onChange = (push) => writeAddress(ui, push);
    document.getElementById("path-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      ui.findPath(document.getElementById("path-from").value, document.getElementById("path-to").value);
    });
    document.getElementById("show-duplicates").addEventListener("click", () => ui.showDuplicates());
    for (const name of ["brokers", "centrality", "communities"]) {
      document.getElementById(`show-${name}`).addEventListener("click", () => ui.showMeasure(name));
    }
    global.addEventListener("popstate", () => applyAddress(ui));
    const saved = document.getElementById("saved-views");
    saved.addEventListener("change", () => {
      const option = saved.selectedOptions[0];
      if (!option || !option.value) return;
      const state = JSON.parse(option.dataset.state || "{}");
      global.history.pushState(null, "", `?${new URLSearchParams(state).toString()}`);
      applyAddress(ui);
      saved.value = "";
    });
    document.getElementById("save-view").addEventListener("click", async () => {
      const name = document.getElementById("view-name").value.trim();
      if (!name) return ui.status("give the view a name first", true);
      await ui.guard(source.saveView(name, stateOf(ui)));
      document.getElementById("view-name").value = "";
      ui.status(`saved view “${name}”`);
      await renderSavedViews(ui);
    });
    renderSavedViews(ui);
    applyAddress(ui).then(() => document.body.setAttribute("data-ready", "true"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
