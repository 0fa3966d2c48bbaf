"""Events: triggers from the lexicon, actors from the parse, date, place, modality, attribution.

A verb trigger takes its source from the subject (the ``by`` agent in the passive, the noun a
relative clause hangs on, the subject of the verb it is the complement or conjunct of) and its
target from the object or from a preposition. A noun trigger ("the meeting between X and Y",
"Norland's transfer of rifles to the Front") takes them from its possessor, modifiers and
prepositions as its lexicon entry says; after a light verb ("held talks with") from the light
verb's subject.
Repeated reports of one event in a document are merged into one event with all its evidence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from actorgraph.extract.dateline import DATELINE_DASHES, dateline_before
from actorgraph.extract.dates import (
    Anchor,
    DateMention,
    date_agrees,
    find_dates,
    parse_anchor,
    weekday_ahead,
)
from actorgraph.extract.evidence import sentence_index
from actorgraph.extract.lexicon import CodeInfo, Lexicon, NounEntry, VerbEntry
from actorgraph.extract.modality import ModalityLexicon, modality_of
from actorgraph.extract.threats import (
    CONDITIONS,
    PROVOKING,
    THREAT_CODE,
    condition_clauses,
    consequence_verb,
    own_clause,
    quote_or_caption_speaker,
    speaker_verb,
    within,
)
from actorgraph.nlp.scan import token_indices
from actorgraph.records import Attribution, DatePrecision, DateValue, Event, Evidence
from actorgraph.records import Span as TextSpan
from actorgraph.resolve.actors import ActorSet, is_prose
from actorgraph.resolve.lexicon import ActorLexicon

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj", "dative", "attr"}
NP_MODS = {"compound", "amod", "poss", "nmod", "appos"}
PLACE_PREPS = {"in", "at", "near", "inside", "outside"}
# Verbs of travel: "flew to X and met Y" puts the meeting in X.
MOTION_VERBS = {"travel", "fly", "go", "come", "arrive", "return", "head", "journey", "sail"}
# Events that often happen far from the reporter: a dateline does not place them.
DATELINE_FAR = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"}
TARGET_PREPS = {"with", "to", "against", "on", "toward", "towards", "into", "at", "upon", "over"}
SYMMETRIC = {"CONSULT", "COOPERATE"}
TIE_PREPS = {"to", "with"}
ADDRESSED = {"THREATEN", "ACCUSE", "REQUEST"}  # a that-clause names whom they concern
PATIENT_ONLY = {"ASSAULT", "COERCE"}  # types coded with a target alone (agentless passive)
# Acts two parties do with each other: conjoined subjects with no other party named are each
# other's counterpart ("X and Y signed an accord", "... declared a truce").
MUTUAL_CODES = {"036", "046", "057", "0871"}
# Types of deeds rather than words: what "the operation" or "the move" can name again.
MATERIAL = {
    "ASSAULT",
    "COERCE",
    "SANCTION",
    "MOBILIZE",
    "AID",
    "RETREAT",
    "CONCEDE",
    "COOPERATE",
    "PROTEST",
}
OBLIGATION = {"must", "should", "ought"}  # modals that turn a statement into a demand
DEMAND = "100"
NEGATIVE = {"denied", "negated"}  # modalities that say an act did not happen
UNCERTAIN = {"future", "intended", "hypothetical", "hedged"}
ADVERB_PARTICLES = {"ahead", "back", "away"}  # particles the parser may tag as adverbs
# Types whose missing target is taken from the document (an act is aimed at someone).
CONTEXT_TARGETED = {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "REQUEST", "REJECT", "SANCTION"}
HOSTILE = {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "MOBILIZE", "PROTEST"}
STATE_SECTORS = {"GOV", "MIL", "SPY", "JUD", "LEG", "COP"}  # CAMEO agent codes of state bodies
TIME_PREPS = {"after", "before", "during", "following", "since", "until"}
QUANTIFIERS = {"many", "some", "most", "all", "several", "part", "few", "dozens", "hundreds"}
ORG_LIKE = {"organization", "state", "group"}
ORIGIN_PREPS = {"from", "in", "across", "throughout"}
INFLECTED = {"VBD", "VBN", "VBG", "VBZ"}
# Endings of inflected verbs and what may stand before them in the base form.
VERB_ENDINGS = (("ied", ("y",)), ("ed", ("e", "")), ("ing", ("", "e")), ("ies", ("y",)),
                ("es", ("", "e")), ("s", ("",)))  # fmt: skip


Groups = list[list[int]]


@dataclass
class Candidate:
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
    # The target was not in the sentence but taken from the document (see _context_targets).
    target_from_context: bool = False
    # A threat made as a consequence ("if X attacks, it will pay"): made, so never "future".
    threat: bool = False
    # The verb of saying that makes the threat: its date and place are the threat's.
    said_at: Token | None = None
    # A noun act someone claimed ("claimed responsibility for the bombing"): stated as done.
    claimed: bool = False
    # A guessed event that may still merge with one already found ("while the talks went on").
    joins_known: bool = False


def aset_has_org(aset: ActorSet, tok: Token) -> bool:
    """Whether a pronoun was already tied to an actor by the resolver."""
    return tok.i in aset.token_actor


class EventExtractor:
    def __init__(
        self, lexicon: Lexicon, modality: ModalityLexicon, actor_lex: ActorLexicon
    ) -> None:
        self.lex = lexicon
        self.mod = modality
        self.actor_lex = actor_lex
        self.representative = actor_lex.representative_nouns
        # Auxiliaries of what is not (yet) done: "will", "would", "could", ...
        self._modals = modality.future_auxiliaries | modality.hypothetical_modals
        self.led_nouns = frozenset(str(w).lower() for w in actor_lex.raw.get("led_nouns", []))
        self.pair_nouns = frozenset(str(w).lower() for w in actor_lex.raw.get("pair_nouns", []))
        self.pair_markers = frozenset(str(w).lower() for w in actor_lex.raw.get("pair_markers", []))
        # "the suburbs of X": a part of a place is hit as the place (one-word place nouns).
        self.place_parts = frozenset(
            w.lower() for w in actor_lex.raw.get("place_nouns", []) if " " not in w
        )
        self._aset = ActorSet([], {})
        self._history: list[Candidate] = []
        self._date_anchor: Anchor | None = None
        self._doc_dates: list[DateMention] | None = None
        self._date_starts: list[int] = []
        self._modal_anchor: dict[int, Token] = {}
        self._index: dict[int, list[Candidate]] = {}
        self._index_key: tuple[int, int] = (0, 0)
        self._by_kb: dict[str, int] = {}
        self._sents: list[Span] = []
        self._sent_starts: list[int] = []
        self._text = ""
        self._consequence_at: list[int] = []
        self._consequence_forms = frozenset(
            form for w in lexicon.consequences for form in _inflections(w)
        )

    # ------------------------------------------------------------------ actors of a phrase
    def groups_of(self, tok: Token, aset: ActorSet) -> list[list[int]]:
        """Actors a noun phrase names, one group per conjunct ("Turkey and then Qatar").

        Within a group are the alternatives for one party: a title's person and organisation
        ("the movement's chairman, Karim Osei").
        """
        out: Groups = []
        if tok.i not in aset.token_actor and self._pair_phrase(tok):
            # "both sides", "the two generals": the two sides of the conflict reported so far
            return self._main_pair(self._told(), set())
        first = self._np_actors(tok, aset, 0)
        if first:
            first += [s for a in first for s in self._state_of_organ(a, aset) if s not in first]
            out.append(first)
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(g for g in self.groups_of(c, aset) if g not in out)
        return out

    def _pair_phrase(self, tok: Token) -> bool:
        if tok.lower_ not in self.pair_nouns and tok.lemma_.lower() not in self.pair_nouns:
            return False
        return any(
            c.dep_ in {"det", "predet", "nummod", "amod", "preconj"}
            and c.lower_ in self.pair_markers
            for c in tok.children
        )

    def _stray_conjuncts(self, verb: Token, aset: ActorSet) -> Groups:
        """Names the parser hung on the verb as conjuncts ("leave Turkey and then Qatar"
        parsed with Qatar coordinated to the verb): they belong with the verb's object."""
        out: Groups = []
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"}:
                got = self._np_actors(c, aset, 0)
                if got:
                    out.append(got)
        return out

    def actors_of(self, tok: Token, aset: ActorSet) -> list[int]:
        return [a for g in self.groups_of(tok, aset) for a in g]

    def _np_actors(self, tok: Token, aset: ActorSet, depth: int) -> list[int]:
        a = aset.token_actor.get(tok.i)
        if a is None:
            a = aset.title_person.get(tok.i)
        if a is None and tok.lower_ in {"it", "its", "they", "their", "them"}:
            a = self._org_antecedent(tok, aset)
        if a is None:
            a = self._described_org(tok, aset)
        if a is not None:
            return [a]
        if depth >= 3:
            return []
        out: list[int] = []
        for c in tok.children:
            if c.dep_ == "appos" and c.lower_ not in QUANTIFIERS:
                # not "thousands of X, some waving Y flags": a part, not another name
                out.extend(self._np_actors(c, aset, depth + 1))
        for c in tok.children:
            if c.dep_ in {"poss", "compound", "amod", "nmod"}:
                got = aset.token_actor.get(c.i)
                if got is None and c.dep_ == "poss" and c.lower_ in {"its", "their"}:
                    got = self._org_antecedent(c, aset)
                if got is None and c.dep_ == "poss":
                    got = self._described_org(c, aset)  # "the country's status"
                if got is None and c.dep_ == "compound":
                    # "Russian Kalibr missiles": the demonym modifies the compound.
                    got = next(
                        (
                            aset.token_actor[g.i]
                            for g in c.children
                            if g.dep_ in {"amod", "compound", "poss"} and g.i in aset.token_actor
                        ),
                        None,
                    )
                if got is not None and got not in out:
                    out.append(got)
                    if (
                        c.dep_ == "poss"
                        and self._type(got) == "person"
                        and (tok.lower_ in self.led_nouns or tok.lemma_.lower() in self.led_nouns)
                    ):
                        led = self._led_by(got, aset)
                        if led is not None:
                            out.insert(0, led)  # "his men": the body he leads acts
                    break
        if not out and (
            tok.lemma_.lower() in self.representative
            or tok.lower_ in self.representative  # "thousands" (lemma "thousand")
            or tok.pos_ in {"NUM", "DET", "PRON"}
            or tok.lower_ in QUANTIFIERS
            or tok.lemma_.lower() in self.place_parts
        ):
            # "the forces of X", "many of X's rockets", "two of them"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            out.extend(self._np_actors(o, aset, depth + 1))
        if (
            not out
            and tok.pos_ == "NOUN"
            and (tok.lemma_.lower() in self.representative or tok.lower_ in self.representative)
        ):
            # "students across Norland", "workers from Norland": people of a state
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ORIGIN_PREPS:
                    for o in c.children:
                        if o.dep_ == "pobj":
                            out.extend(
                                a
                                for a in self._np_actors(o, aset, depth + 1)
                                if self._type(a) in ORG_LIKE
                            )
        return out

    def _led_by(self, person: int, aset: ActorSet) -> int | None:
        """The organisation or state a person leads, by a title in the text, else the KB."""
        for rel in ("leader_of", "deputy_leader_of"):
            for r in aset.roles:
                if r.person == person and r.relation == rel and not r.ended:
                    return r.org
        kb = aset.actors[person].kb
        if kb is None:
            return None
        for role in kb.roles:
            if role.relation == "leader_of" and role.end is None and role.org in self._by_kb:
                return self._by_kb[role.org]
        return None

    def _state_of_organ(self, a: int, aset: ActorSet) -> list[int]:
        """The state an organ belongs to by the KB (a ministry, an army), when the document
        names it: the organ acts for its state, so either name stands for the party."""
        kb = aset.actors[a].kb
        if kb is None or kb.parent is None or not kb.parent.startswith("state/"):
            return []
        return [x.index for x in aset.actors if x.kb is not None and x.kb.id == kb.parent]

    def _state_body(self, a: int, aset: ActorSet) -> bool:
        """A state's own body (army, ministry, cabinet): never "the group" or "the movement"."""
        actor = aset.actors[a]
        if actor.kb is not None and (
            actor.kb.sector in STATE_SECTORS or (actor.kb.parent or "").startswith("state/")
        ):
            return True
        return actor.parent is not None and aset.actors[actor.parent].type == "state"

    def _described_org(self, tok: Token, aset: ActorSet) -> int | None:
        """ "the movement", "the bloc", "the country": the nearest organisation or group (or
        state) named before it, in its sentence or the two before; a subject first."""
        word = tok.lower_ if tok.lower_ in self.actor_lex.state_descriptions else tok.lemma_
        if word.lower() in self.actor_lex.state_descriptions:
            kinds = {"state"}
        elif word.lower() in self.actor_lex.org_descriptions:
            kinds = {"organization", "group"}
        else:
            return None
        if not any(
            c.dep_ in {"det", "predet", "nummod"}
            and c.lower_ in {"the", "this", "that", "both", "two"}
            for c in tok.children
        ):
            return None
        if any(c.dep_ in {"poss", "compound", "amod", "prep"} for c in tok.children):
            return None  # "the Kurdish group", "the group of X": described by its words
        start = self._sent(tok).start
        for _ in range(2):
            if start > 0:
                start = self._sent(tok.doc[start - 1]).start
        found = [
            i
            for i in range(tok.i - 1, start - 1, -1)
            if i in aset.token_actor
            and aset.actors[aset.token_actor[i]].type in kinds
            and not ("state" not in kinds and self._state_body(aset.token_actor[i], aset))
        ]
        # The organisation the text is about is usually a subject: prefer the nearest one.
        for i in found:
            if _heads_subject(tok.doc[i]):
                return aset.token_actor[i]
        return aset.token_actor[found[0]] if found else None

    def _org_antecedent(self, tok: Token, aset: ActorSet) -> int | None:
        """ "it"/"its"/"they": the nearest organisation, state or group named before, within
        the sentence or the one before it. A subject pronoun ("X has denied that it arms Y")
        takes the nearest such subject first, as subjects carry a discourse topic on."""
        sent_start = self._sent(tok).start
        prev = self._sent(tok.doc[sent_start - 1]).start if sent_start > 0 else sent_start
        found: list[int] = []
        # An object pronoun is not its own clause's subject ("the US envoy urged them"): a
        # pronoun for that would be reflexive.
        own_subject: set[int] = set()
        if tok.dep_ in OBJ | {"pobj"} and tok.lower_ in {"them", "their"}:
            verb = tok.head if tok.dep_ in OBJ else tok.head.head
            for c in verb.children:
                if c.dep_ in SUBJ:
                    own_subject = set(range(c.left_edge.i, c.right_edge.i + 1))
        for i in range(tok.i - 1, prev - 1, -1):
            a = aset.token_actor.get(i)
            if a is not None and aset.actors[a].type in ORG_LIKE and i not in own_subject:
                if tok.dep_ not in SUBJ | PASS_SUBJ:
                    return a
                found.append(i)
        for i in found:
            if _heads_subject(tok.doc[i]):
                return aset.token_actor[i]
        return aset.token_actor[found[0]] if found else None

    # ------------------------------------------------------------------ roles of a verb
    def _subject(self, verb: Token, aset: ActorSet, depth: int = 0) -> Groups:
        for c in verb.children:
            if c.dep_ in SUBJ:
                if c.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                    return self.groups_of(verb.head, aset)
                got = self.groups_of(c, aset)
                if not got and depth == 0 and self.lex.noun(c.lemma_.lower()) is not None:
                    # "the strikes killed five fighters": whoever carried out the strikes.
                    got = self._earlier_actor(c)
                return got
        if depth < 4 and verb.dep_ in {"acomp", "pcomp", "prep"} and verb.head is not verb:
            # "he is prepared to lift", "committed to opening up": through the adjective or
            # preposition to the clause's subject (never through a noun).
            head = verb.head
            if head.pos_ == "ADP" and head.head.pos_ == "VERB":
                # "prevented X from attacking": the object of the verb does the attacking.
                for c in head.head.children:
                    if c.dep_ in OBJ:
                        return self.groups_of(c, aset)
            if head.pos_ in {"VERB", "AUX", "ADJ", "ADP"}:
                return self._subject(head, aset, depth + 1)
        if depth < 4 and verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head is not verb:
            if verb.dep_ == "xcomp":
                # "forced X to leave": the controller is the object of the head verb.
                for c in verb.head.children:
                    if c.dep_ in OBJ:
                        return self.groups_of(c, aset)
                for c in verb.head.children:
                    if c.dep_ in PASS_SUBJ:
                        if c.tag_ in {"WDT", "WP"} and verb.head.dep_ == "relcl":
                            # "X, which is believed to arm Y": the noun the clause is on.
                            return self.groups_of(verb.head.head, aset)
                        return self.groups_of(c, aset)
            got = self._subject(verb.head, aset, depth + 1)
            head_subj = [c for c in verb.head.children if c.dep_ in SUBJ]
            if (
                not got
                and verb.dep_ == "conj"
                and not any(c.lemma_.lower() in self.representative for c in head_subj)
            ):
                # "..., when X crossed the border, killed two and ...": the parser hung the
                # conjunct on the main verb; the nearest verb before it with an actor subject.
                for i in range(verb.i - 1, self._sent(verb).start - 1, -1):
                    t = verb.doc[i]
                    if t.pos_ == "VERB" and t.lemma_.lower() not in self.mod.reporting_verbs:
                        for c in t.children:
                            if c.dep_ in SUBJ and c.tag_ not in {"WDT", "WP"}:
                                got = self.groups_of(c, aset)
                        if got:
                            break
            return got
        if verb.dep_ == "relcl":
            return self.groups_of(verb.head, aset)
        if (
            verb.dep_ == "ROOT"
            and verb.tag_ in {"VBD", "VBZ", "VBP"}
            and not any(c.dep_ in SUBJ | PASS_SUBJ | {"expl"} for c in verb.children)
        ):
            # The parser lost the subject of a main clause (hung it on an opening phrase): the
            # nearest actor named before the verb is the best guess in English word order.
            for i in range(verb.i - 1, self._sent(verb).start - 1, -1):
                tok = verb.doc[i]
                if i in aset.token_actor and tok.dep_ not in {"poss", "compound", "amod"}:
                    return self.groups_of(tok, aset)
            return []
        if verb.dep_ == "acl" and verb.tag_ != "VBN" and verb.head.dep_ in OBJ:
            # "the council made a decision to transfer ...": the subject of the light verb.
            return self._subject(verb.head.head, aset, depth + 1)
        return []

    def _agent(self, verb: Token, aset: ActorSet) -> Groups:
        for c in verb.children:
            if c.dep_ == "agent":
                for o in c.children:
                    if o.dep_ == "pobj":
                        return self.groups_of(o, aset)
        return []

    def _passive(self, verb: Token) -> bool:
        return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children) or (
            verb.dep_ == "acl" and verb.tag_ == "VBN"
        )

    def _prep_objects(self, head: Token, preps: set[str], aset: ActorSet) -> Groups:
        out: Groups = []
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in preps:
                for o in p.children:
                    if o.dep_ == "pobj" and not (
                        o.pos_ == "NOUN" and o.i not in aset.token_actor and self.lex.noun(o.lemma_)
                    ):
                        # not "at the UN's request": an act of its own, not a party to this one
                        got = self.groups_of(o, aset)
                        if p.lower_ in PLACE_PREPS and self._place_only(got):
                            continue  # "in Beirut" says where, not with whom
                        out.extend(got)
        return out

    def _earlier_party(self, noun: Token, own: set[int]) -> Groups:
        """ "agreed to any truce": the party of the earlier truce that is not the actor."""
        entry = self.lex.noun(noun.lemma_.lower())
        if entry is None or entry.code is None:
            return []
        kind = self.lex.code_info(entry.code).plover
        for prev in reversed(self._history):
            if prev.trigger.i >= noun.i or self.lex.code_info(prev.code).plover != kind:
                continue
            for g in prev.source + prev.target:
                if not own & set(g):
                    return [g]
        return []

    def _earlier_actor(self, noun: Token, own: set[int] | None = None) -> Groups:
        """The source of the latest earlier event this noun names again: "the launch" after
        "North Korea launched a missile", "the assault" after an attack, "the operation" after
        any act. "it" names the latest hostile act ("called it reckless"). An event with the same
        word wins over one of the same kind; the actor's own acts are skipped."""
        own = own or set()
        lemma = noun.lemma_.lower()
        if noun.lower_ in {"it", "this"}:
            # "it" stands for the nearest act named before by a definite noun ("the launch").
            if noun.dep_ not in OBJ or aset_has_org(self._aset, noun):
                return []
            sent_start = self._sent(noun).start
            first = self._sent(noun.doc[sent_start - 1]).start if sent_start > 0 else sent_start
            for i in range(noun.i - 1, first - 1, -1):
                t = noun.doc[i]
                if t.pos_ == "NOUN" and (
                    self.lex.noun(t.lemma_.lower()) is not None
                    or t.lemma_.lower() in self.lex.anaphors
                ):
                    got = self._earlier_actor(t, own)
                    if got:
                        return got
            return []
        if noun.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}
            for c in noun.children
        ):
            return []
        entry = self.lex.noun(lemma)
        kind = self.lex.code_info(entry.code).plover if entry and entry.code else None
        generic = lemma in self.lex.anaphors
        earlier = [
            p
            for p in reversed(self._history)
            if p.trigger.i < noun.i and p.source and not own & set(p.source[0])
        ]
        for prev in earlier:
            if prev.trigger.lemma_.lower() == lemma:
                return prev.source[:1]
        for prev in earlier:
            prev_kind = self.lex.code_info(prev.code).plover
            if prev_kind == kind or (generic and prev_kind in MATERIAL):
                return prev.source[:1]
        return []

    def _prep_objects_groups(self, head: Token, preps: set[str], aset: ActorSet) -> Groups:
        out: Groups = []
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in preps:
                for o in p.children:
                    if o.dep_ == "pobj":
                        out.extend(self.groups_of(o, aset))
        return out

    def _prep_objects_all(self, head: Token, preps: set[str], aset: ActorSet) -> list[int]:
        """The main actor of each conjunct after these prepositions, places included."""
        out: list[int] = []
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in preps:
                for o in p.children:
                    if o.dep_ == "pobj":
                        out.extend(g[0] for g in self.groups_of(o, aset))
        return out

    def _verb_event(self, verb: Token, entry: VerbEntry, aset: ActorSet) -> Candidate | None:
        particle = _particle(verb)
        preps: list[Token] = [c for c in verb.children if c.dep_ == "prep"]
        objs = [c for c in verb.children if c.dep_ in OBJ]
        obj_lemmas = {o.lemma_.lower() for o in objs}
        # "gave them one week": a measure the parser hangs on the verb as an adverbial noun
        obj_lemmas |= {c.lemma_.lower() for c in verb.children if c.dep_ == "npadvmod"}
        for p in preps:
            for o in p.children:
                if o.dep_ == "pobj":
                    obj_lemmas.add(o.lemma_.lower())
        for o in objs:
            for m in o.children:
                if m.dep_ in {"amod", "compound"}:
                    obj_lemmas.add(f"{m.lemma_.lower()} {o.lemma_.lower()}")
        subj_lemmas = {c.lemma_.lower() for c in verb.children if c.dep_ in SUBJ | PASS_SUBJ}
        comps = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "oprd", "acomp"}]
        comp_lemmas = {c.lemma_.lower() for c in comps}
        # "declared the group a terrorist organisation": the complement's modifier says it.
        # ... also when parsed as an apposition to the object.
        comps += [a for o in objs for a in o.children if a.dep_ == "appos" and a.pos_ == "NOUN"]
        comp_lemmas |= {
            m.lemma_.lower()
            for c in comps
            if c.pos_ == "NOUN"
            for m in c.children
            if m.dep_ in {"amod", "compound"}
        }
        code = entry.resolve(
            particle,
            [p.lower_ for p in preps],
            obj_lemmas,
            subject_lemmas=subj_lemmas,
            complement_lemmas=comp_lemmas,
        )
        if code is None:
            return None
        if self.lex.code_info(code).plover == "STATEMENT" and any(
            c.dep_ == "ccomp" and any(a.lower_ in OBLIGATION for a in c.children)
            for c in verb.children
        ):
            code = DEMAND  # "declared that X must withdraw": a statement that demands
        if self._passive(verb):
            source = self._agent(verb, aset)
            target: Groups = []
            for c in verb.children:
                if c.dep_ in PASS_SUBJ:
                    if c.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                        target = self.groups_of(verb.head, aset)  # "X, which was hit"
                    else:
                        target = self.groups_of(c, aset)
            if not target and verb.dep_ == "acl":
                target = self.groups_of(verb.head, aset)
            if not target and verb.dep_ in {"xcomp", "conj"}:
                target = self._subject(verb.head, aset)
            if not source:
                # "was made to leave Norway": the country left is the one that expelled him.
                for c in verb.children:
                    if c.dep_ == "xcomp":
                        for o in c.children:
                            if o.dep_ in OBJ:
                                source = self.groups_of(o, aset)
                if source:
                    source += [g for g in self._stray_conjuncts(verb, aset) if g not in source]
            if (
                not source
                and target
                and self.lex.code_info(code).plover in SYMMETRIC
                and any(p.lower_ in TIE_PREPS for p in preps)
            ):
                # "the branch will be attached to X's headquarters": a tie between the two, the
                # passive's subject on one side and the preposition's object on the other.
                source, target = target, self._prep_objects(verb, TIE_PREPS, aset)
            if entry.subject_role == "target":
                source, target = target, source
        else:
            source = self._subject(verb, aset)
            target = []
            own = {a for g in source for a in g}
            for o in objs:
                # "suspended its support to X": the possessor is the actor itself, not a target.
                got = [g for g in self.groups_of(o, aset) if not set(g) <= own]
                if o.i not in aset.token_actor and any(
                    c.dep_ == "poss"
                    and c.lower_ in {"its", "their"}
                    and c.i not in aset.token_actor
                    for c in o.children
                ):
                    got = []  # "boosted its power": an unresolved its/their is the subject's
                if not got:
                    # "supplied rifles to X": the recipient hangs on the object.
                    got = self._prep_objects(o, TARGET_PREPS, aset)
                if not got and self.lex.code_info(code).plover != "STATEMENT":
                    # "condemned the launch": the one who launched it, named before.
                    got = self._earlier_actor(o, own)
                if not got and self.lex.code_info(code).plover != "STATEMENT":
                    # "demanded an end to the attacks": the act named after the object.
                    for p in o.children:
                        if p.dep_ == "prep" and p.lower_ in TARGET_PREPS | {"of", "for"}:
                            for po in p.children:
                                if po.dep_ == "pobj" and not got:
                                    got = self._earlier_actor(po, own)
                if (
                    not got
                    and self.lex.code_info(code).plover in HOSTILE | {"REJECT"}
                    and not self._prep_objects(verb, TARGET_PREPS, aset)
                ):
                    # "renounced the path of X", "struck the headquarters of X": X's thing.
                    for p in o.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            for po in p.children:
                                if po.dep_ == "pobj" and not got:
                                    got = [g for g in self.groups_of(po, aset) if not own & set(g)]
                if not got and self.lex.code_info(code).plover in PATIENT_ONLY:
                    # "shot down drones fired by X": X's weapons, so X is hit.
                    for n in [o, *(c for c in o.children if c.dep_ == "conj")]:
                        for acl in n.children:
                            if acl.dep_ == "acl" and acl.tag_ == "VBN" and not got:
                                got = [g for g in self._agent(acl, aset) if not set(g) <= own]
                target.extend(got)
            if target:
                target += [g for g in self._stray_conjuncts(verb, aset) if g not in target]
            if not target:
                target = self._prep_objects(verb, TARGET_PREPS, aset)
            if not target and self.lex.code_info(code).plover in ADDRESSED | {"STATEMENT"}:
                # "warned that Washington would pay": whom the warning is about. A that-clause
                # misparsed as a relative clause on a noun ("warned in a speech that ...") too.
                clauses = [c for c in verb.children if c.dep_ == "ccomp"]
                clauses += [
                    r
                    for p in verb.children
                    if p.dep_ == "prep"
                    for o in p.children
                    if o.dep_ == "pobj"
                    for r in o.children
                    if r.dep_ == "relcl"
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)
                ]
                for c in clauses:
                    if not target:
                        target = [
                            g
                            for s in c.children
                            if s.dep_ in SUBJ | PASS_SUBJ
                            for g in self.groups_of(s, aset)
                        ]
            if not target and self.lex.code_info(code).plover == "PROTEST":
                # "rallied outside the French embassy": whose building it is.
                target = self._prep_objects(verb, {"outside", "at", "before", "near"}, aset)
            if not target and self.lex.code_info(code).plover == "RETREAT":
                # "pulled its troops out of X", "evacuating its citizens from X".
                target = self._prep_objects_groups(verb, {"from", "of"}, aset)
            if not target and self.lex.code_info(code).mode == "visit":
                # "arrived in Amman": the place visited is the visit's target.
                target = self._prep_objects_groups(verb, {"in", "to", "at"}, aset)
            if not target:
                # "denied they had agreed to any truce": the other party of the truce.
                own = {a for g in source for a in g}
                for p in verb.children:
                    if p.dep_ == "prep" and p.lower_ in TARGET_PREPS:
                        for o in p.children:
                            if o.dep_ == "pobj" and not target:
                                target = self._earlier_party(o, own)
            if entry.actor_object and any(self.groups_of(o, aset) for o in objs):
                code = entry.actor_object
            if entry.subject_role == "target":
                giver = self._prep_objects(verb, {"from", "by"}, aset)
                source, target = giver, source
        return self._candidate(verb, code, source, target)

    def _place_only(self, groups: Groups) -> bool:
        return bool(groups) and all(self._type(a) == "place" for g in groups for a in g)

    def _noun_event(self, noun: Token, entry: NounEntry, aset: ActorSet) -> Candidate | None:
        preps = [c for c in noun.children if c.dep_ == "prep"]
        # "the rift caused in 2011 by X with Y": the participle's phrases are the noun's.
        preps += [
            p
            for c in noun.children
            if c.dep_ == "acl" and c.tag_ == "VBN"
            for p in c.children
            if p.dep_ in {"prep", "agent"}
        ]
        # "... by X with Y", with Y hung on X's name.
        preps += [
            q
            for p in preps
            if p.lower_ == "by"
            for o in p.children
            if o.dep_ == "pobj"
            for q in o.children
            if q.dep_ == "prep" and entry.role_of_prep(q.lower_) == "target"
        ]
        obj_lemmas: set[str] = set()
        for p in preps:
            for o in p.children:
                if o.dep_ == "pobj":
                    obj_lemmas.add(o.lemma_.lower())
        mods = {c.lemma_.lower() for c in noun.children if c.dep_ in {"amod", "compound"}}
        code = entry.resolve([p.lower_ for p in preps], obj_lemmas, mods)
        if code is None:
            return None
        source: Groups = []
        target: Groups = []
        by_prep: dict[str, Groups] = {"source": [], "target": [], "pair": []}
        # "talks with X and with Y": the second preposition is a conjunct of the first.
        preps += [c for p in preps for c in p.children if c.dep_ == "conj" and c.pos_ == "ADP"]
        for p in preps:
            role = entry.role_of_prep(p.lower_)
            if role is None:
                continue
            for o in p.children:
                if o.dep_ == "pobj":
                    got = self.groups_of(o, aset)
                    if p.lower_ in PLACE_PREPS and self._place_only(got):
                        continue
                    by_prep[role].extend(g for g in got if g not in by_prep[role])
        possessor: list[int] = []
        for c in noun.children:
            if c.dep_ in {"poss", "compound", "amod", "nmod"}:
                owner = aset.token_actor.get(c.i)
                if owner is None and c.lower_ in {"its", "their"}:
                    owner = self._org_antecedent(c, aset)
                if owner is None or (self._type(owner) == "place" and c.dep_ != "poss"):
                    continue
                possessor.append(owner)
                possessor += [s for s in self._state_of_organ(owner, aset) if s not in possessor]
        pair = by_prep["pair"]
        if pair:
            source, target = pair[:1], pair[1:]
        source = source + by_prep["source"]
        target = target + by_prep["target"]
        if possessor:
            role = entry.possessor
            # "the army's destruction of the bridge": with an object, the possessor acts.
            if role == "target" and target:
                role = "source"
            if role == "source":
                source = [possessor, *source]
            elif role == "target":
                target = [possessor, *target]
        head = noun.head
        if noun.dep_ in OBJ | {"pobj"} and head is not noun:
            verb = head if noun.dep_ in OBJ else head.head
            if verb.pos_ in {"VERB", "AUX"}:
                lv = self.lex.light_verb(verb.lemma_)
                if lv is not None and not lv.accepts(noun.lemma_):
                    lv = None  # "received help ... as a mediator": not the noun's light verb
                if lv is None and noun.dep_ == "pobj":
                    # The parser hung "as a mediator" on another verb: the light verb that
                    # takes this noun after this preposition, earlier in the sentence.
                    for k in range(head.i - 1, self._sent(noun).start - 1, -1):
                        cand = self.lex.light_verb(noun.doc[k].lemma_)
                        if (
                            cand is not None
                            and cand.prep == head.lower_
                            and cand.nouns
                            and cand.accepts(noun.lemma_)
                        ):
                            lv, verb = cand, noun.doc[k]
                            # Its modality is that verb's, not that of the verb the noun
                            # was hung on ("will receive help ... by X, which is acting as").
                            self._modal_anchor[noun.i] = verb
                            break
                if lv is not None and lv.subject_role == "target" and not target:
                    target = self._subject(verb, aset)
                elif lv is not None and not source:
                    source = self._subject(verb, aset)
                    if not target:
                        # "imposed sanctions on X": the target hangs on the light verb.
                        target = self._prep_objects(verb, TARGET_PREPS, aset)
                elif (
                    noun.dep_ == "pobj"
                    and head.lower_ in {"at", "on", "upon"}
                    and source
                    and not target
                    and self.lex.code_info(code).plover == "REQUEST"
                ):
                    # "accepted a pause at the UN's request": asked of whoever accepted.
                    target = self._subject(verb, aset)
                elif noun.dep_ == "pobj" and head.lower_ == "with" and source and not target:
                    # "built up its force with Iran's help": the helped is the verb's subject.
                    target = self._subject(verb, aset)
        if (
            not source
            and noun.dep_ == "pobj"
            and head.lower_ == "for"
            and head.head.lemma_.lower() in self.lex.responsibility_nouns
            and head.head.dep_ in OBJ
            and head.head.head.lemma_.lower() in self.lex.responsibility_verbs
        ):
            # "X claimed responsibility for the bombing": X carried it out.
            source = self._subject(head.head.head, aset)
            if source:
                claimed = self._candidate(noun, code, source, target)
                if claimed is not None:
                    claimed.claimed = True
                return claimed
        if (
            not source
            and noun.dep_ == "pobj"
            and head.lower_ in TIME_PREPS
            and head.head.pos_ == "VERB"
            and (target or by_prep["pair"])
        ):
            # "X set the date after talks with Y": the clause's subject held the talks.
            source = self._subject(head.head, aset)
        if (
            not source
            and not target
            and noun.tag_ == "NNS"
            and self.lex.code_info(code).plover == "CONSULT"
            and not any(c.dep_ == "poss" for c in noun.children)
            and not any(t.lower_ in self.mod.negations for t in noun.doc[noun.left_edge.i : noun.i])
            and not any(c.dep_ == "neg" for c in noun.head.children)
        ):
            # "peace talks that began in Caracas": talks between the sides of the conflict.
            told = self._told()
            pair = self._main_pair(told, set()) or self._main_pair(told, set(), hostile=False)
            if pair:
                guessed = self._candidate(noun, code, pair[:1], pair[1:])
                if guessed is not None:
                    # Guessed, but "the talks" are most often the talks already reported: these
                    # may join them as another mention.
                    guessed.target_from_context = guessed.joins_known = True
                return guessed
        if not target and source:
            # "provided support for the operation": aimed at whoever carried it out.
            own = {a for g in source for a in g}
            for p in preps:
                if entry.role_of_prep(p.lower_) == "target":
                    for o in p.children:
                        if o.dep_ == "pobj" and not target:
                            target = self._earlier_actor(o, own)
        return self._candidate(noun, code, source, target)

    def _type(self, a: int) -> str:
        return self._aset.actors[a].type

    def _candidate(
        self, trig: Token, code: str, source: Groups, target: Groups
    ) -> Candidate | None:
        src_ids = {a for g in source for a in g}
        target = [[a for a in g if a not in src_ids] for g in target]
        source = [g for g in source if g]
        target = [g for g in target if g]
        if not source and not target:
            return None
        return Candidate(trig, code, source, target, self._sent(trig))

    def _keep(self, c: Candidate) -> bool:
        """A place does not act (it can be attacked, not attack), so an event needs a source
        that is not a place. A verb's event may lack a target ("agreed to resign", "imposed a
        curfew"), as PLOVER codes them; a noun's may not ("the attacks", "the agreement" name
        no event of their own without their parties), nor a meeting or cooperation, which
        takes two."""
        symmetric = self.lex.code_info(c.code).plover in SYMMETRIC
        if (symmetric or c.code in MUTUAL_CODES) and not c.target and len(c.source) > 1:
            # "Israel and Lebanon renewed talks": the conjoined parties meet each other.
            c.source, c.target = c.source[:1], c.source[1:]
        verbal = c.trigger.pos_ == "VERB" or c.claimed or self._after_light_verb(c.trigger)
        t = c.trigger
        if t.dep_ == "acl" and t.tag_ == "VBN" and not (c.source and c.target):
            # "the tunnel destroyed by ...": the patient is a thing, so this names again an
            # event reported elsewhere or none at all.
            c.report_only = bool(c.source)
            return c.report_only
        if not c.source:
            # "Three soldiers were killed by a roadside bomb", "a roadside bombing killed a US
            # soldier": violence without its agent.
            return (
                bool(c.target)
                and verbal
                and (self._passive(t) or self._act_as_subject(t))
                and self.lex.code_info(c.code).plover in PATIENT_ONLY
            )
        if all(self._type(a) == "place" for g in c.source for a in g):
            return False
        if not c.target and self.lex.code_info(c.code).plover == "STATEMENT":
            return False  # a statement about no one is no event between actors
        if c.target:
            return True
        return verbal and not symmetric

    def _act_as_subject(self, verb: Token) -> bool:
        """Whether the verb's subject names an act ("the bombing killed ...", "shelling hit")."""
        return any(
            c.dep_ in SUBJ and c.pos_ == "NOUN" and self.lex.noun(c.lemma_.lower()) is not None
            for c in verb.children
        )

    def _after_light_verb(self, noun: Token) -> bool:
        """ "staged a protest", "declared a ceasefire": the noun is the light verb's object."""
        if noun.pos_ != "NOUN" or noun.dep_ not in OBJ:
            return False
        lv = self.lex.light_verb(noun.head.lemma_)
        return lv is not None and lv.accepts(noun.lemma_)

    # ------------------------------------------------------------------ triggers
    def _trigger(self, t: Token, aset: ActorSet) -> Candidate | None:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB":
            if lemma in self.mod.reporting_verbs and lemma not in {"announce", "confirm"}:
                return None
            lv = self.lex.light_verb(lemma)
            if lv is not None and any(
                c.dep_ in OBJ and self.lex.noun(c.lemma_) is not None and lv.accepts(c.lemma_)
                for c in t.children
            ):
                return None  # the object noun carries the event
            if any(t.lower_ == p[0] for p in self.mod.attribution_phrases):
                return None  # "according to X" says who reports, not what happened
            if lemma in self.mod.denial_verbs and any(c.dep_ == "ccomp" for c in t.children):
                return None  # "denied that ...": a modality of the clause, not an event
            particle = _particle(t)
            entry = self.lex.find_verb(lemma, particle)
            if entry is None:
                return None
            return self._verb_event(t, entry, aset)
        if t.pos_ == "NOUN":
            n_entry = self.lex.noun(lemma)
            if n_entry is None:
                return None
            return self._noun_event(t, n_entry, aset)
        return None

    # ------------------------------------------------------------------ main
    def extract(self, doc: Doc, aset: ActorSet) -> list[Event]:
        published = doc._.ag_published
        anchor = parse_anchor(published) if published else None
        self._date_anchor = anchor
        self._doc_dates = None
        self._modal_anchor = {}
        self._index_key = (0, 0)
        # KB id -> actor of this document, for the KB walks of _kin and _led_by.
        self._by_kb = {a.kb.id: a.index for a in aset.actors if a.kb is not None}
        self._last_found: tuple[int, list[Candidate]] = (-1, [])
        # Token.sent walks every sentence of the document each time: look them up here instead.
        self._sents = list(doc.sents)
        self._sent_starts = [x.start for x in self._sents]
        self._text = doc.text  # Doc.text joins every token again on each call
        # Sentences that can hold a threatened consequence, found without a pass over tokens.
        self._consequence_at = token_indices(doc, self._consequence_forms)
        self._aset = aset
        self._history = []
        cands: list[Candidate] = []
        for sent in self._sents:
            if not is_prose(doc, sent.start):
                continue
            found: list[Candidate] = []
            for t in sent:
                if t.pos_ not in {"VERB", "NOUN"} or t.i in aset.token_actor:
                    continue
                c = self._trigger(t, aset)
                if c is not None:
                    found.append(c)
            if self._consequence_at and any(
                sent.start <= i < sent.end for i in self._consequence_at
            ):
                found = self._threats(found, sent, aset)
            found = self._conditional_acts(found, aset)
            if not found:
                continue
            # "threatened to attack", "made to quit": the governing verb's event is the one;
            # it takes the complement's target when it has none ("threatened to shell X").
            by_trigger = {c.trigger.i: c for c in found}
            dropped: set[int] = set()
            for c in found:
                if any(
                    o.dep_ in OBJ
                    and a.dep_ == "acl"
                    and a.tag_ == "VBG"
                    and a.i in by_trigger
                    and self.lex.code_info(by_trigger[a.i].code).plover in ADDRESSED
                    for o in c.trigger.children
                    for a in o.children
                ):
                    # "adopted a resolution demanding X": the text's demand is the event.
                    dropped.add(c.trigger.i)
                    continue
                if any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.trigger.children):
                    # "warned it would act if they refused": the refusal is the warning's
                    # condition, not an event, when another event governs the clause.
                    up = c.trigger.head
                    for _ in range(4):
                        if up.i in by_trigger or up.head is up:
                            break
                        up = up.head
                    if up.i in by_trigger and up.i != c.trigger.i:
                        dropped.add(c.trigger.i)
                        continue
                outer = by_trigger.get(c.trigger.head.i)
                if (
                    c.trigger.dep_ == "ccomp"
                    and outer is not None
                    and outer.trigger.lemma_.lower() in self.mod.denial_verbs
                ):
                    # "X denied that Y attacked Z": the event is Y's attack, denied by X.
                    dropped.add(outer.trigger.i)
                    continue
                if (
                    c.trigger.dep_ == "ccomp"
                    and outer is not None
                    and self.lex.code_info(outer.code).plover == "STATEMENT"
                    and self.lex.code_info(c.code).plover != "STATEMENT"
                ):
                    # "announced that it will withdraw": the act announced is the event.
                    dropped.add(outer.trigger.i)
                    if not c.source:
                        c.source = outer.source
                    continue
                if c.trigger.dep_ == "pcomp" and c.trigger.head.head.i in by_trigger:
                    # "prevented X from attacking": the prevention is the event.
                    dropped.add(c.trigger.i)
                    continue
                if c.trigger.dep_ in {"xcomp", "ccomp"} and outer is not None and outer is not c:
                    dropped.add(c.trigger.i)
                    if not outer.target:
                        outer.target = [
                            g for g in c.target if not set(g) & {a for s in outer.source for a in s}
                        ]
                    if not outer.source:
                        outer.source = c.source
            for c in found:
                if c.target or c.trigger.i in dropped:
                    continue
                if self._answers(c.trigger) or (
                    self.lex.code_info(c.code).plover == "MOBILIZE" and c.source
                ):
                    # a retaliation, or a show of force: aimed at the latest attacker
                    c.target = self._last_attacker(c, found)
            found = [c for c in found if c.trigger.i not in dropped and self._keep(c)]
            self._share_targets(found)
            dates = self._sentence_dates(doc, sent)
            for c in found:
                self._finish(c, doc, aset, dates)
                if self.lex.code_info(c.code).plover in PATIENT_ONLY:
                    if not c.target and c.place is not None:
                        # "missiles struck the port in Odesa": the state whose ground was hit.
                        c.target = [[self._state_of(c.place, aset)]]
                    # "shelled Kharkiv": a place is hit as part of its state.
                    c.target = [
                        [self._state_of(g[0], aset)] if self._place_only([g]) else g
                        for g in c.target
                    ]
            self._continue_scene(found, sent)
            found = self._fold_visits(found)
            for c in found:
                cands.extend(_dyads(c))
            self._history.extend(found)
            self._last_found = (sent.start, found)
        return self._merge(doc, aset, self._context_targets(cands), published)

    def _continue_scene(self, found: list[Candidate], sent: Span) -> None:
        """An undated act told in the past tense right after a dated act by the same actor, in
        the same paragraph ("At a summit in Abuja on Sunday the bloc imposed sanctions. It gave
        the officers a week ..."), happened then and there."""
        if not self._history or sent.start == 0:
            return
        prev_sent = self._sent(sent.doc[sent.start - 1])
        gap = self._text[prev_sent.start_char : sent.start_char]
        if "\n" in gap[len(gap.rstrip()) :]:
            return  # a new paragraph
        last_start, last = self._last_found
        if last_start != prev_sent.start:
            return
        before = [p for p in last if p.date]
        for c in found:
            if c.date is not None or c.trigger.tag_ != "VBD" or c.said_at is not None:
                continue
            own = self._kin({a for g in c.source for a in g})
            for p in before:
                if own & {a for g in p.source for a in g}:
                    c.date = p.date
                    if c.place is None:
                        c.place = p.place
                    break

    def _fold_visits(self, found: list[Candidate]) -> list[Candidate]:
        """A trip to a place and a meeting there by the same party in one sentence ("flew to
        X, where she met Y") are one event: the meeting, placed at the destination."""
        out: list[Candidate] = []
        for c in found:
            if self._place_only(c.target) and self.lex.code_info(c.code).plover == "CONSULT":
                own = {a for g in c.source for a in g}
                meeting = next(
                    (
                        o
                        for o in found
                        if o is not c
                        and o.target
                        and not self._place_only(o.target)
                        and self.lex.code_info(o.code).plover == "CONSULT"
                        and own & {a for g in o.source for a in g}
                    ),
                    None,
                )
                if meeting is not None:
                    if meeting.place is None:
                        meeting.place = c.target[0][0]
                    continue
            out.append(c)
        return out

    def _sent(self, tok: Token) -> Span:
        """The sentence of a token (``Token.sent`` without its walk over the document)."""
        if not self._sent_starts or tok.doc is not self._sents[0].doc:
            return tok.sent
        return self._sents[bisect_right(self._sent_starts, tok.i) - 1]

    def _sentence_dates(self, doc: Doc, sent: Span) -> list[DateMention]:
        """The dates of a sentence, read with the whole text before it, so that "the same day",
        "hours later" and "the next day" count from the date last mentioned."""
        if self._doc_dates is None:
            self._doc_dates = find_dates(self._text, self._date_anchor)
            self._date_starts = [d.start for d in self._doc_dates]
        lo = bisect_left(self._date_starts, sent.start_char)
        hi = bisect_left(self._date_starts, sent.end_char)
        return self._doc_dates[lo:hi]

    def _says(self, t: Token) -> bool:
        """A verb of saying, or one the lexicon codes as a statement ("declared")."""
        if t.pos_ != "VERB":
            return False
        lemma = t.lemma_.lower()
        if lemma in self.mod.reporting_verbs:
            return True
        entry = self.lex.verb(lemma)
        return bool(entry and entry.code and self.lex.code_info(entry.code).plover == "STATEMENT")

    def _speaker(self, says: Token, aset: ActorSet) -> Groups:
        """Who a verb of saying has speak; a verb the parser hung on a name ("X's deputy, Y,
        declared") is that name's."""
        got = self._subject(says, aset)
        if not got and says.dep_ == "acl":
            got = self.groups_of(says.head, aset)
        return got

    def _threats(self, found: list[Candidate], sent: Span, aset: ActorSet) -> list[Candidate]:
        """Threats made as the consequence of an act ("if X attacks, it will pay a heavy price";
        "any attack would meet a firm response"): one THREATEN event by whoever says it against
        the act's author. The act itself is only the threat's condition and is dropped."""
        if not self.lex.consequences:
            return found
        out = list(found)
        for v in sent:
            if not consequence_verb(v, self.lex, self._modals):
                continue
            acts: list[Candidate] = []
            for cond in condition_clauses(v):
                acts += [
                    c
                    for c in found
                    if within(c.trigger, cond)
                    and self.lex.code_info(c.code).plover in PROVOKING
                    and c.source
                ]
            target: Groups = [g for c in acts for g in c.source]
            for subj in (c for c in v.children if c.dep_ in SUBJ | PASS_SUBJ):
                lemma = subj.lemma_.lower()
                entry = self.lex.noun(lemma) if subj.pos_ == "NOUN" else None
                hostile = entry is not None and entry.code is not None
                if entry is not None and entry.code is not None:
                    hostile = self.lex.code_info(entry.code).plover in PROVOKING
                if not hostile and not (subj.pos_ == "NOUN" and lemma in self.lex.anaphors):
                    continue  # "the launch", "the move": an act named before
                named = [c for c in found if c.trigger.i == subj.i]
                acts += named
                got = [g for c in named for g in c.source] or self._earlier_actor(subj)
                target += got
                # The act named by the subject, whether or not an event of its own was found.
                acts.append(Candidate(subj, THREAT_CODE, [], [], sent))
            if not acts:
                continue
            said_by = speaker_verb(v, frozenset(self.mod.reporting_verbs))
            governing = next(
                (c for c in found if said_by is not None and c.trigger.i == said_by.i), None
            )
            if governing is None and said_by is None:
                governing = next(
                    (
                        c
                        for c in found
                        if c is not v
                        and self.lex.code_info(c.code).plover == "THREATEN"
                        and v in c.trigger.subtree
                    ),
                    None,
                )
            speaker: Groups = []
            if governing is None and said_by is not None:
                speaker = self._subject(said_by, aset)
            elif governing is None:
                speaker, said_by = quote_or_caption_speaker(
                    sent,
                    aset,
                    self._says,
                    lambda t: self._speaker(t, aset),
                    self._sent,
                    self._text,
                )
            if governing is None and not speaker:
                continue  # no one makes the threat: the act stays, as hypothetical
            # The act and the consequence ("would meet a response", "will regret it") are the
            # threat's parts, not events of their own.
            dropped = {c.trigger.i for c in acts} | {t.i for t in own_clause(v)}
            out = [c for c in out if c.trigger.i not in dropped]
            if governing is not None:
                # "warned that any attack would …": the warning is the threat.
                if not governing.target:
                    governing.target = target
                continue
            own = {a for g in speaker for a in g}
            target = [g for g in target if not own & set(g)]
            threat = Candidate(v, THREAT_CODE, speaker, target, sent, threat=True, said_at=said_by)
            out.append(threat)
        return out

    def _conditional_acts(self, found: list[Candidate], aset: ActorSet) -> list[Candidate]:
        """Acts announced, not done, that others are to answer for:

        - an act promised on a condition another party controls ("will withdraw its troops
          unless X pays") is a threat against that party (events.yaml ``threat_codes``);
        - an act someone says another must do ("said X must return the aircraft") is the
          speaker's demand of X.
        """
        out: list[Candidate] = []
        modals = self._modals
        for c in found:
            t = c.trigger
            kind = self.lex.code_info(c.code).plover
            code = self.lex.threat_codes.get(kind)
            if (
                code is not None
                and c.source
                and any(a.dep_ == "aux" and a.lower_ in modals for a in t.children)
            ):
                own = self._kin({a for g in c.source for a in g})
                controlled = [
                    g
                    for cl in condition_clauses(t)
                    for sub in cl.children
                    if sub.dep_ in SUBJ | PASS_SUBJ
                    for g in self.groups_of(sub, aset)
                    if not own & set(g)
                ]
                if controlled:
                    c.code, c.threat = code, True
                    c.target = controlled
            if c.source and any(a.dep_ == "aux" and a.lower_ in OBLIGATION for a in t.children):
                said = t.head if t.dep_ == "ccomp" and t.head is not t else None
                speaker = self._subject(said, aset) if said is not None and self._says(said) else []
                own = {a for g in c.source for a in g}
                speaker = [g for g in speaker if not own & set(g)]
                if speaker:
                    # The act is not done; the demand of it is.
                    out.append(
                        Candidate(t, DEMAND, speaker, c.source, c.sent, threat=True, said_at=said)
                    )
                    continue
            out.append(c)
        return out

    def _context_targets(self, cands: list[Candidate]) -> list[Candidate]:
        """An act aimed at someone the sentence does not name ("Pakistani jets struck across
        the border", "the army rejected the claims") is aimed at the party the actor faces
        most often in the rest of the document; a call on no one ("China called for
        restraint") at both sides of the document's main hostile pair. Such targets are
        marked, and the event gets a lower confidence."""
        whole = [
            c
            for c in cands
            if c.source and c.target and not c.report_only and not self._place_only(c.target)
        ]
        for c in cands:
            if c.report_only:
                continue
            kind = self.lex.code_info(c.code).plover
            if not c.source and c.target and kind in PATIENT_ONLY:
                # "two soldiers were killed in an ambush": by the side they usually face.
                flipped = replace(c, source=c.target, target=[])
                best = self._usual_opponent(flipped, whole)
                if best:
                    c.source = [best]
                    c.target_from_context = True
                continue
            if not c.source or kind not in CONTEXT_TARGETED:
                continue
            if c.target and kind in PATIENT_ONLY and self._place_only(c.target):
                # "an attack on a base in El Carmen": a place the KB cannot put in a state says
                # where; the side hit is the attacker's usual opponent.
                best = self._usual_opponent(c, whole)
                if best:
                    c.place = c.place if c.place is not None else c.target[0][0]
                    c.target = [best]
                    c.target_from_context = True
                continue
            if c.target or self._thing_hit(c.trigger):
                continue
            best = self._usual_opponent(c, whole)
            if best:
                c.target = [best]
                c.target_from_context = True
            elif kind == "REQUEST":
                pair = self._main_pair(whole, self._kin({a for g in c.source for a in g}))
                if pair:
                    c.target = pair
                    c.target_from_context = True
        return [d for c in cands for d in _dyads(c)]

    def _thing_hit(self, trig: Token) -> bool:
        """Whether the act names what it was aimed at and that is a thing, not a party ("seized
        a car carrier", "attacks on merchant shipping"): then it has no party as target."""
        named = self._aset.token_actor
        for c in trig.children:
            if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.i not in named:
                return self.lex.noun(c.lemma_.lower()) is None and c.lower_ not in self.lex.anaphors
            if c.dep_ == "prep" and c.lower_ in {"on", "against"} and trig.pos_ == "NOUN":
                return any(
                    o.dep_ == "pobj" and o.pos_ == "NOUN" and o.i not in self._aset.token_actor
                    for o in c.children
                )
        return False

    def _party_index(self, whole: list[Candidate]) -> dict[int, list[Candidate]]:
        """Actor -> the events it is a party to, built once per list of events."""
        key = (id(whole), len(whole))
        if self._index_key != key:
            index: dict[int, list[Candidate]] = {}
            for o in whole:
                for a in {a for g in o.source + o.target for a in g}:
                    index.setdefault(a, []).append(o)
            self._index, self._index_key = index, key
        return self._index

    def _usual_opponent(self, c: Candidate, whole: list[Candidate]) -> list[int]:
        """The party the candidate's source faces most often in the document's other events
        (ties: the nearest); a state or organisation before a person; [] if none."""
        own = self._kin({a for g in c.source for a in g})
        score: dict[int, tuple[int, int]] = {}
        group_of: dict[int, list[int]] = {}
        # Only the events a party of ``own`` takes part in (long documents have thousands).
        index = self._party_index(whole)
        involved = {id(o): o for a in own for o in index.get(a, ())}
        for o in sorted(involved.values(), key=lambda o: o.trigger.i):
            o_src = {a for g in o.source for a in g}
            o_tgt = {a for g in o.target for a in g}
            if own & o_src and not own & o_tgt:
                others = o.target
            elif own & o_tgt and not own & o_src:
                others = o.source
            else:
                continue
            near = -abs(o.trigger.i - c.trigger.i)
            for g in others:
                a = g[0]
                if self._type(a) == "place" or a in own:
                    continue
                n, best = score.get(a, (0, near))
                score[a] = (n + 1, max(best, near))
                group_of.setdefault(a, g)
        if not score:
            return []
        best_actor = max(score, key=lambda a: (self._type(a) != "person", score[a]))
        return group_of[best_actor]

    def _side(self, g: list[int]) -> list[int]:
        """A party as a side: a person with the body they lead ("Burhan" -> the army, Burhan)."""
        if self._type(g[0]) == "person":
            led = self._led_by(g[0], self._aset)
            if led is not None and led not in g:
                return [led, *g]
        return g

    def _told(self) -> list[Candidate]:
        """The events reported so far with both their sides."""
        return [c for c in self._history if c.source and c.target]

    def _main_pair(self, whole: list[Candidate], own: set[int], hostile: bool = True) -> Groups:
        """The two sides of the document's most reported hostile pair (any pair, if not
        ``hostile``), neither the actor."""
        counts: dict[tuple[int, int], int] = {}
        groups: dict[int, list[int]] = {}
        for o in whole:
            if hostile and self.lex.code_info(o.code).plover not in HOSTILE:
                continue
            s, t = self._side(o.source[0]), self._side(o.target[0])
            if own & (set(s) | set(t)) or self._type(t[0]) == "place":
                continue
            key = (min(s[0], t[0]), max(s[0], t[0]))
            counts[key] = counts.get(key, 0) + 1
            groups.setdefault(s[0], s)
            groups.setdefault(t[0], t)
        if not counts:
            return []
        a, b = max(counts, key=lambda k: counts[k])
        return [groups[a], groups[b]]

    def _answers(self, trig: Token) -> bool:
        """Whether the trigger (or the verb it governs: "vowed to strike back") answers an act."""
        for t in [trig, *(c for c in trig.children if c.dep_ == "xcomp")]:
            particle = _particle(t)
            lemma = t.lemma_.lower()
            if lemma in self.lex.reciprocals or f"{lemma} {particle}" in self.lex.reciprocals:
                return True
        return False

    def _last_attacker(self, c: Candidate, same_sentence: list[Candidate]) -> Groups:
        """The author of the latest attack (or act of the same kind) reported before against
        the actor, else of the latest one by anyone else."""
        own = self._kin({a for g in c.source for a in g})
        others = [o for o in same_sentence if o is not c and o.trigger.i != c.trigger.i]
        hostile = [
            p
            for p in [*others, *reversed(self._history)]
            if p.source
            and not own & set(p.source[0])
            and self.lex.code_info(p.code).plover
            in {"ASSAULT", "MOBILIZE", self.lex.code_info(c.code).plover}
        ]
        for prev in hostile:
            if any(own & set(g) for g in prev.target):
                return prev.source[:1]
        for prev in hostile:
            if self.lex.code_info(prev.code).plover == "ASSAULT":
                return prev.source[:1]
        return []

    def _share_targets(self, found: list[Candidate]) -> None:
        """Coordinated verbs of one subject ("closed its border with X, froze the assets of its
        leaders and vowed a response"): one without a target of its own acts on its conjunct's."""

        def chain(t: Token) -> Token:
            while t.dep_ == "conj" and t.head is not t:
                t = t.head
            return t

        for c in found:
            if c.target or c.trigger.pos_ != "VERB":
                continue
            own = {a for g in c.source for a in g}
            for o in found:
                if (
                    o is not c
                    and o.target
                    and o.trigger.pos_ == "VERB"
                    and chain(o.trigger).i == chain(c.trigger).i
                    and own & {a for g in o.source for a in g}
                ):
                    c.target = list(o.target)
                    break

    def _finish(self, c: Candidate, doc: Doc, aset: ActorSet, dates: list[DateMention]) -> None:
        m = modality_of(self._modal_anchor.get(c.trigger.i, c.trigger), self.mod, c.sent)
        c.modality = m.modality
        if c.threat and c.modality in {"future", "hypothetical", "reported"}:
            # The threat is made, by the one who says it; what it threatens is to come.
            c.modality = "asserted"
            m.attribution_span = None
        if m.attribution_span is not None:
            c.attribution = m.attribution_span
            for tok in m.attribution_span:
                a = aset.token_actor.get(tok.i)
                if a is not None:
                    c.attribution_actor = a
                    break
        if c.said_at is not None:
            # A threat is made when and where it is said.
            at = c.said_at
            if self._sent(at).start != c.sent.start:
                dates = self._sentence_dates(at.doc, self._sent(at))
            c.date = self._date_for(at, dates)
            c.place = self._place_for(replace(c, trigger=at), aset)
        else:
            c.date = self._date_for(c.trigger, dates)
            c.place = self._place_for(c, aset)
        if c.date is not None and (
            c.modality in {"future", "intended"}
            or any(
                a.dep_ == "aux" and a.lower_ in self.mod.future_auxiliaries
                for a in c.trigger.children
            )
        ):
            c.date = weekday_ahead(c.date, self._date_anchor)
        s = c.sent
        c.evidence = [
            Evidence(
                start=s.start_char,
                end=s.end_char,
                text=s.text,
                sentence=sentence_index(doc, s.start),
            )
        ]

    def _date_for(self, trig: Token, dates: list[DateMention]) -> DateMention | None:
        """The trigger's own date, else (a conjoined verb) the date of the verb it is
        coordinated with: "on Sunday X closed A, suspended B and froze C"."""
        got = self._own_date(trig, dates)
        t = trig
        while got is None and t.dep_ == "conj" and t.pos_ == "VERB" and t.head.pos_ == "VERB":
            t = t.head
            got = self._own_date(t, dates)
        t = trig
        for _ in range(3):
            # "said the same evening that the group would respect the truce": an undated act
            # in what someone said takes the date of the saying.
            if got is not None or t.dep_ not in {"ccomp", "xcomp"} or t.head is t:
                break
            t = t.head
            got = self._own_date(t, dates)
        return got

    def _own_date(self, trig: Token, dates: list[DateMention]) -> DateMention | None:
        """The date whose nearest governing verb or trigger noun is this event's trigger (for a
        noun trigger, also the verb it depends on): "X met Y on Friday", "the meeting on 31
        October", "Y was attacked in the raid on Monday"."""
        if not dates:
            return None
        doc = trig.doc
        owners = _owners(trig, self._sent(trig).start)
        if trig.pos_ == "NOUN" and trig.head is not trig:
            h = trig.head if trig.head.pos_ in {"VERB", "AUX"} else trig.head.head
            if h.pos_ in {"VERB", "AUX"}:
                owners.add(h.i)
        best: DateMention | None = None
        for d in dates:
            if not d.value:
                continue
            tok = doc.char_span(d.start, d.end, alignment_mode="expand")
            if tok is None:
                continue
            if _governor(tok.root, owners) in owners and (
                best is None or abs(d.start - trig.idx) < abs(best.start - trig.idx)
            ):
                best = d
        return best

    def _state_of(self, place: int, aset: ActorSet) -> int:
        """The state of the document that a place lies in (by its KB country), else itself."""
        actor = aset.actors[place]
        country = actor.kb.country if actor.kb is not None else None
        if actor.type != "state" and country:
            for a in aset.actors:
                if a.type == "state" and a.kb is not None and a.kb.country == country:
                    return a.index
        return place

    def _place_for(self, c: Candidate, aset: ActorSet) -> int | None:
        """A place or state after in/at/near whose nearest governing verb is the trigger (or,
        for a noun trigger, the verb it depends on), that is not a party to the event."""
        trig = c.trigger
        owners = _owners(trig, self._sent(trig).start)
        if trig.pos_ == "NOUN" and trig.head.pos_ in {"VERB", "AUX"}:
            owners.add(trig.head.i)
        used = {a for g in c.source + c.target for a in g}
        scope = trig.head if trig.i != trig.head.i and trig.head.i in owners else trig
        for p in scope.subtree:
            if p.dep_ != "prep" or p.lower_ not in PLACE_PREPS:
                continue
            if _governor(p, owners) not in owners:
                continue
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                for a in self.actors_of(o, aset):
                    if aset.actors[a].type in {"place", "state"} and a not in used:
                        return a
        # "travelled to Niamey", "shelled the suburbs of Beirut": a place acted on is where
        # the event happens.
        for g in c.target:
            if self._place_only([g]):
                return g[0]
        place = self._clause_place(trig, aset, used)
        if place is None and self.lex.code_info(c.code).plover not in DATELINE_FAR:
            place = self._dateline_place(trig, aset)
        return place

    def _clause_place(self, trig: Token, aset: ActorSet, used: set[int]) -> int | None:
        """The place of a clause the trigger continues: "met in Abuja and imposed sanctions",
        "flew to Havana for the ceremony, where she signed". Never through a reported clause
        ("said in Paris that X attacked Y" does not put the attack in Paris)."""
        t = trig
        for _ in range(6):
            if t.head is t or t.dep_ in {"ccomp", "parataxis"}:
                return None
            if t.dep_ == "relcl" and not any(c.lower_ == "where" for c in t.children):
                return None
            t = t.head
            if t.pos_ not in {"VERB", "AUX"}:
                continue
            preps = PLACE_PREPS | ({"to"} if t.lemma_.lower() in MOTION_VERBS else set())
            for p in t.subtree:
                if p.dep_ != "prep" or p.lower_ not in preps or _governor(p, {t.i}) != t.i:
                    continue
                for o in p.children:
                    if o.dep_ != "pobj":
                        continue
                    for a in self.actors_of(o, aset):
                        if aset.actors[a].type in {"place", "state"} and a not in used:
                            return a
        return None

    def _dateline_place(self, trig: Token, aset: ActorSet) -> int | None:
        """The place of a dateline ("KHARTOUM — ...") for the lead sentence it opens."""
        start = self._sent(trig).start
        doc = trig.doc
        if start < 2 or doc[start - 1].text not in DATELINE_DASHES:
            return None
        dateline = self._sent(doc[start - 1])
        if not dateline_before(doc, start - 1):
            return None
        for k in range(dateline.start, start - 1):
            a = aset.token_actor.get(k)
            if a is not None and aset.actors[a].type in {"place", "state"}:
                return a
        return None

    def _merge(
        self, doc: Doc, aset: ActorSet, cands: list[Candidate], published: str | None
    ) -> list[Event]:
        """One event per real-world event: same type, overlapping parties, agreeing dates."""
        events: list[Event] = []
        kept: list[tuple[str, set[int], set[int], str | None]] = []
        guessed: list[bool] = []
        # A claim and its denial are kept side by side, never folded into one event.
        denial: list[bool] = []
        for c in cands:
            info = self.lex.code_info(c.code)
            etype = info.plover
            src = set(c.source[0]) if c.source else set()
            tgt = set(c.target[0]) if c.target else set()
            date_val = c.date.value if c.date else None
            match = None
            for n, (ktype, ks, kt, kdate) in enumerate(kept):
                if ktype != etype:
                    continue
                if not c.report_only and (
                    (c.target_from_context and not c.joins_known) or guessed[n]
                ):
                    continue  # a guessed target says nothing about which event it is
                if not c.report_only and (c.modality in NEGATIVE) != denial[n]:
                    continue
                if c.report_only:
                    same = bool(self._kin(ks) & self._kin(src))
                else:
                    same = bool(ks & src and kt & tgt) or bool(
                        etype in SYMMETRIC and ks & tgt and kt & src
                    )
                if not same or (kdate and date_val and not date_agrees(kdate, date_val)):
                    continue
                match = n
                break
            if match is not None:
                ev = events[match]
                ev.mentions.extend(c.evidence)
                if c.modality == "asserted" and ev.modality in UNCERTAIN:
                    # Said plainly elsewhere in the article: it happened.
                    ev.modality = "asserted"
                kdate = kept[match][3]
                if c.date is not None and date_val and (kdate is None or _finer(date_val, kdate)):
                    # A later report may date the event more precisely ("on 20 October").
                    ev.date = c.date.to_value("text")
                    kept[match] = (etype, kept[match][1], kept[match][2], date_val)
                continue
            if c.report_only:
                continue
            events.append(self._event(len(events) + 1, c, info, aset, published))
            kept.append((etype, src, tgt, date_val))
            guessed.append(c.target_from_context)
            denial.append(c.modality in NEGATIVE)
        return events

    def _kin(self, ids: set[int]) -> set[int]:
        """These actors and the bodies they belong to (an army and its state), by the KB."""
        out = set(ids)
        for a in ids:
            kb = self._aset.actors[a].kb
            for _ in range(4):
                if kb is None or kb.parent is None:
                    break
                parent = self._by_kb.get(kb.parent)
                if parent is None:
                    break
                out.add(parent)
                kb = self._aset.actors[parent].kb
        return out

    def _event(
        self, n: int, c: Candidate, info: CodeInfo, aset: ActorSet, published: str | None
    ) -> Event:
        if c.date is not None:
            date = c.date.to_value("text")
        elif published:
            date = DateValue(
                value=published, precision=_precision(published), text=None, basis="publication"
            )
        else:
            date = DateValue(value=None)
        attribution = None
        if c.attribution is not None:
            actor = aset.actors[c.attribution_actor].id if c.attribution_actor is not None else None
            attribution = Attribution(text=c.attribution.text, actor=actor)
        trig = c.trigger
        return Event(
            id=f"e{n}",
            type=info.plover,
            mode=info.mode,
            cameo=c.code,
            goldstein=info.goldstein,
            trigger=TextSpan(start=trig.idx, end=trig.idx + len(trig), text=trig.text),
            source=[aset.actors[a].id for a in c.source[0]] if c.source else [],
            target=[aset.actors[a].id for a in c.target[0]] if c.target else [],
            date=date,
            place=aset.actors[c.place].id if c.place is not None else None,
            modality=c.modality,  # type: ignore[arg-type]
            attribution=attribution,
            evidence=c.evidence[0],
            mentions=list(c.evidence),
            confidence=0.4 if c.target_from_context else 0.6,
        )


