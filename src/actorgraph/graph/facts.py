"""Load the facts of a graph from the store in a few bulk queries.

The store's per-item queries (``Store.events`` and friends) summarise one fact at a time; a
graph of a whole corpus needs every fact at once, so this reads the tables through one read
session, with the filters pushed into SQL where they are plain columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Select, select
from sqlalchemy.exc import SQLAlchemyError

from actorgraph.concepts import bounds, disputed, parse_bound
from actorgraph.graph.models import (
    ActorNode,
    DocumentRef,
    EventFact,
    FactSet,
    GraphFilter,
    RelationFact,
)
from actorgraph.store import Store, StoreError
from actorgraph.store.schema import (
    ActorRow,
    DocumentRow,
    EventActor,
    EventMentionRow,
    EventRow,
    RelationMentionRow,
    RelationRow,
)


def _window(f: GraphFilter) -> tuple[date | None, date | None]:
    try:
        lo = parse_bound(f.since, upper=False) if f.since else None
        hi = parse_bound(f.until, upper=True) if f.until else None
    except ValueError as exc:
        raise StoreError(str(exc)) from exc
    if lo and hi and lo > hi:
        raise StoreError(f"--since {f.since} is after --until {f.until}")
    return lo, hi


class _Mentions:
    """Per fact: (modality, document, near-duplicate group) of each mention."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self.by_fact: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for fact_id, modality, doc_id, group in rows:
            self.by_fact[fact_id].append((modality, doc_id, group))

    def keep(self, fact_id: int, f: GraphFilter) -> bool:
        got = self.by_fact.get(fact_id, [])
        if f.modality is not None and all(m != f.modality for m, _, _ in got):
            return False
        return f.min_sources is None or len({g for *_, g in got}) >= f.min_sources

    def summary(self, fact_id: int) -> dict[str, Any]:
        got = self.by_fact.get(fact_id, [])
        return {
            "documents": sorted({d for _, d, _ in got}),
            "sources": len({g for *_, g in got}),
            "mentions": len(got),
            "modalities": sorted({m for m, _, _ in got}),
            "disputed": disputed((m, g) for m, _, g in got),
        }


def _events(s: Any, f: GraphFilter, lo: date | None, hi: date | None) -> list[EventFact]:
    q: Select[Any] = select(EventRow.id)
    if not f.include_rejected:
        q = q.where((EventRow.status.is_(None)) | (EventRow.status != "rejected"))
    if f.event_types:
        q = q.where(EventRow.type.in_([t.upper() for t in f.event_types]))
    if lo is not None:
        q = q.where(EventRow.date_hi >= lo)
    if hi is not None:
        q = q.where(EventRow.date_lo <= hi)
    ids = q.scalar_subquery()
    mentions = _Mentions(
        s.execute(
            select(
                EventMentionRow.event_id,
                EventMentionRow.modality,
                DocumentRow.id,
                DocumentRow.dup_group,
            )
            .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
            .where(EventMentionRow.event_id.in_(ids))
        )
    )
    parties: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"source": [], "target": []})
    for event_id, actor_id, role in s.execute(
        select(EventActor.event_id, EventActor.actor_id, EventActor.role).where(
            EventActor.event_id.in_(ids)
        )
    ):
        parties[event_id][role].append(actor_id)
    out = []
    for row in s.scalars(select(EventRow).where(EventRow.id.in_(ids)).order_by(EventRow.id)):
        if not mentions.keep(row.id, f):
            continue
        roles = parties[row.id]
        out.append(
            EventFact(
                id=row.id,
                type=row.type,
                mode=row.mode,
                cameo=row.cameo,
                goldstein=row.goldstein,
                date=row.date_value,
                precision=row.date_precision,
                date_lo=row.date_lo,
                date_hi=row.date_hi,
                source=sorted(roles["source"]),
                target=sorted(roles["target"]),
                place=row.place_id,
                status=row.status,
                **mentions.summary(row.id),
            )
        )
    return out


