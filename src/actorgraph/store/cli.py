"""Store commands: look up what the store holds and correct it. Thin: parse, call, print."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from actorgraph.cli_output import OutputFormat, emit, emit_one
from actorgraph.errors import ActorgraphError
from actorgraph.store.models import EventSummary, RelationSummary

if TYPE_CHECKING:
    from actorgraph.store.store import Store

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="ACTORGRAPH_DB", help="Store URL (default sqlite:///./actorgraph.db)."
    ),
]
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")
]
AuthorOpt = Annotated[
    str | None,
    typer.Option(
        "--author",
        envvar="ACTORGRAPH_AUTHOR",
        help="Who makes the correction (default: your login name).",
    ),
]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why, for the audit log.")]

EVENT_COLUMNS = [
    "id", "date", "type", "cameo", "source", "target", "place", "sources", "modalities",
    "disputed", "status",
]  # fmt: skip
RELATION_COLUMNS = [
    "id", "type", "head", "tail", "start", "end", "sources", "modalities", "disputed", "status",
]  # fmt: skip


class FactKind(StrEnum):
    event = "event"
    relation = "relation"


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    """Open the store; library errors become one line on stderr and their exit code."""
    from actorgraph.cli import _fail
    from actorgraph.store.store import Store

    try:
        with Store.open(db) as store:
            yield store
    except ActorgraphError as exc:
        raise _fail(exc) from None


def _names(store: Store, ids: set[int]) -> dict[int, str]:
    return {a.id: a.name for a in store.actors(ids=sorted(ids))} if ids else {}


def named_events(store: Store, events: Sequence[EventSummary]) -> list[dict[str, Any]]:
    """Events with actor names in place of store ids, for tables and CSV."""
    names = _names(
        store, {i for e in events for i in [*e.source, *e.target, *([e.place] if e.place else [])]}
    )
    rows = []
    for e in events:
        d = e.model_dump(mode="json")
        d["source"] = [names.get(i, str(i)) for i in e.source]
        d["target"] = [names.get(i, str(i)) for i in e.target]
        d["place"] = names.get(e.place) if e.place else None
        rows.append(d)
    return rows


def named_relations(store: Store, rels: Sequence[RelationSummary]) -> list[dict[str, Any]]:
    names = _names(store, {i for r in rels for i in (r.head, r.tail)})
    rows = []
    for r in rels:
        d = r.model_dump(mode="json")
        d["head"], d["tail"] = names.get(r.head, str(r.head)), names.get(r.tail, str(r.tail))
        rows.append(d)
    return rows


def actor_cmd(
    name: Annotated[str, typer.Argument(help="Store id, KB id, name or alias.")],
    db: DbOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """An actor's profile: roles over time, relations, events by date, sources.

    Example: actorgraph actor "Tomas Varga" --format json
    """
    with _store(db) as store:
        profile = store.actor_profile(name)
        if fmt is not OutputFormat.table:
            emit_one(profile, fmt)
            return
        emit_one(profile.actor, fmt)
        names = profile.names
        if profile.roles:
            emit(
                [
                    {"role": r.type, "of": names.get(r.tail), "start": r.start, "end": r.end}
                    for r in profile.roles
                ],
                fmt,
                title="roles",
            )
        if profile.relations:
            emit(
                named_relations(store, profile.relations), fmt, RELATION_COLUMNS, title="relations"
            )
        if profile.events:
            emit(named_events(store, profile.events), fmt, EVENT_COLUMNS, title="events")
        emit(profile.documents, fmt, ["published", "title", "publisher", "source"], title="sources")


def relations_cmd(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id, KB id or name.")] = None,
    rel_type: Annotated[
        str | None, typer.Option("--type", help="leader_of, member_of, ...")
    ] = None,
    min_sources: Annotated[
        int | None, typer.Option("--min-sources", help="Independent sources at least.")
    ] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, ...")] = None,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Also relations an analyst rejected.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    fmt: FormatOpt = OutputFormat.jsonl,
) -> None:
    """Standing relations in the store (leader_of, member_of, located_in, ...)."""
    with _store(db) as store:
        rels = store.relations(
            actor=actor,
            type=rel_type,
            min_sources=min_sources,
            modality=modality,
            include_rejected=include_rejected,
            limit=limit,
            offset=offset,
        )
        if fmt in (OutputFormat.table, OutputFormat.csv):
            emit(named_relations(store, rels), fmt, RELATION_COLUMNS)
        else:
            emit(rels, fmt)


def documents_cmd(
    db: DbOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    fmt: FormatOpt = OutputFormat.jsonl,
) -> None:
    """Stored documents, newest first; near_duplicate marks copies of an earlier text."""
    with _store(db) as store:
        emit(
            store.documents(limit=limit, offset=offset),
            fmt,
            ["id", "published", "title", "publisher", "source", "near_duplicate"],
        )


def evidence_cmd(
    kind: Annotated[FactKind, typer.Argument(help="event or relation.")],
    fact_id: Annotated[int, typer.Argument(help="Its store id.")],
    db: DbOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The passages that report one event or relation, with source, modality and attribution."""
    with _store(db) as store:
        emit(
            store.evidence(kind.value, fact_id),
            fmt,
            ["published", "publisher", "title", "modality", "attribution_text", "text"],
        )


