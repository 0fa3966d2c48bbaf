"""Find tokens by their lowercase form without building a Token object per token.

A pass ``for t in doc`` costs a Python object per token; the components make several such
passes per document looking for a handful of words ("of", a pronoun, a hyphenated suffix).
One LOWER array per document, kept in ``doc.user_data``, answers all of them.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc

_KEY = "actorgraph.lower"


def token_indices(doc: Doc, words: Collection[str]) -> list[int]:
    """Indices, in order, of the tokens whose lowercase form is one of ``words``.

    >>> token_indices(nlp("Of men and of mice"), {"of"})  # doctest: +SKIP
    [0, 3]
    """
    if not words or len(doc) == 0:
        return []
    lowers = doc.user_data.get(_KEY)
    if lowers is None or len(lowers) != len(doc):
        lowers = doc.to_array(LOWER)
        doc.user_data[_KEY] = lowers
    strings = doc.vocab.strings
    wanted = np.fromiter((strings[w] for w in words), dtype=np.uint64, count=len(words))
    return [int(i) for i in np.flatnonzero(np.isin(lowers, wanted))]
