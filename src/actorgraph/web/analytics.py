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
from actorgraph.kb import normalize_name
from actorgraph.store import Store
from actorgraph.store.models import StoredActor
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


# Betweenness (brokers, centrality) from this many sample sources on a larger graph: exact
# betweenness of the whole BBC store takes about ten seconds, the estimate a second or so,
# and the ranking of the top actors barely moves (a page answers in time).
SAMPLE_SOURCES = 300


def measure(store: Store, name: MeasureName, f: GraphFilter, limit: int) -> Measure:
    g = tie_graph(load_facts(store, f))
    k = SAMPLE_SOURCES if g.number_of_nodes() > SAMPLE_SOURCES else None
    if name == "centrality":
        return Measure(measure=name, centrality=centrality(g, top=limit, k=k))
    if name == "brokers":
        return Measure(measure=name, brokers=brokers(g, top=limit, k=k))
    return Measure(measure=name, communities=communities(g)[:limit])


def path(store: Store, source: int | str, target: int | str, f: GraphFilter) -> PathResult:
    """The best-corroborated shortest path, each link with the passages that report it."""
    a, b = store.actor(source).id, store.actor(target).id
    g = tie_graph(load_facts(store, f))
    try:
        return graph_path(g, a, b, store=store)
    except GraphError as exc:
        raise NotFound(str(exc)) from None


# -- duplicate suggestions -----------------------------------------------------------------------


class DuplicatePair(BaseModel):
    """Two actors of one type that may be one: why, and which to keep (the more mentioned)."""

    keep: StoredActor
    other: StoredActor
    reason: str


def duplicates(actors: list[StoredActor], limit: int = 50) -> list[DuplicatePair]:
    """Pairs of actors of the same type whose names (or aliases) normalise alike, or where every
    word of one name is a word of the other's ("Blair" and "Tony Blair"); most mentioned first.
    Two actors with different KB ids are never offered (the knowledge base tells them apart).

    Words are indexed, so only actors sharing a word are compared.
    """
    by_word: dict[tuple[str, str], list[int]] = {}
    words: list[list[frozenset[str]]] = []
    norms: list[set[str]] = []
    for i, a in enumerate(actors):
        names = [normalize_name(n) for n in (a.name, *a.aliases)]
        names = [n for n in names if n]
        norms.append(set(names))
        words.append([frozenset(n.split()) for n in names])
        for w in {w for ws in words[i] for w in ws if len(w) > 2}:
            by_word.setdefault((a.type, w), []).append(i)
    found: dict[tuple[int, int], str] = {}
    for (_type, _word), group in by_word.items():
        if len(group) > 200:  # a word every other actor has ("party") tells nothing
            continue
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                i, j = group[x], group[y]
                if (i, j) in found:
                    continue
                a, b = actors[i], actors[j]
                if a.kb_id and b.kb_id and a.kb_id != b.kb_id:
                    continue
                if norms[i] & norms[j]:
                    found[(i, j)] = "a name or alias in common"
                elif any(p < q or q < p for p in words[i] for q in words[j]):
                    found[(i, j)] = "one name is part of the other"
    ranked = sorted(
        found.items(),
        key=lambda item: (
            item[1] != "a name or alias in common",
            -min(actors[item[0][0]].mentions, actors[item[0][1]].mentions),
            item[0],
        ),
    )
    out = []
    for (i, j), reason in ranked[:limit]:
        keep, other = (
            (actors[i], actors[j])
            if actors[i].mentions >= actors[j].mentions
            else (actors[j], actors[i])
        )
        out.append(DuplicatePair(keep=keep, other=other, reason=reason))
    return out
