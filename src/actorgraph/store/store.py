"""The knowledge store: one interface over SQLAlchemy, SQLite (WAL) by default, PostgreSQL alike.

``Store.add_record`` files one extraction record in one transaction and merges what it names
with what is already stored: actors by knowledge-base id, else by normalised name and type;
events across documents when type, participants and dates agree; relations by type, head and
tail. Every merged item keeps every mention. Corroboration counts near-duplicate groups, not
documents, so a syndicated copy adds no independent source.
"""

from __future__ import annotations

import math
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    delete,
    distinct,
    exists,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
)
from sqlalchemy.exc import (
    IntegrityError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, defer, selectinload

from actorgraph.concepts import disputed, parse_bound
from actorgraph.kb import normalize_name
from actorgraph.records import ExtractionRecord, content_id
from actorgraph.store import corrections as fix
from actorgraph.store.engines import DEFAULT_URL, make_engines
from actorgraph.store.engines import display_url as _display
from actorgraph.store.engines import one_line as _one_line
from actorgraph.store.errors import NotFoundError, StoreError
from actorgraph.store.merge import Merger
from actorgraph.store.minhash import THRESHOLD, band_keys, signature, similarity
from actorgraph.store.models import (
    ActorProfile,
    AddResult,
    CorrectionOut,
    EventSummary,
    RelationSummary,
    StoredActor,
    StoredDocument,
    StoredMention,
    StoreStats,
)
from actorgraph.store.schema import (
    ActorMentionRow,
    ActorNameRow,
    ActorRedirect,
    ActorRow,
    Base,
    CorrectionRow,
    DocumentBand,
    DocumentRow,
    DocumentTextRow,
    EventActor,
    EventMentionRow,
    EventRow,
    RelationMentionRow,
    RelationRow,
)

ROLE_TYPES = ("leader_of", "deputy_leader_of", "member_of", "subordinate_to")
_CHUNK = 500
# Every writing transaction on PostgreSQL takes this advisory lock first (the key older
# versions' Dask workers used, so a mixed fleet still queues on one lock). Merging reads what
# is stored and then inserts what is missing; two transactions doing that at once would each
# file the same new actor. SQLite needs none: BEGIN IMMEDIATE already admits one writer.
WRITE_LOCK_KEY = zlib.crc32(b"actorgraph.store.write")


def _serialise(s: Session | Connection) -> None:
    """Queue behind every other writer of a PostgreSQL store until this transaction ends.

    Call it first in the transaction, so that (at PostgreSQL's default READ COMMITTED) every
    later query sees what the writer before committed.
    """
    dialect = s.get_bind().dialect if isinstance(s, Session) else s.dialect
    if dialect.name == "postgresql":
        s.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))


# Held while a PostgreSQL store is created or migrated: processes opening a new store at once
# would otherwise each create tables, stamp or migrate it, and all but one fail.
OPEN_LOCK_KEY = zlib.crc32(b"actorgraph.store.open")


