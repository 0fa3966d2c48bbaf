"""Graph commands, added to the main CLI by `register`: analyze, path, export.

Thin: each command turns its options into a ``GraphFilter``, calls the library and prints.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from actorgraph.cli.common import DbOpt, err, guard
from actorgraph.errors import InputError

if TYPE_CHECKING:
    import networkx as nx

    from actorgraph.graph.models import FactSet, GraphFilter
    from actorgraph.store import Store

OutFormat = Literal["table", "json", "csv"]

SinceOpt = Annotated[str | None, typer.Option("--since", help="Facts on or after YYYY[-MM[-DD]].")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Facts on or before YYYY[-MM[-DD]].")]
TypeOpt = Annotated[
    list[str] | None, typer.Option("--type", help="PLOVER event type to keep (repeatable).")
]
RelTypeOpt = Annotated[
    list[str] | None,
    typer.Option("--relation-type", help="Relation type to keep (repeatable), e.g. leader_of."),
]
ModalityOpt = Annotated[
    str | None, typer.Option("--modality", help="Keep facts with a mention of this modality.")
]
MinSourcesOpt = Annotated[
    int | None, typer.Option("--min-sources", min=1, help="Independent sources at least.")
]
RelationsOpt = Annotated[
    bool, typer.Option("--relations/--no-relations", help="Include standing relations.")
]
EventsOpt = Annotated[bool, typer.Option("--events/--no-events", help="Include events.")]
RejectedOpt = Annotated[
    bool, typer.Option("--include-rejected", help="Keep facts an analyst rejected.")
]
FormatOpt = Annotated[OutFormat, typer.Option("--format", "-f", help="table, json or csv.")]
TopOpt = Annotated[int, typer.Option("--top", min=0, help="Rows to show (0: all).")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the community detection.")]
SampleOpt = Annotated[
    int | None,
    typer.Option("--sample", min=1, help="Estimate betweenness from this many pivot nodes."),
]


def _filter(
    since: str | None,
    until: str | None,
    types: list[str] | None,
    relation_types: list[str] | None,
    modality: str | None,
    min_sources: int | None,
    relations: bool,
    events: bool,
    include_rejected: bool,
) -> GraphFilter:
    from actorgraph.graph.models import GraphFilter

    return GraphFilter(
        since=since,
        until=until,
        event_types=tuple(t.upper() for t in types or ()),
        relation_types=tuple(relation_types or ()),
        modality=modality,
        min_sources=min_sources,
        relations=relations,
        events=events,
        include_rejected=include_rejected,
    )


@contextmanager
def _graph(db: str | None, f: GraphFilter) -> Iterator[tuple[Store, FactSet, nx.Graph]]:
    from actorgraph.graph import load_facts, tie_graph
    from actorgraph.store import Store

    with Store.open(db) as store:
        facts = load_facts(store, f)
        yield store, facts, tie_graph(facts)


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= _flat(value, f"{name}.")
        elif isinstance(value, list):
            out[name] = "; ".join(
                str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value
            )
        else:
            out[name] = value
    return out


def _emit(
    rows: Sequence[BaseModel],
    fmt: OutFormat,
    columns: list[tuple[str, Callable[[Any], object]]],
    title: str | None = None,
) -> None:
    """Print result records: a rich table for people, JSON or CSV for machines."""
    if fmt == "json":
        sys.stdout.write(
            json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1)
            + "\n"
        )
        return
    if fmt == "csv":
        flat = [_flat(r.model_dump(mode="json")) for r in rows]
        names = list(dict.fromkeys(k for row in flat for k in row))
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        sys.stdout.write(buf.getvalue())
        return
    table = Table(*(name for name, _ in columns), title=title)
    for r in rows:
        table.add_row(*(escape(_cell(get(r))) for _, get in columns))
    Console(highlight=False).print(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _actor(store: Store, ref: str) -> int:
    return store.actor(int(ref) if ref.isdigit() else ref).id


analyze_app = typer.Typer(
    help="Graph analytics over the store: centrality, brokers, communities, ego, snapshots.",
    no_args_is_help=True,
)


@analyze_app.command("centrality")
def centrality_cmd(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    types: TypeOpt = None,
    relation_types: RelTypeOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    relations: RelationsOpt = True,
    events: EventsOpt = True,
    include_rejected: RejectedOpt = False,
    fmt: FormatOpt = "table",
    top: TopOpt = 20,
    sample: SampleOpt = None,
) -> None:
    """Degree, betweenness and eigenvector centrality of each actor, most central first."""
    from actorgraph.graph import centrality

    f = _filter(
        since, until, types, relation_types, modality, min_sources, relations, events,
        include_rejected,
    )  # fmt: skip
    with guard(), _graph(db, f) as (_store, _facts, g):
        rows = centrality(g, top=top or None, k=sample)
    _emit(
        rows,
        fmt,
        [
            ("actor", lambda r: r.actor.name),
            ("type", lambda r: r.actor.type),
            ("degree", lambda r: r.degree),
            ("sources", lambda r: r.strength),
            ("betweenness", lambda r: r.betweenness),
            ("eigenvector", lambda r: r.eigenvector),
        ],
    )


@analyze_app.command("brokers")
def brokers_cmd(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    types: TypeOpt = None,
    relation_types: RelTypeOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    relations: RelationsOpt = True,
    events: EventsOpt = True,
    include_rejected: RejectedOpt = False,
    fmt: FormatOpt = "table",
    top: TopOpt = 20,
    seed: SeedOpt = 42,
    sample: SampleOpt = None,
) -> None:
    """Actors that connect otherwise unconnected groups, with their scores."""
    from actorgraph.graph import brokers

    f = _filter(
        since, until, types, relation_types, modality, min_sources, relations, events,
        include_rejected,
    )  # fmt: skip
    with guard(), _graph(db, f) as (_store, _facts, g):
        rows = brokers(g, top=top or None, seed=seed, k=sample)
    _emit(
        rows,
        fmt,
        [
            ("actor", lambda r: r.actor.name),
            ("type", lambda r: r.actor.type),
            ("brokerage", lambda r: r.score),
            ("groups reached", lambda r: r.communities_reached),
            ("betweenness", lambda r: r.betweenness),
            ("constraint", lambda r: r.constraint),
            ("effective size", lambda r: r.effective_size),
            ("community", lambda r: r.community),
        ],
    )


@analyze_app.command("communities")
def communities_cmd(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    types: TypeOpt = None,
    relation_types: RelTypeOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    relations: RelationsOpt = True,
    events: EventsOpt = True,
    include_rejected: RejectedOpt = False,
    fmt: FormatOpt = "table",
    seed: SeedOpt = 42,
    resolution: Annotated[
        float, typer.Option("--resolution", help="Louvain resolution: above 1, smaller groups.")
    ] = 1.0,
) -> None:
    """Groups of actors tied more among themselves than to others (Louvain, seeded)."""
    from actorgraph.graph import communities

    f = _filter(
        since, until, types, relation_types, modality, min_sources, relations, events,
        include_rejected,
    )  # fmt: skip
    with guard(), _graph(db, f) as (_store, _facts, g):
        rows = communities(g, seed=seed, resolution=resolution)
    _emit(
        rows,
        fmt,
        [
            ("id", lambda r: r.id),
            ("size", lambda r: r.size),
            ("ties inside", lambda r: r.internal_edges),
            ("ties out", lambda r: r.external_edges),
            ("members", lambda r: ", ".join(m.name for m in r.members)),
        ],
    )


@analyze_app.command("ego")
def ego_cmd(
    actor: Annotated[str, typer.Argument(help="Actor id, KB id, name or alias.")],
    db: DbOpt = None,
    radius: Annotated[int, typer.Option("--radius", min=1, help="Ties away from the actor.")] = 1,
    since: SinceOpt = None,
    until: UntilOpt = None,
    types: TypeOpt = None,
    relation_types: RelTypeOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    relations: RelationsOpt = True,
    events: EventsOpt = True,
    include_rejected: RejectedOpt = False,
    fmt: FormatOpt = "table",
) -> None:
    """An actor's ego network: the actors within --radius ties and the ties among them."""
    from actorgraph.graph import ego

    f = _filter(
        since, until, types, relation_types, modality, min_sources, relations, events,
        include_rejected,
    )  # fmt: skip
    with guard(), _graph(db, f) as (store, _facts, g):
        net = ego(g, _actor(store, actor), radius=radius)
    if fmt == "json":
        sys.stdout.write(net.model_dump_json(indent=1) + "\n")
        return
    names = {n.id: n.name for n in net.nodes}
    _emit(
        net.edges,
        fmt,
        [
            ("actor", lambda e: names[e.a]),
            ("actor ", lambda e: names[e.b]),
            ("sources", lambda e: e.weight),
            ("events", lambda e: ", ".join(map(str, e.events))),
            ("relations", lambda e: ", ".join(map(str, e.relations))),
        ],
        title=f"{net.center.name}: {len(net.nodes)} actors within {radius} ties",
    )


