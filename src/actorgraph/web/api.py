"""The REST API: thin handlers that parse parameters and call the store and the graph library."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, File, Form, Header, Query, Request, Response, UploadFile
from fastapi import Path as FastPath
from pydantic import BaseModel, Field

from actorgraph.graph.models import PathResult
from actorgraph.records import Modality
from actorgraph.store import Store
from actorgraph.store.corrections import MAX_ID
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
from actorgraph.web import upload
from actorgraph.web.analytics import DuplicatePair, Measure, MeasureName, duplicates, graph_filter
from actorgraph.web.analytics import measure as compute_measure
from actorgraph.web.analytics import path as find_path
from actorgraph.web.audit import AuditEntry, audit, undo
from actorgraph.web.errors import NotFound, WebError
from actorgraph.web.network import GraphCache, NetworkView
from actorgraph.web.state import WebState
from actorgraph.web.views import (
    DocumentReading,
    SavedView,
    SearchCache,
    SearchResult,
    delete_view,
    read_document,
    save_view,
    saved_views,
)

T = TypeVar("T")
MAX_LIMIT = 5000

router = APIRouter()


class Page(BaseModel, Generic[T]):
    """One page of a list; ``next_offset`` is null on the last page."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


def _state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def _store(request: Request) -> Store:
    return _state(request).store


StoreDep = Annotated[Store, Depends(_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=2**62, description="Items to skip.")]
# A number that cannot be a store id is a bad request, not a question for the database.
FactId = Annotated[int, FastPath(ge=1, le=MAX_ID, description="Its store id.")]
ActorId = Annotated[int, Field(ge=1, le=MAX_ID, description="An actor's store id.")]


def _page(items: list[T], limit: int, offset: int) -> Page[T]:
    """``items`` holds up to ``limit + 1`` entries from ``offset``: one more tells a next page."""
    more = len(items) > limit
    after = offset + limit if more else None
    return Page[T](items=items[:limit], limit=limit, offset=offset, next_offset=after)


def actor_ref(ref: str) -> int | str:
    """A store id when all digits, else a KB id or a name."""
    return int(ref) if ref.isascii() and ref.isdigit() else ref


class FactFilters(BaseModel):
    """The filters of the CLI's ``events`` command, shared by every fact and graph query."""

    actor: str | None = Field(None, description="Actor id, KB id or name.")
    type: str | None = Field(None, description="PLOVER event type (events) or relation type.")
    since: str | None = Field(None, description="YYYY[-MM[-DD]]: facts dated on or after.")
    until: str | None = Field(None, description="YYYY[-MM[-DD]]: facts dated on or before.")
    min_sources: int | None = Field(None, ge=1, description="Independent sources at least.")
    modality: Modality | None = Field(None, description="Keep facts reported with this modality.")
    place: str | None = Field(None, description="Place actor id, KB id or name (events).")
    include_rejected: bool = Field(False, description="Keep facts an analyst rejected.")


Filters = Annotated[FactFilters, Query()]


def _events(store: Store, f: FactFilters, limit: int | None, offset: int) -> list[EventSummary]:
    return store.events(
        actor=actor_ref(f.actor) if f.actor else None,
        type=f.type,
        since=f.since,
        until=f.until,
        min_sources=f.min_sources,
        modality=f.modality,
        place=actor_ref(f.place) if f.place else None,
        include_rejected=f.include_rejected,
        limit=limit,
        offset=offset,
    )


def _relations(
    store: Store, f: FactFilters, limit: int | None, offset: int
) -> list[RelationSummary]:
    return store.relations(
        actor=actor_ref(f.actor) if f.actor else None,
        type=f.type,
        min_sources=f.min_sources,
        modality=f.modality,
        include_rejected=f.include_rejected,
        limit=limit,
        offset=offset,
    )


# -- reading ---------------------------------------------------------------------------------


@router.get("/stats", tags=["store"])
def stats(store: StoreDep) -> StoreStats:
    """Counts of what the store holds."""
    return store.stats()


