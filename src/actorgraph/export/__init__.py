"""Exports of the knowledge store: GraphML, GEXF, STIX 2.1, PLOVER JSONL, GDELT-style CSV, JSON."""

from __future__ import annotations

from typing import Literal, get_args

from actorgraph.errors import ConfigError
from actorgraph.graph.facts import event_passages, load_facts
from actorgraph.graph.models import FactSet, GraphFilter
from actorgraph.store import Store

ExportFormat = Literal["graphml", "gexf", "stix", "plover", "csv", "json"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
SUFFIX = {
    "graphml": ".graphml",
    "gexf": ".gexf",
    "stix": ".json",
    "plover": ".jsonl",
    "csv": ".csv",
    "json": ".json",
}


def render(facts: FactSet, fmt: str, store: Store | None = None) -> str:
    """A fact set in one format. PLOVER quotes passages, so it needs the ``store``."""
    if fmt == "graphml":
        from .graphfiles import to_graphml

        return to_graphml(facts)
    if fmt == "gexf":
        from .graphfiles import to_gexf

        return to_gexf(facts)
    if fmt == "json":
        from .graphfiles import to_json

        return to_json(facts)
    if fmt == "stix":
        from .stix import to_stix

        return to_stix(facts)
    if fmt == "plover":
        from .eventdata import to_plover

        passages = event_passages(store, [e.id for e in facts.events]) if store else {}
        return to_plover(facts, passages)
    if fmt == "csv":
        from .eventdata import to_gdelt_csv

        return to_gdelt_csv(facts)
    raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def export(store: Store, fmt: str, f: GraphFilter | None = None) -> str:
    """The store's facts that pass ``f``, in format ``fmt``."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return render(load_facts(store, f), fmt, store)


__all__ = ["FORMATS", "SUFFIX", "ExportFormat", "export", "render"]
