// The offline brief: the app's views over a snapshot embedded in the page (no server).
"use strict";
(function (global) {
  const AG = global.AG;
  const el = AG.el;
  const data = JSON.parse(document.getElementById("ag-data").textContent);

  const missing = (what) => Promise.reject(new Error(`${what} is not part of this brief`));
  const source = {
    writable: false,
    graph: () => Promise.resolve(data.view),
    evidence: (kind, id) => Promise.resolve(data.evidence[`${kind}/${id}`] || []),
    profile: (id) => (data.profiles[String(id)] ? Promise.resolve(data.profiles[String(id)]) : missing("this actor's profile")),
    actor: () => missing("looking up actors"),
    search: () => missing("search"),
    countries: () => Promise.resolve(data.countries),
  };

  async function start() {
    const ui = new AG.UI(source, document);
    global.actorgraphUI = ui;
    document.getElementById("report-meta").textContent =
      `${data.filters} · generated ${data.generated} by actorgraph`;
    const view = await ui.load({});
    // In the brief every fact's evidence is on the page: a click scrolls to it.
    ui.openFact = (kind, id) => {
      const block = document.querySelector(`#facts [data-kind="${kind}"][data-fact="${Number(id)}"]`);
      if (block) block.scrollIntoView({ behavior: "smooth", block: "start" });
    };
    await ui.renderMap();
    const facts = document.getElementById("facts");
    for (const e of view.events) facts.append(await ui.factBlock("event", e.id, false, e));
    for (const r of view.relations) facts.append(await ui.factBlock("relation", r.id, false, r));
    if (!view.events.length && !view.relations.length) {
      facts.append(el("p", { class: "empty" }, "No fact under these filters."));
    }
    const sources = document.getElementById("sources");
    for (const d of data.documents) sources.append(ui.docLine(d));
    // Printing (to paper or PDF): a WebGL canvas may print blank, so the network goes to the
    // printer as an SVG picture of what is drawn, made just before printing.
    global.addEventListener("beforeprint", () => {
      if (!ui.sigma) return;
      const holder = document.getElementById("graph-print");
      const picture = AG.networkSvg(ui.sigma, ui.graph, `${data.title} · ${data.filters}`);
      AG.clear(holder).append(
        el("img", { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture)}`, alt: "the network" }),
      );
    });
    document.body.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
