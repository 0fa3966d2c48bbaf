"""A small invented world, filed into a store from hand-built records (no NLP pipeline).

Five documents, written for these tests. The tie graph is the chain
Lant - Kell - Red Front - Blue Guard - Dorn - Falk, with Orvik as a place:

- d1, d2: Kell met Lant in Orvik (one event, two independent sources); Kell leads Red Front.
- d3: Red Front attacked Blue Guard.
- d4: Dorn praised Blue Guard and criticised Falk.
- d5: Falk denied meeting Dorn (a CONSULT that is disputed).
"""

from __future__ import annotations

from typing import Any

from actorgraph.records import (
    Actor,
    DateValue,
    DocumentInfo,
    Event,
    Evidence,
    ExtractionRecord,
    Modality,
    Published,
    Relation,
    Span,
    content_id,
)
from actorgraph.store import Store

# name, type, kb id, country, sector, coordinates
ACTORS: dict[str, tuple[str, str, str | None, str | None, str | None, Any]] = {
    "kell": ("Anna Kell", "person", "test/anna-kell", "NOR", "GOV", None),
    "lant": ("Boris Lant", "person", "test/boris-lant", "SWE", "GOV", None),
    "orvik": ("Orvik", "place", "test/orvik", "NOR", None, (61.5, 8.25)),
    "red": ("Red Front", "organization", "test/red-front", "NOR", "REB", None),
    "blue": ("Blue Guard", "organization", None, "SWE", "MIL", None),
    "dorn": ("Carl Dorn", "person", None, "SWE", None, None),
    "falk": ("Eve Falk", "person", None, None, None, None),
}

# CAMEO code and Goldstein score per event type used here.
CAMEO = {
    "CONSULT": ("040", 1.0),
    "ASSAULT": ("190", -10.0),
    "SUPPORT": ("051", 3.4),
    "ACCUSE": ("111", -2.0),
}

DOCS: list[dict[str, Any]] = [
    {
        "text": "Anna Kell met Boris Lant in Orvik on Monday. Anna Kell leads the Red Front.",
        "published": "2020-03-03",
        "url": "https://news.example/kell-lant",
        "publisher": "Orvik Daily",
        "events": [("CONSULT", "kell", "lant", "2020-03-02", "day", "orvik", "asserted", "met")],
        "relations": [("leader_of", "kell", "red", "Anna Kell leads the Red Front")],
    },
    {
        "text": "Boris Lant and Anna Kell held talks in Orvik on Monday, aides said.",
        "published": "2020-03-04",
        "url": "https://wire.example/talks",
        "publisher": "North Wire",
        "events": [("CONSULT", "lant", "kell", "2020-03-02", "day", "orvik", "reported", "talks")],
        "relations": [],
    },
    {
        "text": "The Red Front attacked the Blue Guard in July.",
        "published": "2020-07-20",
        "url": None,
        "publisher": None,
        "events": [("ASSAULT", "red", "blue", "2020-07", "month", None, "asserted", "attacked")],
        "relations": [],
    },
    {
        "text": "Carl Dorn praised the Blue Guard. Carl Dorn criticised Eve Falk.",
        "published": "2021-02-01",
        "url": "https://news.example/dorn",
        "publisher": "Orvik Daily",
        "events": [
            ("SUPPORT", "dorn", "blue", "2021-02-01", "day", None, "asserted", "praised"),
            ("ACCUSE", "dorn", "falk", "2021-02-01", "day", None, "asserted", "criticised"),
        ],
        "relations": [],
    },
    {
        "text": "Eve Falk denied that she met Carl Dorn in January.",
        "published": "2021-02-05",
        "url": "https://wire.example/denial",
        "publisher": "North Wire",
        "events": [("CONSULT", "falk", "dorn", "2021-01", "month", None, "denied", "met")],
        "relations": [],
    },
]


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start=start, end=start + len(needle), text=needle)


def _sentence(text: str, needle: str) -> Evidence:
    """The sentence of ``text`` that holds ``needle``."""
    at = text.index(needle)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return Evidence(start=start, end=end, text=text[start:end], sentence=text[:start].count(". "))


def record(doc: dict[str, Any], source: str) -> ExtractionRecord:
    text: str = doc["text"]
    keys = sorted(
        {k for e in doc["events"] for k in (e[1], e[2], e[5]) if k}
        | {k for r in doc["relations"] for k in (r[1], r[2])}
    )
    ids = {k: f"a{i}" for i, k in enumerate(keys)}
    actors = []
    for key in keys:
        name, kind, kb, country, sector, coords = ACTORS[key]
        mention = name.split()[-1] if name not in text else name
        actors.append(
            Actor(
                id=ids[key],
                name=name,
                type=kind,  # type: ignore[arg-type]
                kb_id=kb,
                country=country,
                sector=sector,
                coordinates=coords,
                mentions=[_span(text, mention)],
            )
        )
    events = []
    for i, (kind, src, tgt, date, precision, place, modality, trigger) in enumerate(doc["events"]):
        evidence = _sentence(text, trigger)
        cameo, goldstein = CAMEO[kind]
        mod: Modality = modality
        events.append(
            Event(
                id=f"e{i + 1}",
                type=kind,
                cameo=cameo,
                goldstein=goldstein,
                trigger=_span(text, trigger),
                source=[ids[src]],
                target=[ids[tgt]],
                date=DateValue(value=date, precision=precision, basis="text"),
                place=ids[place] if place else None,
                modality=mod,
                evidence=evidence,
                mentions=[evidence],
            )
        )
    relations = [
        Relation(
            id=f"r{i + 1}",
            type=kind,
            head=ids[head],
            tail=ids[tail],
            evidence=Evidence(**_span(text, phrase).model_dump(), sentence=None),
        )
        for i, (kind, head, tail, phrase) in enumerate(doc["relations"])
    ]
    return ExtractionRecord(
        schema_version="1.0",
        document=DocumentInfo(
            id=content_id(text),
            source=source,
            url=doc["url"],
            title=text.split(".")[0],
            publisher=doc["publisher"],
            published=Published(value=doc["published"], source="option"),
            chars=len(text),
        ),
        actors=actors,
        events=events,
        relations=relations,
    )


def build_world(store: Store) -> None:
    for i, doc in enumerate(DOCS):
        store.add_record(record(doc, f"world/d{i + 1}.txt"), doc["text"])


def actor_id(store: Store, key: str) -> int:
    return store.actor(ACTORS[key][0]).id
