"""How command-line results reach stdout: a table for people, JSON, JSON lines or CSV for tools.

Shared by every command that prints rows, so that ``--format`` means the same everywhere.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _plain(row: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    return row.model_dump(mode="json") if isinstance(row, BaseModel) else dict(row)


def _cell(value: Any) -> str:
    """Lists joined with '; ', nested objects as compact JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def emit(
    rows: Sequence[BaseModel | Mapping[str, Any]],
    fmt: OutputFormat,
    columns: Sequence[str] | None = None,
    *,
    title: str | None = None,
) -> None:
    """Write ``rows`` to stdout. ``columns`` picks and orders the table and CSV columns (all
    fields when omitted); JSON and JSON lines always carry every field."""
    data = [_plain(r) for r in rows]
    if fmt is OutputFormat.jsonl:
        for d in data:
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
        return
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    cols = list(columns) if columns else (list(data[0]) if data else [])
    if fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(cols)
        for d in data:
            writer.writerow([_cell(d.get(c)) for c in cols])
        return
    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")  # wrap long names, never cut them
    for d in data:
        table.add_row(*(_cell(d.get(c)) for c in cols))
    # markup off: article text may contain [brackets] that rich would read as style tags
    console = Console(highlight=False, markup=False)
    if not console.is_terminal:
        console.width = max(console.width, 160)  # piped to a file or pager: room for columns
    console.print(table)


def emit_one(row: BaseModel | Mapping[str, Any], fmt: OutputFormat) -> None:
    """One object: JSON for tools (json and jsonl alike), a two-column table for people."""
    data = _plain(row)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    emit([{"field": k, "value": _cell(v)} for k, v in data.items()], fmt, ["field", "value"])
