"""Paths and analytics for the API: the graph library (``actorgraph.graph``) behind a filter."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from actorgraph.graph import (
    GraphError,
    GraphFilter,
    brokers,
    centrality,
    communities,
    load_facts,
    tie_graph,
)
from actorgraph.graph import path as graph_path
from actorgraph.graph.models import BrokerRow, CentralityRow, Community, PathResult
from actorgraph.store import Store
from actorgraph.web.errors import NotFound

MeasureName = Literal["centrality", "brokers", "communities"]


class Measure(BaseModel):
    """One of ``centrality``, ``brokers`` or ``communities``, the others left empty."""

    measure: MeasureName
    centrality: list[CentralityRow] = []
    brokers: list[BrokerRow] = []
    communities: list[Community] = []


def graph_filter(
    *,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_sources: int | None = None,
    modality: str | None = None,
    include_rejected: bool = False,
) -> GraphFilter:
    """The API's filters in the graph library's terms; an event type keeps events only."""
    return GraphFilter(
        since=since,
        until=until,
        event_types=(type.upper(),) if type else (),
        relations=type is None,
        min_sources=min_sources,
        modality=modality,
        include_rejected=include_rejected,
    )


def measure(store: Store, name: MeasureName, f: GraphFilter, limit: int) -> Measure:
    g = tie_graph(load_facts(store, f))
    if name == "centrality":
        return Measure(measure=name, centrality=centrality(g, top=limit))
    if name == "brokers":
        return Measure(measure=name, brokers=brokers(g, top=limit))
    return Measure(measure=name, communities=communities(g)[:limit])


def path(store: Store, source: int | str, target: int | str, f: GraphFilter) -> PathResult:
    """The best-corroborated shortest path, each link with the passages that report it."""
    a, b = store.actor(source).id, store.actor(target).id
    g = tie_graph(load_facts(store, f))
    try:
        return graph_path(g, a, b, store=store)
    except GraphError as exc:
        raise NotFound(str(exc)) from None
