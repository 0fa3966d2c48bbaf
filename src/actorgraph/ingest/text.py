"""Turning bytes into text: encoding detection, binary detection, newline normalisation."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from actorgraph.errors import InputError

SNIFF_BYTES = 8192
# One document may hold this many characters (about 1,700 pages): its parsed form is held in
# memory whole. Longer ones are refused with a line saying so.
MAX_DOCUMENT_CHARS = 10_000_000
# Whitespace-like C0 controls that plain text legitimately contains (tab, LF, VT, FF, CR, ESC).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_MAX_CONTROL_RATIO = 0.1
_MAX_ODD_CHAR_RATIO = 0.02

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# When charset-normalizer finds several equally clean readings (common for short texts), a
# Western news archive is far more likely to be Windows-1252 than, say, Urdu cp1006.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")

NOT_TEXT = "is not valid text in any encoding we recognise; convert it to UTF-8"
BINARY = "looks like a binary file, not text/HTML/PDF"


def too_long(text: str) -> str | None:
    """Why ``text`` is too long to extract, or None."""
    n = len(text)
    if n <= MAX_DOCUMENT_CHARS:
        return None
    return (
        f"is {n:,} characters long, above the {MAX_DOCUMENT_CHARS:,} one document may have; "
        "split it into parts"
    )


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF; nothing else changes, so offsets stay meaningful."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Control characters no article means (NUL, backspace, ESC, DEL, the C1 block) and halves of
# surrogate pairs, which no encoder writes: PostgreSQL refuses NUL, SQLite would keep it, so
# every document is cleaned before it is extracted or stored, whatever the store.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


# Invisible marks that only steer how text is shown (zero-width space, left-to-right and
# right-to-left marks and embeddings, word joiner, a byte-order mark inside the text): a parser
# reads "Minister\u200e" as another word than "Minister". Zero-width (non-)joiners stay: some
# scripts spell with them.
INVISIBLE_MARKS = (
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE = re.compile(f"[{INVISIBLE_MARKS}]")
# The modifier letter apostrophe of transliterations is the apostrophe to a parser
# ("Hezbollah\u02bcs" is "Hezbollah’s"); one character for one, so nothing moves.
APOSTROPHES = str.maketrans({"\u02bc": "\u2019"})


def clean_text(text: str) -> str:
    """The text every reader hands on: newlines normalised, a vertical tab read as a line
    break, control characters and invisible direction marks dropped (tab, newline and form feed
    stay), the modifier letter apostrophe read as an apostrophe.

    >>> clean_text("a\\r\\nb\\x00c\\x0bd")
    'a\\nbc\\nd'
    >>> clean_text("Minister\\u200e Ana Vilk\\u02bcs")
    'Minister Ana Vilk’s'
    """
    text = _JUNK.sub("", normalise_newlines(text).replace("\x0b", "\n"))
    return _INVISIBLE.sub("", text).translate(APOSTROPHES)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding announced by a byte-order mark and the BOM length, if there is one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """Guess UTF-16 without a BOM from the NUL pattern of mostly-ASCII text."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or many control bytes near the start (call only without a BOM)."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls / len(head) > _MAX_CONTROL_RATIO


def _credible(text: str) -> bool:
    """Reject decodings full of control, unassigned or private-use characters."""
    if not text:
        return True
    odd = sum(
        1
        for char in text
        if unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") and char not in "\t\n\r\x0b\x0c"
    )
    return odd / len(text) <= _MAX_ODD_CHAR_RATIO


def _guess_legacy(data: bytes) -> str | None:
    """Decode bytes that are not UTF-8 with charset-normalizer's best credible guess."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= least + 0.01]
    for preferred in _PREFERRED_LEGACY:
        for match in tied:
            if preferred in match.could_be_from_charset:
                try:
                    return data.decode(preferred)
                except UnicodeDecodeError:
                    break
    best = min(tied, key=lambda match: (-match.coherence, match.chaos))
    return str(best)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode document bytes, detecting the encoding; raises InputError (message only).

    ``declared`` is an encoding named inside the document (an HTML meta charset); it is
    tried after UTF-8 because pages often declare Latin-1 yet are really UTF-8.
    """
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError:
            raise InputError(NOT_TEXT) from None
        # Some binary formats happen to begin with bytes that look like a BOM.
        if not _credible(text):
            raise InputError(BINARY)
        return clean_text(text)
    utf16 = _bomless_utf16(data[:SNIFF_BYTES]) if b"\x00" in data[:SNIFF_BYTES] else None
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise InputError(BINARY) from None
        if not _credible(text):
            raise InputError(BINARY)
        return clean_text(text)
    if looks_binary(data):
        raise InputError(BINARY)
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        declared_text: str | None
        try:
            declared_text = data.decode(codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            declared_text = None
        if declared_text is not None and _credible(declared_text):
            return clean_text(declared_text)
    guessed = _guess_legacy(data)
    if guessed is None or not _credible(guessed):
        raise InputError(NOT_TEXT)
    return clean_text(guessed)