def _dyads(c: Candidate) -> list[Candidate]:
    """One candidate per source-target pair of conjuncts, as event data counts them."""
    if not c.target:
        return [replace(c, source=[s]) for s in c.source]
    if not c.source:
        return [replace(c, target=[t]) for t in c.target]
    if len(c.source) == 1 and len(c.target) == 1:
        return [c]
    return [
        replace(c, source=[s], target=[t]) for s in c.source for t in c.target if set(s) != set(t)
    ]


def _inflections(word: str) -> set[str]:
    """Regular English forms of a word ("expose" -> "exposed", "exposes", "exposing")."""
    stem = word[:-1] if word.endswith("e") else word
    forms = {word, word + "s", word + "es", word + "d", word + "ed", stem + "ing", stem + "ed"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def _particle(verb: Token) -> str | None:
    """The verb's particle; the parser sometimes tags one as an adverb ("pressed ahead")."""
    for c in verb.children:
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES):
            return c.lower_
    return None


def _heads_subject(t: Token) -> bool:
    """Whether a name token is (part of) a clause subject."""
    while t.dep_ in {"compound", "flat", "appos"} and t.head is not t:
        t = t.head
    return t.dep_ in SUBJ | PASS_SUBJ


def repair_verb_lemmas(doc: Doc, lex: Lexicon) -> None:
    """Inflected verbs the model lemmatises wrongly ("staged" -> "stag"): when the lemma is
    no verb of the lexicon but the word stripped of its ending is, take that."""
    known = lex.verbs.keys() | lex.light_verbs.keys()
    for t in doc:
        if t.tag_ not in INFLECTED or t.lemma_.lower() in known:
            continue
        w = t.lower_
        for ending, stems in VERB_ENDINGS:
            if w.endswith(ending) and len(w) > len(ending) + 2:
                base = w[: -len(ending)]
                hit = next((c for c in (base + s for s in stems) if c in known), None)
                if hit is None and len(base) > 3 and base[-1] == base[-2]:
                    hit = base[:-1] if base[:-1] in known else None  # "stopped" -> "stop"
                if hit is not None:
                    t.lemma_ = hit
                break


