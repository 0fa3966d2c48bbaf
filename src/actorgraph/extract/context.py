"""What event extraction knows: the lexicons (shared, read-only) and one document's state.

:class:`EventConfig` is built once per pipeline and never changes. :class:`DocContext` is made
for each document and passed explicitly to every rule, so one extractor can serve many threads:
nothing about a document is kept on a component.

>>> # ctx = DocContext.make(config, doc, aset); ctx.sent(token) is token.sent, found quickly
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from actorgraph.extract.dates import Anchor, DateMention, find_dates, parse_anchor
from actorgraph.extract.lexicon import Lexicon
from actorgraph.extract.modality import ModalityLexicon
from actorgraph.extract.rules import TRACE, match_at
from actorgraph.nlp.scan import token_indices
from actorgraph.records import Evidence
from actorgraph.resolve.actors import ActorSet
from actorgraph.resolve.lexicon import ActorLexicon
from actorgraph.resolve.model import UNNAMED_GROUP_KEY, Mention, ResolvedActor

Groups = list[list[int]]


@dataclass
class Candidate:
    """An event being built: its trigger, CAMEO code and parties, then date, place, modality."""

    trigger: Token
    code: str
    source: Groups
    target: Groups
    sent: Span
    place: int | None = None
    date: DateMention | None = None
    modality: str = "asserted"
    attribution: Span | None = None
    attribution_actor: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    # Only another report of an event already found ("the bridge destroyed by X on Monday"
    # after "X's destruction of the bridge"): it adds evidence and a date, never an event.
    report_only: bool = False
    # The target was not in the sentence but taken from the document (see guesses.py).
    target_from_context: bool = False
    # A threat made as a consequence ("if X attacks, it will pay"): made, so never "future".
    threat: bool = False
    # The verb of saying that makes the threat: its date and place are the threat's.
    said_at: Token | None = None
    # A noun act someone claimed ("claimed responsibility for the bombing"): stated as done.
    claimed: bool = False
    # A guessed event that may still merge with one already found ("while the talks went on").
    joins_known: bool = False
    # Violence told by its author alone ("the rebel raid"): another report of an event of
    # that author when there is one, else an event of its own.
    author_only: bool = False
    # An act someone is blamed for ("accused X of the bombing"): an allegation, so hedged.
    alleged: bool = False


def _inflections(word: str) -> set[str]:
    """Regular English forms of a word ("expose" -> "exposed", "exposes", "exposing")."""
    stem = word[:-1] if word.endswith("e") else word
    forms = {word, word + "s", word + "es", word + "d", word + "ed", stem + "ing", stem + "ed"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


class EventConfig:
    """The lexicons and the word sets derived from them, built once per pipeline."""

    def __init__(
        self, lexicon: Lexicon, modality: ModalityLexicon, actor_lex: ActorLexicon
    ) -> None:
        self.lex = lexicon
        self.mod = modality
        self.actor_lex = actor_lex
        self.representative = actor_lex.representative_nouns
        # Auxiliaries of what is not (yet) done: "will", "would", "could", ...
        self.modals = frozenset(modality.future_auxiliaries | modality.hypothetical_modals)
        # "will", and "would" in reported speech: an act still to come.
        self.future_modals = frozenset(modality.future_auxiliaries | modality.reported_future)
        raw = actor_lex.raw
        self.led_nouns = frozenset(str(w).lower() for w in raw.get("led_nouns", []))
        self.pair_nouns = frozenset(str(w).lower() for w in raw.get("pair_nouns", []))
        self.pair_markers = frozenset(str(w).lower() for w in raw.get("pair_markers", []))
        # "the suburbs of X": a part of a place is hit as the place (one-word place nouns).
        self.place_parts = frozenset(w.lower() for w in raw.get("place_nouns", []) if " " not in w)
        # "in the capital" says where, not with whom: one list, the actor lexicon's.
        self.place_preps = actor_lex.place_preps
        self.consequence_forms = frozenset(
            form for w in lexicon.consequences for form in _inflections(w)
        )

    def plover(self, code: str) -> str:
        return self.lex.code_info(code).plover


@dataclass
class DocContext:
    """One document's state during extraction; made by :meth:`make`, never shared."""

    cfg: EventConfig
    doc: Doc
    aset: ActorSet
    published: str | None
    anchor: Anchor | None
    sents: list[Span]
    sent_starts: list[int]
    text: str
    # KB id -> actor of this document, for the KB walks of kin() and led_by().
    by_kb: dict[str, int]
    # Tokens that can hold a threatened consequence, found without a pass over tokens.
    consequence_at: list[int]
    # Each word's part-of-speech id (spaCy's POS), read in one array.
    pos: list[int] = field(default_factory=list)
    history: list[Candidate] = field(default_factory=list)
    last_found: tuple[int, list[Candidate]] = (-1, [])
    # Noun trigger -> the verb whose modality it takes (a light verb found past a misparse).
    modal_anchor: dict[int, Token] = field(default_factory=dict)
    _doc_dates: list[DateMention] | None = None
    _date_starts: list[int] = field(default_factory=list)
    _index: dict[int, list[Candidate]] = field(default_factory=dict)
    _index_key: tuple[int, int] = (0, 0)
    # Unnamed groups made actors for this document ("the gunmen"), by their key words.
    _groups: dict[str, int] = field(default_factory=dict)
    # The states by how often the text names them (most first), made on first use.
    _states_ranked: list[int] | None = None
    # Who "we" is outside quotations (the opening statement's body), made on first use.
    _voice: list[int | None] | None = None
    # Title words before persons ("secretary" -> [(token, person), ...]), made on first use.
    _titled: dict[str, list[tuple[int, int]]] | None = None

    @classmethod
    def make(cls, cfg: EventConfig, doc: Doc, aset: ActorSet) -> DocContext:
        published = doc._.ag_published
        sents = list(doc.sents)  # Token.sent walks every sentence each time: look up here
        return cls(
            cfg=cfg,
            doc=doc,
            aset=aset,
            published=published,
            anchor=parse_anchor(published) if published else None,
            sents=sents,
            sent_starts=[s.start for s in sents],
            text=doc.text,  # Doc.text joins every token again on each call
            by_kb={a.kb.id: a.index for a in aset.actors if a.kb is not None},
            consequence_at=token_indices(doc, cfg.consequence_forms),
            pos=doc.to_array(POS).tolist() if len(doc) else [],
        )

    def structural(self, pattern_id: str, tok: Token) -> list[Token]:
        """The argument tokens a structural pattern (events.yaml) finds for this trigger."""
        got = match_at(pattern_id, tok)
        trace = TRACE.get()
        if got and trace is not None:
            trace.append(pattern_id)
        return got

    def unnamed_group(self, tok: Token, words: list[Token], name: str | None = None) -> int:
        """The group actor an unnamed party ("gunmen", "armed men") stands for in this
        document, made on first use: one actor per wording, its words its mention. ``name``
        names it when its words do not ("rebels" for "the rebel raid")."""
        key = " ".join(t.lemma_.lower() for t in words)
        got = self._groups.get(key)
        start, end = words[0].i, words[-1].i + 1
        if got is None:
            got = len(self.aset.actors)
            name = name or " ".join(t.text for t in words)
            if words[0].is_sent_start and not words[0].text.isupper():
                name = name[0].lower() + name[1:]
            self.aset.actors.append(
                ResolvedActor(
                    index=got, key=UNNAMED_GROUP_KEY + key, mentions=[], type="group", name=name
                )
            )
            self._groups[key] = got
        self.aset.actors[got].mentions.append(Mention(start=start, end=end, kind="name"))
        for i in range(start, end):
            self.aset.token_actor[i] = got
        return got

    def voice(self, find: Callable[[DocContext], int | None]) -> int | None:
        """The document's own voice, found once by ``find`` (extract/parties.py)."""
        if self._voice is None:
            self._voice = [find(self)]
        return self._voice[0]

    def titled(self, word: str) -> list[tuple[int, int]]:
        """(title token, person) pairs whose title ends with ``word``, in text order: titles
        the resolver tied to a person, and a title word right before a person's name."""
        if self._titled is None:
            doc, aset = self.doc, self.aset
            pairs = [(r.role_end - 1, r.person) for r in aset.roles if r.role_end > r.role_start]
            pairs += list(aset.title_person.items())
            pairs += [
                (m.start - 1, a.index)
                for a in aset.actors
                if a.type == "person"
                for m in a.mentions
                if m.start > 0
            ]
            table: dict[str, list[tuple[int, int]]] = {}
            for i, person in sorted(pairs):
                table.setdefault(doc[i].lower_, []).append((i, person))
            self._titled = table
        return self._titled.get(word, [])

    def states_ranked(self) -> list[int]:
        """The document's states, the one named most often first (a tie: named first)."""
        if self._states_ranked is None:
            counts: dict[int, int] = {}
            first: dict[int, int] = {}
            for i, a in self.aset.token_actor.items():
                if self.type(a) == "state":
                    counts[a] = counts.get(a, 0) + 1
                    first[a] = min(first.get(a, i), i)
            self._states_ranked = sorted(counts, key=lambda a: (-counts[a], first[a]))
        return self._states_ranked

    def add_mention(self, actor: int, start: int, end: int, kind: str) -> None:
        """Tokens found in extraction to name an actor ("the army" of the state in the news)."""
        self.aset.actors[actor].mentions.append(Mention(start=start, end=end, kind=kind))
        for i in range(start, end):
            self.aset.token_actor[i] = actor

    def sent(self, tok: Token) -> Span:
        """The sentence of a token (``Token.sent`` without its walk over the document)."""
        if not self.sent_starts or tok.doc is not self.doc:
            return tok.sent
        return self.sents[bisect_right(self.sent_starts, tok.i) - 1]

    def sentence_dates(self, sent: Span) -> list[DateMention]:
        """The dates of a sentence, read with the whole text before it, so that "the same day",
        "hours later" and "the next day" count from the date last mentioned."""
        if self._doc_dates is None:
            self._doc_dates = find_dates(self.text, self.anchor)
            self._date_starts = [d.start for d in self._doc_dates]
        lo = bisect_left(self._date_starts, sent.start_char)
        hi = bisect_left(self._date_starts, sent.end_char)
        return self._doc_dates[lo:hi]

    def type(self, a: int) -> str:
        return self.aset.actors[a].type

    def place_only(self, groups: Groups) -> bool:
        return bool(groups) and all(self.type(a) == "place" for g in groups for a in g)

    def kin(self, ids: set[int]) -> set[int]:
        """These actors and the bodies they belong to (an army and its state), by the KB."""
        out = set(ids)
        for a in ids:
            kb = self.aset.actors[a].kb
            for _ in range(4):
                if kb is None or kb.parent is None:
                    break
                parent = self.by_kb.get(kb.parent)
                if parent is None:
                    break
                out.add(parent)
                kb = self.aset.actors[parent].kb
        return out

    def party_index(self, whole: list[Candidate]) -> dict[int, list[Candidate]]:
        """Actor -> the events it is a party to, built once per list of events."""
        key = (id(whole), len(whole))
        if self._index_key != key:
            index: dict[int, list[Candidate]] = {}
            for o in whole:
                for a in {a for g in o.source + o.target for a in g}:
                    index.setdefault(a, []).append(o)
            self._index, self._index_key = index, key
        return self._index

    def told(self) -> list[Candidate]:
        """The events reported so far with both their sides."""
        return [c for c in self.history if c.source and c.target]


def own_ids(groups: Groups) -> set[int]:
    """Every actor of a list of groups."""
    return {a for g in groups for a in g}
