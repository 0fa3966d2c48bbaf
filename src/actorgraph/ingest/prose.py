"""Running prose versus the rest of a page (menus, captions, headings, repeated lines).

Used twice: a page whose text has no prose at all holds no article (ingest/html.py), and the
pipeline marks non-prose lines so that they create nothing (nlp/components.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection

PROSE_END = re.compile(r"""[.!?:;"”’')\]…]\s*$""")
LONG_LINE_WORDS = 25
# A sentence of an article has a few words; "Contact us." or "Log in." does not.
MIN_SENTENCE_WORDS = 3
# A line of this many words that is not link text is article text, punctuated or not.
MIN_LINE_WORDS = 4
# A copyright line ends like a sentence but is a page's footer.
_FOOTER_MARK = re.compile(r"©|\(c\)\s*\d{4}", re.I)


def nonprose_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that are not running prose.

    A line is prose when it ends like a sentence or is long; a short line without final
    punctuation is a menu item, caption or heading, and a line seen before is a repeated caption.

    >>> nonprose_lines("Home\\nThe council met on Monday.\\nHome")
    [(0, 4), (32, 36)]
    """
    out: list[tuple[int, int]] = []
    seen: set[str] = set()
    pos = 0
    first = True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        repeated = stripped in seen
        seen.add(stripped)
        unpunctuated = (
            not PROSE_END.search(stripped)
            and len(stripped.split()) < LONG_LINE_WORDS
            and not _ends_a_sentence(stripped)
        )
        if (
            repeated
            or _table_row(stripped)
            or (unpunctuated and (first or not _sentence_line(stripped)))
        ):
            out.append((start, end))
        first = False
    return out


# "The convoy was hit near the border on Monday. ==Casualties==": a line that ends a sentence
# of several words and then goes on is prose, whatever its last words are.
_INNER_SENTENCE_END = re.compile(r"""[a-z]{2}[.!?]["”’)]?\s+\S""")
MIN_INNER_SENTENCE_WORDS = 6


def _ends_a_sentence(line: str) -> bool:
    """Whether a line ends a sentence of several words before its end.

    >>> _ends_a_sentence("The convoy was hit near the border on Monday. ==Casualties==")
    True
    >>> _ends_a_sentence("Mr. Vilk Returns to Brenna")
    False
    """
    m = _INNER_SENTENCE_END.search(line)
    return m is not None and len(line[: m.start()].split()) >= MIN_INNER_SENTENCE_WORDS


# A line of this many words written in sentence case is a sentence that lost its full stop, not
# a heading (the first line of a text, its title, stays a heading).
MIN_UNPUNCTUATED_SENTENCE_WORDS = 12
_WORD = re.compile(r"[^\W\d_]+")


def _sentence_line(line: str) -> bool:
    """Whether a line without final punctuation reads as a sentence: several words, most of
    them in lower case after the first (a heading capitalises its words or is short).

    >>> _sentence_line("Troops left the town on Monday after a week of fighting in the hills")
    True
    >>> _sentence_line("Attitudes, Statements and Actions Concerning the Border Region")
    False
    """
    words = _WORD.findall(line)
    if len(words) < MIN_UNPUNCTUATED_SENTENCE_WORDS or not words[0][:1].isupper():
        return False
    lower = sum(1 for w in words[1:] if w.islower())
    return lower >= 0.6 * (len(words) - 1)


# Cells of a table or a page's metadata row: "Date | 2020 | Author | Ana Vilk".
TABLE_CELL_SEPARATORS = 2


def _table_row(line: str) -> bool:
    """A line of several cells separated by bars is a table row, not a sentence.

    >>> _table_row("Report Date | May 2020 | Pages | 3"), _table_row("A | B went home.")
    (True, False)
    """
    return line.count(" | ") >= TABLE_CELL_SEPARATORS


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def has_prose(text: str, furniture: Collection[str] = ()) -> bool:
    """Whether ``text`` holds some article: a line that reads as a sentence, or a line of a
    few words besides ``furniture`` (the page's link texts: menus, "Sign in", "Subscribe").

    >>> has_prose("Home\\nWorld\\nContact us")
    False
    >>> has_prose("Home\\nThe council met on Monday.")
    True
    >>> has_prose("Sign in | Join now and save", furniture=["Sign in", "Join now and save"])
    False
    """
    parts = sorted({f.strip() for f in furniture if f.strip()}, key=len, reverse=True)
    links = re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in parts)) if parts else None
    for line in text.split("\n"):
        words = _words(line)
        if words >= LONG_LINE_WORDS:
            return True
        if _FOOTER_MARK.search(line):
            continue
        if words >= MIN_SENTENCE_WORDS and PROSE_END.search(line):
            return True
        rest = links.sub(" ", line) if links is not None else line
        if _words(rest) >= MIN_LINE_WORDS:
            return True
    return False
