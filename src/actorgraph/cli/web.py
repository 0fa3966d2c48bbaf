"""Web commands, added to the main CLI by `register`: serve (the app), report (an HTML brief)."""

from __future__ import annotations

import os
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
        str,
        typer.Option(
            "--host",
            help="Address to listen on; keep the default on a laptop. Any other needs a token "
            "and --allowed-host.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (1-65535).")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File whose first line is the secret that corrections and uploads must send "
            "(or set ACTORGRAPH_TOKEN); without a token, writes are refused.",
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="The secret itself; every local user can read it in the process list, so "
            "prefer --token-file or ACTORGRAPH_TOKEN.",
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A name or address clients reach the server by (repeatable); requests naming "
            "another Host are refused, which stops DNS rebinding.",
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

    Example: ACTORGRAPH_TOKEN="$(openssl rand -hex 16)" actorgraph serve --db sqlite:///news.db
    """
    import uvicorn

    from actorgraph.web.app import create_app
    from actorgraph.web.state import WebConfig, allowed_hosts, server_token

    if max_upload <= 0:
        raise fail(ConfigError("--max-upload must be a positive number of bytes"))
    if not 0 < port < 65536:
        raise fail(ConfigError(f"--port must be between 1 and 65535, not {port}"))
    if token is not None:
        err.print(
            "[yellow]warning:[/] a token given with --token is visible to every local user "
            "(ps); use --token-file or ACTORGRAPH_TOKEN",
            soft_wrap=True,
        )
    with guard():
        secret = server_token(token_file, token, os.environ.get("ACTORGRAPH_TOKEN"))
        hosts = allowed_hosts(host, allowed_host or [], has_token=secret is not None)
        config = WebConfig(
            db=db,
            token=secret,
            max_upload=max_upload,
            allowed_hosts=hosts,
            model=model,
            kb_paths=tuple(str(p) for p in kb or ()),
        )
        app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    writes = "writes need the token" if secret else "read-only (no token)"
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
