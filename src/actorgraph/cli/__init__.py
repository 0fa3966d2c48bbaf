"""The ``actorgraph`` command line (entry point ``actorgraph.cli:main``).

Modules: ``app`` (the Typer app and ``main``), ``common`` (shared options, error conversion),
``output`` (``--format`` for rows), and one module per area: ``extract``, ``store``, ``graph``,
``web``. Importing this package loads no spaCy, database or graph library; commands load what
they need when they run.
"""

from actorgraph.cli.app import app, main

__all__ = ["app", "main"]
