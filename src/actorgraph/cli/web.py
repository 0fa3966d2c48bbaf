"""Web commands, added to the main CLI by `register`: serve (the app), report (an HTML brief)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from actorgraph.cli.common import (
    DEFAULT_MODEL,
    ActorOpt,
    DbOpt,
    EventTypeOpt,
    MinSourcesOpt,
    ModalityOpt,
    SinceOpt,
    UntilOpt,
    err,
    fail,
    guard,
)
from actorgraph.errors import ConfigError


def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; keep the default on a laptop.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="ACTORGRAPH_TOKEN",
            help="Secret that corrections and uploads must send; without it, writes are refused.",
        ),
    ] = None,
    max_upload: Annotated[
        int, typer.Option("--max-upload", help="Largest accepted upload in bytes.")
    ] = 5 * 1024 * 1024,
    model: Annotated[
        str, typer.Option("--model", help="spaCy pipeline for uploaded documents.")
    ] = DEFAULT_MODEL,
    kb: Annotated[
        list[Path] | None, typer.Option("--kb", help="Extra knowledge-base YAML (repeatable).")
    ] = None,
) -> None:
    """Run the web app and the REST API (OpenAPI at /docs).

    Example: actorgraph serve --db sqlite:///news.db --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from actorgraph.web.app import LOOPBACK, WebConfig, create_app

    if max_upload <= 0:
        raise fail(ConfigError("--max-upload must be a positive number of bytes"))
    # A rebinding attack reaches a loopback server through a foreign host name: only our own
    # names are accepted then. Bound elsewhere, the operator decides what is public.
    hosts = [host, "localhost", "127.0.0.1", "[::1]"] if host in LOOPBACK else None
    config = WebConfig(
        db=db,
        token=token or None,
        max_upload=max_upload,
        allowed_hosts=hosts,
        model=model,
        kb_paths=tuple(str(p) for p in kb or ()),
    )
    with guard():
        app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    writes = "writes need the token" if token else "read-only (no --token)"
    err.print(f"actorgraph is running at http://{shown}:{port}/  ({writes}; Ctrl-C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    db: DbOpt = None,
    actor: ActorOpt = None,
    event_type: EventTypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_sources: MinSourcesOpt = None,
    modality: ModalityOpt = None,
    title: Annotated[str, typer.Option("--title", help="Heading of the brief.")] = "Brief",
) -> None:
    """Write one self-contained HTML brief (network, timeline, map, evidence, sources).

    Example: actorgraph report --actor Hamas --since 2017 -o brief.html
    """
    from actorgraph.store import Store
    from actorgraph.web.report import report_filters, write_report

    with guard():
        filters = report_filters(
            actor=actor,
            type=event_type,
            since=since,
            until=until,
            min_sources=min_sources,
            modality=modality,
        )
        with Store.open(db) as store:
            summary = write_report(store, output, filters, title=title)
    sys.stdout.write(
        f"{output}: {summary.events} events, {summary.relations} relations, "
        f"{summary.documents} documents, {summary.bytes:,} bytes\n"
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main command line."""
    app.command("serve")(serve)
    app.command("report")(report)