@analyze_app.command("snapshots")
def snapshots_cmd(
    db: DbOpt = None,
    period: Annotated[
        Literal["year", "month"], typer.Option("--period", help="year or month.")
    ] = "year",
    since: SinceOpt = None,
    until: UntilOpt = None,
    types: TypeOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    include_rejected: RejectedOpt = False,
    fmt: FormatOpt = "table",
) -> None:
    """The network period by period: ties that appear and vanish (events only)."""
    from actorgraph.graph import snapshots

    f = _filter(since, until, types, None, modality, min_sources, False, True, include_rejected)
    with guard(), _graph(db, f) as (_store, facts, g):
        rows = snapshots(facts, g, period=period)

    def ties(items: list[Any]) -> str:
        return ", ".join(f"{t.a.name}–{t.b.name}" for t in items)

    _emit(
        rows,
        fmt,
        [
            ("period", lambda r: r.period),
            ("actors", lambda r: r.nodes),
            ("ties", lambda r: r.edges),
            ("kept", lambda r: r.kept),
            ("appeared", lambda r: ties(r.appeared)),
            ("vanished", lambda r: ties(r.vanished)),
        ],
    )


def path_cmd(
    source: Annotated[str, typer.Argument(help="Actor id, KB id, name or alias.")],
    target: Annotated[str, typer.Argument(help="Actor id, KB id, name or alias.")],
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    types: TypeOpt = None,
    relation_types: RelTypeOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    relations: RelationsOpt = True,
    events: EventsOpt = True,
    include_rejected: RejectedOpt = False,
    fmt: Annotated[
        Literal["table", "json"], typer.Option("--format", "-f", help="table or json.")
    ] = "table",
) -> None:
    """How two actors are connected: the shortest chain of ties, each with its evidence."""
    from actorgraph.graph import path

    f = _filter(
        since, until, types, relation_types, modality, min_sources, relations, events,
        include_rejected,
    )  # fmt: skip
    with guard(), _graph(db, f) as (store, _facts, g):
        result = path(g, _actor(store, source), _actor(store, target), store=store)
    if fmt == "json":
        sys.stdout.write(result.model_dump_json(indent=1) + "\n")
        return
    out = Console(highlight=False)
    out.print(
        f"[bold]{escape(result.source.name)}[/] → [bold]{escape(result.target.name)}[/]: "
        f"{result.hops} ties"
    )
    for i, step in enumerate(result.steps, 1):
        facts = [f"event {e}" for e in step.events] + [f"relation {r}" for r in step.relations]
        out.print(
            f"{i}. [bold]{escape(step.a.name)}[/] — [bold]{escape(step.b.name)}[/]  "
            f"({step.weight} sources; {', '.join(facts)})"
        )
        for m in step.evidence:
            where = m.url or m.source
            out.print(
                f"   {escape(f'[{m.kind} {m.fact_id}, {m.modality}]')} {escape(m.text.strip())}\n"
                f"      — {escape(m.title or m.source)}, {m.published or 'undated'}, "
                f"{escape(where)} @{m.start}-{m.end}",
                soft_wrap=True,
            )


def export_cmd(
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="graphml, gexf, stix, plover, csv or json."),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    types: TypeOpt = None,
    relation_types: RelTypeOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    relations: RelationsOpt = True,
    events: EventsOpt = True,
    include_rejected: RejectedOpt = False,
) -> None:
    """Export the graph: GraphML/GEXF (Gephi), STIX 2.1, PLOVER JSONL, GDELT-style CSV, JSON.

    Example: actorgraph export --format gexf -o corpus.gexf --since 2015
    """
    from actorgraph.export import export
    from actorgraph.store import Store

    f = _filter(
        since, until, types, relation_types, modality, min_sources, relations, events,
        include_rejected,
    )  # fmt: skip
    with guard():
        with Store.open(db) as store:
            text = export(store, fmt.lower(), f)
        if output is None:
            sys.stdout.write(text)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    err.print(f"wrote {output} ({len(text.encode('utf-8')):,} bytes)")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main command line."""
    app.add_typer(analyze_app, name="analyze")
    app.command("path")(path_cmd)
    app.command("export")(export_cmd)