def corrections_cmd(db: DbOpt = None, fmt: FormatOpt = OutputFormat.table) -> None:
    """The audit log of corrections: who, when, why, what."""
    with _store(db) as store:
        emit(store.corrections(), fmt, ["id", "created_at", "author", "kind", "payload", "reason"])


correct = typer.Typer(
    help="Correct the store: merge, split, rename, alias, retype actors; confirm or reject facts. "
    "Every correction is logged (who, when, why) and stays in force when documents are "
    "ingested or extracted again.",
    no_args_is_help=True,
)


def _author(author: str | None) -> str:
    if author:
        return author
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")


def _apply(db: str | None, action: Callable[[Store], object], done: str) -> None:
    with _store(db) as store:
        result = action(store)
    suffix = f" {result}" if result is not None else ""
    typer.echo(f"{done}{suffix}", err=True)


def _ref(store: Store, ref: str) -> int:
    return store.actor(ref).id


@correct.command("merge")
def merge_cmd(
    keep: Annotated[str, typer.Argument(help="The actor that stays (id, KB id or name).")],
    other: Annotated[str, typer.Argument(help="The actor folded into it.")],
    db: DbOpt = None,
    author: AuthorOpt = None,
    reason: ReasonOpt = "",
) -> None:
    """Fold OTHER into KEEP: mentions, events, relations and names."""
    _apply(
        db,
        lambda s: s.merge_actors(
            _ref(s, keep), _ref(s, other), author=_author(author), reason=reason
        ),
        "merged",
    )


@correct.command("split")
def split_cmd(
    actor: Annotated[str, typer.Argument(help="The actor to split (id, KB id or name).")],
    names: Annotated[list[str], typer.Argument(help="The names that belong to another actor.")],
    db: DbOpt = None,
    author: AuthorOpt = None,
    reason: ReasonOpt = "",
) -> None:
    """Give the mentions called NAMES an actor of their own; prints its id."""
    _apply(
        db,
        lambda s: s.split_actor(_ref(s, actor), names, author=_author(author), reason=reason),
        "split off as actor",
    )


@correct.command("rename")
def rename_cmd(
    actor: Annotated[str, typer.Argument(help="Id, KB id or name.")],
    name: Annotated[str, typer.Argument(help="The new display name.")],
    db: DbOpt = None,
    author: AuthorOpt = None,
    reason: ReasonOpt = "",
) -> None:
    """Rename an actor; the old name stays an alias."""
    _apply(
        db,
        lambda s: s.rename_actor(_ref(s, actor), name, author=_author(author), reason=reason),
        "renamed",
    )


@correct.command("alias")
def alias_cmd(
    actor: Annotated[str, typer.Argument(help="Id, KB id or name.")],
    alias: Annotated[str, typer.Argument(help="Another name it goes by.")],
    db: DbOpt = None,
    author: AuthorOpt = None,
    reason: ReasonOpt = "",
) -> None:
    """Add an alias: later mentions by that name join this actor."""
    _apply(
        db,
        lambda s: s.add_alias(_ref(s, actor), alias, author=_author(author), reason=reason),
        "alias added",
    )


@correct.command("type")
def type_cmd(
    actor: Annotated[str, typer.Argument(help="Id, KB id or name.")],
    actor_type: Annotated[str, typer.Argument(help="person, organization, state, place, group.")],
    db: DbOpt = None,
    author: AuthorOpt = None,
    reason: ReasonOpt = "",
) -> None:
    """Set an actor's type."""
    _apply(
        db,
        lambda s: s.set_actor_type(
            _ref(s, actor), actor_type, author=_author(author), reason=reason
        ),
        "type set",
    )


def _verdict(status: str | None, done: str) -> Callable[..., None]:
    def command(
        kind: Annotated[FactKind, typer.Argument(help="event or relation.")],
        fact_id: Annotated[int, typer.Argument(help="Its store id.")],
        db: DbOpt = None,
        author: AuthorOpt = None,
        reason: ReasonOpt = "",
    ) -> None:
        _apply(
            db,
            lambda s: s.set_status(
                kind.value, fact_id, status, author=_author(author), reason=reason
            ),
            done,
        )

    return command


correct.command("confirm", help="Mark an event or relation as confirmed.")(
    _verdict("confirmed", "confirmed")
)
correct.command(
    "reject", help="Reject an event or relation: hidden from queries, graphs and exports."
)(_verdict("rejected", "rejected"))
correct.command("clear", help="Clear the verdict on an event or relation.")(
    _verdict(None, "verdict cleared")
)


def register(app: typer.Typer) -> None:
    """Add the store's query and correction commands to the main command line."""
    app.command("actor")(actor_cmd)
    app.command("relations")(relations_cmd)
    app.command("documents")(documents_cmd)
    app.command("evidence")(evidence_cmd)
    app.command("corrections")(corrections_cmd)
    app.add_typer(correct, name="correct")
