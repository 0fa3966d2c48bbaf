"""The command line: a thin shell that parses options, calls the library and prints.

Each area keeps its commands in a module of this package (extract, store, graph, web) and adds
them to ``app`` with its ``register``; options and error conversion they share are in
:mod:`actorgraph.cli.common`. Errors from the library (ActorgraphError) become one line on stderr
and an exit code.

Example: ``actorgraph extract article.html --format table``
"""

from __future__ import annotations

import sys

import typer

from actorgraph.cli import extract, graph, store, web
from actorgraph.cli.common import err, report_error
from actorgraph.errors import ActorgraphError

app = typer.Typer(
    name="actorgraph",
    help="Turn political and security reporting into a sourced graph of actors, relations and "
    "events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version() -> None:
    """Print the actorgraph version."""
    from actorgraph import SCHEMA_VERSION, __version__

    sys.stdout.write(f"actorgraph {__version__} (record schema {SCHEMA_VERSION})\n")


def main() -> None:
    """The console script ``actorgraph``."""
    try:
        app()
    except ActorgraphError as exc:  # a last net: no traceback reaches the user
        report_error(exc)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


# The order here is the order of `actorgraph --help`.
extract.register(app)
app.command("version")(version)
store.register(app)
graph.register(app)
web.register(app)