@router.get("/documents", tags=["documents"])
def documents(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Page[StoredDocument]:
    """Stored documents."""
    return _page(store.documents(limit=limit + 1, offset=offset), limit, offset)


@router.get("/documents/{document_id}/read", tags=["documents"])
def document_reading(store: StoreDep, document_id: str) -> DocumentReading:
    """The whole document with every fact and actor mention in it (offsets into its text)."""
    return read_document(store, document_id)


@router.get("/documents/{document_id}", tags=["documents"])
def document(store: StoreDep, document_id: str) -> StoredDocument:
    return store.document(document_id)


@router.get("/actors", tags=["actors"])
def actors(
    store: StoreDep,
    type: Annotated[str | None, Query(description="person, organization, ...")] = None,
    search: Annotated[str | None, Query(description="Part of a name, or a KB id.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[StoredActor]:
    """Actors, most mentioned first."""
    found = store.actors(type=type, search=search)
    return _page(found[offset : offset + limit + 1], limit, offset)


ExportName = Literal["gexf", "graphml", "stix", "json"]
_EXPORT_TYPES = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "stix": "application/json",
    "json": "application/json",
}


@router.get("/export/{fmt}", tags=["graph"], response_class=Response)
def export_view(
    request: Request,
    store: StoreDep,
    fmt: ExportName,
    filters: Filters,
    include_undated: bool = False,
    focus: Annotated[str | None, Query(max_length=2000, pattern=r"^\d+(,\d+)*$")] = None,
    hops: Annotated[int, Query(ge=1, le=3)] = 1,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> Response:
    """The facts of the network view these parameters give (the same as ``/graph``'s), as a
    file: GEXF or GraphML for Gephi and yEd, STIX 2.1 for threat-intelligence tools, JSON."""
    from actorgraph.export import SUFFIX, render
    from actorgraph.graph import GraphFilter, load_facts

    cache: GraphCache = _cached(request, "graph_cache", GraphCache)
    extra: dict[str, Any] = {"include_undated": include_undated, "min_confidence": min_confidence}
    if focus:
        extra |= {"focus": tuple(sorted({int(i) for i in focus.split(",")})), "hops": hops}

    def build() -> str:
        view = json.loads(cache.view_json(store, **extra, **_graph_filters(filters)))
        events = {e["id"] for e in view["events"]}
        relations = {r["id"] for r in view["relations"]}
        facts = load_facts(store, GraphFilter(include_rejected=filters.include_rejected))
        kept_events = [e for e in facts.events if e.id in events]
        kept_relations = [r for r in facts.relations if r.id in relations]
        named: set[int] = set()
        for e in kept_events:
            named.update(e.source, e.target, [e.place] if e.place is not None else [])
        for r in kept_relations:
            named.update((r.head, r.tail))
        facts = facts.model_copy(
            update={
                "events": kept_events,
                "relations": kept_relations,
                "actors": {i: a for i, a in facts.actors.items() if i in named},
            }
        )
        return render(facts, fmt, store)

    # Kept until the store changes, like the view itself: a second download is instant.
    params = {**extra, **_graph_filters(filters)}
    key = ("export", fmt, tuple(sorted((k, str(v)) for k, v in params.items())))
    name = f"actorgraph-view{SUFFIX[fmt]}"
    return Response(
        content=cache.memo(store, key, build),
        media_type=_EXPORT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# Declared before /actors/{ref:path}, which would take "7/neighbourhood" for a reference.
@router.get("/actors/{actor_id}/neighbourhood", tags=["graph"], response_model=NetworkView)
def actor_neighbourhood(
    request: Request,
    store: StoreDep,
    actor_id: int,
    filters: Filters,
    hops: Annotated[int, Query(ge=1, le=3, description="Radius in ties.")] = 1,
) -> Response:
    """The actor's one-, two- or three-hop network under the filters (like /graph?focus=)."""
    store.actor(actor_id)  # 404 for an unknown actor
    cache: GraphCache = _cached(request, "graph_cache", GraphCache)
    body = cache.view_json(store, focus=(actor_id,), hops=hops, **_graph_filters(filters))
    return Response(content=body, media_type="application/json")


# KB ids hold slashes (state/rus): the profile route is declared first so it wins.
@router.get("/actors/{ref:path}/profile", tags=["actors"])
def actor_profile(store: StoreDep, ref: str) -> ActorProfile:
    """Roles over time, relations, events by date and the documents that name the actor."""
    return store.actor_profile(actor_ref(ref))


@router.get("/actors/{ref:path}", tags=["actors"])
def actor(store: StoreDep, ref: str) -> StoredActor:
    """One actor by store id, KB id or name."""
    return store.actor(actor_ref(ref))


@router.get("/events", tags=["facts"])
def events(
    store: StoreDep, filters: Filters, limit: Limit = 100, offset: Offset = 0
) -> Page[EventSummary]:
    """Events, oldest first (undated last)."""
    return _page(_events(store, filters, limit + 1, offset), limit, offset)


@router.get("/events/{event_id}", tags=["facts"])
def event(store: StoreDep, event_id: FactId) -> EventSummary:
    return store.event_summary(event_id)


@router.get("/relations", tags=["facts"])
def relations(
    store: StoreDep, filters: Filters, limit: Limit = 100, offset: Offset = 0
) -> Page[RelationSummary]:
    """Standing relations (leader_of, member_of, ...)."""
    if filters.since or filters.until or filters.place:
        raise WebError(400, "relations take no since/until/place filter")
    return _page(_relations(store, filters, limit + 1, offset), limit, offset)


@router.get("/relations/{relation_id}", tags=["facts"])
def relation(store: StoreDep, relation_id: FactId) -> RelationSummary:
    """One relation, rejected or not (the evidence panel shows it after a verdict)."""
    found = store.relations(ids=[relation_id], include_rejected=True)
    if not found:
        raise NotFound(f"no relation with id {relation_id} in the store")
    return found[0]


@router.get("/evidence/{kind}/{fact_id}", tags=["facts"])
def evidence(
    store: StoreDep, kind: Literal["event", "relation"], fact_id: FactId
) -> list[StoredMention]:
    """Every passage that reports an event or a relation, with its source, date and modality."""
    return store.evidence(kind, fact_id)


@router.get("/search", tags=["actors"])
def search_all(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to look for.")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SearchResult:
    """Actors by name, alias or KB id (whole, start, word start, inside a word: in that order,
    most mentioned first among equals), and documents by title, source or publisher."""
    cache: SearchCache = _cached(request, "search_cache", SearchCache)
    return cache.index(store).search(q, limit)


def _cached(request: Request, name: str, make: Callable[[], Any]) -> Any:
    """One object per app (the graph and search caches), made on first use."""
    state = request.app.state
    found = getattr(state, name, None)
    if found is None:
        with _CACHE_LOCK:
            found = getattr(state, name, None)
            if found is None:
                found = make()
                setattr(state, name, found)
    return found


_CACHE_LOCK = threading.Lock()


@router.get("/graph", tags=["graph"], response_model=NetworkView)
def graph(
    request: Request,
    store: StoreDep,
    filters: Filters,
    include_undated: Annotated[
        bool, Query(description="With since/until: keep events that have no date too.")
    ] = False,
    focus: Annotated[
        str | None,
        Query(
            max_length=2000,
            pattern=r"^\d+(,\d+)*$",
            description="Actor ids, comma-separated: show only their neighbourhood.",
        ),
    ] = None,
    hops: Annotated[int, Query(ge=1, le=3, description="Neighbourhood radius.")] = 1,
    min_confidence: Annotated[
        float | None,
        Query(ge=0, le=1, description="Keep facts with a mention at least this sure."),
    ] = None,
) -> Response:
    """The network view: actors laid out and sized by centrality, ties carrying their fact ids.

    Answered from memory while the store is unchanged (see ``GraphCache``); ``undated`` says
    how many events a time filter left out because they have no date."""
    cache: GraphCache = _cached(request, "graph_cache", GraphCache)
    extra: dict[str, Any] = {"include_undated": include_undated, "min_confidence": min_confidence}
    if focus:
        extra |= {"focus": tuple(sorted({int(i) for i in focus.split(",")})), "hops": hops}
    body = cache.view_json(store, **extra, **_graph_filters(filters))
    return Response(content=body, media_type="application/json")


def _graph_filters(f: FactFilters) -> dict[str, Any]:
    return {
        "actor": actor_ref(f.actor) if f.actor else None,
        "type": f.type,
        "since": f.since,
        "until": f.until,
        "min_sources": f.min_sources,
        "modality": f.modality,
        "include_rejected": f.include_rejected,
    }


class GraphFilters(BaseModel):
    """The filters of the analytics commands (no actor: the measures are about the whole graph)."""

    type: str | None = Field(None, description="PLOVER event type (keeps events only).")
    since: str | None = Field(None, description="YYYY[-MM[-DD]]: facts dated on or after.")
    until: str | None = Field(None, description="YYYY[-MM[-DD]]: facts dated on or before.")
    min_sources: int | None = Field(None, ge=1, description="Independent sources at least.")
    modality: Modality | None = Field(None, description="Keep facts reported with this modality.")
    include_rejected: bool = Field(False, description="Keep facts an analyst rejected.")


GraphQuery = Annotated[GraphFilters, Query()]


@router.get("/paths", tags=["graph"])
def paths(
    request: Request,
    store: StoreDep,
    filters: GraphQuery,
    source: Annotated[str, Query(description="Actor id, KB id or name.")],
    target: Annotated[str, Query(description="Actor id, KB id or name.")],
) -> PathResult:
    """How two actors are connected: the best-sourced shortest path, each link with evidence."""
    f = graph_filter(**filters.model_dump())
    cache: GraphCache = _cached(request, "graph_cache", GraphCache)
    key = ("path", source, target, tuple(sorted(filters.model_dump().items())))
    found: PathResult = cache.memo(
        store, key, lambda: find_path(store, actor_ref(source), actor_ref(target), f)
    )
    return found


@router.get("/analytics/{measure}", tags=["graph"])
def analytics_measure(
    request: Request,
    store: StoreDep,
    measure: MeasureName,
    filters: GraphQuery,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> Measure:
    """Centrality, brokers or communities of the filtered graph."""
    cache: GraphCache = _cached(request, "graph_cache", GraphCache)
    key = ("measure", measure, limit, tuple(sorted(filters.model_dump().items())))
    f = graph_filter(**filters.model_dump())
    found: Measure = cache.memo(store, key, lambda: compute_measure(store, measure, f, limit))
    return found


@router.get("/duplicates", tags=["corrections"])
def duplicate_actors(
    request: Request,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[DuplicatePair]:
    """Actors that may be one (same type; the same name, or one name part of the other), for
    an analyst to merge or leave; most mentioned first."""
    cache: GraphCache = _cached(request, "graph_cache", GraphCache)
    found: list[DuplicatePair] = cache.memo(
        store, ("duplicates", limit), lambda: duplicates(store.actors(), limit)
    )
    return found


@router.get("/audit", tags=["corrections"])
def audit_log(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Page[AuditEntry]:
    """The audit log in words, with the actors' names; which entries can be undone, which
    were (an undo is an entry of its own, "undo of #N")."""
    found = audit(store)
    return _page(found[offset : offset + limit + 1], limit, offset)


@router.get("/corrections", tags=["corrections"])
def corrections(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Page[CorrectionOut]:
    """The audit log of analysts' corrections, oldest first."""
    found = store.corrections()
    return _page(found[offset : offset + limit + 1], limit, offset)


# -- writing ---------------------------------------------------------------------------------


def require_token(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> None:
    """Writes need the token the server was started with; without one, writes are off."""
    # WriteGuard (web/app.py) has checked it before the body was read; checked again here so
    # that a route is never writable without it, whatever the middleware.
    refusal = _state(request).write_refusal(authorization)
    if refusal is not None:
        raise refusal


Writer = Depends(require_token)


class CorrectionIn(BaseModel):
    author: str = Field("analyst", min_length=1, max_length=200)
    reason: str = Field("", max_length=2000)


class MergeIn(CorrectionIn):
    keep: int = Field(ge=1, le=MAX_ID, description="Actor id that stays.")
    other: int = Field(ge=1, le=MAX_ID, description="Actor id merged into it.")


class AliasIn(CorrectionIn):
    actor: ActorId
    alias: str = Field(min_length=1, max_length=300)


class RenameIn(CorrectionIn):
    actor: ActorId
    name: str = Field(min_length=1, max_length=300)


class TypeIn(CorrectionIn):
    actor: ActorId
    type: Literal["person", "organization", "state", "place", "group"]


class SplitIn(CorrectionIn):
    actor: ActorId
    names: list[str] = Field(min_length=1, description="Names that belong to a new actor.")


class StatusIn(CorrectionIn):
    kind: Literal["event", "relation"]
    id: int = Field(ge=1, le=MAX_ID)
    status: Literal["confirmed", "rejected"] | None = Field(
        description="null clears an earlier verdict"
    )


class CorrectionDone(BaseModel):
    """What a correction changed: the actor or fact it leaves, and the audit entry."""

    ok: bool = True
    actor: int | None = None
    fact: int | None = None


def _who(body: CorrectionIn) -> dict[str, str]:
    return {"author": body.author, "reason": body.reason}


@router.post("/corrections/merge", tags=["corrections"], dependencies=[Writer])
def merge(store: StoreDep, body: MergeIn) -> CorrectionDone:
    """Merge actor ``other`` into actor ``keep``."""
    if body.keep == body.other:
        raise WebError(400, "cannot merge an actor into itself")
    store.merge_actors_undoable(body.keep, body.other, **_who(body))
    return CorrectionDone(actor=body.keep)


@router.post("/corrections/alias", tags=["corrections"], dependencies=[Writer])
def alias(store: StoreDep, body: AliasIn) -> CorrectionDone:
    store.add_alias(body.actor, body.alias, **_who(body))
    return CorrectionDone(actor=body.actor)


@router.post("/corrections/rename", tags=["corrections"], dependencies=[Writer])
def rename(store: StoreDep, body: RenameIn) -> CorrectionDone:
    store.rename_actor(body.actor, body.name, **_who(body))
    return CorrectionDone(actor=body.actor)


@router.post("/corrections/type", tags=["corrections"], dependencies=[Writer])
def retype(store: StoreDep, body: TypeIn) -> CorrectionDone:
    store.set_actor_type(body.actor, body.type, **_who(body))
    return CorrectionDone(actor=body.actor)


@router.post("/corrections/split", tags=["corrections"], dependencies=[Writer])
def split(store: StoreDep, body: SplitIn) -> CorrectionDone:
    """Move some of an actor's names (and their mentions) to a new actor."""
    return CorrectionDone(actor=store.split_actor(body.actor, body.names, **_who(body)))


@router.post("/corrections/status", tags=["corrections"], dependencies=[Writer])
def status(store: StoreDep, body: StatusIn) -> CorrectionDone:
    """Confirm or reject an event or a relation (rejected facts drop out of every view)."""
    store.set_status(body.kind, body.id, body.status, **_who(body))
    return CorrectionDone(fact=body.id)


class SavedViewIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    state: dict[str, str] = Field(
        description="The app's address query: filters, selection, camera."
    )
    author: str = Field("analyst", min_length=1, max_length=200)


@router.get("/views", tags=["views"])
def list_saved_views(store: StoreDep) -> list[SavedView]:
    """Saved views of the app ("investigations"), by name."""
    return saved_views(store)


@router.post("/views", tags=["views"], dependencies=[Writer], status_code=201)
def create_saved_view(store: StoreDep, body: SavedViewIn) -> SavedView:
    """Save the app's current view under a name (a name already used is replaced)."""
    if len(body.state) > 40 or any(len(k) > 40 or len(v) > 2000 for k, v in body.state.items()):
        raise WebError(400, "a view's state holds at most 40 short entries")
    return save_view(store, body.name.strip(), body.state, body.author)


@router.delete("/views/{view_id}", tags=["views"], dependencies=[Writer], status_code=204)
def remove_saved_view(store: StoreDep, view_id: FactId) -> Response:
    delete_view(store, view_id)
    return Response(status_code=204)


class UndoIn(CorrectionIn):
    id: int = Field(ge=1, description="The correction to take back.")


class UndoDone(BaseModel):
    ok: bool = True
    text: str


@router.post("/corrections/undo", tags=["corrections"], dependencies=[Writer])
def undo_correction(store: StoreDep, body: UndoIn) -> UndoDone:
    """Take back a merge, an alias, a rename or a verdict, by a correction of its own."""
    return UndoDone(text=undo(store, body.id, author=body.author))


class UploadResult(BaseModel):
    """What happened to each document read from the uploaded file."""

    documents: list[AddResult]


@router.post("/documents", tags=["documents"], dependencies=[Writer], status_code=201)
def upload_document(
    request: Request,
    file: Annotated[UploadFile, File(description="A .txt, .html, .pdf or .jsonl article.")],
    published: Annotated[
        str | None, Form(description="Publication date YYYY[-MM[-DD]] if the file has none.")
    ] = None,
) -> UploadResult:
    """Read, extract and store an uploaded document (size-limited, type-checked)."""
    state = _state(request)  # WriteGuard has refused bodies over the limit before they were read
    return UploadResult(
        documents=upload.ingest_upload(
            state.store,
            state.get_extractor,
            file.filename or "upload.txt",
            file.file,
            published=published or None,
            max_bytes=state.config.max_upload,
        )
    )


__all__ = ["NotFound", "Page", "router"]
