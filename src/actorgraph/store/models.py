"""What the store returns: plain pydantic models, detached from the database session."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddResult(_Out):
    """What ``Store.add_record`` did with one document."""

    document_id: str
    skipped: bool = False
    replaced: bool = False
    """the document was stored before and its record was replaced (re-extraction)"""
    dup_group: str | None = None
    near_duplicate: bool = False
    actors_new: int = 0
    actors_merged: int = 0
    events_new: int = 0
    events_merged: int = 0
    relations_new: int = 0
    relations_merged: int = 0


class StoredActor(_Out):
    id: int
    name: str
    type: str
    kb_id: str | None
    country: str | None
    sector: str | None
    aliases: list[str]
    mentions: int
    documents: int
    lat: float | None = None
    lon: float | None = None


class EventSummary(_Out):
    id: int
    type: str
    cameo: str | None
    goldstein: float | None
    date: str | None
    precision: str
    source: list[int]
    target: list[int]
    place: int | None
    sources: int
    """independent sources: distinct near-duplicate groups among the reporting documents"""
    documents: int
    mentions: int
    first_reported: str | None
    last_reported: str | None
    disputed: bool
    modalities: list[str]
    status: str | None = None


class StoreStats(_Out):
    documents: int
    dup_groups: int
    actors: int
    actor_mentions: int
    events: int
    event_mentions: int
    relations: int
    relation_mentions: int
    corrections: int


class RelationSummary(_Out):
    id: int
    type: str
    head: int
    tail: int
    start: str | None
    end: str | None
    sources: int
    documents: int
    mentions: int
    first_reported: str | None
    last_reported: str | None
    disputed: bool
    modalities: list[str]
    status: str | None = None


class StoredDocument(_Out):
    id: str
    source: str
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None
    published_source: str
    format: str
    chars: int
    dup_group: str
    near_duplicate: bool
    ingested_at: str


class StoredMention(_Out):
    """One passage that reports a fact, with where it comes from and how it is put."""

    kind: str
    fact_id: int
    document_id: str
    title: str | None
    source: str
    url: str | None
    publisher: str | None
    published: str | None
    dup_group: str
    text: str
    start: int
    end: int
    sentence: int | None
    trigger_start: int | None = None
    trigger_end: int | None = None
    trigger_text: str | None = None
    modality: str
    attribution_text: str | None
    attribution_actor: int | None
    date_value: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_basis: str | None = None
    confidence: float


class ActorProfile(_Out):
    """One actor at a glance: its roles, relations, latest events and documents (each list
    capped, newest first where dated), how many of each there are, and ``names`` for the ids
    the lists refer to."""

    actor: StoredActor
    roles: list[RelationSummary]
    relations: list[RelationSummary]
    events: list[EventSummary]
    documents: list[StoredDocument]
    names: dict[int, str]
    event_count: int = 0
    relation_count: int = 0
    document_count: int = 0


class CorrectionOut(_Out):
    id: int
    created_at: str
    author: str
    reason: str
    kind: str
    payload: dict[str, object]