@contextmanager
def _opening(engine: Engine) -> Iterator[None]:
    """One process at a time creates or migrates a PostgreSQL store (a session advisory lock
    on a connection of its own); SQLite needs none, BEGIN IMMEDIATE queues writers."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(select(func.pg_advisory_lock(OPEN_LOCK_KEY)))
        connection.commit()  # the lock outlives the transaction; the connection stays idle
        try:
            yield
        finally:
            connection.execute(select(func.pg_advisory_unlock(OPEN_LOCK_KEY)))
            connection.commit()


def _create_or_upgrade(writer: Engine) -> None:
    """Create the tables of a new store, or migrate one made by an older version."""
    with writer.begin() as connection:
        fresh = not inspect(connection).has_table("documents")
    if not fresh:
        from actorgraph.store.migrate import upgrade_if_behind

        upgrade_if_behind(writer)  # a store made by an older version
    with writer.begin() as connection:
        _serialise(connection)
        Base.metadata.create_all(connection)
    if fresh:
        from actorgraph.store.migrate import stamp_head

        stamp_head(writer)


# A search's matched actors are passed as a literal list up to this many (SQLite binds each).
_SEARCH_IDS_MAX = 2000
# Items per list in an actor's profile: the busiest actor has tens of thousands of events.
PROFILE_ITEMS = 100
# An actor with fewer rows than this has its page fetched by id, never by a walk.
_WALK_MIN = 1000


class Store:
    """The knowledge store. Open with ``Store.open(url)``; close with ``close()`` or ``with``."""

    def __init__(self, reader: Engine, writer: Engine, url: str) -> None:
        self._reader = reader
        self._writer = writer
        self.url = url
        self._shared = threading.local()  # a session the reads of one call share

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (and create, if empty) the store at ``url`` (default ``sqlite:///./actorgraph.db``)."""
        url = url or DEFAULT_URL
        reader, writer = make_engines(url)
        store = cls(reader, writer, url)
        try:
            with _opening(writer):
                _create_or_upgrade(writer)
        except SQLAlchemyError as exc:
            store.close()
            raise StoreError(f"cannot open store {_display(url)}: {_one_line(exc)}") from exc
        return store

    def close(self) -> None:
        self._reader.dispose()
        if self._writer is not self._reader:
            self._writer.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _read(self) -> AbstractContextManager[Session]:
        shared = getattr(self._shared, "session", None)
        if shared is not None:
            return nullcontext(shared)
        return Session(self._reader, expire_on_commit=False)

    @contextmanager
    def _one_read(self) -> Iterator[None]:
        """The reads inside share one session: one transaction instead of one per call,
        which is most of the round trips of a profile on PostgreSQL. Per thread."""
        if getattr(self._shared, "session", None) is not None:
            yield
            return
        with self._reading() as s:
            self._shared.session = s
            try:
                yield
            finally:
                self._shared.session = None

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A read session whose database errors become one-line StoreErrors."""
        try:
            with self._read() as s:
                yield s
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read store: {_one_line(exc)}") from exc

    # -- writing -----------------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        try:
            with self._read() as s:
                return s.get(DocumentRow, document_id) is not None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read store: {_one_line(exc)}") from exc

    def add_record(
        self, record: ExtractionRecord, text: str, *, replace: bool = False
    ) -> AddResult:
        """Store a document and merge its actors, events and relations, in one transaction.

        ``text`` is the document text the record was extracted from (its hash is the id).
        A document already stored is left alone (``AddResult(skipped=True)``) unless
        ``replace``: then what it said before is withdrawn and the new record filed, in one
        transaction; analysts' corrections stay in force.
        """
        doc_id = record.document.id
        if content_id(text) != doc_id:
            raise StoreError(
                f"text does not match document {doc_id} (its content id is {content_id(text)})"
            )
        sig = signature(text)
        replacing = False
        try:
            with Session(self._writer, expire_on_commit=False) as s, s.begin():
                _serialise(s)
                existing = s.get(DocumentRow, doc_id)
                if existing is not None and not replace:
                    return AddResult(document_id=doc_id, skipped=True, dup_group=existing.dup_group)
                if existing is not None:
                    replacing = True
                    withdrawn = _withdraw_document(s, doc_id)
                    if s.get(DocumentTextRow, doc_id) is None:  # stored before texts were kept
                        s.add(DocumentTextRow(document_id=doc_id, text=text))
                    counts = Merger(s, record, previous=withdrawn.mention_actors).run()
                    _drop_unsupported(s, withdrawn)
                    return AddResult.model_validate(
                        {"document_id": doc_id, "dup_group": existing.dup_group, "replaced": True}
                        | counts
                    )
                group = _near_duplicate_group(s, sig)
                info = record.document
                s.add(
                    DocumentRow(
                        id=doc_id,
                        source=info.source,
                        url=info.url,
                        title=info.title,
                        publisher=info.publisher,
                        published=info.published.value,
                        published_source=info.published.source,
                        format=info.format,
                        chars=len(text),
                        schema_version=record.schema_version,
                        text_hash=_sha256(text),
                        minhash=sig,
                        dup_group=group or doc_id,
                        ingested_at=datetime.now(UTC),
                    )
                )
                s.flush()  # the document row first: everything else refers to it
                s.add(DocumentTextRow(document_id=doc_id, text=text))
                s.execute(
                    insert(DocumentBand),
                    [
                        {"document_id": doc_id, "band": i, "key": k}
                        for i, k in enumerate(band_keys(sig))
                    ],
                )
                counts = Merger(s, record).run()
        except IntegrityError as exc:
            # Stored meanwhile by another writer; never said of a document being replaced,
            # whose refusal is a failure, not a skip.
            if not replacing and self.has_document(doc_id):
                return AddResult(document_id=doc_id, skipped=True)
            raise StoreError(f"cannot store document {doc_id}: {_one_line(exc)}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store document {doc_id}: {_one_line(exc)}") from exc
        return AddResult.model_validate(
            {"document_id": doc_id, "dup_group": group or doc_id, "near_duplicate": bool(group)}
            | counts
        )

    def add_correction(
        self, kind: str, payload: dict[str, Any], *, author: str, reason: str
    ) -> int:
        """Append a correction to the audit log; returns its id."""
        try:
            with Session(self._writer, expire_on_commit=False) as s, s.begin():
                row = CorrectionRow(
                    created_at=datetime.now(UTC),
                    author=author,
                    reason=reason,
                    kind=kind,
                    payload=payload,
                )
                s.add(row)
                s.flush()
                return row.id
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot record correction: {_one_line(exc)}") from exc

    # -- reading -----------------------------------------------------------------------------

    def event_summary(self, event_id: int) -> EventSummary:
        try:
            with self._read() as s:
                row = (
                    s.get(EventRow, event_id, options=[selectinload(EventRow.participants)])
                    if fix.valid_id(event_id)
                    else None
                )
                if row is None:
                    raise NotFoundError(f"no event with id {event_id} in the store")
                return _summaries(s, [row])[0]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read store: {_one_line(exc)}") from exc

    def actors(
        self,
        type: str | None = None,
        search: str | None = None,
        *,
        ids: Sequence[int] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoredActor]:
        """Stored actors, most mentioned first; ``search`` matches a kb id or part of a name
        or alias; ``ids`` keeps those actors only."""
        # Which actors first, then count mentions of those only: counting every mention of a
        # large store for one lookup is what made single-actor queries slow.
        matched = select(ActorRow.id)
        if type is not None:
            matched = matched.where(ActorRow.type == type)
        if ids is not None:
            matched = matched.where(ActorRow.id.in_(list(ids)))
        if search:
            norm = normalize_name(search)
            matched = matched.where(
                or_(
                    ActorRow.kb_id == search,
                    ActorRow.norm_name.contains(norm, autoescape=True),
                    ActorRow.id.in_(
                        select(ActorNameRow.actor_id).where(
                            ActorNameRow.norm.contains(norm, autoescape=True)
                        )
                    ),
                )
            )
        filtered = type is not None or ids is not None or bool(search)

        def listing(chosen: Any) -> Any:
            """Actors ``chosen`` selects with their mention counts, most mentioned first."""
            mention_q = select(
                ActorMentionRow.actor_id,
                func.count().label("mentions"),
                func.count(distinct(ActorMentionRow.document_id)).label("documents"),
            )
            if filtered:
                mention_q = mention_q.where(ActorMentionRow.actor_id.in_(chosen))
            counts = mention_q.group_by(ActorMentionRow.actor_id).subquery()
            q = select(ActorRow, counts.c.mentions, counts.c.documents).outerjoin(
                counts, counts.c.actor_id == ActorRow.id
            )
            if filtered:
                q = q.where(ActorRow.id.in_(chosen))
            q = q.order_by(func.coalesce(counts.c.mentions, 0).desc(), ActorRow.id)
            if limit is not None:
                q = q.limit(_rows(limit))
            return q.offset(_rows(offset)) if offset else q

        try:
            with self._read() as s:
                if search:
                    # The matched actors first, as a list: with the OR above as a subquery
                    # PostgreSQL guesses half the actors match and counts millions of mentions.
                    found = list(s.scalars(matched.limit(_SEARCH_IDS_MAX + 1)))
                    if len(found) <= _SEARCH_IDS_MAX:
                        matched = select(ActorRow.id).where(ActorRow.id.in_(found))
                q = listing(matched)
                return [
                    StoredActor(
                        id=a.id,
                        name=a.name,
                        type=a.type,
                        kb_id=a.kb_id,
                        country=a.country,
                        sector=a.sector,
                        aliases=list(a.aliases or []),
                        mentions=mentions or 0,
                        documents=documents or 0,
                        lat=a.lat,
                        lon=a.lon,
                    )
                    for a, mentions, documents in s.execute(q)
                ]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read store: {_one_line(exc)}") from exc

    def events(
        self,
        actor: int | str | None = None,
        type: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        min_sources: int | None = None,
        modality: str | None = None,
        *,
        place: int | str | None = None,
        include_rejected: bool = False,
        ids: Sequence[int] | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[EventSummary]:
        """Stored events, oldest first (undated last); ``newest_first`` turns the dated ones
        round. ``limit`` and ``offset`` page through them in SQL.

        ``actor`` and ``place`` are a store id, a kb id or a name; ``since``/``until`` keep
        events whose date overlaps the period (undated events are left out); ``min_sources``
        counts independent sources; ``modality`` keeps events with at least one mention of
        that modality. Events an analyst rejected are left out unless ``include_rejected``.

        Example: ``store.events(actor="Hamas", limit=50, newest_first=True)``
        """
        try:
            lo = parse_bound(since, upper=False) if since is not None else None
            hi = parse_bound(until, upper=True) if until is not None else None
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        try:
            with self._read() as s:
                q: Select[tuple[EventRow]] = select(EventRow)
                if actor is not None:
                    actor_ids = _actor_ids(s, actor)
                    if not actor_ids:
                        return []
                    theirs = EventActor.actor_id.in_(actor_ids)
                    if limit is not None and _walk_events(s, theirs, _rows(limit + offset)):
                        # A busy actor: walk the events in date order and keep the actor's,
                        # instead of fetching and sorting all of them for one page.
                        q = q.where(exists().where(EventActor.event_id == EventRow.id, theirs))
                        _no_parallel_workers(s)
                    else:
                        q = q.where(EventRow.id.in_(select(EventActor.event_id).where(theirs)))
                if place is not None:
                    places = _actor_ids(s, place)
                    if not places:
                        return []
                    q = q.where(EventRow.place_id.in_(places))
                if ids is not None:
                    q = q.where(EventRow.id.in_(list(ids)))
                if not include_rejected:
                    q = q.where(or_(EventRow.status.is_(None), EventRow.status != "rejected"))
                if type is not None:
                    q = q.where(EventRow.type == type.upper())
                if lo is not None:
                    q = q.where(EventRow.date_hi >= lo)
                if hi is not None:
                    q = q.where(EventRow.date_lo <= hi)
                if modality is not None:
                    q = q.where(
                        EventRow.id.in_(
                            select(EventMentionRow.event_id).where(
                                EventMentionRow.modality == modality
                            )
                        )
                    )
                if min_sources is not None:
                    q = q.where(
                        EventRow.id.in_(
                            _with_sources(
                                EventMentionRow.event_id, EventMentionRow.document_id, min_sources
                            )
                        )
                    )
                order = (
                    (EventRow.date_lo.desc(), EventRow.id.desc())
                    if newest_first
                    else (EventRow.date_lo, EventRow.id)
                )
                q = q.options(selectinload(EventRow.participants))
                dated = q.where(EventRow.date_lo.is_not(None)).order_by(*order)
                undated = q.where(EventRow.date_lo.is_(None)).order_by(EventRow.id)
                page = None if limit is None else _rows(limit)
                rows = _paged(s, dated, undated, EventRow.id, page, _rows(offset))
                return _summaries(s, rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read store: {_one_line(exc)}") from exc

    def actor(self, ref: int | str) -> StoredActor:
        """One actor by store id, KB id, name or alias; an error if none or several match."""
        with self._reading() as s:
            ids = _actor_ids(s, ref)
        if not ids:
            raise NotFoundError(f"no actor {ref!r} in the store; find it with 'actors --search'")
        if len(ids) > 1:
            raise StoreError(
                f"{ref!r} names {len(ids)} actors (ids {', '.join(map(str, ids[:8]))}); use an id"
            )
        found = self.actors(ids=ids)
        if not found:
            raise NotFoundError(f"no actor with id {ids[0]} in the store")
        return found[0]

    def actor_profile(self, ref: int | str, *, limit: int = PROFILE_ITEMS) -> ActorProfile:
        """Roles over time, relations, the latest events and documents of one actor.

        Lists hold at most ``limit`` items (roles and relations in id order, events and
        documents newest first); the ``*_count`` fields say how many there are in all, and
        ``events(actor=...)``, ``relations(actor=...)`` page through the rest. Each part is
        one query on the actor's index entries, so the busiest actor opens as fast as any.

        Example: ``p = store.actor_profile("Hamas"); p.event_count, p.events[0].date``
        """
        with self._one_read():
            return self._profile(ref, limit)

    def _profile(self, ref: int | str, limit: int) -> ActorProfile:
        actor = self.actor(ref)
        evs = self.events(actor=actor.id, include_rejected=True, limit=limit, newest_first=True)
        rels = self.relations(actor=actor.id, include_rejected=True, limit=limit)
        # All relations on the page: roles and the count come from it, without a query.
        complete = len(rels) < limit
        with self._reading() as s:
            if complete:
                roles = [r for r in rels if r.head == actor.id and r.type in ROLE_TYPES]
            else:
                roles = _relation_summaries(
                    s,
                    list(
                        s.scalars(
                            select(RelationRow)
                            .where(
                                RelationRow.head_id == actor.id, RelationRow.type.in_(ROLE_TYPES)
                            )
                            .order_by(RelationRow.id)
                            .limit(limit)
                        )
                    ),
                )
            roles.sort(key=lambda r: (r.start or "", r.end or "", r.id))
            event_count = s.scalar(
                select(func.count(distinct(EventActor.event_id))).where(
                    EventActor.actor_id == actor.id
                )
            )
            relation_count = (
                len(rels)
                if complete
                else s.scalar(
                    select(func.count()).select_from(
                        select(RelationRow.id)
                        .where(RelationRow.head_id == actor.id)
                        .union(select(RelationRow.id).where(RelationRow.tail_id == actor.id))
                        .subquery()
                    )
                )
            )
            mine = ActorMentionRow.actor_id == actor.id
            # The actor's share of all mentions stands in for its share of the documents.
            mentions = s.scalar(select(func.max(ActorMentionRow.id))) or 0
            share = actor.mentions / mentions if mentions else 1.0
            if _walk(actor.documents, limit, lambda: int(actor.documents / max(share, 1e-9))):
                named: Any = exists().where(ActorMentionRow.document_id == DocumentRow.id, mine)
                _no_parallel_workers(s)
            else:
                named = DocumentRow.id.in_(select(ActorMentionRow.document_id).where(mine))
            # The MinHash signature is a JSON list per document that a profile never shows.
            by_doc = select(DocumentRow).options(defer(DocumentRow.minhash)).where(named)
            docs = [
                _document_out(d)
                for d in _paged(
                    s,
                    by_doc.where(DocumentRow.published.is_not(None)).order_by(
                        DocumentRow.published.desc(), DocumentRow.id.desc()
                    ),
                    by_doc.where(DocumentRow.published.is_(None)).order_by(DocumentRow.id.desc()),
                    DocumentRow.id,
                    limit,
                    0,
                )
            ]
            refs = {actor.id}
            for r in (*rels, *roles):
                refs |= {r.head, r.tail}
            for e in evs:
                refs |= {*e.source, *e.target, *([e.place] if e.place else [])}
            names = {
                i: n
                for i, n in s.execute(
                    select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(refs))
                )
            }
        return ActorProfile(
            actor=actor,
            roles=roles,
            relations=rels,
            events=evs,
            documents=docs,
            names=names,
            event_count=event_count or 0,
            relation_count=relation_count or 0,
            document_count=actor.documents,
        )

    def relations(
        self,
        actor: int | str | None = None,
        type: str | None = None,
        min_sources: int | None = None,
        modality: str | None = None,
        *,
        include_rejected: bool = False,
        ids: Sequence[int] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[RelationSummary]:
        """Stored standing relations (leader_of, member_of, ...), filtered like ``events``."""
        with self._reading() as s:
            q: Select[tuple[RelationRow]] = select(RelationRow)
            if actor is not None:
                found = _actor_ids(s, actor)
                if not found:
                    return []
                q = q.where(or_(RelationRow.head_id.in_(found), RelationRow.tail_id.in_(found)))
            if type is not None:
                q = q.where(RelationRow.type == type)
            if ids is not None:
                q = q.where(RelationRow.id.in_(list(ids)))
            if not include_rejected:
                q = q.where(or_(RelationRow.status.is_(None), RelationRow.status != "rejected"))
            if modality is not None:
                q = q.where(
                    RelationRow.id.in_(
                        select(RelationMentionRow.relation_id).where(
                            RelationMentionRow.modality == modality
                        )
                    )
                )
            if min_sources is not None:
                q = q.where(
                    RelationRow.id.in_(
                        _with_sources(
                            RelationMentionRow.relation_id,
                            RelationMentionRow.document_id,
                            min_sources,
                        )
                    )
                )
            q = q.order_by(RelationRow.id)
            if limit is not None:
                q = q.limit(_rows(limit))
            if offset:
                q = q.offset(_rows(offset))
            return _relation_summaries(s, list(s.scalars(q)))

    def evidence(self, kind: str, fact_id: int) -> list[StoredMention]:
        """Every passage that reports an event or relation, oldest publication first."""
        if kind not in ("event", "relation"):
            raise StoreError(f"unknown fact kind {kind!r}; use event or relation")
        with self._reading() as s:
            table = EventRow if kind == "event" else RelationRow
            if not fix.valid_id(fact_id) or s.get(table, fact_id) is None:
                raise NotFoundError(f"no {kind} with id {fact_id} in the store")
            out: list[StoredMention] = []
            if kind == "event":
                for m, d in s.execute(
                    select(EventMentionRow, DocumentRow)
                    .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
                    .where(EventMentionRow.event_id == fact_id)
                    .order_by(DocumentRow.published, DocumentRow.id, EventMentionRow.start)
                ).tuples():
                    out.append(
                        StoredMention(
                            kind=kind,
                            fact_id=fact_id,
                            **_doc_fields(d),
                            text=m.text,
                            start=m.start,
                            end=m.end,
                            sentence=m.sentence,
                            trigger_start=m.trigger_start,
                            trigger_end=m.trigger_end,
                            trigger_text=m.trigger_text,
                            modality=m.modality,
                            attribution_text=m.attribution_text,
                            attribution_actor=m.attribution_actor_id,
                            date_value=m.date_value,
                            date_precision=m.date_precision,
                            date_text=m.date_text,
                            date_basis=m.date_basis,
                            confidence=m.confidence,
                        )
                    )
            else:
                for r, d in s.execute(
                    select(RelationMentionRow, DocumentRow)
                    .join(DocumentRow, DocumentRow.id == RelationMentionRow.document_id)
                    .where(RelationMentionRow.relation_id == fact_id)
                    .order_by(DocumentRow.published, DocumentRow.id, RelationMentionRow.start)
                ).tuples():
                    out.append(
                        StoredMention(
                            kind=kind,
                            fact_id=fact_id,
                            **_doc_fields(d),
                            text=r.text,
                            start=r.start,
                            end=r.end,
                            sentence=r.sentence,
                            modality=r.modality,
                            attribution_text=r.attribution_text,
                            attribution_actor=r.attribution_actor_id,
                            confidence=r.confidence,
                        )
                    )
            return out

    def documents(self, limit: int | None = None, offset: int = 0) -> list[StoredDocument]:
        """Stored documents, newest publication first."""
        with self._reading() as s:
            q = select(DocumentRow).order_by(
                DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.id
            )
            if limit is not None:
                q = q.limit(_rows(limit))
            if offset:
                q = q.offset(_rows(offset))
            return [_document_out(d) for d in s.scalars(q)]

    def document(self, document_id: str) -> StoredDocument:
        with self._reading() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"no document {document_id!r} in the store")
            return _document_out(row)

    # -- corrections -------------------------------------------------------------------------

    def _correct(
        self, kind: str, payload: dict[str, Any], author: str, reason: str, apply: Any
    ) -> Any:
        """Log a correction and apply it in the same transaction: both or neither."""
        if not author.strip():
            raise StoreError("a correction needs an author (who makes it)")
        try:
            with Session(self._writer, expire_on_commit=False) as s, s.begin():
                _serialise(s)  # merges and splits create and move actors too
                row = CorrectionRow(
                    created_at=datetime.now(UTC),
                    author=author,
                    reason=reason,
                    kind=kind,
                    payload=payload,
                )
                s.add(row)
                s.flush()
                return apply(s, row.id)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot apply correction {kind}: {_one_line(exc)}") from exc

    def merge_actors(self, keep: int, other: int, *, author: str, reason: str = "") -> None:
        """Fold actor ``other`` into ``keep``; later documents naming ``other`` go to ``keep``."""
        self._correct(
            "merge_actors",
            {"keep": keep, "other": other},
            author,
            reason,
            lambda s, cid: fix.merge_actors(s, keep, other, cid),
        )

    def split_actor(self, actor: int, names: list[str], *, author: str, reason: str = "") -> int:
        """Move the mentions called by ``names`` to a new actor; returns its id."""
        return int(
            self._correct(
                "split_actor",
                {"actor": actor, "names": names},
                author,
                reason,
                lambda s, cid: fix.split_actor(s, actor, names, cid),
            )
        )

    def rename_actor(self, actor: int, name: str, *, author: str, reason: str = "") -> None:
        self._correct(
            "rename_actor",
            {"actor": actor, "name": name},
            author,
            reason,
            lambda s, cid: fix.rename_actor(s, actor, name, cid),
        )

    def add_alias(self, actor: int, alias: str, *, author: str, reason: str = "") -> None:
        self._correct(
            "add_alias",
            {"actor": actor, "alias": alias},
            author,
            reason,
            lambda s, cid: fix.add_alias(s, actor, alias, cid),
        )

    def merge_actors_undoable(
        self, keep: int, other: int, *, author: str, reason: str = ""
    ) -> None:
        """``merge_actors``, logging also where both actors took part in facts before, so that
        ``unmerge_actors`` can take the merge back."""

        def apply(s: Session, cid: int) -> None:
            row = s.get(CorrectionRow, cid)
            if row is not None:
                row.payload = {
                    **row.payload,
                    "refs": {"keep": fix.actor_refs(s, keep), "other": fix.actor_refs(s, other)},
                }
            fix.merge_actors(s, keep, other, cid)

        self._correct("merge_actors", {"keep": keep, "other": other}, author, reason, apply)

    def unmerge_actors(
        self,
        keep: int,
        names: list[str],
        refs: dict[str, Any],
        *,
        author: str,
        reason: str = "",
    ) -> int:
        """Undo a merge logged by ``merge_actors_undoable``; returns the restored actor's id."""
        return int(
            self._correct(
                "split_actor",
                {"actor": keep, "names": names, "unmerge": True},
                author,
                reason,
                lambda s, cid: fix.unmerge_actors(s, keep, names, refs, cid),
            )
        )

    def remove_alias(self, actor: int, alias: str, *, author: str, reason: str = "") -> None:
        """Take an alias off an actor (the undo of ``add_alias``)."""
        self._correct(
            "remove_alias",
            {"actor": actor, "alias": alias},
            author,
            reason,
            lambda s, cid: fix.remove_alias(s, actor, alias, cid),
        )

    def set_actor_type(self, actor: int, type: str, *, author: str, reason: str = "") -> None:
        self._correct(
            "set_actor_type",
            {"actor": actor, "type": type},
            author,
            reason,
            lambda s, cid: fix.set_actor_type(s, actor, type, cid),
        )

    def set_status(
        self, kind: str, fact_id: int, status: str | None, *, author: str, reason: str = ""
    ) -> None:
        """Confirm (``confirmed``) or reject (``rejected``) an event or relation; ``None``
        clears the verdict."""
        self._correct(
            "set_status",
            {"kind": kind, "id": fact_id, "status": status},
            author,
            reason,
            lambda s, cid: fix.set_status(s, kind, fact_id, status),
        )

    def corrections(self) -> list[CorrectionOut]:
        """The audit log, oldest first."""
        with self._reading() as s:
            return [
                CorrectionOut(
                    id=c.id,
                    created_at=c.created_at.isoformat(),
                    author=c.author,
                    reason=c.reason,
                    kind=c.kind,
                    payload=dict(c.payload),
                )
                for c in s.scalars(select(CorrectionRow).order_by(CorrectionRow.id))
            ]

    def stats(self) -> StoreStats:
        def count(s: Session, column: Any) -> int:
            return int(s.scalar(select(func.count(column))) or 0)

        try:
            with self._read() as s:
                return StoreStats(
                    documents=count(s, DocumentRow.id),
                    dup_groups=count(s, distinct(DocumentRow.dup_group)),
                    actors=count(s, ActorRow.id),
                    actor_mentions=count(s, ActorMentionRow.id),
                    events=count(s, EventRow.id),
                    event_mentions=count(s, EventMentionRow.id),
                    relations=count(s, RelationRow.id),
                    relation_mentions=count(s, RelationMentionRow.id),
                    corrections=count(s, CorrectionRow.id),
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read store: {_one_line(exc)}") from exc


# -- helpers -----------------------------------------------------------------------------------


def _rows(n: int) -> int:
    """A limit or offset the database takes: no store holds 2**62 rows, and drivers fail on
    numbers past 64 bits instead of finding nothing."""
    return max(0, min(n, 2**62))


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _near_duplicate_group(s: Session, sig: list[int]) -> str | None:
    """The group of the most similar stored document with estimated Jaccard >= 0.8, if any."""
    keys = band_keys(sig)
    # Both lists probe the (band, key) index; the exact pairs are picked here, which keeps the
    # statement small (one OR of 16 ANDs cost more to build than to run).
    found = s.execute(
        select(DocumentBand.document_id, DocumentBand.band, DocumentBand.key).where(
            DocumentBand.band.in_(range(len(keys))), DocumentBand.key.in_(keys)
        )
    )
    candidates = {d for d, band, key in found if keys[band] == key}
    if not candidates:
        return None
    best: tuple[float, str] | None = None
    rows = s.execute(
        select(DocumentRow.id, DocumentRow.minhash, DocumentRow.dup_group)
        .where(DocumentRow.id.in_(candidates))
        .order_by(DocumentRow.ingested_at, DocumentRow.id)
    )
    for _id, other, group in rows:
        score = similarity(sig, list(other))
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, group)
    return best[1] if best else None


