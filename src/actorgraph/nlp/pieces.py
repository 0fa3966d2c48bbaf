"""Long documents in pieces: cut where a reader would pause, parse each, join them again.

spaCy's models refuse texts above ``nlp.max_length`` characters (one million by default) and need
memory in proportion to the text. A book-length report is therefore cut into pieces at paragraph
breaks (else sentence ends, else line breaks or spaces), the model's own components run on each
piece, and ``Doc.from_docs`` joins the pieces into one Doc whose character offsets are those of
the whole text. actorgraph's document-level components (actors, events) then run once on the
joined Doc, so a date or a name introduced in one piece still counts in the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.ingest.prose import nonprose_lines

PipeStep = tuple[str, Callable[[Doc], Doc]]

# Pieces are far below spaCy's limit: the model's working memory grows with the piece (about
# 340 MB for 100,000 characters, 100 MB for 25,000), and every cut is at a paragraph break, so
# smaller pieces keep the peak low without costing accuracy.
PIECE_CHARS = 25_000

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE = re.compile(r"""[.!?…]["'”’)\]]*\s+""")
_LINE = re.compile(r"\n\s*")
_SPACE = re.compile(r"\s+")


def _last_break(text: str, start: int, end: int) -> int | None:
    """The end of the last break in ``text[start:end]`` that leaves a non-trivial piece."""
    floor = start + (end - start) // 4  # a cut too near the start makes tiny pieces
    for pattern in (_PARAGRAPH, _SENTENCE, _LINE, _SPACE):
        cut = None
        for m in pattern.finditer(text, floor, end):
            cut = m.end()
        if cut is not None and cut > floor:
            return cut
    return None


def piece_bounds(text: str, limit: int = PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text``, each at most ``limit`` characters.

    Every piece ends just after a paragraph break where there is one in its last three quarters,
    else after a sentence end, a line break or a space; only a text without any whitespace is
    cut mid-word. The pieces cover the text exactly, so their offsets add up.

    >>> list(piece_bounds("One two.\\n\\nThree four.", limit=14))
    [(0, 10), (10, 21)]
    """
    if limit < 2:
        raise ValueError("a piece must be allowed at least two characters")
    start, n = 0, len(text)
    while n - start > limit:
        end = _last_break(text, start, start + limit) or start + limit
        yield start, end
        start = end
    if start < n or n == 0:
        yield start, n


def parse_in_pieces(
    nlp: Language, text: str, components: Sequence[PipeStep], limit: int = PIECE_CHARS
) -> Doc:
    """``text`` through ``components`` in pieces of at most ``limit`` characters, joined into
    one Doc over the whole text.

    Each piece's tensor is dropped as soon as the piece is done: nothing after the model reads
    it, and it is the largest part of a parsed Doc, so memory grows with the tokens kept, not
    with the model's working state. Whole-document annotations (the non-prose lines) are made
    again on the joined Doc.
    """
    docs: list[Doc] = []
    for start, end in piece_bounds(text, limit):
        doc = nlp.make_doc(text[start:end])
        for _, proc in components:
            doc = proc(doc)
        doc.tensor = numpy.zeros((0, 0), dtype="float32")
        docs.append(doc)
    if len(docs) == 1:
        return docs[0]
    # spaCy's type stub lacks ``exclude``, which Doc.from_docs has had since 3.3.
    joined = Doc.from_docs(  # type: ignore[call-arg]
        docs, ensure_whitespace=False, exclude=["user_data", "tensor"]
    )
    joined.user_data["ag_nonprose"] = nonprose_lines(joined.text)
    return joined
