"""PDF files: text layer, metadata, damaged and text-less files."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_helpers import make_pdf

from actorgraph.errors import InputError
from actorgraph.ingest import read_file

Write = Callable[[str, bytes | str], Path]

PAGE_ONE = "The ferry committee met in Port Alder on Tuesday to review the pier budget."
PAGE_TWO = "A second vote is planned for the autumn session."


def _ferry_pdf() -> bytes:
    return make_pdf(
        (PAGE_ONE, PAGE_TWO),
        title="Ferry committee minutes",
        created=dt.datetime(2019, 3, 4, 10, 30, tzinfo=dt.UTC),
    )


def test_pdf_text_and_metadata(write: Write) -> None:
    [document] = read_file(write("minutes.pdf", _ferry_pdf()))
    assert document.format == "pdf"
    first, second = document.text.split("\n\n")
    assert " ".join(first.split()) == PAGE_ONE
    assert " ".join(second.split()) == PAGE_TWO
    assert document.title == "Ferry committee minutes"
    assert document.published == "2019-03-04"
    assert document.published_source == "metadata"


def test_pdf_detected_by_magic_not_extension(write: Write) -> None:
    [document] = read_file(write("minutes.txt", _ferry_pdf()))
    assert document.format == "pdf"


def test_published_option_overrides_pdf_date(write: Write) -> None:
    [document] = read_file(write("minutes.pdf", _ferry_pdf()), published="2018")
    assert document.published == "2018"
    assert document.published_source == "option"


def test_truncated_pdf_is_rejected(write: Write) -> None:
    data = _ferry_pdf()
    with pytest.raises(InputError, match="could not be read as PDF"):
        read_file(write("cut.pdf", data[: len(data) // 2]))


def test_damaged_pdf_body_is_rejected(write: Write) -> None:
    # Intact header and end marker, but nothing a reader can make sense of in between.
    data = b"%PDF-1.7\n" + b"this is not an object table\n" * 20 + b"%%EOF\n"
    with pytest.raises(InputError, match="could not be read as PDF"):
        read_file(write("damaged.pdf", data))


def test_pdf_extension_without_pdf_content(write: Write) -> None:
    with pytest.raises(InputError, match="could not be read as PDF"):
        read_file(write("fake.pdf", "just some words, no PDF here"))


def test_pdf_without_text_suggests_ocr(write: Write) -> None:
    with pytest.raises(InputError, match="OCR"):
        read_file(write("scan.pdf", make_pdf(())))


def test_damaged_but_recoverable_pdf_is_read_silently(
    write: Write, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # A wrong cross-reference offset: pypdf recovers, but normally logs warnings about it.
    damaged = re.sub(rb"startxref\s+\d+", b"startxref\n9", _ferry_pdf())
    [document] = read_file(write("damaged.pdf", damaged))
    assert PAGE_TWO in " ".join(document.text.split())
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []
