"""Search across what the store holds, for the app's search box and the API.

The words of every actor's names, aliases and KB id and of every document's title, source and
publisher are kept in a sorted list, built once per store revision (``SearchCache``): a query
finds the words it begins with by bisection and looks inside words only through the list of
distinct words, never through every document.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actorgraph.store import NotFoundError, Store, StoreError
from actorgraph.store.models import StoredActor, StoredDocument
from actorgraph.store.schema import (
    ActorMentionRow,
    ActorRow,
    DocumentTextRow,
    EventMentionRow,
    EventRow,
    RelationMentionRow,
    RelationRow,
    SavedViewRow,
)

_WORD = re.compile(r"[^\W_]+")
_HAS_WORD = re.compile(r"[^\W_]")


class SearchResult(BaseModel):
    query: str
    actors: list[StoredActor]
    documents: list[StoredDocument]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _rank(needle: str, primary: str, others: Sequence[str]) -> int | None:
    """How well ``needle`` matches: 0 the whole name (or alias, KB id), 1 the start of the
    name, 2 the start of another name, 3 the start of a word, 4 inside a word; None: no match."""
    texts = [primary, *others]
    if needle in texts:
        return 0
    if primary.startswith(needle):
        return 1
    if any(t.startswith(needle) for t in others):
        return 2
    for t in texts:
        at = t.find(needle)
        while at != -1:
            if at == 0 or not t[at - 1].isalnum():
                return 3
            at = t.find(needle, at + 1)
    if any(needle in t for t in texts):
        return 4
    return None


class _Entries:
    """Sorted (word, item) pairs and the distinct words, for prefix and infix lookups."""

    def __init__(self, texts: Iterable[tuple[int, Iterable[str]]]) -> None:
        pairs: set[tuple[str, int]] = set()
        for item, strings in texts:
            for s in strings:
                for w in _words(s):
                    pairs.add((w, item))
        self.pairs = sorted(pairs)
        self.keys = [w for w, _ in self.pairs]
        self.vocabulary = sorted(set(self.keys))

    def starting(self, prefix: str) -> set[int]:
        lo = bisect.bisect_left(self.keys, prefix)
        found: set[int] = set()
        for i in range(lo, len(self.keys)):
            if not self.keys[i].startswith(prefix):
                break
            found.add(self.pairs[i][1])
        return found

    def containing(self, part: str) -> set[int]:
        found: set[int] = set()
        for w in self.vocabulary:
            if part in w:
                found |= self._exact(w)
        return found

    def _exact(self, word: str) -> set[int]:
        lo = bisect.bisect_left(self.keys, word)
        hi = bisect.bisect_right(self.keys, word)
        return {self.pairs[i][1] for i in range(lo, hi)}


class SearchIndex:
    """What the search box looks in, for one revision of the store.

    >>> index = SearchIndex(store.actors(), store.documents())  # doctest: +SKIP
    >>> index.search("ostm").actors[0].name  # doctest: +SKIP
    'Ostmark'
    """

    def __init__(self, actors: list[StoredActor], documents: list[StoredDocument]) -> None:
        self.actors = actors
        self.documents = documents
        self._actor_texts = [
            (_norm(a.name), [_norm(x) for x in [*a.aliases, a.kb_id or ""] if x]) for a in actors
        ]
        self._doc_texts = [
            (_norm(d.title or ""), [_norm(x) for x in (d.source, d.publisher or "") if x])
            for d in documents
        ]
        self._actor_words = _Entries(
            (i, [name, *others]) for i, (name, others) in enumerate(self._actor_texts)
        )
        self._doc_words = _Entries(
            (i, [title, *others]) for i, (title, others) in enumerate(self._doc_texts)
        )

    @staticmethod
    def _candidates(entries: _Entries, needle: str) -> set[int]:
        """Items with a word that begins with (or holds) the query's first word."""
        first = _words(needle)[0]
        found = entries.starting(first)
        if len(first) >= 2:
            found |= entries.containing(first)
        return found

    def search(self, query: str, limit: int = 20) -> SearchResult:
        """Actors, best match first (the whole name, its start, an alias's or KB id's start,
        a word's start, inside a word), the most mentioned first among equals; documents
        whose title, source or publisher holds the query, newest first among equals.
        A query with no letter or digit ("_", "-") finds nothing."""
        q = query.strip()
        needle = _norm(q)
        if not _HAS_WORD.search(needle):
            return SearchResult(query=q, actors=[], documents=[])
        ranked: list[tuple[int, int, int]] = []
        for i in self._candidates(self._actor_words, needle):
            name, others = self._actor_texts[i]
            rank = _rank(needle, name, others)
            if rank is not None:
                ranked.append((rank, i, self.actors[i].id))
        # self.actors is most mentioned first: the index breaks ties by mentions.
        actors = [self.actors[i] for _r, i, _id in sorted(ranked)[:limit]]
        docs: list[tuple[int, int]] = []
        for i in self._candidates(self._doc_words, needle):
            title, others = self._doc_texts[i]
            rank = _rank(needle, title, others)
            if rank is not None:
                docs.append((min(rank, 3), i))
        documents = [self.documents[i] for _r, i in sorted(docs)[:limit]]
        return SearchResult(query=q, actors=actors, documents=documents)


class SearchCache:
    """One ``SearchIndex`` per store revision, rebuilt when the store changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._revision: tuple[Any, ...] | None = None
        self._index: SearchIndex | None = None
        self.built = 0
        """indexes built: for the tests"""

    def index(self, store: Store) -> SearchIndex:
        from actorgraph.web.network import store_revision

        revision = store_revision(store)
        with self._lock:
            if self._index is None or self._revision != revision:
                self._index = SearchIndex(store.actors(), store.documents())
                self._revision = revision
                self.built += 1
            return self._index


def search(store: Store, query: str, limit: int = 20) -> SearchResult:
    """Search without a cache (builds the index): for one-off use and the CLI."""
    return SearchIndex(store.actors(), store.documents()).search(query, limit)


# -- reading a whole document -------------------------------------------------------------------


class MarkedFact(BaseModel):
    """Where a fact is reported in the document (offsets into its text)."""

    kind: Literal["event", "relation"]
    id: int
    type: str
    start: int
    end: int
    trigger_start: int | None = None
    trigger_end: int | None = None
    modality: str
    status: str | None = None


class MarkedActor(BaseModel):
    id: int
    name: str
    type: str
    start: int
    end: int


class DocumentReading(BaseModel):
    """A stored document with its text and every fact and actor mention in it; ``text`` is
    null for a document stored before texts were kept (re-ingest with --reextract)."""

    document: StoredDocument
    text: str | None
    facts: list[MarkedFact]
    actors: list[MarkedActor]


def read_document(store: Store, document_id: str) -> DocumentReading:
    """The document, its text and where each fact and actor is mentioned, in text order."""
    doc = store.document(document_id)  # NotFoundError for an unknown id
    with store._read() as s:
        text = s.scalar(
            select(DocumentTextRow.text).where(DocumentTextRow.document_id == document_id)
        )
        facts = [
            MarkedFact(
                kind="event",
                id=m.event_id,
                type=e.type,
                start=m.start,
                end=m.end,
                trigger_start=m.trigger_start,
                trigger_end=m.trigger_end,
                modality=m.modality,
                status=e.status,
            )
            for m, e in s.execute(
                select(EventMentionRow, EventRow)
                .join(EventRow, EventRow.id == EventMentionRow.event_id)
                .where(EventMentionRow.document_id == document_id)
            ).tuples()
        ]
        facts += [
            MarkedFact(
                kind="relation",
                id=m.relation_id,
                type=r.type,
                start=m.start,
                end=m.end,
                modality=m.modality,
                status=r.status,
            )
            for m, r in s.execute(
                select(RelationMentionRow, RelationRow)
                .join(RelationRow, RelationRow.id == RelationMentionRow.relation_id)
                .where(RelationMentionRow.document_id == document_id)
            ).tuples()
        ]
        actors = [
            MarkedActor(id=a.id, name=a.name, type=a.type, start=m.start, end=m.end)
            for m, a in s.execute(
                select(ActorMentionRow, ActorRow)
                .join(ActorRow, ActorRow.id == ActorMentionRow.actor_id)
                .where(ActorMentionRow.document_id == document_id)
            ).tuples()
        ]
    facts.sort(key=lambda f: (f.start, f.kind, f.id))
    actors.sort(key=lambda a: (a.start, a.id))
    return DocumentReading(document=doc, text=text, facts=facts, actors=actors)


# -- saved views ("investigations") --------------------------------------------------------------


class SavedView(BaseModel):
    """A named state of the app: filters, selection, camera (the address's query)."""

    id: int
    name: str
    state: dict[str, str]
    author: str
    created_at: str


def saved_views(store: Store) -> list[SavedView]:
    """Every saved view, by name."""
    with store._read() as s:
        rows = s.scalars(select(SavedViewRow).order_by(SavedViewRow.name)).all()
        return [_saved(r) for r in rows]


def save_view(store: Store, name: str, state: dict[str, str], author: str) -> SavedView:
    """Save (or, under a name already used, replace) a view."""
    try:
        with Session(store._writer, expire_on_commit=False) as s, s.begin():
            row = s.scalar(select(SavedViewRow).where(SavedViewRow.name == name))
            if row is None:
                row = SavedViewRow(name=name, state=state, author=author, created_at=_now())
                s.add(row)
            else:
                row.state, row.author, row.created_at = state, author, _now()
            s.flush()
            return _saved(row)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot save the view: {str(exc).splitlines()[0]}") from exc


def delete_view(store: Store, view_id: int) -> None:
    with Session(store._writer) as s, s.begin():
        row = s.get(SavedViewRow, view_id)
        if row is None:
            raise NotFoundError(f"no saved view with id {view_id}")
        s.delete(row)


def _now() -> datetime:
    return datetime.now(UTC)


def _saved(row: SavedViewRow) -> SavedView:
    return SavedView(
        id=row.id,
        name=row.name,
        state={str(k): str(v) for k, v in dict(row.state).items()},
        author=row.author,
        created_at=row.created_at.isoformat(),
    )
