"""Reading files, folders and glob patterns into ``Document`` records."""

from __future__ import annotations

import codecs
import glob
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from actorgraph.errors import ConfigError, InputError
from actorgraph.ingest.dates import parse_published
from actorgraph.ingest.html import decode_html, extract_html_text, looks_like_html
from actorgraph.ingest.jsonl import LineProblem, iter_jsonl
from actorgraph.ingest.pdf import extract_pdf, is_pdf
from actorgraph.ingest.text import (
    BINARY,
    SNIFF_BYTES,
    clean_text,
    decode_bytes,
    looks_binary,
    too_long,
)
from actorgraph.records import Document, PublishedSource

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TITLE_MAX_CHARS = 200

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".md"})
SUPPORTED_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES | {".pdf"}
_GLOB_MAGIC = re.compile(r"[*?[]")
_SUPPORTED_HINT = "supported: .txt, .html, .htm, .pdf, .jsonl or no extension"


@dataclass(frozen=True)
class ReadProblem:
    """An input that could not be read; ``source`` is a path or ``path#L<line>``."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def _message(error: InputError) -> str:
    """The error text without the ``path: `` prefix ActorgraphError adds."""
    text = str(error)
    prefix = f"{error.path}: "
    return text[len(prefix) :] if error.path and text.startswith(prefix) else text


def _check_max_bytes(max_bytes: int) -> None:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ConfigError(f"max_bytes must be a positive whole number of bytes, not {max_bytes!r}")


def _too_large(size: int, max_bytes: int) -> InputError:
    return InputError(
        f"is {size:,} bytes ({size / 1_048_576:.1f} MB), above the limit of {max_bytes:,} bytes; "
        f"raise the limit with --max-bytes {size} (or more) if you really want to read it"
    )


def _stat_size(path: Path, max_bytes: int) -> int:
    """Size of a readable regular file; raises InputError (message only) otherwise."""
    try:
        if not path.exists():
            if path.is_symlink():
                raise InputError(
                    "is a symbolic link that leads nowhere (a loop or a missing target)"
                )
            raise InputError("does not exist; check the path")
        if path.is_dir():
            raise InputError("is a folder; pass it to iter_documents to read the files inside")
        if not path.is_file():
            raise InputError("is not a regular file; pass a text, HTML, PDF or JSONL file")
        size = path.stat().st_size
    except OSError as error:
        raise InputError(
            f"could not be read ({error.strerror or error}); check permissions"
        ) from None
    if size == 0:
        raise InputError("is empty")
    if size > max_bytes:
        raise _too_large(size, max_bytes)
    return size


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    _stat_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since it was measured.
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(
            f"could not be read ({error.strerror or error}); check permissions"
        ) from None
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


def _first_line_title(text: str) -> str | None:
    """The headline of a plain-text article: a short line the page repeats near its top (a
    saved web page prints its title more than once), else the first line."""
    lines = [ln.strip() for ln in text.split("\n")[:40] if ln.strip()]
    seen: set[str] = set()
    for line in lines:
        if line in seen and len(line.split()) >= 3 and len(line) < TITLE_MAX_CHARS:
            return line
        seen.add(line)
    if lines and len(lines[0]) < TITLE_MAX_CHARS:
        return lines[0]
    return None


def _dateline(text: str) -> str | None:
    """A full date written in the first lines ("Example Desk - 24 July 2022")."""
    from actorgraph.extract.dates import find_dates

    head = "\n".join(text.split("\n")[:4])[:400]
    for m in find_dates(head, None):
        if m.precision == "day" and m.value and not m.relative:
            return m.value
    return None


def _dated(option: str | None, found: str | None) -> tuple[str | None, PublishedSource]:
    """The user's date wins over one found in the file."""
    if option is not None:
        return option, "option"
    return (found, "metadata") if found else (None, "none")


def _read_one(path: Path, published: str | None, max_bytes: int) -> Document:
    """Read a text, HTML or PDF file into one Document."""
    data = _read_bytes(path, max_bytes)
    suffix = path.suffix.lower()
    if is_pdf(data):
        pdf = extract_pdf(data)
        date, date_source = _dated(published, pdf.published)
        return Document(
            text=pdf.text,
            source=str(path),
            title=pdf.title,
            published=date,
            published_source=date_source,
            format="pdf",
        )
    if suffix == ".pdf":
        raise InputError("could not be read as PDF (no PDF header); check the file is a PDF")
    is_html = suffix in HTML_SUFFIXES
    text = decode_html(data) if is_html else decode_bytes(data)
    if not text.strip():
        raise InputError("is empty")
    if is_html or looks_like_html(text):
        article = extract_html_text(text)
        date, date_source = _dated(published, article.published)
        return Document(
            text=article.text,
            source=str(path),
            url=article.url,
            title=article.title,
            publisher=article.publisher,
            published=date,
            published_source=date_source,
            format="html",
        )
    if published is not None:
        date, date_source = published, "option"
    else:
        found = _dateline(text)
        date, date_source = (found, "text") if found else (None, "none")
    return Document(
        text=text,
        source=str(path),
        title=_first_line_title(text),
        published=date,
        published_source=date_source,
        format="text",
    )


