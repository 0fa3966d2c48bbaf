"""Store commands: fill the store, look up what it holds and correct it. Thin: parse, call,
print."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from actorgraph.cli.common import (
    DEFAULT_MODEL,
    ActorOpt,
    DbOpt,
    EventLexOpt,
    EventTypeOpt,
    FormatOpt,
    KbOpt,
    LexOpt,
    LimitOpt,
    MinSourcesOpt,
    ModalityOpt,
    ModelOpt,
    OffsetOpt,
    SinceOpt,
    UntilOpt,
    err,
    fail,
    guard,
    open_store,
    pipeline_config,
    some_failed,
)
from actorgraph.cli.output import OutputFormat, emit, emit_one
from actorgraph.errors import ConfigError

if TYPE_CHECKING:
    from actorgraph.store import Store
    from actorgraph.store.models import EventSummary, RelationSummary

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


def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    db: DbOpt = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date for all inputs.")
    ] = None,
    model: ModelOpt = DEFAULT_MODEL,
    kb: KbOpt = None,
    lexicon: LexOpt = None,
    event_lexicon: EventLexOpt = None,
    engine: Annotated[
        Literal["local", "dask"],
        typer.Option("--engine", help="local processes, or a Dask cluster (docs/scaling.md)."),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address tcp://host:8786 (--engine dask; "
            "default: a local cluster).",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Extraction processes, or local Dask workers "
            "(default: the available cores; 1 = in this process).",
        ),
    ] = None,
    reextract: Annotated[
        bool,
        typer.Option(
            "--reextract",
            help="Extract stored documents again (after a model, KB or lexicon change) and "
            "replace what they said; corrections stay in force. Local engine only.",
        ),
    ] = False,
) -> None:
    """Extract documents into the knowledge store; documents already stored are skipped.

    Example: actorgraph ingest news/ --db sqlite:///news.db --workers 2
    """
    from actorgraph.store import Store, ingest
    from actorgraph.store.ingest import available_cores

    config = pipeline_config(model, kb, lexicon, event_lexicon)
    with (
        guard(),
        Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None)
        if engine == "dask":
            from actorgraph.scale import dask_ingest

            if reextract:
                raise ConfigError("--reextract runs on the local engine; drop --engine dask")
            report = dask_ingest(
                paths,
                db,
                config,
                scheduler=scheduler,
                workers=workers,
                published=published,
                progress=lambda source, status: progress.advance(task),
            )
        else:
            with Store.open(db) as store:
                report = ingest(
                    paths,
                    store,
                    config,
                    published=published,
                    progress=lambda source, status: progress.advance(task),
                    workers=workers or available_cores(),
                    reextract=reextract,
                )
    for problem in report.problems:
        err.print(f"[yellow]warning:[/] skipped {escape(problem)}", soft_wrap=True)
    for failure in report.failed:  # never "skipped": what it said before is kept, not renewed
        err.print(f"[yellow]warning:[/] failed {escape(failure)}", soft_wrap=True)
    sys.stdout.write(report.model_dump_json() + "\n")
    if report.read == 0 and (report.problems or report.failed):
        raise typer.Exit(code=2)
    if report.problems or report.failed:
        bad = len(report.problems) + len(report.failed)
        raise fail(some_failed(bad, report.read + len(report.problems), "stored the rest"))


def stats_cmd(db: DbOpt = None) -> None:
    """Counts of what the store holds, as JSON."""
    with open_store(db) as store:
        sys.stdout.write(store.stats().model_dump_json(indent=2) + "\n")


def actors_cmd(
    db: DbOpt = None,
    actor_type: Annotated[str | None, typer.Option("--type", help="person, state, ...")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Part of a name or alias.")] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = OutputFormat.jsonl,
) -> None:
    """Actors in the store, most mentioned first (JSON lines unless --format says otherwise)."""
    with open_store(db) as store:
        found = store.actors(type=actor_type, search=search, limit=limit, offset=offset)
    emit(found, fmt, ["id", "name", "type", "country", "kb_id", "mentions", "documents", "aliases"])


# Events listed for one actor when no --limit is given.
ACTOR_PAGE = 100


def events_cmd(
    db: DbOpt = None,
    actor: ActorOpt = None,
    event_type: EventTypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: Annotated[str | None, typer.Option("--place", help="Place id, KB id or name.")] = None,
    min_sources: MinSourcesOpt = None,
    modality: ModalityOpt = None,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Also events an analyst rejected.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            help=f"At most this many (with --actor: {ACTOR_PAGE} unless given; --offset pages on).",
        ),
    ] = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = OutputFormat.jsonl,
) -> None:
    """Events in the store, oldest first (JSON lines unless --format says otherwise).

    Example: actorgraph events --actor Hamas --since 2017-10 --min-sources 2 -f table
    """
    # A busy actor is in tens of thousands of events: a page of them comes back at once (read
    # in SQL, docs/performance.md), all of them take seconds.
    paged = actor is not None and limit is None
    if paged:
        limit = ACTOR_PAGE
    with open_store(db) as store:
        found = store.events(
            actor=actor,
            type=event_type,
            since=since,
            until=until,
            min_sources=min_sources,
            modality=modality,
            place=place,
            include_rejected=include_rejected,
            limit=limit,
            offset=offset,
        )
        if paged and len(found) == ACTOR_PAGE:
            err.print(
                f"listed {ACTOR_PAGE} of this actor's events; --offset {offset + ACTOR_PAGE} lists "
                "the next page, --limit N more at once",
                soft_wrap=True,
            )
        if fmt in (OutputFormat.table, OutputFormat.csv):
            emit(named_events(store, found), fmt, EVENT_COLUMNS)
            return
    emit(found, fmt)


def actor_cmd(
    name: Annotated[str, typer.Argument(help="Store id, KB id, name or alias.")],
    db: DbOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """An actor's profile: roles over time, relations, events by date, sources.

    Example: actorgraph actor "Tomas Varga" --format json
    """
    with open_store(db) as store:
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
            title = _shown("events", len(profile.events), profile.event_count)
            emit(named_events(store, profile.events), fmt, EVENT_COLUMNS, title=title)
        title = _shown("sources", len(profile.documents), profile.document_count)
        emit(profile.documents, fmt, ["published", "title", "publisher", "source"], title=title)


def _shown(what: str, shown: int, total: int) -> str:
    """A profile's lists are capped: say so where they are."""
    return f"{what} (latest {shown} of {total})" if total > shown else what


