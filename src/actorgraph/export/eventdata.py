"""Event-data tables: PLOVER JSONL and a GDELT-style CSV, one row per stored event."""

from __future__ import annotations

import csv
import io
from typing import Any

from actorgraph.graph.facts import Passage
from actorgraph.graph.models import ActorNode, EventFact, FactSet

from .common import dump_json, fact_documents, mapping, party

CODER = "actorgraph"

GDELT_COLUMNS = (
    "GlobalEventID",
    "Day",
    "DatePrecision",
    "Actor1Name",
    "Actor1KB",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Name",
    "Actor2KB",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "PloverType",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "Disputed",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SourceURLs",
)


def _sorted_passages(facts: FactSet, passages: list[Passage]) -> list[Passage]:
    def when(p: Passage) -> tuple[str, str, int]:
        doc = facts.documents.get(p.document_id)
        return ((doc.published if doc else None) or "9999", p.document_id, p.start)

    return sorted(passages, key=when)


def _entity(a: ActorNode) -> dict[str, Any]:
    """A PLOVER entity object with the fields actorgraph has."""
    out: dict[str, Any] = {"entity_text": a.name, "identifier_text": a.name}
    if a.country:
        out["code"] = a.country
    if a.sector:
        out["sector"] = a.sector
    if a.wikidata or a.kb_id:
        out["identifier_id"] = a.wikidata or a.kb_id
    return out


def _location(a: ActorNode) -> dict[str, Any]:
    out: dict[str, Any] = {"extracted_place": a.name, "resolved_place": a.name}
    if a.lat is not None and a.lon is not None:
        out |= {"lat": a.lat, "lon": a.lon}
    if a.country:
        out["country_code"] = a.country
    return out


def plover_record(facts: FactSet, e: EventFact, passages: list[Passage]) -> dict[str, Any]:
    """One PLOVER event record (manual: PLOVER JSON table) plus actorgraph's corroboration."""
    quad = mapping()["plover_quad"].get(e.type)
    ordered = _sorted_passages(facts, passages)
    rec: dict[str, Any] = {
        "id": f"{CODER}-e{e.id}",
        "date": e.date_lo.isoformat() if e.date_lo else None,
        "actor": [_entity(facts.actors[a]) for a in e.source],
        "recipient": [_entity(facts.actors[a]) for a in e.target],
        "event": [e.type],
        "mode": [e.mode] if e.mode else [],
        "coder": CODER,
        # Beyond the manual's table (it invites extra named fields):
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "date_precision": e.precision,
        "modality": e.modalities,
        "disputed": e.disputed,
        "num_sources": e.sources,
        "num_documents": len(e.documents),
        "sources": fact_documents(facts, e.documents),
    }
    if e.date_hi and e.date_lo and e.date_hi != e.date_lo:
        rec["enddate"] = e.date_hi.isoformat()
    if quad is not None:
        rec["quad_code"] = quad
    if e.place is not None and e.place in facts.actors:
        rec["event_loc"] = _location(facts.actors[e.place])
    if ordered:
        first = ordered[0]
        rec["event_text"] = list(dict.fromkeys(p.text.strip() for p in ordered))
        rec["text_info"] = {"sequence": first.sentence, "start": first.start, "end": first.end}
        doc = facts.documents.get(first.document_id)
        if doc is not None:
            cite = {
                "url": doc.url,
                "title": doc.title,
                "publication": doc.publisher,
                "citation": doc.source,
                "coder": CODER,
            }
            rec["cite_info"] = {k: v for k, v in cite.items() if v is not None}
    return rec


def to_plover(facts: FactSet, passages: dict[int, list[Passage]]) -> str:
    return "".join(
        dump_json(plover_record(facts, e, passages.get(e.id, []))) + "\n" for e in facts.events
    )


def _quad_class(cameo: str | None) -> int | None:
    if not cameo or len(cameo) < 2:
        return None
    found = None
    for root, quad in sorted(mapping()["gdelt_quad_from_root"].items()):
        if cameo[:2] >= root:
            found = quad
    return found


def gdelt_row(facts: FactSet, e: EventFact) -> dict[str, Any]:
    a1, a2 = party(facts, e.source), party(facts, e.target)
    place = facts.actors.get(e.place) if e.place is not None else None
    row: dict[str, Any] = {
        "GlobalEventID": e.id,
        "Day": e.date_lo.strftime("%Y%m%d") if e.date_lo else "",
        "DatePrecision": e.precision,
        "EventCode": e.cameo or "",
        "EventBaseCode": (e.cameo or "")[:3],
        "EventRootCode": (e.cameo or "")[:2],
        "PloverType": e.type,
        "QuadClass": _quad_class(e.cameo) or "",
        "GoldsteinScale": "" if e.goldstein is None else e.goldstein,
        "NumMentions": e.mentions,
        "NumSources": e.sources,
        "NumArticles": len(e.documents),
        "Disputed": int(e.disputed),
        "SourceURLs": " ".join(fact_documents(facts, e.documents)),
    }
    for n, a in (("1", a1), ("2", a2)):
        row[f"Actor{n}Name"] = a.name if a else ""
        row[f"Actor{n}KB"] = (a.kb_id or "") if a else ""
        row[f"Actor{n}CountryCode"] = (a.country or "") if a else ""
        row[f"Actor{n}Type1Code"] = (a.sector or "") if a else ""
    row["ActionGeo_FullName"] = place.name if place else ""
    row["ActionGeo_CountryCode"] = (place.country or "") if place else ""
    row["ActionGeo_Lat"] = "" if place is None or place.lat is None else place.lat
    row["ActionGeo_Long"] = "" if place is None or place.lon is None else place.lon
    return row


def to_gdelt_csv(facts: FactSet) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=GDELT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for e in facts.events:
        writer.writerow(gdelt_row(facts, e))
    return buf.getvalue()
