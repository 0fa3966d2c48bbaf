"""Datelines: the upper-case place that opens a news story ("CITY — ...")."""

from __future__ import annotations

from spacy.tokens import Doc

DATELINE_DASHES = {"—", "–", "-", "--"}


def dateline_before(doc: Doc, dash: int) -> bool:
    """Upper-case words (and commas) from the start of a line up to this dash."""
    i = dash - 1
    seen = False
    while i >= 0 and "\n" not in doc[i].text:
        t = doc[i]
        if not (t.is_upper or t.text in {",", "."}):
            return False
        seen |= t.is_upper
        if i == 0 or "\n" in doc[i - 1].text_with_ws:
            return seen
        i -= 1
    return seen
