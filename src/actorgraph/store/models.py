"""What the store returns: plain pydantic models, detached from the database session."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddResult(_Out):
    """What ``Store.add_record`` did with one document."""

    document_id: str
    skipped: bool = False
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