def relations_cmd(
    db: DbOpt = None,
    actor: ActorOpt = None,
    rel_type: Annotated[
        str | None, typer.Option("--type", help="leader_of, member_of, ...")
    ] = None,
    min_sources: MinSourcesOpt = None,
    modality: ModalityOpt = None,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Also relations an analyst rejected.")
    ] = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = OutputFormat.jsonl,
) -> None:
    """Standing relations in the store (leader_of, member_of, located_in, ...)."""
    with open_store(db) as store:
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
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = OutputFormat.jsonl,
) -> None:
    """Stored documents, newest first; near_duplicate marks copies of an earlier text."""
    with open_store(db) as store:
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
    with open_store(db) as store:
        emit(
            store.evidence(kind.value, fact_id),
            fmt,
            ["published", "publisher", "title", "modality", "attribution_text", "text"],
        )


def corrections_cmd(db: DbOpt = None, fmt: FormatOpt = OutputFormat.table) -> None:
    """The audit log of corrections: who, when, why, what."""
    with open_store(db) as store:
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
    with open_store(db) as store:
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
    """Add the store's ingest, query and correction commands to the main command line."""
    app.command("ingest")(ingest_cmd)
    app.command("stats")(stats_cmd)
    app.command("actors")(actors_cmd)
    app.command("events")(events_cmd)
    app.command("actor")(actor_cmd)
    app.command("relations")(relations_cmd)
    app.command("documents")(documents_cmd)
    app.command("evidence")(evidence_cmd)
    app.command("corrections")(corrections_cmd)
    app.add_typer(correct, name="correct")
