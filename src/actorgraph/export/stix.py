"""A STIX 2.1 bundle made with the ``stix2`` library.

Actors become identities, threat actors or locations (``data/export/mapping.yaml``); relations
become relationship objects; events become ``x-actorgraph-event`` objects declared by an
extension definition (a new SDO); each document becomes a report citing what it supports.
actorgraph's own properties (sources, disputed, ...) ride on a top-level property extension.

Deterministic: ids are UUIDv5 of store keys (KB id or type and name for actors, the content
hash for documents), and timestamps come from document dates, never from the clock.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import stix2
from stix2.properties import (
    BooleanProperty,
    FloatProperty,
    IntegerProperty,
    ListProperty,
    ReferenceProperty,
    StringProperty,
)

from actorgraph.graph.models import ActorNode, EventFact, FactSet, RelationFact
from actorgraph.kb import normalize_name

from .common import alpha2, mapping

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "actorgraph")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EVENT_TYPE = "x-actorgraph-event"


def _id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


CREATOR_ID = _id("identity", "actorgraph")
# The top-level properties the property extension declares (each prefixed ``actorgraph_``).
PROPERTIES = {
    f"actorgraph_{name}"
    for name in (
        "store_id",
        "kb_id",
        "country",
        "sector",
        "wikidata",
        "sources",
        "documents",
        "modalities",
        "disputed",
        "status",
        "document_id",
        "source",
    )
}
EVENT_EXT_ID = _id("extension-definition", "actorgraph/event-sdo/1")
PROPS_EXT_ID = _id("extension-definition", "actorgraph/properties/1")


@stix2.CustomObject(
    EVENT_TYPE,
    [
        ("name", StringProperty(required=True)),
        ("event_type", StringProperty(required=True)),
        ("mode", StringProperty()),
        ("cameo", StringProperty()),
        ("goldstein", FloatProperty()),
        ("date", StringProperty()),
        ("date_precision", StringProperty()),
        ("source_refs", ListProperty(ReferenceProperty(valid_types="SDO"))),
        ("target_refs", ListProperty(ReferenceProperty(valid_types="SDO"))),
        ("location_ref", ReferenceProperty(valid_types="SDO")),
        ("sources", IntegerProperty()),
        ("documents", IntegerProperty()),
        ("modalities", ListProperty(StringProperty())),
        ("disputed", BooleanProperty()),
        ("store_id", IntegerProperty()),
    ],
    extension_name=EVENT_EXT_ID,
)
class ActorgraphEvent:
    """An event between actors, as actorgraph stores it."""


# The stix2 decorator builds the constructor at run time; type checkers cannot see its fields.
_new_event: Any = ActorgraphEvent


def _timestamp(value: str | None) -> datetime | None:
    if not value:
        return None
    parts = value.split("/")[0].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return datetime(numbers[0], numbers[1], numbers[2], tzinfo=UTC)
    except (ValueError, IndexError):
        return None


def actor_key(actor: ActorNode) -> str:
    return actor.kb_id or f"{actor.type}:{normalize_name(actor.name)}"


class _Builder:
    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        self.map = mapping()["stix"]
        self.iso2 = alpha2()
        self.doc_time = {d.id: _timestamp(d.published) for d in facts.documents.values()}
        known = sorted(t for t in self.doc_time.values() if t)
        self.default_time = known[0] if known else EPOCH
        self.actor_ids: dict[int, str] = {}
        self.objects: list[Any] = []
        self.cites: dict[str, list[str]] = defaultdict(list)
        self.actor_docs: dict[int, set[str]] = defaultdict(set)

    def times(self, documents: list[str] | set[str]) -> tuple[datetime, datetime]:
        found = sorted(t for d in documents if (t := self.doc_time.get(d)))
        if not found:
            return self.default_time, self.default_time
        return found[0], found[-1]

    @staticmethod
    def props(**values: Any) -> dict[str, Any]:
        out = {f"actorgraph_{k}": v for k, v in values.items() if v is not None}
        assert set(out) <= PROPERTIES, set(out) - PROPERTIES
        out["extensions"] = {PROPS_EXT_ID: {"extension_type": "toplevel-property-extension"}}
        return out

    # -- actors --------------------------------------------------------------------------------

    def plan_actors(self) -> None:
        for e in self.facts.events:
            for a in [*e.source, *e.target, *([e.place] if e.place is not None else [])]:
                self.actor_docs[a].update(e.documents)
        for r in self.facts.relations:
            for a in (r.head, r.tail):
                self.actor_docs[a].update(r.documents)
        for actor_id in sorted(self.actor_docs):
            actor = self.facts.actors.get(actor_id)
            if actor is not None:
                self.objects.append(self.actor(actor))

    def actor(self, a: ActorNode) -> Any:
        created, modified = self.times(self.actor_docs[a.id])
        common: dict[str, Any] = {
            "name": a.name,
            "created": created,
            "modified": modified,
            "created_by_ref": CREATOR_ID,
            "allow_custom": True,
            **self.props(
                store_id=a.id,
                kb_id=a.kb_id,
                country=a.country,
                sector=a.sector,
                wikidata=a.wikidata,
            ),
        }
        if a.aliases:
            common["aliases"] = a.aliases
        spec = self.map.get(a.type, {"object": "identity", "identity_class": "unknown"})
        country = self.iso2.get(a.country or "")
        has_point = a.lat is not None and a.lon is not None
        if spec["object"] == "location" and (has_point or country):
            common.pop("aliases", None)  # locations have no aliases property
            loc: dict[str, Any] = {}
            if has_point:
                loc |= {"latitude": a.lat, "longitude": a.lon}
            if country:
                loc["country"] = country
            obj = stix2.Location(id=_id("location", actor_key(a)), **common, **loc)
        elif a.type == "organization" and a.sector in self.map["threat_actor_sectors"]:
            obj = stix2.ThreatActor(id=_id("threat-actor", actor_key(a)), **common)
        else:
            common.pop("aliases", None)  # identities have no aliases property either
            identity_class = spec.get("identity_class", "unknown")
            sector = self.map["identity_sectors"].get(a.sector or "")
            if a.type == "state":
                sector = sector or "government-national"
            extra: dict[str, Any] = {"sectors": [sector]} if sector else {}
            obj = stix2.Identity(
                id=_id("identity", actor_key(a)),
                identity_class=identity_class,
                **common,
                **extra,
            )
        self.actor_ids[a.id] = obj.id
        for d in sorted(self.actor_docs[a.id]):
            self.cites[d].append(obj.id)
        return obj

    # -- facts ---------------------------------------------------------------------------------

    def relation(self, r: RelationFact) -> Any:
        created, modified = self.times(r.documents)
        head, tail = self.facts.actors[r.head], self.facts.actors[r.tail]
        span: dict[str, Any] = {}
        start, stop = _timestamp(r.start), _timestamp(r.end)
        if start:
            span["start_time"] = start
        if stop and (start is None or stop > start):
            span["stop_time"] = stop
        obj = stix2.Relationship(
            id=_id("relationship", f"{r.type}:{actor_key(head)}:{actor_key(tail)}"),
            relationship_type=r.type.replace("_", "-"),
            source_ref=self.actor_ids[r.head],
            target_ref=self.actor_ids[r.tail],
            created=created,
            modified=modified,
            created_by_ref=CREATOR_ID,
            allow_custom=True,
            **span,
            **self.props(
                store_id=r.id,
                sources=r.sources,
                documents=len(r.documents),
                modalities=r.modalities,
                disputed=r.disputed,
                status=r.status,
            ),
        )
        for d in r.documents:
            self.cites[d].append(obj.id)
        return obj

    def event(self, e: EventFact, used: set[str]) -> Any:
        created, modified = self.times(e.documents)
        keys = [
            e.type,
            ",".join(actor_key(self.facts.actors[a]) for a in e.source),
            ",".join(actor_key(self.facts.actors[a]) for a in e.target),
            e.date or "",
        ]
        key = "event:" + "|".join(keys)
        if key in used:  # two stored events that agree on all of it: tell them apart
            key += f"|{e.id}"
        used.add(key)
        names = [
            " / ".join(self.facts.actors[a].name for a in side) or "?"
            for side in (e.source, e.target)
        ]
        fields: dict[str, Any] = {
            "source_refs": [self.actor_ids[a] for a in e.source],
            "target_refs": [self.actor_ids[a] for a in e.target],
        }
        if e.place is not None and e.place in self.actor_ids:
            fields["location_ref"] = self.actor_ids[e.place]
        optional = {
            "mode": e.mode,
            "cameo": e.cameo,
            "goldstein": e.goldstein,
            "date": e.date,
        }
        obj = _new_event(
            id=_id(EVENT_TYPE, key),
            name=f"{e.type}: {names[0]} -> {names[1]}" if e.target else f"{e.type}: {names[0]}",
            event_type=e.type,
            date_precision=e.precision,
            sources=e.sources,
            documents=len(e.documents),
            modalities=e.modalities,
            disputed=e.disputed,
            store_id=e.id,
            created=created,
            modified=modified,
            created_by_ref=CREATOR_ID,
            **{k: v for k, v in optional.items() if v is not None},
            **{k: v for k, v in fields.items() if v},
        )
        for d in e.documents:
            self.cites[d].append(obj.id)
        return obj

    def reports(self) -> list[Any]:
        out = []
        for doc in self.facts.documents.values():
            refs = list(dict.fromkeys(self.cites.get(doc.id, [])))
            if not refs:
                continue
            when = self.doc_time.get(doc.id) or self.default_time
            reference: dict[str, Any] = {"source_name": doc.publisher or "actorgraph-document"}
            if doc.url:
                reference["url"] = doc.url
            else:
                reference["external_id"] = doc.id
            out.append(
                stix2.Report(
                    id=_id("report", f"document:{doc.id}"),
                    name=doc.title or doc.source,
                    report_types=["threat-report"],
                    published=when,
                    created=when,
                    modified=when,
                    created_by_ref=CREATOR_ID,
                    object_refs=refs,
                    external_references=[reference],
                    allow_custom=True,
                    **self.props(document_id=doc.id, source=doc.source),
                )
            )
        return out


def build_bundle(facts: FactSet) -> stix2.Bundle:
    """The STIX bundle of a fact set (objects ordered: definitions, actors, facts, reports)."""
    b = _Builder(facts)
    first = b.default_time
    creator = stix2.Identity(
        id=CREATOR_ID,
        name="actorgraph",
        identity_class="system",
        created=first,
        modified=first,
    )
    definitions = [
        stix2.ExtensionDefinition(
            id=EVENT_EXT_ID,
            created_by_ref=CREATOR_ID,
            created=first,
            modified=first,
            name="actorgraph event",
            description="An event between actors coded in PLOVER/CAMEO, with its corroboration.",
            schema="actorgraph docs/graph-and-exports.md, section STIX: x-actorgraph-event",
            version="1.0.0",
            extension_types=["new-sdo"],
        ),
        stix2.ExtensionDefinition(
            id=PROPS_EXT_ID,
            created_by_ref=CREATOR_ID,
            created=first,
            modified=first,
            name="actorgraph properties",
            description="actorgraph_* properties: store ids, codes and corroboration.",
            schema="actorgraph docs/graph-and-exports.md, section STIX: actorgraph_* properties",
            version="1.0.0",
            extension_types=["toplevel-property-extension"],
            extension_properties=sorted(PROPERTIES),
        ),
    ]
    b.plan_actors()
    facts_out: list[Any] = [b.relation(r) for r in facts.relations if r.head in b.actor_ids]
    used: set[str] = set()
    facts_out += [b.event(e, used) for e in facts.events]
    objects = [creator, *definitions, *b.objects, *facts_out, *b.reports()]
    return stix2.Bundle(
        objects=objects,
        id=_id("bundle", ",".join(o.id for o in objects)),
        allow_custom=True,
    )


def to_stix(facts: FactSet) -> str:
    # stix2 orders custom properties by set iteration, which changes between runs: sort keys.
    data = json.loads(build_bundle(facts).serialize())
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
