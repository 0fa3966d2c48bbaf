"""Ingest of an uploaded document: the same readers, limits and errors as files on disk."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from actorgraph.errors import InputError
from actorgraph.ingest import parse_published, read_file
from actorgraph.ingest.reader import SUPPORTED_SUFFIXES
from actorgraph.store import RecordExtractor, Store
from actorgraph.store.models import AddResult
from actorgraph.web.errors import WebError

_CHUNK = 64 * 1024
_OWN_DATE = frozenset({"metadata", "jsonl"})
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def safe_name(filename: str) -> str:
    """The file's own name without folders or odd characters (it becomes the document's source)."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .") or "upload"
    return cleaned[:120]


def ingest_upload(
    store: Store,
    extractor: Callable[[], RecordExtractor],
    filename: str,
    stream: BinaryIO,
    *,
    published: str | None,
    max_bytes: int,
) -> list[AddResult]:
    """Store every document of an uploaded file; raises WebError (413/415) or InputError."""
    name = safe_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise WebError(
            415,
            f"{name}: unsupported file type {suffix or '(none)'}; "
            "upload a .txt, .html, .htm, .pdf or .jsonl file",
        )
    with tempfile.TemporaryDirectory(prefix="actorgraph-upload-") as tmp:
        path = Path(tmp) / name
        size = 0
        with path.open("wb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise WebError(
                        413, f"{name}: larger than the server's upload limit of {max_bytes:,} bytes"
                    )
                out.write(chunk)
        # The readers sniff the content (binary, PDF header, HTML) and raise InputError.
        # The form's date is for files that carry none: a date in the file's metadata (HTML,
        # PDF, a JSONL field) wins; one guessed from the first lines of a text does not.
        fallback = parse_published(published) if published else None
        try:
            docs = read_file(path, max_bytes=max_bytes)
        except InputError as exc:
            # Name the file as the analyst knows it, never the server's temporary path.
            raise InputError(str(exc).replace(str(path), name)) from None
    ex = extractor()
    results = []
    for doc in docs:
        # The temporary path means nothing to the analyst: the uploaded name is the source.
        update: dict[str, object] = {"source": doc.source.replace(str(path), name)}
        if fallback is not None and doc.published_source not in _OWN_DATE:
            update |= {"published": fallback, "published_source": "option"}
        doc = doc.model_copy(update=update)
        if store.has_document(doc.id):
            results.append(AddResult(document_id=doc.id, skipped=True))
            continue
        results.append(store.add_record(ex.extract(doc), doc.text))
    return results