def _actor_ids(s: Session, actor: int | str) -> list[int]:
    """Actors a reference names: a store id, a KB id, a name, or else an alias."""
    if isinstance(actor, int):
        return [actor] if fix.valid_id(actor) else []
    if actor.strip().isascii() and actor.strip().isdigit():  # not "²", which int() refuses
        number = int(actor.strip())
        return [number] if fix.valid_id(number) else []
    norm = normalize_name(actor)
    q = select(ActorRow.id).where(or_(ActorRow.kb_id == actor, ActorRow.norm_name == norm))
    found = list(s.scalars(q.order_by(ActorRow.id)))
    if found:
        return found
    aliases = select(distinct(ActorNameRow.actor_id)).where(ActorNameRow.norm == norm)
    return sorted(s.scalars(aliases))


def _walk(count: int, wanted: int, total: Callable[[], int | None]) -> bool:
    """Whether a page of ``wanted`` rows of one actor is best found by walking all rows in
    the page's order and testing each (about ``wanted * total / count`` tests) rather than
    fetching and sorting the actor's ``count`` rows. ``total`` is asked only for a busy
    actor: the walk only pays when the actor is a good share of the table."""
    if count < _WALK_MIN:
        return False
    return wanted * (total() or 0) < count * count


def _no_parallel_workers(s: Session) -> None:
    """A walk stops after a page: PostgreSQL's parallel workers cost more to start than the
    walk takes (27 ms alone, 96 ms with two workers on a 1M-event store). For this read
    transaction only."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))


def _walk_events(s: Session, theirs: Any, wanted: int) -> bool:
    # The largest id stands in for the number of events: one index probe, not a count.
    total = s.scalar(select(func.max(EventRow.id))) or 0
    # The walk pays once the actor has more than sqrt(wanted * total) events: count that far
    # and no further (an index-only read of at most that many entries).
    enough = max(_WALK_MIN, math.isqrt(wanted * total) + 1)
    some = select(EventActor.event_id).where(theirs).limit(enough).subquery()
    count = s.scalar(select(func.count()).select_from(some)) or 0
    return _walk(count, wanted, lambda: total)


def _paged(
    s: Session, first: Select[Any], then: Select[Any], key: Any, limit: int | None, offset: int
) -> list[Any]:
    """Rows of ``first`` and after them those of ``then``, ``limit`` of them from ``offset``.

    Two ordered queries rather than one sorted on "is null" first: then an index on the
    order serves each, and a page stops reading once it is full.
    """
    head = first.offset(offset) if offset else first
    rows = list(s.scalars(head.limit(limit) if limit is not None else head))
    if limit is not None and len(rows) >= limit:
        return rows
    skip = 0
    if offset and not rows:
        # The page starts past the end of ``first``: how far past.
        counted = first.order_by(None).with_only_columns(key).subquery()
        skip = offset - (s.scalar(select(func.count()).select_from(counted)) or 0)
    tail = then.offset(skip) if skip > 0 else then
    if limit is not None:
        tail = tail.limit(limit - len(rows))
    return rows + list(s.scalars(tail))


def _chunks(items: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _support(
    s: Session, fact_col: Any, doc_col: Any, modality_col: Any, ids: list[int]
) -> dict[int, dict[str, Any]]:
    """Corroboration of each fact: independent sources (near-duplicate groups), documents,
    mentions, first and last reported, disputed, modalities. Shared by events and relations."""
    found: dict[int, list[tuple[str, str, str, str | None]]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        q = (
            select(
                fact_col, modality_col, DocumentRow.id, DocumentRow.dup_group, DocumentRow.published
            )
            .join(DocumentRow, DocumentRow.id == doc_col)
            .where(fact_col.in_(chunk))
        )
        for fact_id, modality, doc_id, group, published in s.execute(q):
            found[fact_id].append((modality, doc_id, group, published))
    out: dict[int, dict[str, Any]] = {}
    for fact_id, mentions in found.items():
        published = sorted(p for *_, p in mentions if p)
        out[fact_id] = {
            "sources": len({m[2] for m in mentions}),
            "documents": len({m[1] for m in mentions}),
            "mentions": len(mentions),
            "first_reported": published[0] if published else None,
            "last_reported": published[-1] if published else None,
            "disputed": disputed([(m[0], m[2]) for m in mentions]),
            "modalities": sorted({m[0] for m in mentions}),
        }
    return out


def _with_sources(fact_col: Any, doc_col: Any, n: int) -> Select[Any]:
    """Ids of facts reported by at least ``n`` independent sources (near-duplicate groups)."""
    return (
        select(fact_col)
        .join(DocumentRow, DocumentRow.id == doc_col)
        .group_by(fact_col)
        .having(func.count(distinct(DocumentRow.dup_group)) >= n)
    )


def _summaries(s: Session, rows: list[EventRow]) -> list[EventSummary]:
    support = _support(
        s,
        EventMentionRow.event_id,
        EventMentionRow.document_id,
        EventMentionRow.modality,
        [r.id for r in rows],
    )
    return [
        EventSummary(
            id=row.id,
            type=row.type,
            cameo=row.cameo,
            goldstein=row.goldstein,
            date=row.date_value,
            precision=row.date_precision,
            source=sorted(p.actor_id for p in row.participants if p.role == "source"),
            target=sorted(p.actor_id for p in row.participants if p.role == "target"),
            place=row.place_id,
            status=row.status,
            **support[row.id],
        )
        for row in rows
    ]


@dataclass
class _Withdrawn:
    """What a document said before it was extracted again: its facts and actors, which may be
    left without support, and which actor each mention (start, end) was filed under."""

    events: set[int]
    relations: set[int]
    mention_actors: dict[tuple[int, int], int]


def _withdraw_document(s: Session, doc_id: str) -> _Withdrawn:
    """Take back every mention a document made, before it is extracted again.

    The facts and actors it supported stay until the new record is filed (``_drop_unsupported``
    then removes those left without support), so that the same text files onto the same rows.
    """
    events = set(
        s.scalars(select(EventMentionRow.event_id).where(EventMentionRow.document_id == doc_id))
    )
    relations = set(
        s.scalars(
            select(RelationMentionRow.relation_id).where(RelationMentionRow.document_id == doc_id)
        )
    )
    mention_actors = {
        (start, end): actor_id
        for actor_id, start, end in s.execute(
            select(ActorMentionRow.actor_id, ActorMentionRow.start, ActorMentionRow.end).where(
                ActorMentionRow.document_id == doc_id
            )
        )
    }
    for table in (EventMentionRow, RelationMentionRow, ActorMentionRow):
        s.execute(delete(table).where(table.document_id == doc_id))
    s.flush()
    return _Withdrawn(events, relations, mention_actors)


def _drop_unsupported(s: Session, withdrawn: _Withdrawn) -> None:
    """Remove the facts and actors of a withdrawn document that nothing supports any more,
    unless an analyst's correction refers to them: a rejected event stays rejected when a new
    extraction finds it again."""
    s.flush()
    for event_id in withdrawn.events:
        row = s.get(EventRow, event_id)
        still = s.scalar(select(EventMentionRow.id).where(EventMentionRow.event_id == event_id))
        if row is not None and still is None and row.status is None:
            s.delete(row)
    for relation_id in withdrawn.relations:
        rel = s.get(RelationRow, relation_id)
        still = s.scalar(
            select(RelationMentionRow.id).where(RelationMentionRow.relation_id == relation_id)
        )
        if rel is not None and still is None and rel.status is None:
            s.delete(rel)
    s.flush()
    for actor_id in set(withdrawn.mention_actors.values()):
        if not _actor_in_use(s, actor_id):
            s.execute(delete(ActorNameRow).where(ActorNameRow.actor_id == actor_id))
            s.execute(delete(ActorRow).where(ActorRow.id == actor_id))
    s.flush()


def _actor_in_use(s: Session, actor_id: int) -> bool:
    probes = (
        select(ActorMentionRow.id).where(ActorMentionRow.actor_id == actor_id),
        select(EventActor.event_id).where(EventActor.actor_id == actor_id),
        select(EventRow.id).where(EventRow.place_id == actor_id),
        select(RelationRow.id).where(
            or_(RelationRow.head_id == actor_id, RelationRow.tail_id == actor_id)
        ),
        select(ActorRedirect.key).where(ActorRedirect.actor_id == actor_id),
        select(EventMentionRow.id).where(EventMentionRow.attribution_actor_id == actor_id),
        select(RelationMentionRow.id).where(RelationMentionRow.attribution_actor_id == actor_id),
    )
    return any(s.scalar(q.limit(1)) is not None for q in probes)


def _relation_summaries(s: Session, rows: list[RelationRow]) -> list[RelationSummary]:
    support = _support(
        s,
        RelationMentionRow.relation_id,
        RelationMentionRow.document_id,
        RelationMentionRow.modality,
        [r.id for r in rows],
    )
    return [
        RelationSummary(
            id=row.id,
            type=row.type,
            head=row.head_id,
            tail=row.tail_id,
            start=row.start_value,
            end=row.end_value,
            status=row.status,
            **support[row.id],
        )
        for row in rows
    ]


def _doc_fields(d: DocumentRow) -> dict[str, Any]:
    return {
        "document_id": d.id,
        "title": d.title,
        "source": d.source,
        "url": d.url,
        "publisher": d.publisher,
        "published": d.published,
        "dup_group": d.dup_group,
    }


def _document_out(row: DocumentRow) -> StoredDocument:
    return StoredDocument(
        id=row.id,
        source=row.source,
        url=row.url,
        title=row.title,
        publisher=row.publisher,
        published=row.published,
        published_source=row.published_source,
        format=row.format,
        chars=row.chars,
        dup_group=row.dup_group,
        near_duplicate=row.dup_group != row.id,
        ingested_at=row.ingested_at.isoformat(),
    )
