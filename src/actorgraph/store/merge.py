"""Filing one record into an open write transaction, with few round trips.

Everything the record's actors could merge with (redirects, actors by KB id or name, the name
index) is read in a handful of queries up front and kept in memory, together with the actors,
events and relations this record creates, so that a later item of the same record finds an
earlier one just as a query after a flush would. Rows whose ids are needed are flushed once
per kind; mentions and name-index rows, whose ids nobody needs, go in as bulk inserts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, insert, or_, select
from sqlalchemy.orm import Session

from actorgraph.concepts import PRECISION_RANK, SYMMETRIC_TYPES, bounds, dates_agree
from actorgraph.kb import normalize_name
from actorgraph.records import Actor, Event, ExtractionRecord, Relation
from actorgraph.store import corrections as fix
from actorgraph.store.errors import StoreError
from actorgraph.store.schema import (
    ActorMentionRow,
    ActorNameRow,
    ActorRedirect,
    ActorRow,
    EventActor,
    EventMentionRow,
    EventRow,
    RelationMentionRow,
    RelationRow,
)

NameKey = tuple[str, str]  # (normalised name, actor type)


def _distinct(rows: Iterable[ActorRow]) -> list[ActorRow]:
    return list({id(r): r for r in rows}.values())


def _role_match(role: str, has: bool, ids: str) -> ColumnElement[bool]:
    """Events with one of the actors of parameter ``ids`` in ``role``; with none in that role
    when ``has`` is false (the parameter is empty)."""
    if has:
        return EventRow.id.in_(
            select(EventActor.event_id).where(
                EventActor.role == role, EventActor.actor_id.in_(bindparam(ids, expanding=True))
            )
        )
    # Correlated, so only the candidate events are probed, not every participant row.
    return ~(
        select(EventActor.event_id)
        .where(EventActor.event_id == EventRow.id, EventActor.role == role)
        .exists()
    )


@cache
def _candidates(has_sources: bool, has_targets: bool, symmetric: bool) -> Select[tuple[EventRow]]:
    """Stored events of type ``type`` with the same parties as ``src`` -> ``tgt``, oldest first.

    Built once per shape and reused with new parameters: building the statement (and its cache
    key) cost more than running it.
    """
    same = and_(
        _role_match("source", has_sources, "src"), _role_match("target", has_targets, "tgt")
    )
    if symmetric:
        same = or_(
            same,
            and_(
                _role_match("source", has_targets, "tgt"),
                _role_match("target", has_sources, "src"),
            ),
        )
    return select(EventRow).where(EventRow.type == bindparam("type"), same).order_by(EventRow.id)


class Merger:
    """Files one record's actors, events and relations into an open session."""

    def __init__(
        self,
        s: Session,
        record: ExtractionRecord,
        previous: Mapping[tuple[int, int], int] | None = None,
    ) -> None:
        """``previous`` maps the (start, end) of each mention of a document extracted again to
        the actor it was filed under, so the same record lands on the same actors again."""
        self.s = s
        self.record = record
        self.previous = previous or {}
        self.doc_id = record.document.id
        self.actors: dict[str, ActorRow] = {}
        self.counts = dict.fromkeys(
            (
                "actors_new",
                "actors_merged",
                "events_new",
                "events_merged",
                "relations_new",
                "relations_merged",
            ),
            0,
        )
        # What the store (and this record, as it is filed) says about the record's names.
        self._redirects: dict[str, ActorRow | None] = {}
        self._rows: dict[int, ActorRow] = {}
        self._by_kb: dict[str, ActorRow] = {}
        self._by_name: dict[NameKey, list[ActorRow]] = defaultdict(list)  # in id order
        self._by_alias: dict[NameKey, list[ActorRow]] = defaultdict(list)  # the name index
        self._new_names: list[tuple[str, str, ActorRow]] = []
        self._new_actors: list[ActorRow] = []
        self._mentions: list[tuple[ActorRow, Any]] = []

    def run(self) -> dict[str, int]:
        self._prefetch_actors()
        for actor in self.record.actors:
            self.actors[actor.id] = self._actor(actor)
        self._number(self._new_actors, ActorRow.id)
        self.s.flush()  # new actors get their ids
        if self._new_names:
            self.s.execute(
                insert(ActorNameRow),
                [{"norm": n, "type": t, "actor_id": row.id} for n, t, row in self._new_names],
            )
        if self._mentions:
            self.s.execute(
                insert(ActorMentionRow),
                [
                    {
                        "actor_id": row.id,
                        "document_id": self.doc_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                    }
                    for row, m in self._mentions
                ],
            )
        self._events()
        self._relations()
        return self.counts

    def _number(self, rows: list[Any], id_column: Any) -> None:
        """Give new rows their ids before the flush, on SQLite: then they go in as one batch,
        where the flush would insert them one by one to read back each generated id.

        The ids are the ones SQLite would pick (one more than the largest; the tables have no
        AUTOINCREMENT), and no other writer can take them: BEGIN IMMEDIATE holds the database.
        """
        if not rows or self.s.get_bind().dialect.name != "sqlite":
            return
        with self.s.no_autoflush:  # the rows must still be pending
            first = int(self.s.scalar(select(func.max(id_column))) or 0) + 1
        for i, row in enumerate(rows):
            row.id = first + i

    def _ref(self, actor_id: str | None, where: str) -> ActorRow | None:
        if actor_id is None:
            return None
        try:
            return self.actors[actor_id]
        except KeyError:
            raise StoreError(
                f"document {self.doc_id}: {where} names actor {actor_id!r}, which the record "
                "does not list"
            ) from None

    # actors

    @staticmethod
    def _keys(actor: Actor) -> list[str]:
        """The redirect keys of ``actor``: its name, its KB id, then its other names."""
        keys = [fix.name_key(actor.type, normalize_name(actor.name))]
        if actor.kb_id:
            keys.append(fix.kb_key(actor.kb_id))
        keys += [fix.name_key(actor.type, normalize_name(n)) for n in actor.aliases]
        return keys

    def _prefetch_actors(self) -> None:
        s = self.s
        actors = self.record.actors
        if not actors:
            return
        keys = {k for a in actors for k in self._keys(a)}
        kbs = {a.kb_id for a in actors if a.kb_id}
        norms = {normalize_name(n) for a in actors for n in [a.name, *a.aliases]}
        redirected: dict[str, int] = {
            key: actor_id
            for key, actor_id in s.execute(
                select(ActorRedirect.key, ActorRedirect.actor_id).where(ActorRedirect.key.in_(keys))
            )
        }
        names = list(
            s.execute(
                select(ActorNameRow.norm, ActorNameRow.type, ActorNameRow.actor_id).where(
                    ActorNameRow.norm.in_(norms)
                )
            ).all()
        )
        wanted: ColumnElement[bool] = ActorRow.norm_name.in_(norms)
        if kbs:
            wanted = or_(wanted, ActorRow.kb_id.in_(kbs))
        ids = set(redirected.values()) | {i for *_, i in names} | set(self.previous.values())
        if ids:
            wanted = or_(wanted, ActorRow.id.in_(ids))
        rows = {r.id: r for r in s.scalars(select(ActorRow).where(wanted).order_by(ActorRow.id))}
        for row in rows.values():
            if row.kb_id:
                self._by_kb[row.kb_id] = row
            self._by_name[(row.norm_name, row.type)].append(row)
        for norm, type_, actor_id in names:
            self._by_alias[(norm, type_)].append(rows[actor_id])
        self._redirects = {k: rows.get(i) for k, i in redirected.items()}
        self._rows = rows

    def _agrees(self, row: ActorRow, actor: Actor) -> bool:
        """Whether ``actor`` may be filed under ``row`` as far as KB ids go: the same id, or
        one side without, and then no other actor holding the record's id (ids are unique)."""
        if actor.kb_id is None or row.kb_id == actor.kb_id:
            return True
        if row.kb_id is not None:
            return False
        holder = self._by_kb.get(actor.kb_id)
        return holder is None or holder is row

    def _prior(self, actor: Actor) -> ActorRow | None:
        """The actor most of ``actor``'s mentions were filed under when this document was
        stored before, if it is still known by one of ``actor``'s names."""
        votes = Counter(
            i for m in actor.mentions if (i := self.previous.get((m.start, m.end))) is not None
        )
        if not votes:
            return None
        row = self._rows.get(votes.most_common(1)[0][0])
        if row is None:
            return None
        norms = {normalize_name(n) for n in [actor.name, *actor.aliases]}
        if row.type == actor.type and row.norm_name in norms:
            return row
        known = any(any(r is row for r in self._by_alias.get((n, actor.type), [])) for n in norms)
        return row if known else None

    def _find_actor(self, actor: Actor, norm: str) -> ActorRow | None:
        # An analyst's correction first (the name, then the KB id, then other names), where the
        # KB ids agree: a name split off a KB actor must not take a record of that actor along.
        for key in self._keys(actor):
            target = self._redirects.get(key)
            if target is not None and self._agrees(target, actor):
                return target
        # A document extracted again: where its mentions were filed before (corrections moved
        # them since, if any), so that an unchanged text gives the same actors.
        prior = self._prior(actor)
        if prior is not None and self._agrees(prior, actor):
            return prior
        same_name = self._by_name.get((norm, actor.type), [])
        if actor.kb_id:
            row = self._by_kb.get(actor.kb_id)
            if row is None:
                # An actor stored before it was known to the KB takes the KB id now.
                row = next((c for c in same_name if c.kb_id is None), None)
            return row
        unlinked = [c for c in same_name if c.kb_id is None]
        if unlinked:
            return unlinked[0]
        if same_name:
            # A name shared by two KB actors is ambiguous: file it on its own.
            return same_name[0] if len(same_name) == 1 else None
        # Another document's alias ("Nasser" for "Gamal Abdel Nasser"), when only one actor
        # of this type is known by it.
        by_alias = _distinct(self._by_alias.get((norm, actor.type), []))
        return by_alias[0] if len(by_alias) == 1 else None

    def _actor(self, actor: Actor) -> ActorRow:
        norm = normalize_name(actor.name)
        row = self._find_actor(actor, norm)
        lat, lon = actor.coordinates if actor.coordinates else (None, None)
        if row is None:
            row = ActorRow(
                name=actor.name,
                norm_name=norm,
                type=actor.type,
                kb_id=actor.kb_id,
                wikidata=actor.wikidata,
                country=actor.country,
                sector=actor.sector,
                lat=lat,
                lon=lon,
                aliases=[
                    n
                    for n in dict.fromkeys(actor.aliases)
                    if self._redirects.get(fix.name_key(actor.type, normalize_name(n))) is None
                ],
            )
            self.s.add(row)
            self._new_actors.append(row)
            self._by_name[(norm, actor.type)].append(row)
            if actor.kb_id:
                self._by_kb[actor.kb_id] = row
            self.counts["actors_new"] += 1
        else:
            if row.kb_id is None and actor.kb_id and self._agrees(row, actor):
                row.kb_id = actor.kb_id
                self._by_kb[actor.kb_id] = row
            row.wikidata = row.wikidata or actor.wikidata
            row.country = row.country or actor.country
            row.sector = row.sector or actor.sector
            if row.lat is None and lat is not None:
                row.lat, row.lon = lat, lon
            known = {row.norm_name, *(normalize_name(a) for a in row.aliases or [])}
            extra = [
                n
                for n in dict.fromkeys([actor.name, *actor.aliases])
                if normalize_name(n) not in known and self._elsewhere(actor, n, row) is None
            ]
            if extra:
                row.aliases = [*(row.aliases or []), *extra]  # reassign: JSON is not mutable
            self.counts["actors_merged"] += 1
        names = [actor.name, *actor.aliases]
        self._index_names(row, [n for n in names if self._elsewhere(actor, n, row) is None])
        for m in actor.mentions:
            # A mention by a name an analyst gave to another actor (a split) goes there.
            self._mentions.append((self._elsewhere(actor, m.text, row) or row, m))
        return row

    def _elsewhere(self, actor: Actor, name: str, row: ActorRow) -> ActorRow | None:
        """The other actor a correction sent ``name`` to, when it is not ``row``."""
        target = self._redirects.get(fix.name_key(actor.type, normalize_name(name)))
        return target if target is not None and target is not row else None

    def _index_names(self, row: ActorRow, names: list[str]) -> None:
        """``corrections.index_names`` against the prefetched index: inserted after the flush."""
        norms = {n for n in (normalize_name(x) for x in names) if n}
        for n in sorted(norms):
            listed = self._by_alias[(n, row.type)]
            if not any(r is row for r in listed):
                listed.append(row)
                self._new_names.append((n, row.type, row))

    # events

    @staticmethod
    def _same_parties(
        row: tuple[list[int], list[int]], sources: list[int], targets: list[int], symmetric: bool
    ) -> bool:
        """``_role_match`` for an event this record creates (not yet in the database)."""

        def match(have: list[int], ids: list[int]) -> bool:
            return bool(set(have) & set(ids)) if ids else not have

        have_src, have_tgt = row
        if match(have_src, sources) and match(have_tgt, targets):
            return True
        return symmetric and match(have_src, targets) and match(have_tgt, sources)

    def _events(self) -> None:
        created: list[tuple[EventRow, tuple[list[int], list[int]]]] = []
        mentions: list[tuple[EventRow, Event, ActorRow | None]] = []
        for ev in self.record.events:
            where = f"event {ev.id}"
            sources = sorted({r.id for x in ev.source if (r := self._ref(x, where)) is not None})
            targets = sorted({r.id for x in ev.target if (r := self._ref(x, where)) is not None})
            place = self._ref(ev.place, where)
            attribution = self._ref(ev.attribution.actor if ev.attribution else None, where)
            symmetric = ev.type in SYMMETRIC_TYPES  # X met Y is Y met X
            q = _candidates(bool(sources), bool(targets), symmetric)
            # Stored events first, then this record's own, which would have later ids.
            with self.s.no_autoflush:
                candidates = list(
                    self.s.scalars(q, {"type": ev.type, "src": sources, "tgt": targets})
                )
            candidates += [
                r
                for r, parties in created
                if r.type == ev.type and self._same_parties(parties, sources, targets, symmetric)
            ]
            row = next((r for r in candidates if dates_agree(r.date_value, ev.date.value)), None)
            if row is None:
                lo, hi = bounds(ev.date.value)
                row = EventRow(
                    type=ev.type,
                    mode=ev.mode,
                    cameo=ev.cameo,
                    goldstein=ev.goldstein,
                    date_value=ev.date.value,
                    date_precision=ev.date.precision,
                    date_lo=lo,
                    date_hi=hi,
                    place_id=place.id if place else None,
                )
                row.participants = [EventActor(actor_id=i, role="source") for i in sources] + [
                    EventActor(actor_id=i, role="target") for i in targets
                ]
                self.s.add(row)
                created.append((row, (sources, targets)))
                self.counts["events_new"] += 1
            else:
                if PRECISION_RANK.get(ev.date.precision, 4) < PRECISION_RANK.get(
                    row.date_precision, 4
                ):
                    row.date_value, row.date_precision = ev.date.value, ev.date.precision
                    row.date_lo, row.date_hi = bounds(ev.date.value)
                if row.place_id is None and place is not None:
                    row.place_id = place.id
                row.mode = row.mode or ev.mode
                row.cameo = row.cameo or ev.cameo
                if row.goldstein is None:
                    row.goldstein = ev.goldstein
                self.counts["events_merged"] += 1
            mentions.append((row, ev, attribution))
        if not mentions:
            return
        self._number([r for r, _ in created], EventRow.id)
        self.s.flush()  # new events get their ids
        self.s.execute(
            insert(EventMentionRow),
            [
                {
                    "event_id": row.id,
                    "document_id": self.doc_id,
                    "record_id": ev.id,
                    "start": ev.evidence.start,
                    "end": ev.evidence.end,
                    "text": ev.evidence.text,
                    "sentence": ev.evidence.sentence,
                    "trigger_start": ev.trigger.start if ev.trigger else None,
                    "trigger_end": ev.trigger.end if ev.trigger else None,
                    "trigger_text": ev.trigger.text if ev.trigger else None,
                    "passages": [m.model_dump() for m in ev.mentions],
                    "modality": ev.modality,
                    "attribution_text": ev.attribution.text if ev.attribution else None,
                    "attribution_actor_id": attribution.id if attribution else None,
                    "date_value": ev.date.value,
                    "date_precision": ev.date.precision,
                    "date_text": ev.date.text,
                    "date_basis": ev.date.basis,
                    "confidence": ev.confidence,
                }
                for row, ev, attribution in mentions
            ],
        )

    # relations

    def _relations(self) -> None:
        found: list[tuple[RelationRow, Relation, ActorRow | None]] = []
        ends: list[tuple[Relation, ActorRow, ActorRow, ActorRow | None]] = []
        for rel in self.record.relations:
            where = f"relation {rel.id}"
            head = self._ref(rel.head, where)
            tail = self._ref(rel.tail, where)
            if head is None or tail is None:  # not reached: head and tail are required strings
                continue
            attribution = self._ref(rel.attribution.actor if rel.attribution else None, where)
            ends.append((rel, head, tail, attribution))
        if not ends:
            return
        # One query for every relation of the record; (type, head, tail) is unique.
        stored = {
            (r.type, r.head_id, r.tail_id): r
            for r in self.s.scalars(
                select(RelationRow).where(
                    RelationRow.type.in_({rel.type for rel, *_ in ends}),
                    RelationRow.head_id.in_({h.id for _, h, _, _ in ends}),
                    RelationRow.tail_id.in_({t.id for _, _, t, _ in ends}),
                )
            )
        }
        created: list[RelationRow] = []
        for rel, head, tail, attribution in ends:
            key = (rel.type, head.id, tail.id)
            row = stored.get(key)
            if row is None:
                row = stored[key] = RelationRow(type=rel.type, head_id=head.id, tail_id=tail.id)
                self.s.add(row)
                created.append(row)
                self.counts["relations_new"] += 1
            else:
                self.counts["relations_merged"] += 1
            if row.start_value is None and rel.start is not None and rel.start.value:
                row.start_value, row.start_precision = rel.start.value, rel.start.precision
            if row.end_value is None and rel.end is not None and rel.end.value:
                row.end_value, row.end_precision = rel.end.value, rel.end.precision
            found.append((row, rel, attribution))
        self._number(created, RelationRow.id)
        self.s.flush()  # new relations get their ids
        self.s.execute(
            insert(RelationMentionRow),
            [
                {
                    "relation_id": row.id,
                    "document_id": self.doc_id,
                    "record_id": rel.id,
                    "start": rel.evidence.start,
                    "end": rel.evidence.end,
                    "text": rel.evidence.text,
                    "sentence": rel.evidence.sentence,
                    "modality": rel.modality,
                    "attribution_text": rel.attribution.text if rel.attribution else None,
                    "attribution_actor_id": attribution.id if attribution else None,
                    "start_value": rel.start.value if rel.start else None,
                    "end_value": rel.end.value if rel.end else None,
                    "confidence": rel.confidence,
                }
                for row, rel, attribution in found
            ],
        )
