"""PDF files: the text layer of every page, plus title and creation date from the metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass

from actorgraph.errors import InputError
from actorgraph.ingest._quiet import quiet_libraries
from actorgraph.ingest.dates import normalise_metadata_date
from actorgraph.ingest.text import clean_text

PDF_MAGIC = b"%PDF-"
# The PDF spec lets junk precede the header; readers look within the first kilobyte.
MAGIC_WINDOW = 1024


@dataclass(frozen=True)
class PdfArticle:
    """What a PDF yields before it becomes a Document."""

    text: str
    title: str | None
    published: str | None


def is_pdf(data: bytes) -> bool:
    """True when the PDF header appears where readers look for it."""
    return PDF_MAGIC in data[:MAGIC_WINDOW]


def _unreadable(reason: str) -> InputError:
    return InputError(f"could not be read as PDF ({reason}); check the file opens in a PDF viewer")


def extract_pdf(data: bytes) -> PdfArticle:
    """Extract text and metadata from PDF bytes; raises InputError (message only)."""
    # Without an end-of-file marker near the end the file was cut short; pypdf's lenient mode
    # would otherwise rebuild a partial document and silently drop pages.
    if b"%%EOF" not in data[-MAGIC_WINDOW:]:
        raise _unreadable("the file is truncated")
    from pypdf import PdfReader  # loaded when a PDF comes, not at every start

    with quiet_libraries():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise _unreadable("it is encrypted; save an unencrypted copy")
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata
            raw_title = info.get("/Title") if info is not None else None
            raw_date = info.get("/CreationDate") if info is not None else None
        except InputError:
            raise
        except Exception as error:
            # pypdf raises many unrelated types (PdfReadError, KeyError, ValueError, missing
            # crypto dependencies...) on damaged or encrypted files; all mean "unreadable".
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise _unreadable(reason) from error
    text = clean_text("\n\n".join(pages))
    if not text.strip():
        raise InputError(
            "has no extractable text (probably a scanned image); run OCR on it first "
            "(e.g. ocrmypdf) and read the result"
        )
    title = " ".join(str(raw_title).split()) if raw_title else None
    return PdfArticle(
        text=text, title=title or None, published=normalise_metadata_date(str(raw_date or ""))
    )
