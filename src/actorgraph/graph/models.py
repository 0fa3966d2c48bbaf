"""Typed records of the graph area: what is loaded from the store and what analytics return."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from actorgraph.store.models import StoredMention

FactKind = Literal["event", "relation"]
Period = Literal["year", "month"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GraphFilter(_Model):
    """Which facts make the graph. Every filter narrows; the default keeps every fact that no
    analyst rejected."""

    since: str | None = None  # YYYY[-MM[-DD]]: facts on or after
    until: str | None = None  # YYYY[-MM[-DD]]: facts on or before
    event_types: tuple[str, ...] = ()
    relation_types: tuple[str, ...] = ()
    modality: str | None = None
    min_sources: int | None = None
    events: bool = True
    relations: bool = True
    include_rejected: bool = False


class ActorNode(_Model):
    id: int
    name: str
    type: str
    kb_id: str | None
    wikidata: str | None
    country: str | None
    sector: str | None
    lat: float | None
    lon: float | None
    aliases: list[str]


class DocumentRef(_Model):
    id: str
    source: str
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None
    dup_group: str


class EventFact(_Model):
    id: int
    type: str
    mode: str | None
    cameo: str | None
    goldstein: float | None
    date: str | None
    precision: str
    date_lo: dt.date | None
    date_hi: dt.date | None
    source: list[int]
    target: list[int]
    place: int | None
    documents: list[str]
    sources: int
    mentions: int
    modalities: list[str]
    disputed: bool
    status: str | None


class RelationFact(_Model):
    id: int
    type: str
    head: int
    tail: int
    start: str | None
    end: str | None
    start_lo: dt.date | None
    end_hi: dt.date | None
    documents: list[str]
    sources: int
    mentions: int
    modalities: list[str]
    disputed: bool
    status: str | None


class FactSet(_Model):
    """The facts that pass a filter, with the actors they name and the documents behind them."""

    filter: GraphFilter
    actors: dict[int, ActorNode]
    events: list[EventFact]
    relations: list[RelationFact]
    documents: dict[str, DocumentRef]

    def parties(self) -> set[int]:
        """Actors that take part in a fact (the graph's nodes); places alone are not parties."""
        out: set[int] = set()
        for e in self.events:
            out.update(e.source, e.target)
        for r in self.relations:
            out.update((r.head, r.tail))
        return out


# -- analytics results -------------------------------------------------------------------------


class ActorRef(_Model):
    id: int
    name: str
    type: str | None = None


class CentralityRow(_Model):
    actor: ActorRef
    degree: int
    strength: float = Field(description="sum of edge weights (independent sources)")
    degree_centrality: float
    betweenness: float
    eigenvector: float


class BrokerRow(_Model):
    actor: ActorRef
    community: int
    score: float = Field(
        description="inter-group betweenness: share of shortest paths between communities "
        "that pass through the actor"
    )
    communities_reached: int
    betweenness: float
    constraint: float | None
    effective_size: float | None


class Community(_Model):
    id: int
    size: int
    members: list[ActorRef]
    internal_edges: int
    external_edges: int


class EdgeOut(_Model):
    a: int
    b: int
    weight: int
    events: list[int]
    relations: list[int]


class EgoNetwork(_Model):
    center: ActorRef
    radius: int
    nodes: list[ActorRef]
    edges: list[EdgeOut]


class PathStep(_Model):
    a: ActorRef
    b: ActorRef
    weight: int
    events: list[int]
    relations: list[int]
    evidence: list[StoredMention] = Field(description="passages of its facts, per fact")


class PathResult(_Model):
    source: ActorRef
    target: ActorRef
    hops: int
    steps: list[PathStep]


class Tie(_Model):
    a: ActorRef
    b: ActorRef
    weight: int


class Snapshot(_Model):
    period: str
    nodes: int
    edges: int
    appeared: list[Tie]
    vanished: list[Tie]
    kept: int
