"""Plain-text files: encodings, binary detection, empty and oversized files."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.errors import InputError
from actorgraph.ingest import DEFAULT_MAX_BYTES, read_file
from actorgraph.ingest.text import INVISIBLE_MARKS, clean_text, decode_bytes

Write = Callable[[str, bytes | str], Path]

NOTE = (
    "Talks resume in Zürich\n"
    "Delegates met at a café near the lake on Tuesday and agreed to meet again next week.\n"
)


def _only(path: Path) -> str:
    documents = read_file(path)
    assert len(documents) == 1
    return documents[0].text


def test_utf8_text_is_read_unchanged(write: Write) -> None:
    path = write("note.txt", NOTE)
    [document] = read_file(path)
    assert document.text == NOTE
    assert document.format == "text"
    assert document.source == str(path)
    assert document.title == "Talks resume in Zürich"
    assert document.published is None
    assert document.published_source == "none"


def test_utf8_bom_is_stripped(write: Write) -> None:
    path = write("bom.txt", codecs.BOM_UTF8 + NOTE.encode("utf-8"))
    assert _only(path) == NOTE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_detected(write: Write, encoding: str) -> None:
    data = NOTE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        # The explicit-endian codecs write no BOM; add one as editors do.
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert _only(write("wide.txt", data)) == NOTE


def test_utf16_without_bom_is_detected(write: Write) -> None:
    assert _only(write("nobom.txt", NOTE.encode("utf-16-le"))) == NOTE


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_western_encodings_decode_right(write: Write, encoding: str) -> None:
    path = write("legacy.txt", NOTE.encode(encoding))
    text = _only(path)
    assert "café" in text
    assert "Zürich" in text
    assert text == NOTE


def test_cp1252_punctuation_survives(write: Write) -> None:
    text = "The minister’s reply – “no comment” – came from Zürich.\n"
    assert _only(write("quotes.txt", text.encode("cp1252"))) == text


def test_crlf_and_cr_become_lf(write: Write) -> None:
    path = write("dos.txt", b"First line\r\nSecond line\rThird line\r\n")
    assert _only(path) == "First line\nSecond line\nThird line\n"


def test_title_is_skipped_when_first_line_is_long(write: Write) -> None:
    path = write("long.txt", "\n\n" + "word " * 60 + "\nshort second line\n")
    [document] = read_file(path)
    assert document.title is None


def test_undecodable_bytes_are_rejected(write: Write) -> None:
    rng = random.Random(7)
    # High-bit noise with no NUL bytes: not UTF-8, and no legacy code page reads it credibly.
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(InputError, match="not valid text in any encoding"):
        read_file(write("noise.txt", noise))


def test_broken_utf16_after_bom_is_rejected(write: Write) -> None:
    # A lone high surrogate cannot be decoded as UTF-16.
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(InputError, match="convert it to UTF-8"):
        read_file(write("bad16.txt", data))


def test_binary_file_is_rejected(write: Write) -> None:
    rng = random.Random(3)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(4000)
    with pytest.raises(InputError, match="binary file"):
        read_file(write("picture.txt", png))


def test_control_characters_count_as_binary(write: Write) -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"a little text"
    with pytest.raises(InputError, match="binary file"):
        read_file(write("controls", data))


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_and_blank_files_are_rejected(write: Write, content: bytes) -> None:
    with pytest.raises(InputError, match="is empty"):
        read_file(write("blank.txt", content))


def test_file_above_max_bytes_is_rejected(write: Write) -> None:
    path = write("big.txt", "x" * 500)
    with pytest.raises(InputError, match="--max-bytes") as caught:
        read_file(path, max_bytes=100)
    assert "500 bytes" in str(caught.value)
    assert "100 bytes" in str(caught.value)
    assert read_file(path, max_bytes=500)[0].text == "x" * 500


def test_default_limit_rejects_a_50_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        # A sparse file: 50 MB on paper, so the check must rely on the size, not the content.
        handle.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > DEFAULT_MAX_BYTES
    with pytest.raises(InputError, match="above the limit"):
        read_file(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_file(tmp_path / "absent.txt")


def test_error_message_is_one_line_with_the_path(write: Write) -> None:
    path = write("blank.txt", b"")
    with pytest.raises(InputError) as caught:
        read_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))


# Printable text of any script plus the whitespace controls a real document contains; the
# invisible direction marks and the modifier apostrophe that every reader normalises are left
# out (test_clean_text_drops_direction_marks covers them).
_DOCUMENT_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(
            exclude_categories=["Cc", "Cs", "Cn", "Co"],
            exclude_characters=INVISIBLE_MARKS + "\u02bc",
        ),
        st.sampled_from("\t\n\r"),
    ),
    min_size=1,
)


def test_clean_text_drops_direction_marks_and_reads_the_modifier_apostrophe() -> None:
    assert clean_text("Prime Minister\u200e Ana Vilk\u02bcs\u200f office") == (
        "Prime Minister Ana Vilk\u2019s office"
    )


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@given(_DOCUMENT_TEXT)
def test_utf8_round_trip(text: str) -> None:
    # A text that itself starts with U+FEFF is indistinguishable from one with a BOM.
    assert decode_bytes(text.encode("utf-8")) == _newlines(text.removeprefix("\ufeff"))


@given(_DOCUMENT_TEXT)
def test_utf16_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-16")) == _newlines(text)


@given(st.binary(max_size=600))
def test_decoder_only_raises_input_errors(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except InputError as error:
        assert "binary" in str(error) or "encoding" in str(error)
    else:
        assert "\r" not in decoded
