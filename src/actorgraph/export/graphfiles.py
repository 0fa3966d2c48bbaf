"""GraphML, GEXF and JSON: the fact graph (one edge per fact and dyad) for graph tools.

List attributes are joined with ``"; "`` into strings, and absent values are left out, so
Gephi and networkx read every attribute with one declared type.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx

from actorgraph.graph.build import fact_graph
from actorgraph.graph.models import FactSet

GEXF_NS = "http://www.gexf.net/1.2draft"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
LIST_SEP = "; "
# Attributes that GEXF carries natively on the element, not as attvalues.
_GEXF_NATIVE = frozenset({"start", "end", "weight", "name"})


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = LIST_SEP.join(str(v) for v in value)
        out[key] = value
    return out


def flat_graph(facts: FactSet) -> nx.MultiDiGraph:
    """The fact graph with scalar attributes only (what GraphML and GEXF can hold)."""
    g = fact_graph(facts)
    flat: nx.MultiDiGraph = nx.MultiDiGraph(generator="actorgraph")
    for n, d in g.nodes(data=True):
        flat.add_node(n, **_flat(d))
    for u, v, k, d in g.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **_flat(d))
    return flat


def to_graphml(facts: FactSet) -> str:
    g = flat_graph(facts)
    return "\n".join(nx.generate_graphml(g, prettyprint=True, named_key_ids=True)) + "\n"


def _gexf_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _gexf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _declare(graph: ET.Element, cls: str, items: list[dict[str, Any]]) -> list[str]:
    types: dict[str, str] = {}
    for data in items:
        for key, value in data.items():
            if key in _GEXF_NATIVE:
                continue
            kind = _gexf_type(value)
            # An attribute seen as long and as double is a double; anything else mixed, a string.
            old = types.get(key)
            if old is not None and old != kind:
                kind = "double" if {old, kind} == {"long", "double"} else "string"
            types[key] = kind
    keys = sorted(types)
    block = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
    for key in keys:
        ET.SubElement(block, "attribute", {"id": key, "title": key, "type": types[key]})
    return keys


def _attvalues(parent: ET.Element, data: dict[str, Any], keys: list[str]) -> None:
    present = [k for k in keys if k in data]
    if not present:
        return
    block = ET.SubElement(parent, "attvalues")
    for key in present:
        ET.SubElement(block, "attvalue", {"for": key, "value": _gexf_value(data[key])})


def _node_spell(g: nx.MultiDiGraph, node: str) -> tuple[str | None, str | None]:
    """A node lives while any of its edges does; an edge without a start (or end) makes the
    node open on that side."""
    starts: list[str | None] = []
    ends: list[str | None] = []
    for _u, _v, d in g.edges(node, data=True):
        starts.append(d.get("start"))
        ends.append(d.get("end"))
    for _u, _v, d in g.in_edges(node, data=True):
        starts.append(d.get("start"))
        ends.append(d.get("end"))
    start = None if not starts or None in starts else min(s for s in starts if s)
    end = None if not ends or None in ends else max(e for e in ends if e)
    return start, end


def to_gexf(facts: FactSet) -> str:
    """GEXF 1.2 with dynamic spells (``timeformat="date"``): Gephi's timeline shows each event
    on its date and each relation from its start to its end."""
    g = flat_graph(facts)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(
        f"{{{GEXF_NS}}}gexf",
        {
            "version": "1.2",
            f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
        },
    )
    published = sorted(d.published for d in facts.documents.values() if d.published)
    meta = ET.SubElement(root, "meta")
    if published:
        # The newest document date, not the clock: the same store gives the same file.
        meta.set("lastmodifieddate", _full_date(published[-1]))
    ET.SubElement(meta, "creator").text = "actorgraph"
    ET.SubElement(meta, "description").text = "actors and the events and relations between them"
    graph = ET.SubElement(
        root, "graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}
    )
    node_data = {n: dict(d) for n, d in g.nodes(data=True)}
    edge_data = [(u, v, k, dict(d)) for u, v, k, d in g.edges(keys=True, data=True)]
    node_keys = _declare(graph, "node", list(node_data.values()))
    edge_keys = _declare(graph, "edge", [d for *_, d in edge_data])
    nodes = ET.SubElement(graph, "nodes")
    for n, d in node_data.items():
        el = ET.SubElement(nodes, "node", {"id": n, "label": str(d.get("name", n))})
        start, end = _node_spell(g, n)
        if start:
            el.set("start", start)
        if end:
            el.set("end", end)
        _attvalues(el, d, node_keys)
    edges = ET.SubElement(graph, "edges")
    for u, v, k, d in edge_data:
        attrs = {"id": k, "source": u, "target": v, "label": str(d.get("type", ""))}
        if d.get("weight") is not None:
            attrs["weight"] = str(float(d["weight"]))
        for side in ("start", "end"):
            if d.get(side):
                attrs[side] = d[side]
        el = ET.SubElement(edges, "edge", attrs)
        _attvalues(el, d, edge_keys)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _full_date(value: str) -> str:
    """A document date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as a full date."""
    parts = value.split("/")[-1].split("-")
    return "-".join([*parts, *(["01"] * (3 - len(parts)))][:3])


def to_json(facts: FactSet) -> str:
    """The fact graph in networkx's node-link form, plus the documents it rests on."""
    g = fact_graph(facts)
    data = nx.node_link_data(g, edges="edges")
    data["graph"] = {"generator": "actorgraph", "filter": facts.filter.model_dump(mode="json")}
    data["documents"] = [d.model_dump(mode="json") for d in facts.documents.values()]
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
