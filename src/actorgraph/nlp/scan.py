"""Find tokens by their lowercase form without building a Token object per token.

A pass ``for t in doc`` costs a Python object per token; the components make several such
passes per document looking for a handful of words ("of", a pronoun, a hyphenated suffix).
One index per document, kept in ``doc.user_data``, from each lowercase form to the tokens
that have it, answers all of them by a few dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Collection

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
    index = doc.user_data.get(_KEY)
    if not isinstance(index, dict) or index.get(-1) != [len(doc)]:
        index = {-1: [len(doc)]}  # the length it was made for: retokenising makes it stale
        for i, form in enumerate(doc.to_array(LOWER).tolist()):
            index.setdefault(form, []).append(i)
        doc.user_data[_KEY] = index
    strings = doc.vocab.strings
    found = [hits for w in set(words) if (hits := index.get(strings[w]))]
    if len(found) == 1:
        return list(found[0])
    return sorted(i for hits in found for i in hits)