def _read_jsonl(
    path: Path, published: str | None, max_bytes: int
) -> Iterator[Document | LineProblem]:
    """Stream a JSONL file; whole-file problems raise InputError, line problems are yielded."""
    _stat_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise InputError(
                    "is UTF-16 encoded; JSONL files must be UTF-8, re-save it as UTF-8"
                )
            if looks_binary(head):
                raise InputError(BINARY)
            handle.seek(0)
            found = False
            for item in iter_jsonl(handle, path=str(path), published=published):
                found = True
                yield item
    except OSError as error:
        raise InputError(
            f"could not be read ({error.strerror or error}); check permissions"
        ) from None
    if not found:
        raise InputError("is empty")


def _tidy(document: Document) -> Document:
    """The document with every text field cleaned (see ``clean_text``), whichever reader made
    it: what one store keeps, every store can keep. A file name that is not valid UTF-8 is
    shown with replacement characters."""
    fields = {
        key: clean_text(value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        if key == "source"
        else clean_text(value)
        for key, value in document.model_dump(
            include={"text", "source", "url", "title", "publisher"}
        ).items()
        if isinstance(value, str)
    }
    return document.model_copy(update=fields)


def _checked(document: Document) -> Document:
    if problem := too_long(document.text):
        raise InputError(problem)
    return document


def _read_items(
    path: Path, published: str | None, max_bytes: int
) -> Iterator[Document | LineProblem]:
    """Everything one file yields, cleaned; InputErrors carry the path."""
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            for item in _read_jsonl(path, published, max_bytes):
                yield _tidy(item) if isinstance(item, Document) else item
        else:
            yield _checked(_tidy(_read_one(path, published, max_bytes)))
    except InputError as error:
        if error.path is not None:
            raise
        raise InputError(str(error), path=str(path)) from error


def read_file(
    path: Path | str,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    problems: list[ReadProblem] | None = None,
) -> list[Document]:
    """Read one file (text, HTML, PDF or JSONL) into Documents.

    ``published`` (YYYY, YYYY-MM or YYYY-MM-DD) overrides any date found in the file.
    A bad JSONL line raises InputError, unless a ``problems`` list is given: then bad lines are
    appended to it and the good lines are still returned.
    """
    _check_max_bytes(max_bytes)
    date = parse_published(published) if published is not None else None
    path = Path(path)
    documents: list[Document] = []
    for item in _read_items(path, date, max_bytes):
        if isinstance(item, Document):
            documents.append(item)
        elif problems is None:
            raise InputError(f"line {item.lineno} {item.message}", path=str(path))
        else:
            problems.append(ReadProblem(f"{path}#L{item.lineno}", item.message))
    return documents


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _walk(root: Path) -> list[Path]:
    """Supported, non-hidden files below a folder, sorted by path."""
    found: list[Path] = []
    # os.walk does not follow directory symlinks, so a link loop cannot recurse forever.
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            candidate = Path(folder) / name
            if not name.startswith(".") and candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(candidate)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _expand(argument: str) -> Iterator[Path | ReadProblem]:
    """Files named by one command-line argument: a file, a folder or a glob pattern."""
    expanded = os.path.expanduser(argument)
    path = Path(expanded)
    if path.is_dir():
        files = _walk(path)
        if not files:
            yield ReadProblem(argument, f"folder has no files to read ({_SUPPORTED_HINT})")
        yield from files
        return
    # A literal path wins over a pattern, so names containing brackets still work.
    if path.exists() or not _GLOB_MAGIC.search(expanded):
        yield path
        return
    matched: list[Path] = []
    for match in sorted(glob.glob(expanded, recursive=True)):
        candidate = Path(match)
        if candidate.is_dir():
            matched.extend(_walk(candidate))
        elif candidate.is_file() and candidate.suffix.lower() in SUPPORTED_SUFFIXES:
            matched.append(candidate)
    if not matched:
        yield ReadProblem(argument, f"no files match this pattern ({_SUPPORTED_HINT})")
    yield from matched


def _iter_documents(
    paths: Sequence[str | Path], published: str | None, max_bytes: int
) -> Iterator[Document | ReadProblem]:
    seen: set[Path] = set()
    for argument in paths:
        for entry in _expand(str(argument)):
            if isinstance(entry, ReadProblem):
                yield entry
                continue
            key = entry.resolve() if entry.exists() else entry
            if key in seen:
                continue
            seen.add(key)
            try:
                for item in _read_items(entry, published, max_bytes):
                    if isinstance(item, LineProblem):
                        yield ReadProblem(f"{entry}#L{item.lineno}", item.message)
                    else:
                        yield item
            except InputError as error:
                yield ReadProblem(str(entry), _message(error))


def iter_documents(
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadProblem]:
    """Documents from files, folders (recursive) and glob patterns, in order.

    Unreadable inputs and bad JSONL lines are yielded as ReadProblems so a caller can warn
    and carry on. A bad ``published`` or ``max_bytes`` raises ConfigError straight away.
    """
    if isinstance(paths, str | Path):
        # A bare string is a Sequence too; iterating it would read one path per character.
        paths = [paths]
    _check_max_bytes(max_bytes)
    date = parse_published(published) if published is not None else None
    return _iter_documents(paths, date, max_bytes)
