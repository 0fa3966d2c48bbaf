"""What the exporters share: the code mappings (data files) and deterministic helpers."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml

from actorgraph.errors import ConfigError
from actorgraph.graph.models import ActorNode, FactSet

# Parties of one event are alternative names for one actor; a one-row-per-event format
# (GDELT-style CSV) names the party by its most collective member.
PARTY_ORDER = {"state": 0, "organization": 1, "group": 2, "person": 3, "place": 4}


def _data(name: str) -> str:
    try:
        return resources.files("actorgraph").joinpath(f"data/export/{name}").read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"export data file {name} is missing: {exc}") from exc


@cache
def mapping() -> dict[str, Any]:
    found = yaml.safe_load(_data("mapping.yaml"))
    if not isinstance(found, dict):
        raise ConfigError("data/export/mapping.yaml is not a mapping")
    return found


@cache
def alpha2() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> alpha-2."""
    return dict(json.loads(_data("iso3166.json")))


def dump_json(data: Any) -> str:
    """Stable JSON: sorted keys, no spaces that depend on anything but the data."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def party(facts: FactSet, ids: list[int]) -> ActorNode | None:
    """The actor that stands for a party: the most collective member, then the lowest id."""
    found = [facts.actors[i] for i in ids if i in facts.actors]
    if not found:
        return None
    return min(found, key=lambda a: (PARTY_ORDER.get(a.type, 9), a.id))


def fact_documents(facts: FactSet, documents: list[str]) -> list[str]:
    """Where each document can be found (its address, else its source path), oldest first."""
    found = sorted(
        (facts.documents[d] for d in documents if d in facts.documents),
        key=lambda d: (d.published or "9999", d.id),
    )
    return [d.url or d.source for d in found]
