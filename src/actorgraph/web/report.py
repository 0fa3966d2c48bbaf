"""``actorgraph report``: one self-contained HTML brief that opens offline in any browser.

Scripts, styles, the country outlines and the data are inlined; the data travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, so article text
can neither close that block nor become markup. The page renders it with the app's own views.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from actorgraph.errors import ConfigError, InputError
from actorgraph.records import Modality
from actorgraph.store import Store
from actorgraph.web.app import static_dir
from actorgraph.web.network import network_view

VENDOR_SCRIPTS = ("graphology.umd.min.js", "sigma.min.js", "leaflet.js")
OWN_SCRIPTS = ("core.js", "views.js", "report.js")


class ReportFilters(BaseModel):
    actor: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    min_sources: int | None = Field(default=None, ge=1)
    modality: Modality | None = None

    def describe(self) -> str:
        parts = [f"{k.replace('_', ' ')} {v}" for k, v in self.model_dump().items() if v]
        return "; ".join(parts) if parts else "no filter: everything in the store"


class ReportSummary(BaseModel):
    events: int
    relations: int
    actors: int
    documents: int
    bytes: int


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _inline_script(source: str) -> str:
    # A literal "</script" inside a library would end the block early: split it.
    return source.replace("</script", "<\\/script")


def snapshot(store: Store, filters: ReportFilters) -> dict[str, Any]:
    """Everything the brief shows, in the shapes the REST API answers with."""
    actor = int(filters.actor) if filters.actor and filters.actor.isdigit() else filters.actor
    view = network_view(
        store,
        actor=actor,
        type=filters.type,
        since=filters.since,
        until=filters.until,
        min_sources=filters.min_sources,
        modality=filters.modality,
    )
    evidence: dict[str, Any] = {}
    documents: set[str] = set()
    for kind, facts in (("event", view.events), ("relation", view.relations)):
        for fact in facts:
            mentions = store.evidence(kind, fact.id)
            documents.update(m.document_id for m in mentions)
            evidence[f"{kind}/{fact.id}"] = [m.model_dump(mode="json") for m in mentions]
    profiles = {str(n.id): store.actor_profile(n.id).model_dump(mode="json") for n in view.nodes}
    docs = sorted(
        (store.document(d) for d in documents),
        key=lambda d: (d.published or "", d.title or d.source),
    )
    return {
        "view": view.model_dump(mode="json"),
        "evidence": evidence,
        "profiles": profiles,
        "documents": [d.model_dump(mode="json") for d in docs],
    }


def render(data: dict[str, Any], *, title: str, filters: ReportFilters) -> str:
    static = static_dir()
    css = "\n".join(
        (static / p).read_text(encoding="utf-8") for p in ("vendor/leaflet.css", "app.css")
    )
    scripts = [static / "vendor" / name for name in VENDOR_SCRIPTS]
    scripts += [static / "js" / name for name in OWN_SCRIPTS]
    countries = json.loads((static / "vendor/countries-110m.geojson").read_text(encoding="utf-8"))
    payload = {
        **data,
        "countries": countries,
        "title": title,
        "filters": filters.describe(),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    template = (static / "report.html").read_text(encoding="utf-8")
    parts = {
        "title": html.escape(title),
        "style": css.replace("</style", "<\\/style"),
        "data": _json_for_script(payload),
        "scripts": "\n".join(
            f"<script>{_inline_script(p.read_text(encoding='utf-8'))}</script>" for p in scripts
        ),
    }
    return fill_template(template, parts)


_MARKER = re.compile(r"\{\{(\w+)\}\}")


def fill_template(template: str, parts: dict[str, str]) -> str:
    """Every ``{{name}}`` of the template replaced in one pass: text put in (an article that
    says ``{{scripts}}``, a title holding ``{{data}}``) is never read as a marker.

    >>> fill_template("<h1>{{t}}</h1>{{d}}", {"t": "{{d}}", "d": "x"})
    '<h1>{{d}}</h1>x'
    """
    unknown = set(_MARKER.findall(template)) - parts.keys()
    if unknown:
        raise ValueError(f"report template has unfilled markers: {sorted(unknown)}")
    return _MARKER.sub(lambda m: parts[m.group(1)], template)


def write_report(
    store: Store, output: Path, filters: ReportFilters, *, title: str = "Brief"
) -> ReportSummary:
    """Write the brief to ``output``; returns what it holds."""
    data = snapshot(store, filters)
    page = render(data, title=title, filters=filters)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write the report: {exc.strerror or exc}", path=str(output)
        ) from None
    view = data["view"]
    return ReportSummary(
        events=len(view["events"]),
        relations=len(view["relations"]),
        actors=len(view["nodes"]),
        documents=len(data["documents"]),
        bytes=len(page.encode("utf-8")),
    )


def report_filters(**values: Any) -> ReportFilters:
    """Validated filters; a bad value is a configuration error (exit code 3)."""
    try:
        return ReportFilters(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigError(f"--{where.replace('_', '-')}: {first.get('msg', 'invalid')}") from None
