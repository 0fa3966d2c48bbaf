"""JSONL corpora: one document per line, each a JSON object with at least ``text``."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from actorgraph.errors import ActorgraphError
from actorgraph.ingest.dates import FORMAT_HINT, parse_published
from actorgraph.ingest.text import clean_text, too_long
from actorgraph.records import Document, PublishedSource

_STRING_FIELDS = ("url", "title", "publisher")


@dataclass(frozen=True)
class LineProblem:
    """A JSONL line that could not become a Document."""

    lineno: int
    message: str


def _document(record: object, *, source: str, published: str | None) -> Document | str:
    """Build a Document from one decoded JSON value, or return what is wrong with it."""
    if not isinstance(record, dict):
        return 'is not a JSON object; each line must be {"text": ...}'
    text = record.get("text")
    if not isinstance(text, str) or not clean_text(text).strip():
        return 'has no "text" (or it is empty); every line needs the article text'
    if problem := too_long(text):
        return problem
    fields: dict[str, str | None] = {}
    for key in _STRING_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f'has a non-string "{key}"; make it a string or null'
        fields[key] = value.strip() or None if isinstance(value, str) else None
    date_source: PublishedSource = "none"
    date: str | None = None
    if published is not None:
        date, date_source = published, "option"
    else:
        raw = record.get("published")
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        if raw is not None and raw != "":
            if not isinstance(raw, str):
                return f'has a non-string "published"; {FORMAT_HINT}'
            try:
                date = parse_published(raw)
            except ActorgraphError:
                return f'has an invalid "published" {raw!r}; {FORMAT_HINT}'
            date_source = "jsonl"
    return Document(
        text=clean_text(text),
        source=source,
        url=fields["url"],
        title=fields["title"],
        publisher=fields["publisher"],
        published=date,
        published_source=date_source,
        format="jsonl",
    )


def iter_jsonl(
    lines: Iterable[bytes], *, path: str, published: str | None
) -> Iterator[Document | LineProblem]:
    """Parse raw JSONL lines; blank lines are skipped, bad lines become LineProblems."""
    for lineno, raw in enumerate(lines, start=1):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield LineProblem(lineno, "is not valid UTF-8; JSONL files must be UTF-8")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield LineProblem(lineno, f"is not valid JSON ({error.msg}); fix or remove the line")
            continue
        result = _document(record, source=f"{path}#L{lineno}", published=published)
        yield LineProblem(lineno, result) if isinstance(result, str) else result