def _owners(trig: Token, sent_start: int) -> set[int]:
    """Tokens whose dates and places are the trigger's: itself and, for a clause on a noun
    ("the visit on 3 May, when she met X"), that noun."""
    owners = {trig.i}
    if trig.dep_ == "relcl" and trig.head.pos_ == "NOUN":
        owners.add(trig.head.i)
    when = next((c for c in trig.children if c.lower_ == "when" and c.i < trig.i), None)
    if when is not None and when.i > sent_start:
        # "her visit on 3 May, when she met X" parsed with the clause on the main verb.
        t = trig.doc[when.i - 1]
        if t.is_punct and t.i > sent_start:
            t = trig.doc[t.i - 1]
        for _ in range(3):
            if t.pos_ == "NOUN":
                owners.add(t.i)
                break
            if t.pos_ in {"VERB", "AUX"} or t.head is t:
                break
            t = t.head
    if trig.dep_ == "acl" and trig.head.dep_ in OBJ and trig.head.head.pos_ == "VERB":
        owners.add(trig.head.head.i)  # "adopted on Monday a text demanding ..."
    if trig.pos_ == "NOUN":
        # "the rift caused in 2011 by X": the participle on the noun tells of the same act.
        owners.update(c.i for c in trig.children if c.dep_ == "acl" and c.tag_ == "VBN")
    return owners


def _governor(tok: Token, owners: set[int]) -> int:
    """The nearest verb (or owner of the trigger's dates) above a token in the parse."""
    t = tok
    for _ in range(12):
        if t.i in owners or (t.pos_ in {"VERB", "AUX"} and t.i != tok.i):
            return t.i
        if t.head is t:
            return t.i
        t = t.head
    return t.i


def _finer(a: str, b: str) -> bool:
    """Whether date value a is more precise than b (a range is the least precise)."""

    def rank(v: str) -> int:
        return 0 if "/" in v else len(v)

    return rank(a) > rank(b)


def _precision(value: str) -> DatePrecision:
    precision: dict[int, DatePrecision] = {4: "year", 7: "month", 10: "day"}
    return precision.get(len(value), "unknown")