def _relations(s: Any, f: GraphFilter, lo: date | None, hi: date | None) -> list[RelationFact]:
    q: Select[Any] = select(RelationRow.id)
    if not f.include_rejected:
        q = q.where((RelationRow.status.is_(None)) | (RelationRow.status != "rejected"))
    if f.relation_types:
        q = q.where(RelationRow.type.in_(list(f.relation_types)))
    ids = q.scalar_subquery()
    mentions = _Mentions(
        s.execute(
            select(
                RelationMentionRow.relation_id,
                RelationMentionRow.modality,
                DocumentRow.id,
                DocumentRow.dup_group,
            )
            .join(DocumentRow, DocumentRow.id == RelationMentionRow.document_id)
            .where(RelationMentionRow.relation_id.in_(ids))
        )
    )
    out = []
    for row in s.scalars(
        select(RelationRow).where(RelationRow.id.in_(ids)).order_by(RelationRow.id)
    ):
        start_lo = bounds(row.start_value)[0]
        end_hi = bounds(row.end_value)[1]
        # A standing relation holds from its start to its end; an open end holds for ever, so
        # an undated relation passes any time window.
        if hi is not None and start_lo is not None and start_lo > hi:
            continue
        if lo is not None and end_hi is not None and end_hi < lo:
            continue
        if not mentions.keep(row.id, f):
            continue
        out.append(
            RelationFact(
                id=row.id,
                type=row.type,
                head=row.head_id,
                tail=row.tail_id,
                start=row.start_value,
                end=row.end_value,
                start_lo=start_lo,
                end_hi=end_hi,
                status=row.status,
                **mentions.summary(row.id),
            )
        )
    return out


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def load_facts(store: Store, f: GraphFilter | None = None) -> FactSet:
    """Every fact that passes ``f``, with its actors and documents."""
    f = f or GraphFilter()
    lo, hi = _window(f)
    try:
        with store._read() as s:
            events = _events(s, f, lo, hi) if f.events else []
            relations = _relations(s, f, lo, hi) if f.relations else []
            wanted: set[int] = set()
            for e in events:
                wanted.update(e.source, e.target)
                if e.place is not None:
                    wanted.add(e.place)
            for r in relations:
                wanted.update((r.head, r.tail))
            actors: dict[int, ActorNode] = {}
            for chunk in _chunks(sorted(wanted)):
                for a in s.scalars(select(ActorRow).where(ActorRow.id.in_(chunk))):
                    actors[a.id] = ActorNode(
                        id=a.id,
                        name=a.name,
                        type=a.type,
                        kb_id=a.kb_id,
                        wikidata=a.wikidata,
                        country=a.country,
                        sector=a.sector,
                        lat=a.lat,
                        lon=a.lon,
                        aliases=list(a.aliases or []),
                    )
            doc_ids = sorted(
                {d for e in events for d in e.documents}
                | {d for r in relations for d in r.documents}
            )
            documents: dict[str, DocumentRef] = {}
            for chunk in _chunks(doc_ids):
                for d in s.scalars(select(DocumentRow).where(DocumentRow.id.in_(chunk))):
                    documents[d.id] = DocumentRef(
                        id=d.id,
                        source=d.source,
                        url=d.url,
                        title=d.title,
                        publisher=d.publisher,
                        published=d.published,
                        dup_group=d.dup_group,
                    )
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read store: {' '.join(str(exc).split())[:300]}") from exc
    return FactSet(
        filter=f,
        actors=dict(sorted(actors.items())),
        events=events,
        relations=relations,
        documents=dict(sorted(documents.items())),
    )


class Passage(BaseModel):
    """One reported passage of an event, for exports that quote their evidence."""

    model_config = ConfigDict(frozen=True)

    event_id: int
    document_id: str
    text: str
    start: int
    end: int
    sentence: int | None
    modality: str


def event_passages(store: Store, event_ids: list[int]) -> dict[int, list[Passage]]:
    """The passages of many events in bulk, per event in document and text order."""
    out: dict[int, list[Passage]] = defaultdict(list)
    try:
        with store._read() as s:
            for chunk in _chunks(sorted(event_ids)):
                q = (
                    select(
                        EventMentionRow.event_id,
                        EventMentionRow.document_id,
                        EventMentionRow.text,
                        EventMentionRow.start,
                        EventMentionRow.end,
                        EventMentionRow.sentence,
                        EventMentionRow.modality,
                    )
                    .where(EventMentionRow.event_id.in_(chunk))
                    .order_by(
                        EventMentionRow.event_id,
                        EventMentionRow.document_id,
                        EventMentionRow.start,
                    )
                )
                for row in s.execute(q):
                    out[row[0]].append(
                        Passage(
                            event_id=row[0],
                            document_id=row[1],
                            text=row[2],
                            start=row[3],
                            end=row[4],
                            sentence=row[5],
                            modality=row[6],
                        )
                    )
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read store: {' '.join(str(exc).split())[:300]}") from exc
    return dict(out)
