"""Extraction commands: ``extract`` (documents to records) and ``evaluate`` (against gold)."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from actorgraph.cli.common import (
    DEFAULT_MODEL,
    EventLexOpt,
    KbOpt,
    LexOpt,
    ModelOpt,
    err,
    fail,
    guard,
    pipeline_config,
    some_failed,
)
from actorgraph.errors import ActorgraphError, InputError

if TYPE_CHECKING:
    from actorgraph.extract import Extractor
    from actorgraph.records import Document, ExtractionRecord


def _extractor(
    model: str,
    kb: list[Path] | None,
    lexicon: list[Path] | None,
    event_lexicon: list[Path] | None = None,
) -> Extractor:
    from actorgraph.extract import Extractor

    return Extractor(pipeline_config(model, kb, lexicon, event_lexicon))


def example_paths() -> list[str]:
    """The bundled example articles."""
    root = resources.files("actorgraph").joinpath("data/examples")
    return sorted(str(p) for p in root.iterdir() if p.name.endswith((".txt", ".html")))


def _read_all(
    paths: list[str], published: str | None, max_bytes: int | None
) -> tuple[list[Document], int]:
    """The readable documents, and how many inputs could not be read (each warned about)."""
    from actorgraph.ingest import DEFAULT_MAX_BYTES, ReadProblem, iter_documents

    docs: list[Document] = []
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
        docs.append(item)
    if not docs:
        if problems == 1 and len(paths) == 1:
            raise InputError("nothing could be read (see the warning above)")
        raise InputError("no readable document among the inputs; nothing to do")
    return docs, problems


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
    model: ModelOpt = DEFAULT_MODEL,
    kb: KbOpt = None,
    lexicon: LexOpt = None,
    event_lexicon: EventLexOpt = None,
) -> None:
    """Extract actors, relations and events from documents and print the record.

    Example: actorgraph extract article.html --format table
    """
    if fmt not in {"json", "jsonl", "table"}:
        raise fail(InputError(f"unknown --format {fmt!r}; use json, jsonl or table"))
    inputs = list(paths or []) + (example_paths() if examples else [])
    if not inputs:
        raise fail(InputError("give at least one file, folder or glob (or --examples)"))
    records = []
    failed = 0
    with guard():
        docs, unreadable = _read_all(inputs, published, max_bytes)
        ex = _extractor(model, kb, lexicon, event_lexicon)
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
            for document, rec in ex.extract_each(docs):
                progress.advance(task)
                if isinstance(rec, ActorgraphError):  # one document; the others go on
                    failed += 1
                    err.print(
                        f"[yellow]warning:[/] failed {escape(document.source)}: {escape(str(rec))}",
                        soft_wrap=True,
                    )
                    continue
                if fmt == "jsonl":
                    sys.stdout.write(rec.model_dump_json() + "\n")
                else:
                    records.append(rec)
    if fmt == "table":
        _table(records)
    elif fmt == "json" and len(docs) == 1 and len(records) == 1:
        sys.stdout.write(records[0].model_dump_json(indent=2) + "\n")
    elif fmt == "json":
        sys.stdout.write(
            json.dumps([r.model_dump(mode="json") for r in records], indent=2, ensure_ascii=False)
            + "\n"
        )
    if failed or unreadable:
        raise fail(some_failed(failed + unreadable, len(docs) + unreadable, "printed the rest"))


def evaluate(
    gold: Annotated[
        list[Path] | None, typer.Argument(help="Gold YAML files (seed.gold.yaml format).")
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Score the bundled example corpus's gold files.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    brief: Annotated[bool, typer.Option("--brief", help="Only the scores, no item lists.")] = False,
    model: ModelOpt = DEFAULT_MODEL,
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
        raise fail(InputError("give at least one gold file (or --examples)"))
    with guard():
        ex = _extractor(model, kb, lexicon)
        report = run_evaluate(files, ex.extract)
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, details=not brief) + "\n")


def register(app: typer.Typer) -> None:
    """Add the extraction commands to the main command line."""
    app.command("extract")(extract)
    app.command("evaluate")(evaluate)
