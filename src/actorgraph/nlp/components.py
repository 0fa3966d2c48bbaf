"""actorgraph's spaCy components, registered by name.

- ``actorgraph_lines`` (before the parser): a line break ends a sentence, and lines that are not
  running prose (menus, captions, headings, repeated lines) are marked so that they create nothing.
- ``actorgraph_actors`` (after NER): mentions grouped into actors (see resolve/actors.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from spacy.attrs import SENT_START
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
    # made long documents (hundreds of pages) quadratic.
    starts = doc.to_array([SENT_START]).astype("int64")
    changed = False
    tokens = list(doc)  # one Token object per word, not two
    for prev, t in itertools.pairwise(tokens):
        value = None
        if "\n" in prev.text_with_ws and not t.is_space:
            value = 1
        elif t.is_space and "\n" in t.text:
            value = -1
        elif prev.text in DATELINE_DASHES and dateline_before(doc, prev.i):
            # "ISTANBUL — Russia and Ukraine signed ...": the dateline is not the subject.
            value = 1
        if value is not None and starts[t.i] != value:
            starts[t.i] = value
            changed = True
    if changed:
        doc.from_array([SENT_START], starts.reshape((-1, 1)).astype("uint64"))  # type: ignore[arg-type]
    doc.user_data["ag_nonprose"] = nonprose_lines(doc.text)
    return doc


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
