"""Evidence spans: character offsets into the document and the index of their sentence."""

from __future__ import annotations

from spacy.tokens import Doc

from actorgraph.records import Evidence


def sentence_index(doc: Doc, token_start: int) -> int:
    """Index of the sentence that starts at this token (computed once per document)."""
    index = doc.user_data.get("ag_sent_index")
    if index is None:
        index = {s.start: n for n, s in enumerate(doc.sents)}
        doc.user_data["ag_sent_index"] = index
    return int(index.get(token_start, 0))


def evidence(doc: Doc, start: int, end: int) -> Evidence:
    """The tokens [start, end) as evidence, with the index of the sentence they begin in."""
    span = doc[start:end]
    return Evidence(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        sentence=sentence_index(doc, doc[start].sent.start),
    )
