"""Graph analytics over the knowledge store: networkx graphs of actors and their ties."""

from actorgraph.graph.analytics import (
    DEFAULT_SEED,
    GraphError,
    brokers,
    centrality,
    communities,
    ego,
    path,
    snapshots,
)
from actorgraph.graph.build import fact_graph, tie_graph
from actorgraph.graph.facts import load_facts
from actorgraph.graph.models import FactSet, GraphFilter

__all__ = [
    "DEFAULT_SEED",
    "FactSet",
    "GraphError",
    "GraphFilter",
    "brokers",
    "centrality",
    "communities",
    "ego",
    "fact_graph",
    "load_facts",
    "path",
    "snapshots",
    "tie_graph",
]
