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

  function token() {
    return global.sessionStorage.getItem("actorgraph-token") || "";
  }

  const source = {
    writable: true,
    graph: (filters) => call(`graph${query(filters)}`),
    evidence: (kind, id) => call(`evidence/${kind}/${id}`),
    profile: (id) => call(`actors/${encodeURIComponent(id)}/profile`),
    actor: (ref) => call(`actors/${encodeURIComponent(ref)}`),
    search: (q) => call(`search${query({ q })}`),
    documents: () => call("documents?limit=500"),
    corrections: () => call("corrections?limit=500"),
    stats: () => call("stats"),
    countries: () => fetch("/static/vendor/countries-110m.geojson").then((r) => r.json()),
    write: (kind, body) =>
      call(`corrections/${kind}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
        body: JSON.stringify({ author: "web", ...body }),
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
    };
  }

  async function renderDocuments(ui) {
    const page = await ui.guard(source.documents());
    const body = AG.clear(document.getElementById("documents-body"));
    for (const d of page.items) {
      body.append(
        el(
          "tr",
          { "data-document": d.id },
          el("td", {}, AG.safeUrl(d.url || "") ? el("a", { href: d.url, target: "_blank", rel: "noopener noreferrer" }, d.title || d.source) : d.title || d.source),
          el("td", {}, d.publisher || ""),
          el("td", {}, d.published || ""),
          el("td", {}, d.format),
          el("td", { class: "num" }, d.chars.toLocaleString()),
          el("td", {}, d.near_duplicate ? "copy" : ""),
        ),
      );
    }
  }

  async function renderCorrections(ui) {
    const page = await ui.guard(source.corrections());
    const body = AG.clear(document.getElementById("corrections-body"));
    for (const c of page.items) {
      body.append(
        el("tr", {}, el("td", {}, c.created_at.slice(0, 19).replace("T", " ")), el("td", {}, c.author),
          el("td", {}, c.kind), el("td", {}, JSON.stringify(c.payload)), el("td", {}, c.reason)),
      );
    }
  }

  async function renderStats(ui) {
    const s = await ui.guard(source.stats());
    document.getElementById("stats").textContent =
      `${AG.plural(s.documents, "document")} · ${AG.plural(s.actors, "actor")} · ` +
      `${AG.plural(s.events, "event")} · ${AG.plural(s.relations, "relation")}`;
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
      ui.load(readFilters());
    });
    document.getElementById("f-reset").addEventListener("click", () => {
      document.getElementById("filters").reset();
      ui.load({});
    });
    const search = document.getElementById("search");
    const results = document.getElementById("search-results");
    let pending = null;
    search.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(() => ui.runSearch(search.value, results), 200);
    });
    search.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") results.hidden = true;
    });
    const tokenInput = document.getElementById("token");
    tokenInput.value = token();
    tokenInput.addEventListener("change", () => {
      global.sessionStorage.setItem("actorgraph-token", tokenInput.value.trim());
      ui.status(tokenInput.value.trim() ? "token set for this tab" : "token cleared");
    });
    document.getElementById("upload").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const form = new FormData(ev.target);
      ui.status("reading and extracting…");
      const result = await ui.guard(source.upload(form));
      const added = result.documents.filter((d) => !d.skipped).length;
      ui.status(`uploaded: ${AG.plural(added, "new document")}`);
      ev.target.reset();
      await renderDocuments(ui);
      await renderStats(ui);
      await ui.load(ui.filters);
    });
    ui.afterWrite = () => {
      renderStats(ui);
      if (ui.tab === "corrections") renderCorrections(ui);
    };
    renderStats(ui);
    ui.showTab("network");
    ui.load({}).then(() => document.body.setAttribute("data-ready", "true"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
