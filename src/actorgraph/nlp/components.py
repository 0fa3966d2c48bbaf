"""actorgraph's spaCy components, registered by name.

- ``actorgraph_lines`` (before the parser): a line break ends a sentence, and lines that are not
  running prose (menus, captions, headings, repeated lines) are marked so that they create nothing.
- ``actorgraph_actors`` (after NER): mentions grouped into actors (see resolve/actors.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.extract.dateline import DATELINE_DASHES, dateline_before
from actorgraph.extract.events import EventExtractor, repair_verb_lemmas
from actorgraph.extract.lexicon import load_lexicon
from actorgraph.extract.modality import load_modality_lexicon
from actorgraph.extract.relations import RelationExtractor, load_relation_patterns
from actorgraph.ingest.prose import nonprose_lines
from actorgraph.kb import KnowledgeBase
from actorgraph.resolve.actors import ActorResolver
from actorgraph.resolve.lexicon import load_actor_lexicon

if not Doc.has_extension("ag_actors"):
    Doc.set_extension("ag_actors", default=None)
if not Doc.has_extension("ag_published"):
    Doc.set_extension("ag_published", default=None)


@Language.component("actorgraph_lines")
def lines_component(doc: Doc) -> Doc:
    # One array write: setting Token.is_sent_start checks the whole document each time, which
    # made long documents (hundreds of pages) quadratic. Only the words after a line break or
    # a dash can change, so they are found from the text, not by walking every word.
    arr = doc.to_array([SENT_START, IDX, LENGTH, IS_SPACE]).astype("int64")
    starts = arr[:, 0].copy()
    changed = False
    text = doc.text  # joins every word: once
    for i, value in _line_starts(doc, text, arr[:, 1], arr[:, 2], arr[:, 3]):
        if starts[i] != value:
            starts[i] = value
            changed = True
    if changed:
        doc.from_array([SENT_START], starts.reshape((-1, 1)).astype("uint64"))  # type: ignore[arg-type]
    doc.user_data["ag_nonprose"] = nonprose_lines(text)
    return doc


def _line_starts(
    doc: Doc, text: str, idx: np.ndarray, length: np.ndarray, space: np.ndarray
) -> list[tuple[int, int]]:
    """(word, 1 or -1) for each word a line break starts (1) or is (-1), and each word after a
    dateline's dash ("ISTANBUL — Russia and Ukraine signed ...": the dateline is no subject)."""
    n = len(doc)
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    owners = np.searchsorted(idx, breaks, side="right") - 1 if breaks else np.zeros(0, "int64")
    after_break: set[int] = set()  # words whose text or trailing space holds a line break
    break_words: set[int] = set()  # words whose own text holds one
    ends = (idx + length).tolist()
    for p, j in zip(breaks, owners.tolist(), strict=True):
        after_break.add(j)
        if p < ends[j]:
            break_words.add(j)
    dashes = {
        j
        for j in np.searchsorted(idx, _dash_chars(text), side="right").tolist()
        if 0 < j <= n and doc[j - 1].text in DATELINE_DASHES
    }
    out: list[tuple[int, int]] = []
    is_space = space.tolist()
    for t in sorted({j + 1 for j in after_break} | break_words | dashes):
        if not 0 < t < n:
            continue
        if t - 1 in after_break and not is_space[t]:
            out.append((t, 1))
        elif is_space[t] and t in break_words:
            out.append((t, -1))
        elif t in dashes and dateline_before(doc, t - 1):
            out.append((t, 1))
    return out


_NEWLINE = re.compile("\n")
_DASH = re.compile("|".join(sorted({re.escape(d[0]) for d in DATELINE_DASHES})))


def _dash_chars(text: str) -> list[int]:
    """Where a character that can begin a dateline dash stands in the text."""
    return [m.start() for m in _DASH.finditer(text)]


class ActorsComponent:
    def __init__(self, kb: KnowledgeBase, resolver: ActorResolver) -> None:
        self.kb = kb
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        doc._.ag_actors = self.resolver.resolve(doc, doc._.ag_published)
        return doc


@Language.factory(
    "actorgraph_actors",
    default_config={"kb_paths": [], "lexicon_paths": []},
)
def make_actors_component(
    nlp: Language, name: str, kb_paths: Sequence[str], lexicon_paths: Sequence[str]
) -> ActorsComponent:
    kb = KnowledgeBase.load([Path(p) for p in kb_paths]) if kb_paths else KnowledgeBase.default()
    lex = load_actor_lexicon([Path(p) for p in lexicon_paths])
    return ActorsComponent(kb, ActorResolver(kb, lex))


if not Doc.has_extension("ag_events"):
    Doc.set_extension("ag_events", default=None)


if not Doc.has_extension("ag_relations"):
    Doc.set_extension("ag_relations", default=None)


class EventsComponent:
    """Events and the relations stated by verbs and nouns (titles come with the actors)."""

    def __init__(self, extractor: EventExtractor, relations: RelationExtractor) -> None:
        self.extractor = extractor
        self.relations = relations

    def __call__(self, doc: Doc) -> Doc:
        aset = doc._.ag_actors
        if aset is None:
            doc._.ag_events, doc._.ag_relations = [], []
            return doc
        repair_verb_lemmas(doc, self.extractor.lex)
        # One context per document, shared by events and relations, never by documents.
        ctx = self.extractor.context(doc, aset)
        doc._.ag_events = self.extractor.extract(doc, aset, ctx)
        doc._.ag_relations = self.relations.extract(doc, aset, ctx)
        return doc


@Language.factory(
    "actorgraph_events",
    default_config={
        "lexicon_paths": [],
        "modality_paths": [],
        "actor_lexicon_paths": [],
        "role_model": True,
    },
)
def make_events_component(
    nlp: Language,
    name: str,
    lexicon_paths: Sequence[str],
    modality_paths: Sequence[str],
    actor_lexicon_paths: Sequence[str],
    role_model: bool = True,
) -> EventsComponent:
    lexicon = load_lexicon([Path(p) for p in lexicon_paths])
    modality = load_modality_lexicon([Path(p) for p in modality_paths])
    actor_lex = load_actor_lexicon([Path(p) for p in actor_lexicon_paths])
    from dataclasses import replace

    from actorgraph.extract.role_model import RoleModel

    # The model reads trigger types as this pipeline's lexicons give them (user files included).
    model = replace(RoleModel.load(), lexicon=lexicon, modality=modality) if role_model else None
    events = EventExtractor(lexicon, modality, actor_lex, model)
    return EventsComponent(events, RelationExtractor(events, load_relation_patterns()))
