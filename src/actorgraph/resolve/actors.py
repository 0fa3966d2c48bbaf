"""Group a document's actor mentions into actors.

The steps, in order:

1. name mentions: spaCy entities, cleaned of determiners, honorifics and possessives, split at an
   inner possessive ("ORG's PERSON"); names the KB knows that the model missed; demonyms (the
   adjective of a state is a mention of the state);
2. actors: one per KB entry, else one per normalised name; a person's surname or a variant of his
   given name joins the person already named;
3. types: the KB's, else a vote over the whole document (model labels, honorifics, place nouns);
4. sub-organisations ("ORG's armed wing", "the central committee") as actors of their own;
5. titles standing for a person ("ORG's chairman", see roles.py) and pronouns (he, his) attached to
   the person they refer to;
6. an actor named only outside running prose (menus, captions, headings) is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.attrs import IS_ALPHA, IS_DIGIT, IS_LOWER, IS_UPPER
from spacy.tokens import Doc, Token

from actorgraph.kb import KBEntry, KnowledgeBase, normalize_name
from actorgraph.kb.gazetteer import Gazetteer
from actorgraph.nlp.scan import token_indices
from actorgraph.resolve.lexicon import HYPHENS, ActorLexicon, PhraseHits
from actorgraph.resolve.model import (
    DETERMINERS,
    ORG_TYPES,
    POSSESSIVE,
    ActorSet,
    DocContext,
    Mention,
    ResolvedActor,
    active,
    antecedent,
    capitalised,
    is_prose,
)
from actorgraph.resolve.places import locate_places
from actorgraph.resolve.roles import RolePatterns, attach_titles

__all__ = [
    "DETERMINERS",
    "POSSESSIVE",
    "ActorResolver",
    "ActorSet",
    "Mention",
    "ResolvedActor",
    "is_prose",
]

MAX_NAME_TOKENS = 7
# A town the model missed is taken from the gazetteer only when this many people live there.
MIN_TOWN_POPULATION = 20000
# A name never ends on these: the model ran it on into the phrase that follows.
TRAILING_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on"})
NOMINALISATION = re.compile(r"(?:isation|ization)$")
ORDINAL = re.compile(r"\d{1,4}(?:st|nd|rd|th)", re.IGNORECASE)
# Splits a token at its hyphens and dashes ("U.S.-Iraq").
HYPHEN_SPLIT = re.compile("|".join(map(re.escape, sorted(HYPHENS))))
# Marks no name runs across: a comma of a list, quotation marks, brackets and long dashes.
NAME_BREAKS = frozenset({",", '"', "“", "”", "(", ")", "[", "]", "—", "–", ";"})


class ActorResolver:
    def __init__(self, kb: KnowledgeBase, lex: ActorLexicon) -> None:
        self.kb = kb
        self.lex = lex
        # Per KB entry, not per document: threads may fill it at once, and write the same answer.
        self._title_cache: dict[str, bool] = {}
        self._state_named_cache: dict[str, bool] = {}
        self._place_cache: dict[tuple[str, str], KBEntry] = {}
        self._acronym_cache: dict[tuple[str, str], bool] = {}
        self._place_words = lex.place_preps | lex.locative_preps
        roles = lex.raw.get("roles", {})
        self._role_words = [
            normalize_name(p).split()
            for p in roles.get("leader_of", []) + roles.get("deputy_leader_of", [])
            if len(normalize_name(p).split()) > 1 or normalize_name(p) in lex.title_heads
        ] + [
            # an office of several words ("secretary of state") is no body either
            normalize_name(p).split()
            for p in roles.get("member_of", [])
            if len(normalize_name(p).split()) > 1
        ]
        # Case matters: a prefix in capitals names a ship, the same letters as a title a woman.
        self._vessel = frozenset(lex.raw.get("vessel_prefixes", []))
        self.role_patterns = RolePatterns.load(lex)
        self._towns = Gazetteer.default()

    # ---------------------------------------------------------------- step 1: name mentions
    def _clean(self, ctx: DocContext, start: int, end: int) -> tuple[int, int]:
        """Drop determiners, honorifics and trailing possessives from a token range."""
        texts, lowers, capitals = ctx.texts, ctx.lowers, ctx.capitals
        # A title begun before the range may end inside it: "Secretary of [State NAME]".
        for k in range(max(0, start - 3), start):
            if k not in ctx.title_starts:
                continue  # no title begins here (most words)
            for hits in (ctx.honorifics, ctx.roles):
                hit = hits.match(k, end)
                if hit and start < hit[0] < end:
                    start = hit[0]
        changed = True
        while changed and start < end:
            changed = False
            if lowers[start] in DETERMINERS or self._opening_preposition(ctx, start, end):
                start += 1
                changed = True
                continue
            if (
                end - start > 2
                and NOMINALISATION.search(lowers[start])
                and lowers[start + 1] == "of"
            ):
                start += 2  # "the Norlandisation of ORG": a process, the actor after "of"
                changed = True
                continue
            hit = ctx.honorifics.match(start, end)
            if hit and hit[0] < end and capitals[hit[0]]:
                start = hit[0]
                changed = True
        # Tokens only for the last word or two: cheaper than arrays of the whole document.
        doc = ctx.doc
        while end > start and (
            texts[end - 1] in POSSESSIVE
            or lowers[end - 1] in TRAILING_FUNCTION_WORDS
            or (last := doc[end - 1]).is_punct
            or last.is_space
        ):
            end -= 1
        if end - start == 1 and NOMINALISATION.search(lowers[start]):
            return end, end  # "the Norlandisation": a process, no name
        # "Navy Capt. NAME", "Army Gen. NAME": a rank run into the service before the holder
        after = end + 1 if end < len(texts) and texts[end] == "." else end
        if after < len(texts) and capitals[after]:
            for k in range(start + 1, end):
                hit = ctx.honorifics.match(k)
                if hit is not None and hit[0] >= end:
                    return start, k
        return start, end

    def _short_bodies(self, ctx: DocContext, taken: set[int]) -> Iterable[Mention]:
        """ "the Coalition struck ...": a capitalised body word standing alone (no capitalised
        word beside it) names an organisation."""
        doc = ctx.doc
        for i in token_indices(doc, self.lex.short_body_names):
            if i in taken or not _short_body_at(ctx, i):
                continue
            m = Mention(i, i + 1, "name", prose=is_prose(doc, i))
            m.votes["organization"] += 2
            taken.add(i)
            yield m

    def _opening_places(self, ctx: DocContext, taken: set[int]) -> Iterable[Mention]:
        """ "Near Vessa, ...", "In Dorvik, ...": capitalised words between a preposition of
        place that opens a sentence and a comma name a place, even when the model missed it."""
        doc, texts, lowers, capitals, pos = ctx.doc, ctx.texts, ctx.lowers, ctx.capitals, ctx.pos
        for sent in doc.sents:
            sent_start = sent.start
            if (
                lowers[sent_start] not in self.lex.place_preps
                or not texts[sent_start][:1].isupper()
            ):
                continue
            end = sent_start + 1
            while (
                end < len(doc)
                and end - sent_start <= MAX_NAME_TOKENS
                and (
                    (capitals[end] and pos[end] == "PROPN")
                    or lowers[end] in self.lex.name_particles
                )
            ):
                end += 1
            if end == sent_start + 1 or end >= len(doc) or texts[end] != ",":
                continue
            if any(k in taken for k in range(sent_start + 1, end)):
                continue
            if self._resolvable(ctx, sent_start + 1, end):
                continue  # the KB knows the name: the gazetteer takes it
            m = Mention(sent_start + 1, end, "name", prose=is_prose(doc, sent_start))
            m.votes["place"] += 3
            taken.update(range(m.start, m.end))
            yield m

    def _towns_after_prepositions(self, ctx: DocContext, taken: set[int]) -> Iterable[Mention]:
        """ "the advances around Dorvik": a proper noun after a preposition of place that the
        model gave no actor's label (or none) is a place when the town gazetteer knows a town of
        that name big enough to be news."""
        doc, texts, pos = ctx.doc, ctx.texts, ctx.pos
        lowers, preps = ctx.lowers, self.lex.locative_preps
        for i in range(1, len(doc)):
            if lowers[i - 1] not in preps:
                continue  # checked first: most words follow no preposition of place
            if i in taken or i in ctx.not_actors or i in ctx.unit_tokens or pos[i] != "PROPN":
                continue
            t = doc[i]
            if (
                not t.is_alpha
                or not t.is_title
                or t.ent_type_ not in {"", "PRODUCT", "WORK_OF_ART"}
            ):
                continue
            end = i + 1
            if end < len(doc) and (pos[end] == "PROPN" or texts[end] in HYPHENS):
                continue  # part of a longer name: not this step's
            towns = self._towns.lookup(t.text)
            if not towns or max(x.population for x in towns) < MIN_TOWN_POPULATION:
                continue
            if self._resolvable(ctx, i, end) or t.lower_ in self.lex.generic_words:
                continue
            m = Mention(i, end, "name", prose=is_prose(doc, i))
            m.votes["place"] += 3
            taken.add(i)
            yield m

    def _opening_preposition(self, ctx: DocContext, start: int, end: int) -> bool:
        """A capitalised preposition of place the model ran into the name that follows it
        ("Near Vessa, a strike hit a depot"): the name starts after it."""
        return (
            end - start > 1
            and ctx.lowers[start] in self._place_words
            and ctx.texts[start][:1].isupper()
            and ctx.capitals[start + 1]
        )

    def _is_event_name(self, ctx: DocContext, start: int, end: int) -> bool:
        heads, lowers = self.lex.event_name_heads, ctx.lowers
        if lowers[start] in heads or lowers[end - 1] in heads:
            return True
        # "the Norland Book of Laws", "the Vessa Treaty of Peace": the head before "of"
        return any(lowers[k] == "of" and lowers[k - 1] in heads for k in range(start + 1, end))

    def _before_document_name(self, ctx: DocContext, start: int, end: int) -> int:
        """ "ORG Resolution 123": a document's numbered name after its issuer; the issuer is the
        actor."""
        heads, lowers = self.lex.event_name_heads, ctx.lowers
        for k in range(start + 1, end - 1):
            if lowers[k] in heads and all(t.like_num for t in ctx.doc[k + 1 : end]):
                return k
        return end

    def _lookup(
        self, ctx: DocContext, start: int, end: int, text: str | None = None
    ) -> list[KBEntry]:
        """KB entries named by tokens [start, end) (``text``: their text, when known)."""
        if text is None:
            text = ctx.text(start, end)
        if not text.strip() or _stop_word_in_capitals(ctx, start, end):
            return []
        found: list[KBEntry] = []
        for e in self.kb.lookup(text):
            if self._is_title(e) or self._acronym_only(e, text):
                continue
            if self._state_named(e):
                place = self._as_place(e, text)
                if place is not None:
                    found.append(place)
                continue
            found.append(e)
        if any(e.country and e.type == "organization" for e in found):
            owner = self._owner_state(ctx, start)
            if owner is not None and owner.country:
                # A body named after its state ("STATE's NAME") is not another state's body of the
                # same name.
                found = [
                    e
                    for e in found
                    if e.type != "organization" or e.country in {None, owner.country}
                ]
        return found

    def _owner_state(self, ctx: DocContext, start: int) -> KBEntry | None:
        """The state named right before a name as its owner: "STATE's" or its adjective."""
        possessive = start > 0 and ctx.texts[start - 1] in POSSESSIVE
        end = start - 1 if possessive else start
        for a in range(max(0, end - 3), end):
            span = ctx.text(a, end)
            if possessive:
                state = next((e for e in self.kb.lookup(span) if e.type == "state"), None)
            else:
                state = self.kb.demonym(span)
            if state is not None and state.type == "state":
                return state
        return None

    def _acronym_only(self, entry: KBEntry, text: str) -> bool:
        """The text matches the entry only through an acronym written otherwise ("Isa" is no
        "ISA"): an acronym names an actor in capitals only."""
        if entry.type == "person" or text.isupper() or not any(c.isupper() for c in text):
            return False  # the source dictionaries write people's names in capitals
        if len(text) > 8:
            return False
        key = normalize_name(text)
        cached = self._acronym_cache.get((entry.id, key))
        if cached is None:
            hits = [n for n in (entry.name, *entry.aliases) if normalize_name(n) == key]
            letters = [n.replace(".", "") for n in hits]
            cached = bool(hits) and all(
                w.isalpha() and w.isupper() and len(w) <= 4 for w in letters
            )
            self._acronym_cache[(entry.id, key)] = cached
        return cached

    def _state_named(self, entry: KBEntry) -> bool:
        """A KB person whose name is a state's is a listing error of the source dictionary (a
        country filed among people, with its towns as aliases), never a person of the text."""
        if entry.type != "person":
            return False
        cached = self._state_named_cache.get(entry.id)
        if cached is None:
            cached = any(e.type == "state" for e in self.kb.lookup(entry.name))
            cached = cached or self.kb.demonym(entry.name) is not None
            self._state_named_cache[entry.id] = cached
        return cached

    def _as_place(self, entry: KBEntry, text: str) -> KBEntry | None:
        """What a name listed under a state-named KB person stands for: the state itself under
        its own name, else a place in that state (the entry's other aliases are its towns and
        provinces)."""
        key = normalize_name(text)
        if key == normalize_name(entry.name):
            return None
        cached = self._place_cache.get((entry.id, key))
        if cached is None:
            state = next((e for e in self.kb.lookup(entry.name) if e.type == "state"), None)
            state = state or self.kb.demonym(entry.name)
            if state is None:
                return None
            cached = KBEntry.model_validate(
                {
                    "id": f"{entry.id}/{'-'.join(key.split())}",
                    "name": text,
                    "type": "place",
                    "country": state.country,
                    "located_in": state.id,
                    "origin": entry.origin,
                }
            )
            self._place_cache[(entry.id, key)] = cached
        return cached

    def _is_title(self, entry: KBEntry) -> bool:
        """The Phoenix dictionaries list some offices as actors (ORG + a title); in actorgraph an
        office is a role of a person, so such entries are not names."""
        if entry.origin == "curated" or entry.type == "person":
            return False
        cached = self._title_cache.get(entry.id)
        if cached is None:
            words = normalize_name(entry.name).split()
            cached = any(
                words[i : i + len(w)] == w for w in self._role_words for i in range(len(words))
            )
            self._title_cache[entry.id] = cached
        return cached

    def _name_mentions(self, ctx: DocContext, units: list[tuple[int, int, str]]) -> list[Mention]:
        """Name mentions: KB names of several words first (they are the surest), then the
        model's entities, then single-word KB names the model missed.

        Leaves in ``ctx`` the sub-unit tokens no name took and the tokens of ships and weapons.
        """
        ctx.unit_tokens = {k for a, b, _ in units for k in range(a, b)}
        self._vessel_names(ctx)
        out: list[Mention] = [
            *self._qualified_places(ctx),
            *self._led_bodies(ctx),
            *self._numbered_units(ctx),
        ]
        taken0 = {k for m in out for k in range(m.start, m.end)}
        out.extend(self._ordinal_units(ctx, taken0))
        taken: set[int] = {k for m in out for k in range(m.start, m.end)}
        out.extend(self._gazetteer(ctx, taken, min_tokens=2))
        taken.update(k for m in out for k in range(m.start, m.end))
        ctx.unit_tokens -= taken  # a demonym and a unit word may form a KB name of their own
        for start, end, label in self._entities(ctx):
            out.extend(self._entity_names(ctx, start, end, label, taken))
        out.extend(self._opening_places(ctx, taken))
        out.extend(self._towns_after_prepositions(ctx, taken))
        out.extend(self._short_bodies(ctx, taken))
        out.extend(self._gazetteer(ctx, taken | ctx.unit_tokens | ctx.not_actors))
        out = [m for m in out if not self._generic(ctx, m)]
        out.sort(key=lambda m: m.start)
        return out

    def _vessel_names(self, ctx: DocContext) -> None:
        """Ships' names after a prefix ("HMS Tolmen"), whether or not the model saw a name: the
        name alone later in the text is still the ship."""
        doc = ctx.doc
        for i in token_indices(doc, {v.lower() for v in self._vessel}):
            if doc[i].text not in self._vessel:
                continue  # "Ms", "ss": a prefix counts in capitals only
            end = i + 1
            while end < len(doc) and end - i <= 3 and ctx.capitals[end]:
                end += 1
            if end > i + 1:
                ctx.vessel_names.add(normalize_name(ctx.text(i + 1, end)))

    def _entity_names(
        self, ctx: DocContext, start: int, end: int, label: str, taken: set[int]
    ) -> list[Mention]:
        """The names in one entity of the model: several when it runs over a possessive, a
        preposition or a comma; none when it names a ship or a weapon. Adds them to ``taken``."""
        start, end = self._clean(ctx, start, end)
        if start >= end or any(i in taken for i in range(start, end)):
            return []
        kept = self._without_equipment(ctx, start, end)
        if kept < end:
            # A ship's or a weapon's name is no actor, and the gazetteer must not find it again;
            # the owner named before the model's name still is one.
            ctx.not_actors.update(range(kept, end))
            ctx.vessel_names.add(normalize_name(ctx.text(kept, end)))
            if kept == start:
                return []
            end = kept
        if normalize_name(ctx.text(start, end)) in ctx.vessel_names:
            ctx.not_actors.update(range(start, end))
            return []  # the ship named again without its prefix
        if label == "person" and any(ctx.flags(IS_DIGIT)[start:end]):
            return []  # "Passcode 3080897": no person's name has figures
        if _stop_word_in_capitals(ctx, start, end):
            return []
        if end - start == 1 and self._glued_states(ctx.texts[start]):
            ctx.not_actors.add(start)  # "U.S.-Iraq" as one token: two states, neither alone
            return []
        pieces = self._split_possessive(ctx, start, end)
        out = []
        for a, b in pieces:
            piece_label = label if len(pieces) == 1 else None
            if piece_label is None and a > start:
                # "ORG's NAME", "PLACE NAME": the model's person label is the last piece's
                piece_label = "person" if self._person_shaped(ctx, a, b) else None
            m = self._piece_name(ctx, a, b, piece_label, taken)
            if m is not None:
                out.append(m)
                taken.update(range(m.start, m.end))
        return out

    def _piece_name(
        self, ctx: DocContext, start: int, end: int, label: str | None, taken: set[int]
    ) -> Mention | None:
        """The name mention of one piece of an entity, unless it is a unit, an event's or a
        document's name or the first word of a title."""
        start, end = self._clean(ctx, start, end)
        if start >= end or any(i in taken for i in range(start, end)):
            return None
        cut = self._before_unit(ctx, start, end)
        if cut is None:
            return None
        end = self._before_title(ctx, start, self._before_document_name(ctx, start, cut))
        if self._is_event_name(ctx, start, end):
            # "the Vessa Agreement": no place inside it is an actor either
            ctx.not_actors.update(range(start, end))
            return None
        if self._starts_title(ctx, start, end):
            return None
        if label == "person":
            start = self._given_name_before(ctx, start, taken)
        else:
            start = self._name_before_particle(ctx, start, taken)
        kin = end < len(ctx.lowers) and ctx.lowers[end] in self.lex.kin_group_nouns
        m = self._make_name(ctx, start, end + 1 if kin else end, label)
        if m is not None and kin:
            m.votes["organization"] += 3
        return m

    def _name_before_particle(self, ctx: DocContext, start: int, taken: set[int]) -> int:
        """ "Dayr az Zawr": a lower-case particle and a capitalised word before the model's name
        belong to it."""
        if start < 2:
            return start
        particle, first = start - 1, start - 2
        pos = ctx.pos
        if (
            ctx.flags(IS_LOWER)[particle]
            and ctx.lowers[particle] in self.lex.name_particles
            # "on Tuesday at Vessa": an English preposition or article is no particle
            and pos[particle] not in {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PRON"}
            and ctx.capitals[first]
            and pos[first] == "PROPN"
            and start - 2 not in taken
            and start - 1 not in taken
        ):
            return start - 2
        return start

    def _before_title(self, ctx: DocContext, start: int, end: int) -> int:
        """ "ORG Press Secretary NAME": where a title begun inside the model's name runs on
        past it, the name ends before the title."""
        for k in range(start + 1, end):
            hit = ctx.roles.match(k)
            if hit is None:
                continue
            # The title runs past the name, or it ends the name after a known one and the
            # holder's name follows ("STATE Secretary of State NAME"): the name is what stands
            # before it.
            holder_after = end < len(ctx.capitals) and ctx.capitals[end]
            if hit[0] > end or (hit[0] == end and holder_after and self._resolvable(ctx, start, k)):
                return k
        return end

    def _given_name_before(self, ctx: DocContext, start: int, taken: set[int]) -> int:
        """A person's name the model starts at a particle ("al-Zarqi", "bin Hadi") has its
        given name right before it when a capitalised proper noun stands there."""
        first = ctx.lowers[start].split("-")[0]
        if first not in self.lex.name_particles or start == 0:
            return start
        k = start - 1
        if (
            k in taken
            or ctx.pos[k] != "PROPN"
            or not ctx.capitals[k]
            or ctx.roles.match(k) is not None
            or ctx.honorifics.match(k) is not None
            or self._resolvable(ctx, k, k + 1)
        ):
            return start
        return k

    def _before_unit(self, ctx: DocContext, start: int, end: int) -> int | None:
        """Where a name ends before a sub-unit phrase inside it: the unit stage takes the unit,
        this stage the owner written before it (None when the unit opens the range). When what
        stands before is no known name, the whole range is one name and no unit."""
        inner = [k for k in range(start, end) if k in ctx.unit_tokens]
        if not inner:
            return end
        first = min(inner)
        if first == start:
            return None
        if self._resolvable(ctx, start, first):
            return first
        ctx.unit_tokens.difference_update(range(start, end))
        return end

    def _qualified_places(self, ctx: DocContext) -> Iterable[Mention]:
        """ "X-controlled PLACE": the part of a region that one side holds is a place of its
        own. A state stays itself."""
        doc = ctx.doc
        for i in token_indices(doc, self.lex.control_participles):
            if not (2 <= i < len(doc) - 1 and ctx.texts[i - 1] in HYPHENS):
                continue
            start, name = i - 2, i + 1
            if not ctx.capitals[start] or not ctx.capitals[name]:
                continue
            end = name + 1
            while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].pos_ == "PROPN":
                end += 1
            entries = self._lookup(ctx, name, end)
            if any(e.type != "place" for e in entries):
                continue
            if not entries and doc[name].ent_type_ not in {"GPE", "LOC"}:
                continue
            m = Mention(start, end, "name", prose=is_prose(doc, start))
            m.votes["place"] += 3
            yield m

    def _led_bodies(self, ctx: DocContext) -> Iterable[Mention]:
        """ "the Norland-led coalition": a body named by who leads it is an organisation, and
        the whole phrase is its name."""
        doc, capitals, pos = ctx.doc, ctx.capitals, ctx.pos
        for i in token_indices(doc, self.lex.led_participles):
            if not (2 <= i < len(doc) - 1 and ctx.texts[i - 1] in HYPHENS):
                continue
            if ctx.lowers[i + 1] not in self.lex.led_bodies or not capitals[i - 2]:
                continue
            start = i - 2
            while start > 0 and capitals[start - 1] and pos[start - 1] == "PROPN":
                start -= 1
            m = Mention(start, i + 2, "name", prose=is_prose(doc, start))
            m.kb = self._lookup(ctx, start, i + 2)
            m.votes["organization"] += 3
            yield m

    def _numbered_units(self, ctx: DocContext) -> Iterable[Mention]:
        """ "Task Force 50", "CTF 150", "Unit 8200": a unit named by a number after a unit word
        or an abbreviation is an organisation, number and all."""
        doc, texts, digits = ctx.doc, ctx.texts, ctx.flags(IS_DIGIT)
        for i in range(1, len(doc)):
            if not (digits[i] and len(texts[i]) <= 5) or ctx.spaces[i - 1] == "":
                continue  # checked on the arrays first: most tokens are no number
            num, before = doc[i], doc[i - 1]
            acronym = before.is_upper and before.is_alpha and 2 <= len(before) <= 6
            if acronym and (len(num) > 3 or (i > 1 and doc[i - 2].text == "(")):
                continue  # "USS Vessa (DDG 70)": a ship's hull number
            if not acronym and not (
                _capitalised(before) and before.lower_ in self.lex.numbered_unit_words
            ):
                continue
            after = doc[i + 1] if i + 1 < len(doc) else None
            if after is not None and (
                after.like_num or (after.is_lower and after.pos_ in {"NOUN", "ADJ"})
            ):
                continue  # "CTF 50 000", "RDF 12 fighters": a figure, not a name
            start = i - 1
            while (
                not acronym
                and start > 0
                and _capitalised(doc[start - 1])
                and not doc[start - 1].is_sent_start
                and doc[start - 1].lower_ not in self.lex.generic_words
            ):
                start -= 1
            if doc[start].lower_ in DETERMINERS:
                start += 1
            m = Mention(start, i + 1, "name", prose=is_prose(doc, start))
            m.votes["organization"] += 3
            yield m

    def _ordinal_units(self, ctx: DocContext, taken: set[int]) -> Iterable[Mention]:
        """ "the 158th Fighter Wing", "the 2nd Armoured Brigade": an ordinal, capitalised
        words and a unit word name a unit, an organisation."""
        doc, texts, capitals, sent_starts = ctx.doc, ctx.texts, ctx.capitals, ctx.sent_starts
        for i in range(len(doc) - 1):
            if not texts[i][:1].isdigit() or i in taken or not ORDINAL.fullmatch(texts[i]):
                continue
            end = i + 1
            while end < len(doc) and end - i <= 4 and capitals[end]:
                end += 1
            if end == i + 1 or ctx.lowers[end - 1] not in self.lex.numbered_unit_words:
                continue
            # "the Norlandic 3rd Brigade", "the U.S. 5th Fleet": the owner's words before it
            start = i
            while (
                start > 0 and capitals[start - 1] and not sent_starts[start - 1] and i - start < 3
            ):
                start -= 1
            if any(k in taken for k in range(start, end)):
                continue
            if self._resolvable(ctx, start, end) or self._resolvable(ctx, i, end):
                continue  # a unit the KB knows: the KB's names take it
            m = Mention(start, end, "name", prose=is_prose(doc, start))
            m.votes["organization"] += 3
            yield m

    def _without_equipment(self, ctx: DocContext, start: int, end: int) -> int:
        """Where the actor's name ends when the span names a ship or a weapon: ``start`` for a
        ship (a vessel prefix, or "the tanker NAME") or a weapon the KB does not know ("NAME
        anti-ship missiles"), the end of the owner's name before the model name ("ORG NAME
        jets"), else ``end``."""
        texts = ctx.texts
        if texts[start] in self._vessel or (start > 0 and texts[start - 1] in self._vessel):
            return start
        for k in range(max(0, start - 3), start):
            hit = ctx.vessel_nouns.match(k, start)
            if hit is not None and hit[0] == start and not self._lookup(ctx, start, end):
                return start
        if end >= len(texts) or ctx.equipment_nouns.match(end) is None:
            return end
        if self._resolvable(ctx, start, end):
            return end  # the owner: "ORG rockets", a state's adjective before "missiles"
        for k in range(end - 1, start, -1):
            if self._resolvable(ctx, start, k):
                return k
        return start

    def _starts_title(self, ctx: DocContext, start: int, end: int) -> bool:
        """The model's name is the first word of a title that runs past it."""
        for hits in (ctx.roles, ctx.honorifics):
            hit = hits.match(start)
            if hit is not None and hit[0] > end:
                return True
        return False

    def _entities(self, ctx: DocContext) -> list[tuple[int, int, str]]:
        """The model's entities with an actor label; adjacent person/organisation pieces of one
        name are joined (a given name labelled apart from the rest of the name)."""
        ents: list[tuple[int, int, str]] = []
        for ent in ctx.doc.ents:
            label = self.lex.ner_labels.get(ent.label_)
            if label is None:
                continue
            if ents and self._one_name_apart(ctx, ents[-1], ent.start, label):
                # "Given Middle [Family] al-Name": one word the model left out between two
                # pieces of one person's name, the second opened by a particle
                ents[-1] = (ents[-1][0], ent.end, "person")
                continue
            if (
                ents
                and ents[-1][1] == ent.start
                and {ents[-1][2], label} <= {"person", "organization"}
            ):
                prev = ents[-1]
                if "person" in {prev[2], label}:
                    ents[-1] = (prev[0], ent.end, "person")
                    continue
            ents.append((ent.start, ent.end, label))
        ents = [(a, _nickname_end(ctx.doc, b) if lab == "person" else b, lab) for a, b, lab in ents]
        return sorted(ents + self._titled_names(ctx, ents))

    def _one_name_apart(
        self, ctx: DocContext, prev: tuple[int, int, str], start: int, label: str
    ) -> bool:
        if prev[2] != "person" or label != "person" or start - prev[1] != 1:
            return False
        gap = prev[1]
        first = ctx.lowers[start].split("-")[0]
        return (
            ctx.pos[gap] == "PROPN"
            and ctx.capitals[gap]
            and ctx.flags(IS_ALPHA)[gap]
            and first in self.lex.name_particles
            and ctx.roles.match(prev[1]) is None
            and ctx.honorifics.match(prev[1]) is None
        )

    def _titled_names(
        self, ctx: DocContext, ents: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """A name the model missed in apposition to a title ("the envoy to PLACE, NAME, said"):
        two or three capitalised words between commas after a role word."""
        doc, texts, pos = ctx.doc, ctx.texts, ctx.pos
        seen = {k for a, b, _ in ents for k in range(a, b)}
        out: list[tuple[int, int, str]] = []
        for comma in token_indices(doc, {","}):
            if comma < 1:
                continue
            end = comma + 1
            while end < len(doc) and end - comma <= 3 and pos[end] == "PROPN":
                end += 1
            words = range(comma + 1, end)
            if not 2 <= len(words) <= 3 or end >= len(doc) or texts[end] not in {",", "."}:
                continue
            if any(k in seen or not doc[k].is_title for k in words):
                continue
            if not any(
                (hit := ctx.roles.match(k)) is not None and hit[0] <= comma
                for k in range(max(doc[comma].sent.start, comma - 6), comma)
            ):
                continue
            out.append((comma + 1, end, "person"))
        return out

    def _resolvable(self, ctx: DocContext, start: int, end: int) -> bool:
        span = ctx.text(start, end)
        return bool(self.kb.lookup(span)) or self.kb.demonym(span) is not None

    def _generic(self, ctx: DocContext, m: Mention) -> bool:
        """Words the model takes for names: "State" of "Secretary of State", a lone title,
        a sentence-initial plural noun the model took for a name."""
        if m.kb:
            return False
        words = normalize_name(ctx.text(m.start, m.end)).split()
        if not words:
            return True
        if len(words) == 1 and words[0] in self.lex.generic_words:
            # "the Department said": a body word standing alone names the body
            return not (words[0] in self.lex.short_body_names and _short_body_at(ctx, m.start))
        if self._common_word(ctx, m):
            return True
        if len(words) > 1 and all(w in self.lex.creed_words for w in words):
            return True  # "Sunni Islamic", "Shia Muslim": a creed, not a body
        if m.votes.get("person") and self._particle_then_lower(ctx, m):
            return True  # "Wilayat al-faqih": a term, not a person (a name ends on a capital)
        for hits in (ctx.honorifics, ctx.roles):
            hit = hits.match(m.start, m.end)
            if hit is not None and hit[0] >= m.end:
                return True  # a title alone ("Deputy-General")
        if m.end - m.start != 1:
            return False
        return ctx.sent_starts[m.start] and ctx.doc[m.start].tag_ in {"NNS", "NN"}

    def _particle_then_lower(self, ctx: DocContext, m: Mention) -> bool:
        """The name ends on a particle and a word in lower case ("... al-faqih")."""
        last, lowers = m.end - 1, ctx.lowers
        if ctx.flags(IS_LOWER)[last] and lowers[last] in self.lex.name_particles:
            return True  # "Wilayat al": the model stopped inside the term
        if not ctx.texts[last][:1].isalpha() or ctx.capitals[last]:
            return False
        parts = lowers[last].split("-")
        if len(parts) > 1:
            return parts[-2] in self.lex.name_particles
        k = m.end - 2
        if k > m.start and ctx.texts[k] in HYPHENS:
            k -= 1
        return k >= m.start and lowers[k] in self.lex.name_particles

    def _common_word(self, ctx: DocContext, m: Mention) -> bool:
        """One capitalised word the KB does not know, which the document also writes in lower
        case as a common word ("The Ideology has changed ... the ideology of the movement"):
        a heading's or a sentence's capital, not a name. A person's label, a body word standing
        alone ("the Coalition") and capitals throughout ("NATO") keep the name."""
        if m.end - m.start != 1 or m.kind != "name" or m.votes.get("person"):
            return False
        t = ctx.doc[m.start]
        if t.is_upper or not t.is_title or t.lower_ in self.lex.short_body_names:
            return False
        return t.lower_ in ctx.common_words

    def _split_possessive(self, ctx: DocContext, start: int, end: int) -> list[tuple[int, int]]:
        """Split "ORG's PERSON" at the possessive, "PLACE in STATE" at the preposition,
        "STATE-STATE" at the hyphen, "PLACE, PLACE" at the comma and "PLACE Firstname
        Lastname" (the end of a title "Minister for PLACE" run into the holder's name) after
        the place."""
        doc, texts, spaces, place_preps = ctx.doc, ctx.texts, ctx.spaces, self.lex.place_preps
        nickname = _nickname_quotes(ctx, start, end)
        for i in range(start + 1, end - 1):
            if i in nickname:
                continue
            text = texts[i]
            # The model sometimes runs one entity over a list of names, or past a quotation.
            spaced_hyphen = text in HYPHENS and bool(spaces[i - 1])
            # "Dorvik/Vessa": a slash between two capitalised words (not "Mb/s")
            slash = text == "/" and all(
                doc[k].is_alpha and (doc[k].is_title or doc[k].is_upper) and len(doc[k]) > 2
                for k in (i - 1, i + 1)
            )
            if (
                text in POSSESSIVE
                or text in place_preps
                or text in NAME_BREAKS
                or spaced_hyphen
                or slash
            ):
                return [(start, i), (i + 1, end)]
            if text in HYPHENS and self._two_states(ctx, start, i, end):
                return [(start, i), (i + 1, end)]  # "a U.S.-Iraq partnership"
        # A holder's name has two or three words: only those places are tried.
        for i in range(max(start + 1, end - 3), end - 1):
            if self._person_shaped(ctx, i, end) and any(
                e.type in {"place", "state"} for e in self._lookup(ctx, start, i)
            ):
                return [(start, i), (i, end)]
        # A short lower-case suffix glued to the name by a hyphen belongs to it.
        while (
            end + 1 < len(doc)
            and texts[end] == "-"
            and not spaces[end - 1]
            and not spaces[end]
            and doc[end + 1].is_lower
            and doc[end + 1].is_alpha
            and len(doc[end + 1]) <= 4
        ):
            end += 2
        return [(start, end)]

    def _glued_states(self, text: str) -> bool:
        parts = [p for p in HYPHEN_SPLIT.split(text) if p]
        return len(parts) == 2 and all(
            any(e.type == "state" for e in self.kb.lookup(p)) for p in parts
        )

    def _two_states(self, ctx: DocContext, start: int, i: int, end: int) -> bool:
        """Both sides of the hyphen are states the KB knows ("the Norland-Tarkova border")."""
        return all(
            any(e.type == "state" for e in self._lookup(ctx, a, b))
            or self.kb.demonym(ctx.text(a, b)) is not None
            for a, b in ((start, i), (i + 1, end))
        )

    def _make_name(
        self, ctx: DocContext, start: int, end: int, label: str | None
    ) -> Mention | None:
        """A name mention for tokens [start, end): a demonym, a KB name, or a new name."""
        text = ctx.text(start, end)
        demonym = self._demonym_mention(ctx, start, end, label, text)
        if demonym is not None:
            return demonym
        kb = self._lookup(ctx, start, end, text)
        if not kb and end - start > 1:
            inner = self._inner_kb_name(ctx, start, end)
            if inner is not None:
                return inner
        if not kb and not _may_be_new_name(ctx, start, end, label):
            return None
        m = Mention(start, end, "name", kb=kb, prose=is_prose(ctx.doc, start))
        if label:
            # A several-word name the model calls a person rarely is anything else; a hyphen
            # does not make two words of one.
            words = len(text.split())
            m.votes[label] += 2 if label == "person" and words > 1 else 1
        self._add_cues(ctx, m)
        if (
            label == "organization"
            and not kb
            and not m.votes["place"]
            and self._person_shaped(ctx, start, end)
        ):
            m.votes["person"] += 2
        return m

    def _demonym_mention(
        self, ctx: DocContext, start: int, end: int, label: str | None, text: str
    ) -> Mention | None:
        """The range (its text: ``text``) as a demonym (a mention of its state); the model's
        group label may run past the demonym onto the weapon or people it qualifies."""
        demonym = self.kb.demonym(text)
        if demonym is None and label == "group" and end - start > 1:
            demonym = self.kb.demonym(ctx.texts[start])
            if demonym is not None:
                end = start + 1
        if demonym is None:
            return None
        return Mention(start, end, "demonym", kb=[demonym], prose=is_prose(ctx.doc, start))

    def _inner_kb_name(self, ctx: DocContext, start: int, end: int) -> Mention | None:
        """A KB name inside the range, longest first, when the rest holds no other name: the
        model ran a known acronym together with a common noun."""
        capitals, pos = ctx.capitals, ctx.pos
        names = {k for k in range(start, end) if capitals[k] and pos[k] == "PROPN"}
        for n in range(end - start - 1, 0, -1):
            for a in range(start, end - n + 1):
                if any(k < a or k >= a + n for k in names):
                    continue  # a name outside the part tried
                sub = self._lookup(ctx, a, a + n)
                if sub and capitals[a]:
                    m = Mention(a, a + n, "name", kb=sub, prose=is_prose(ctx.doc, a))
                    self._add_cues(ctx, m)
                    return m
        return None

    def _person_shaped(self, ctx: DocContext, start: int, end: int) -> bool:
        """A name the model calls an organisation that reads like a person's: two or three
        capitalised words, none an organisation's word, an acronym, a place's word or a name the
        KB knows."""
        words = ctx.text(start, end).split()
        if not 2 <= len(words) <= 3 or end - start != len(words):
            return False
        if ctx.lowers[start] in self.lex.name_particles:
            return False  # an article opens many places' names
        return all(self._person_word(ctx, k) for k in range(start, end))

    def _person_word(self, ctx: DocContext, k: int) -> bool:
        w, lower = ctx.texts[k], ctx.lowers[k]
        if not (w[:1].isupper() and w[1:].islower() and w.isalpha()):
            return False
        if lower in self.lex.org_words or lower in self.lex.generic_words:
            return False
        if ctx.place_nouns.match(k, k + 1) is not None:
            return False
        return self.kb.demonym(w) is None and not self.kb.lookup(w)

    def _add_cues(self, ctx: DocContext, m: Mention) -> None:
        """Votes for a name's type from the words around and inside it. The order of the cues
        is kept: on a tie between types the vote cast first wins."""
        for cue in (
            self._honorific_before,
            self._place_noun_before,
            self._title_before,
            self._title_after,
            self._place_noun_inside,
            self._media_noun_before,
        ):
            cue(ctx, m)
        # The cues below read the parse around the name; a one-word name is its own root.
        root = ctx.doc[m.start] if m.end - m.start == 1 else ctx.doc[m.start : m.end].root
        if not m.kb and self._listed_with_places(ctx, root):
            m.votes["place"] += 2
        if not m.kb and m.end - m.start == 1 and _listed_with_people(root):
            m.votes["person"] += 2  # "Diaz and Newman maintain ...": two authors
        placed = self._after_place_preposition(ctx, m, root)
        if placed:
            m.votes["place"] += 3
        if m.end < len(ctx.doc) and ctx.place_nouns.match(m.end):
            m.votes["place"] += 2
        if not m.kb and self._part_of_place_before(ctx, m):
            m.votes["place"] += 3
        if self._held_before(ctx, m) or self._place_apposition(ctx, m):
            m.votes["place"] += 3
        last = ctx.lowers[m.end - 1]
        if not m.kb and not placed and m.end - m.start > 1 and last in self.lex.org_words:
            m.votes["organization"] += 2  # "the 5th Fleet", "the Al Bu Nimr tribe"

    @staticmethod
    def _media_noun_before(ctx: DocContext, m: Mention) -> None:
        # "the news agency Sana", "the daily Al-Watan": a medium, not the place it is named
        # like.
        if _phrase_ends_at(ctx.media_nouns, m.start, back=3):
            m.votes["organization"] += 3
            m.kb = [e for e in m.kb if e.type not in {"place", "state"}]

    @staticmethod
    def _honorific_before(ctx: DocContext, m: Mention) -> None:
        # An honorific right before a name says: a person.
        if _phrase_ends_at(ctx.honorifics, m.start, back=3):
            m.votes["person"] += 3

    @staticmethod
    def _place_noun_before(ctx: DocContext, m: Mention) -> None:
        if _phrase_ends_at(ctx.place_nouns, m.start, back=3):
            m.votes["place"] += 3

    @staticmethod
    def _title_before(ctx: DocContext, m: Mention) -> None:
        # A title next to a name says: a person; one that opens the sentence may be a heading.
        for k in range(max(0, m.start - 4), m.start):
            hit = ctx.roles.match(k, m.start + 1)
            if hit and hit[0] == m.start and not ctx.sent_starts[k]:
                m.votes["person"] += 2
                return

    def _title_after(self, ctx: DocContext, m: Mention) -> None:
        # "NAME, [the former] TITLE ...": an apposition that is a title.
        texts, lowers, lex = ctx.texts, ctx.lowers, self.lex
        j = m.end
        if j >= len(texts) or texts[j] != ",":
            return
        j += 1
        while j < len(texts) and (
            lowers[j] in DETERMINERS
            or lowers[j] in lex.ended_markers
            or lowers[j] in lex.started_markers
        ):
            j += 1
        if j < len(texts) and ctx.roles.match(j):
            m.votes["person"] += 3

    @staticmethod
    def _place_noun_inside(ctx: DocContext, m: Mention) -> None:
        # A place noun ending the name, or inside it, makes the whole a place's name.
        for k in range(m.start, m.end):
            inner = ctx.place_nouns.match(k, m.end)
            if inner and inner[0] <= m.end and (k > m.start or inner[0] < m.end):
                m.votes["place"] += 3
                return

    def _after_place_preposition(self, ctx: DocContext, m: Mention, root: Token) -> bool:
        """The object of "in"/"near"... is a place, unless it owns what follows."""
        doc, lowers = ctx.doc, ctx.lowers
        if m.end < len(doc) and ctx.texts[m.end] in POSSESSIVE:
            return False
        if root.dep_ == "pobj" and root.head.lower_ in self.lex.place_preps:
            return True
        # The model may parse "Near NAME" as one name: the preposition is still right before.
        return (
            m.start > 0
            and lowers[m.start - 1] in self.lex.place_preps
            and (doc[m.start - 1].head.i >= m.start or doc[m.start - 1].head.i == m.start - 1)
        )

    def _part_of_place_before(self, ctx: DocContext, m: Mention) -> bool:
        """ "a native of NAME", "the streets of NAME": a part or the people of a place."""
        return (
            m.start >= 2
            and ctx.lowers[m.start - 1] == "of"
            and ctx.lowers[m.start - 2] in self.lex.locative_nouns
        )

    def _held_before(self, ctx: DocContext, m: Mention) -> bool:
        """ "rebel-held NAME", "ORG-controlled NAME": what one side holds is a place."""
        return (
            m.start >= 2
            and ctx.lowers[m.start - 1] in self.lex.held_participles
            and ctx.texts[m.start - 2] in HYPHENS
        )

    def _place_apposition(self, ctx: DocContext, m: Mention) -> bool:
        """ "NAME, a town near X": an apposition whose head is a place noun."""
        texts, pos = ctx.texts, ctx.pos
        j = m.end
        if j + 1 >= len(texts) or texts[j] != ",":
            return False
        j += 1
        if ctx.lowers[j] in DETERMINERS:
            j += 1
        for k in range(j, min(len(texts), j + 3)):
            hit = ctx.place_nouns.match(k)
            if hit is not None and (hit[0] >= len(texts) or pos[hit[0]] != "NOUN"):
                return True
            if pos[k] not in {"ADJ", "NOUN"}:
                return False
        return False

    def _listed_with_places(self, ctx: DocContext, root: Token) -> bool:
        """A name coordinated with places the KB knows, or with the object of a preposition of
        place ("in X, Y and Z"), is a place too."""
        sides = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            sides.append(root.head)
            first = root.head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            if (
                first.dep_ == "pobj"
                and first.head.lower_ in self.lex.place_preps
                and first.pos_ == "PROPN"
            ):
                return True
        for t in sides:
            if t.pos_ != "PROPN":
                continue
            name = " ".join(
                [c.text for c in t.children if c.dep_ == "compound" and c.i < t.i] + [t.text]
            )
            if any(e.type == "place" for e in self.kb.lookup(name)):
                return True
        return False

    def _particle_opens_name(self, ctx: DocContext, i: int) -> bool:
        """ "al-Qaida in ...", "al Qaeda in ...": a name written with its particle in lower
        case (joined by a hyphen, or an Arabic article before a capitalised word)."""
        if i + 2 >= len(ctx.texts) or ctx.lowers[i] not in self.lex.name_particles:
            return False
        if ctx.texts[i + 1] in HYPHENS and not ctx.spaces[i]:
            return ctx.capitals[i + 2]
        return ctx.lowers[i] in self.lex.lower_name_articles and ctx.capitals[i + 1]

    def _gazetteer(
        self, ctx: DocContext, taken: set[int], min_tokens: int = 1
    ) -> Iterable[Mention]:
        """Names the KB knows that the statistical model missed or mislabelled."""
        doc = ctx.doc
        texts, lowers, capitals = ctx.texts, ctx.lowers, ctx.capitals
        n = len(texts)
        org_words = self.lex.org_words
        resume = 0  # where the search goes on: a name found covers the openers inside it
        for i in self._name_openers(ctx):
            if (
                i < resume
                or i in taken
                or not (capitals[i] or self._particle_opens_name(ctx, i) or _hyphen_prefix(ctx, i))
                or lowers[i] in DETERMINERS
                or not self.kb.may_start_name(texts[i])
            ):
                continue
            found: Mention | None = None
            # A name runs up to the first token another name took (i itself is free).
            longest = min(MAX_NAME_TOKENS, n - i)
            longest = next((k - i for k in range(i + 1, i + longest) if k in taken), longest)
            for length in range(longest, min_tokens - 1, -1):
                end = i + length
                if not capitals[end - 1] and lowers[end - 1] not in org_words:
                    continue  # what _may_end_name asks first, checked fast: most ends fail it
                if not self._may_end_name(ctx, i, end):
                    continue
                if (
                    length == 1
                    and ctx.sent_starts[i]
                    and ctx.pos[i] not in {"PROPN", "NOUN", "ADJ"}
                ):
                    continue
                text = ctx.text(i, end)
                if not self.kb.may_be_name(text):
                    continue  # neither a demonym nor a KB name: the tests below find nothing
                if self._is_event_name(ctx, i, end) or self._names_event_after(ctx, end):
                    continue
                noun_after = self._place_noun_after(ctx, end)
                if (
                    noun_after
                    and self.kb.lookup(text)
                    and all(e.type in {"place", "state"} for e in self.kb.lookup(text))
                ):
                    end = noun_after  # "the Iraqi Kurdistan Region": the noun is the name's
                elif self._inside_longer_name(ctx, i, end):
                    continue  # two names of a longer name the KB does not know whole
                facility = self._facility_after(ctx, text, end)
                if facility is not None:
                    # "the Vessa Dam", "Vessa Airport": a place of its own, named after the town
                    found = Mention(i, facility, "name", prose=is_prose(doc, i))
                    found.votes["place"] += 3
                    break
                demonym = self.kb.demonym(text)
                if demonym is not None:
                    found = Mention(i, end, "demonym", kb=[demonym], prose=is_prose(doc, i))
                    break
                kb = self._lookup(ctx, i, end, text)
                if kb:
                    found = Mention(i, end, "name", kb=kb, prose=is_prose(doc, i))
                    self._add_cues(ctx, found)
                    break
            if found is None:
                continue
            taken.update(range(found.start, found.end))
            yield found
            resume = found.end

    def _name_openers(self, ctx: DocContext) -> list[int]:
        """The tokens a name the gazetteer looks for may open at: a capitalised word, a
        particle, or a word a hyphen follows ("counter-ORG"). Most words are none of these."""
        openers = set(ctx.capitalised_indices)
        openers.update(token_indices(ctx.doc, self.lex.name_particles))
        openers.update(k - 1 for k in token_indices(ctx.doc, HYPHENS) if k > 0)
        return sorted(openers)

    def _facility_after(self, ctx: DocContext, text: str, end: int) -> int | None:
        """Where a facility's name ends when a capitalised place noun (not a region's) follows a
        known place or state and ends the name ("Vessa Dam", "Vessa Air Base")."""
        capitals = ctx.capitals
        if end >= len(capitals) or not capitals[end] or ctx.lowers[end] in self.lex.region_nouns:
            return None
        hit = ctx.place_nouns.match(end)
        if hit is None or not all(capitals[end : hit[0]]):
            return None
        if hit[0] < len(capitals) and capitals[hit[0]]:
            return None  # the name runs on: not this step's
        if ctx.lowers[hit[0] - 1] == "of" or not self.kb.lookup(text):
            return None
        if not all(e.type in {"place", "state"} for e in self.kb.lookup(text)):
            return None
        return hit[0]

    def _place_noun_after(self, ctx: DocContext, end: int) -> int | None:
        """Where a capitalised region noun right after ``end`` ends ("Region", "Province")."""
        if end >= len(ctx.capitals) or not ctx.capitals[end]:
            return None
        return end + 1 if ctx.lowers[end] in self.lex.region_nouns else None

    def _may_end_name(self, ctx: DocContext, start: int, end: int) -> bool:
        """A known name ends on a capitalised word, or, written in lower case after its
        capitalised start, on an organisation's word ("the Kurdistan regional government"); a
        state's own body ("STATE's army") is left to the sub-unit step, which follows it."""
        last = end - 1
        if ctx.capitals[last]:
            return True
        return (
            end - start > 1
            and ctx.flags(IS_LOWER)[last]
            and ctx.lowers[last] in self.lex.org_words
            and last not in ctx.unit_tokens
        )

    def _names_event_after(self, ctx: DocContext, end: int) -> bool:
        """ "the Vessa Agreement", "the Norland War": the name is part of an event's name."""
        return (
            end < len(ctx.capitals)
            and ctx.capitals[end]
            and ctx.lowers[end] in self.lex.event_name_heads
        )

    def _inside_longer_name(self, ctx: DocContext, start: int, end: int) -> bool:
        if end - start < 2:
            return False
        texts, pos, capitals, sent_starts = ctx.texts, ctx.pos, ctx.capitals, ctx.sent_starts
        before, after = start - 1, end  # the words on either side, the one before first
        for k in (before, after):
            if k < 0 or k >= len(texts):
                continue
            if pos[k] != "PROPN" or not capitals[k] or sent_starts[k]:
                continue
            if ctx.honorifics.match(k, k + 1) or ctx.roles.match(k):
                continue
            if k == before and self._two_peoples(ctx, start, end):
                return True
            if self.kb.demonym(texts[k]) is not None or self.kb.lookup(texts[k]):
                continue
            return True
        return False

    def _two_peoples(self, ctx: DocContext, start: int, end: int) -> bool:
        """ "the Norlandic Arab Coalition" is not the "Arab Coalition": a known name that opens
        with a people's word, after another people's word inside one name of the model."""
        doc = ctx.doc
        first = ctx.lowers[start]
        if self.kb.demonym(ctx.texts[start]) is None and first not in self.lex.generic_words:
            return False
        return (
            self.kb.demonym(ctx.texts[start - 1]) is not None
            and doc[start].ent_iob_ == "I"
            and doc[end - 1].ent_iob_ == "I"
        )

    # ---------------------------------------------------------------- step 4: sub-units
    def _unit_ranges(self, ctx: DocContext) -> list[tuple[int, int, str]]:
        doc, lowers = ctx.doc, ctx.lowers
        out = []
        i = 0  # a unit found covers the phrases begun inside it
        for start in ctx.sub_units.starts():
            hit = ctx.sub_units.match(start) if start >= i else None
            if hit is None:
                continue
            last = doc[hit[0] - 1]
            # A one-word unit must be the head noun: not "military power", "army units".
            if hit[0] - start > 1 or (
                last.pos_ in {"NOUN", "PROPN"} and last.dep_ not in {"amod", "compound"}
            ):
                # "STATE's southern military command": the compass word is the unit's.
                first = start
                while first > 0 and lowers[first - 1] in self.lex.direction_words:
                    first -= 1
                out.append((first, hit[0], hit[1]))
            i = hit[0]
        return out

    # ---------------------------------------------------------------- main
    def resolve(
        self, doc: Doc, published: str | None = None, fired: list[tuple[str, int]] | None = None
    ) -> ActorSet:
        """The actors of one document. Keeps nothing between calls: what belongs to the document
        lives in a context made here, so one resolver may serve several threads at once.

        ``fired``, if given, receives the id of each title rule that decided something and the
        title's first token (for tests and for finding which rule made a role).
        """
        ctx = DocContext(doc, self.lex, published)
        if fired is not None:
            ctx.fired = fired
        units = self._unit_ranges(ctx)
        names = self._name_mentions(ctx, units)
        units = [u for u in units if u[0] in ctx.unit_tokens]
        blocked = ctx.unit_tokens | ctx.not_actors
        actors = self._short_names(ctx, self._link_abbreviations(ctx, self._cluster(ctx, names)))
        token_actor: dict[int, int] = {}
        for a in actors:
            for m in a.mentions:
                for k in range(m.start, m.end):
                    token_actor[k] = a.index
        aset = ActorSet(actors, token_actor)
        self._known_names(ctx, aset, blocked)
        self._attach_units(doc, aset, units)
        attach_titles(ctx, aset, self.kb, self.role_patterns)
        self._attach_pronouns(doc, aset)
        aset = self._finish(ctx, aset)
        locate_places(doc, aset)
        return aset

    def _link_abbreviations(
        self, ctx: DocContext, actors: list[ResolvedActor]
    ) -> list[ResolvedActor]:
        """A capitalised abbreviation in brackets right after a name (or its possessive) is
        another name of the same actor, whatever its letters, and the KB entry that knows either
        name (a curated one first) is the actor's."""
        doc = ctx.doc
        at = {k: a for a in actors for m in a.mentions for k in range(m.start, m.end)}
        gone: set[int] = self._other_names_in_brackets(ctx, actors)
        defined: dict[str, ResolvedActor] = {}
        for i in token_indices(doc, {"("}):
            if not _bracketed_abbreviation(doc, i):
                continue
            full, short = at.get(i - 1), at.get(i + 1)
            if full is None and i > 1 and doc[i - 1].text in POSSESSIVE:
                full = at.get(i - 2)  # "the Northern Command's (NC) units"
            if full is None and short is not None and self._event_name_before(ctx, i):
                gone.add(short.index)  # "Operation Dawn Shield (ODS)" names no actor
                continue
            if full is None or full.index in gone or full.type == "person":
                continue
            if short is None:
                full.mentions.append(Mention(i + 1, i + 2, "name", prose=is_prose(doc, i + 1)))
                defined.setdefault(doc[i + 1].text.casefold(), full)
            elif self._absorb_abbreviation(full, short, gone):
                at.update((k, full) for m in short.mentions for k in range(m.start, m.end))
                gone.add(short.index)
        # The abbreviation used again on its own later is the same actor.
        for a in actors:
            texts = {ctx.text(m.start, m.end).casefold() for m in a.mentions if m.kind == "name"}
            full = defined.get(next(iter(texts))) if len(texts) == 1 else None
            other = full is not None and a is not full and a.index not in gone
            if other and full is not None and self._absorb_abbreviation(full, a, gone):
                gone.add(a.index)
        if not gone:
            return actors
        kept = _renumbered(actors, gone)
        for a in kept:
            a.type = self._vote_type(a)
            a.mentions.sort(key=lambda m: m.start)
        return kept

    def _other_names_in_brackets(self, ctx: DocContext, actors: list[ResolvedActor]) -> set[int]:
        """Actors named only inside brackets that give another name of what precedes them: a
        gloss ("Dawn Shield (Arabic: ...)", "(Kurdish: ...)": a capitalised word and a colon
        open it) or a second name of an event ("Operation Dawn Shield (Sunrise)"). The name of
        an actor right before the brackets is that actor's; one of an event names no actor.
        Returns the actors that are gone.
        """
        doc = ctx.doc
        at = {k: a for a in actors for m in a.mentions for k in range(m.start, m.end)}
        gone: set[int] = set()
        for i in token_indices(doc, {"("}):
            close = next(
                (k for k in range(i + 1, min(len(doc), i + 40)) if ctx.texts[k] == ")"), None
            )
            if close is None or close == i + 1 or i == 0:
                continue
            gloss = (
                close > i + 3
                and doc[i + 2].text == ":"
                and doc[i + 1].is_alpha
                and doc[i + 1].text[:1].isupper()
            )
            event = (gloss or close - i <= 5) and self._event_name_before(ctx, i)
            before = i - 2 if i > 1 and doc[i - 1].text in CLOSING_QUOTES else i - 1
            owner = at.get(before)
            other = not (gloss or event) and self._bracketed_name(doc, at, owner, i, close)
            if not (gloss or event or other):
                continue
            first = i + 3 if gloss else i + 1
            for a in {at[k].index: at[k] for k in range(first, close) if k in at}.values():
                spans = [(m.start, m.end) for m in a.mentions]
                if a is owner or a.type == "state" or a.index in gone:
                    continue
                if not all(first <= s and e <= close for s, e in spans):
                    continue
                if owner is not None and owner.index not in gone and a.kb is None:
                    owner.mentions.extend(a.mentions)
                    gone.add(a.index)
                elif event and owner is None:
                    gone.add(a.index)
        return gone

    def _short_names(self, ctx: DocContext, actors: list[ResolvedActor]) -> list[ResolvedActor]:
        """A body named again by its name without the body's words that end it ("Dorvik News"
        ... "Dorvik adopts ...", "the Vessa Liberation Organization" ... "Vessa Liberation"):
        one actor. A short name the KB knows joins only a longer one the KB knows as another
        body, not as a part of it ("ORG" is not "ORG government")."""
        longer: dict[str, list[ResolvedActor]] = {}
        for a in actors:
            if a.type not in {"organization", "group"}:
                continue
            for m in a.mentions:
                words = self._name_words(ctx, m) if m.kind == "name" else []
                for k in range(len(words) - 1, 0, -1):
                    if words[k] not in self.lex.org_words:
                        break
                    longer.setdefault(" ".join(words[:k]), []).append(a)
        if not longer:
            return actors
        gone: set[int] = set()
        for a in actors:
            if a.type in {"person", "state"}:
                continue
            if any(m.votes.get("place", 0) >= 3 for m in a.mentions):
                continue  # a place by its context ("in Dorvik"), not "Dorvik Council" again
            keys = {" ".join(self._name_words(ctx, m)) for m in a.mentions if m.kind == "name"}
            if len(keys) != 1:
                continue
            owners = {b.index: b for b in longer.get(next(iter(keys)), []) if b is not a}
            if len(owners) != 1:
                continue
            owner = next(iter(owners.values()))
            if owner.index in gone or not self._may_shorten(a, owner):
                continue
            owner.mentions.extend(a.mentions)
            owner.mentions.sort(key=lambda m: m.start)
            gone.add(a.index)
        if not gone:
            return actors
        return _renumbered(actors, gone)

    def _may_shorten(self, short: ResolvedActor, full: ResolvedActor) -> bool:
        if short.kb is None:
            return True
        if full.kb is None or full.kb.id == short.kb.id:
            return full.kb is not None
        seen: set[str] = set()
        entry: KBEntry | None = full.kb
        while entry is not None and entry.id not in seen:
            if entry.id == short.kb.id:
                return False  # the longer name is a part of the shorter one's body
            seen.add(entry.id)
            entry = self.kb.get(entry.parent) if entry.parent else None
        return True

    @staticmethod
    def _bracketed_name(
        doc: Doc, at: dict[int, ResolvedActor], owner: ResolvedActor | None, i: int, close: int
    ) -> bool:
        """'the "Vessa Front" (Jabhat Vessa)': brackets holding nothing but one unknown
        name, right after a body's name, give the body's name in another language."""
        if owner is None or owner.type in {"person", "state", "place"}:
            return False
        inner = [k for k in range(i + 1, close) if doc[k].text not in {"_", '"', "“", "”"}]
        names = {at[k].index for k in inner if k in at}
        if not inner or len(names) != 1 or any(k not in at for k in inner):
            return False
        a = at[inner[0]]
        return a is not owner and a.kb is None and a.type in {"person", "organization", "group"}

    def _event_name_before(self, ctx: DocContext, i: int) -> bool:
        """The capitalised words right before ``i`` are an event's name ("Operation X")."""
        start = i
        while start > 0 and ctx.capitals[start - 1] and i - start < 6:
            start -= 1
        return start < i and self._is_event_name(ctx, start, i)

    def _absorb_abbreviation(
        self, full: ResolvedActor, short: ResolvedActor, gone: set[int]
    ) -> bool:
        """Make the abbreviation's actor part of the full name's; False when they must stay
        apart (a person, or two curated actors: then the brackets say something else)."""
        if short is full or short.index in gone or short.type == "person":
            return False
        if full.kb is not None and short.kb is not None and full.kb.id != short.kb.id:
            ranks = (self.kb.rank(full.kb.id), self.kb.rank(short.kb.id))
            if min(ranks) > 0:
                return False
            if ranks[1] > ranks[0]:
                full.kb = short.kb
        elif full.kb is None:
            full.kb = short.kb
        full.mentions.extend(short.mentions)
        return True

    def _known_names(self, ctx: DocContext, aset: ActorSet, blocked: set[int]) -> None:
        """Names of actors already found, where the model missed them the second time (a
        person's surname alone, unlabelled by the model)."""
        keys = self._name_keys(ctx, aset)
        if not keys:
            return
        lowers = ctx.lowers
        resume = 0  # a run of proper nouns read as a name is not read again from inside
        for i in ctx.capitalised_indices:
            if i < resume or i in aset.token_actor or i in blocked or lowers[i] in DETERMINERS:
                continue
            if ctx.pos[i] != "PROPN":
                self._known_surname(ctx, aset, keys, i)
            else:
                resume = self._known_name_run(ctx, aset, keys, i)

    def _name_keys(self, ctx: DocContext, aset: ActorSet) -> dict[str, int]:
        """Each actor's names (and a person's surname) in normalised words -> actor index."""
        keys: dict[str, int] = {}
        for a in aset.actors:
            for m in a.mentions:
                words = self._name_words(ctx, m)
                if not words:
                    continue
                keys.setdefault(" ".join(words), a.index)
                if a.type == "person" and len(words) > 1:
                    keys.setdefault(words[-1], a.index)
        return keys

    def _known_surname(self, ctx: DocContext, aset: ActorSet, keys: dict[str, int], i: int) -> None:
        # A person's surname the tagger took for a common noun (opening a sentence): only a
        # one-word match with a person found before. An abbreviation already given to a body
        # ("the Commission (CoI) ... the COI") is that body's, however tagged.
        hit = keys.get(" ".join(self._range_words(ctx, i, i + 1)))
        if hit is None:
            return  # most capitalised words: no mention made
        t = ctx.doc[i]
        person = t.pos_ == "NOUN" and aset.actors[hit].type == "person"
        acronym = t.is_upper and t.is_alpha and len(t) > 1 and aset.actors[hit].type != "person"
        if person or (acronym and not _stop_word_in_capitals(ctx, i, i + 1)):
            aset.actors[hit].mentions.append(Mention(i, i + 1, "name", prose=is_prose(ctx.doc, i)))
            aset.token_actor[i] = hit

    def _known_name_run(self, ctx: DocContext, aset: ActorSet, keys: dict[str, int], i: int) -> int:
        """The run of proper nouns from token i, as a mention of the actor of that name; returns
        where the run ends."""
        doc, pos = ctx.doc, ctx.pos
        end = i + 1
        while (
            end < len(doc)
            and end - i < MAX_NAME_TOKENS
            and pos[end] == "PROPN"
            and (end not in aset.token_actor)
        ):
            end += 1
        hit = keys.get(" ".join(self._range_words(ctx, i, end)))
        if hit is not None:
            aset.actors[hit].mentions.append(Mention(i, end, "name", prose=is_prose(doc, i)))
            for k in range(i, end):
                aset.token_actor[k] = hit
        return end

    # ---------------------------------------------------------------- step 2 and 3
    def _cluster(self, ctx: DocContext, names: list[Mention]) -> list[ResolvedActor]:
        actors: list[ResolvedActor] = []
        by_key: dict[str, ResolvedActor] = {}

        def add(key: str, m: Mention, kb: KBEntry | None) -> ResolvedActor:
            a = by_key.get(key)
            if a is None:
                a = ResolvedActor(index=len(actors), key=key, mentions=[], kb=kb)
                actors.append(a)
                by_key[key] = a
            a.mentions.append(m)
            self._index_person(ctx, a, m)
            return a

        governments = self._capital_governments(ctx, names)
        # Full names before short ones, so that a surname finds its person.
        for m in sorted(names, key=lambda m: (-(m.end - m.start), m.start)):
            ruled = self._led_government(ctx, m)
            if ruled is not None:
                add("kb:" + ruled.id, m, ruled)
                continue
            region = self._region(ctx, m)
            if region is not None:
                add("region:" + normalize_name(ctx.text(region.start, region.end)), region, None)
                continue
            words = self._name_words(ctx, m)
            cued = max(m.votes.get("place", 0), m.votes.get("organization", 0)) > 1
            if len(words) == 1 and m.kind == "name" and not cued:
                # A person's surname said again may also be a KB place's name ("Lyons")
                person = self._same_person(ctx, m, actors)
                if person is not None:
                    person.mentions.append(m)
                    self._index_person(ctx, person, m)
                    continue
            if m.kb and not (len(words) == 1 and m.kb[0].type in {"person", "organization"}):
                kb = self._choose(m)
                use = governments.get(kb.id)
                if use is not None:
                    state, uses = use
                    seen = set(uses.values())
                    if uses[m.start] == "acting" or (
                        uses[m.start] == "neutral" and seen == {"acting", "neutral"}
                    ):
                        kb = state
                add("kb:" + kb.id, m, kb)
                continue
            key = normalize_name(ctx.text(m.start, m.end))
            if not key:
                continue
            if ("name:" + key) in by_key:
                add("name:" + key, m, None)
                continue
            person = self._same_person(ctx, m, actors) if m.kind == "name" else None
            if person is not None:
                person.mentions.append(m)
                self._index_person(ctx, person, m)
                continue
            if m.kb:
                kb = self._choose(m)
                if not self._lone_name_fits(ctx, words, kb):
                    add("name:" + key, m, None)
                    continue
                add("kb:" + kb.id, m, kb)
                continue
            kb_person = self._kb_surname(ctx, m, actors)
            if kb_person is not None:
                add("kb:" + kb_person.id, m, kb_person)
                continue
            add("name:" + key, m, None)
        for a in actors:
            a.type = self._vote_type(a)
            a.mentions.sort(key=lambda m: m.start)
        return actors

    def _led_government(self, ctx: DocContext, m: Mention) -> KBEntry | None:
        """ "the Assad regime", "the Maduro government": a person's name used as a modifier of a
        government noun (lexicon ``government_nouns``) stands for the state the KB says they
        led."""
        # Not "Modi's government": there the person is named, and the body is theirs.
        if m.end >= len(ctx.lowers) or ctx.lowers[m.end] not in self.lex.government_nouns:
            return None
        for entry in m.kb:
            if entry.type != "person":
                continue
            for role in entry.roles:
                org = self.kb.get(role.org) if role.relation == "leader_of" else None
                if org is not None and org.type == "state":
                    return org
        return None

    def _region(self, ctx: DocContext, m: Mention) -> Mention | None:
        """ "northern Norland": a compass word before a state's name makes a region of it, a
        place of its own (the state acts; its north is where things happen)."""
        if m.kind != "name" or not m.kb or m.kb[0].type != "state" or m.start == 0:
            return None
        compass = m.start - 1
        if not ctx.flags(IS_LOWER)[compass] or ctx.lowers[compass] not in self.lex.direction_words:
            return None
        # Only where something is or happens ("in northern X"); "a missile over northern X"
        # is aimed at the state.
        if not (m.start > 1 and ctx.lowers[m.start - 2] in self.lex.place_preps):
            return None
        region = Mention(m.start - 1, m.end, "name", prose=m.prose)
        region.votes["place"] += 3
        return region

    def _capital_governments(
        self, ctx: DocContext, names: list[Mention]
    ) -> dict[str, tuple[KBEntry, dict[int, str]]]:
        """Capitals named in the document: their state and how each mention uses the name.

        A capital that acts stands for its state's government ("CITY said", "CITY's forces",
        "talks with CITY", "a response from CITY"); one that locates ("in CITY", "flew to CITY",
        "CITY's suburbs") is the city. A mention that does neither (a dateline, a
        list) follows the document: the state when the name never locates anything there.
        """
        out: dict[str, tuple[KBEntry, dict[int, str]]] = {}
        for m in names:
            if not m.kb:
                continue
            entry = self._choose(m)
            if entry.type != "place" or not entry.capital_of:
                continue
            state = self.kb.capital_state(entry.id)
            if state is None:
                continue
            out.setdefault(entry.id, (state, {}))[1][m.start] = self._capital_use(ctx, m)
        return out

    def _capital_use(self, ctx: DocContext, m: Mention) -> str:
        """acting | located | neutral, from the mention's place in the parse."""
        root = m.span(ctx.doc).root
        while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
            root = root.head
        dep, head = root.dep_, root.head
        if dep in {"nsubj", "nsubjpass", "agent"}:
            return "acting"
        if dep == "compound" and head.lower_ in self.lex.venue_nouns:
            return "located"  # "the CITY talks": where they are held
        if dep == "poss" or (dep == "compound" and head.pos_ in {"NOUN", "PROPN"}):
            return "located" if self._locative_noun(ctx, head) else "acting"
        if dep == "pobj":
            prep = head.lower_
            if prep in self.lex.locative_preps:
                return "located"
            if prep in self.lex.acting_preps:
                return "acting"
            # "a response from CITY": a noun's source is the government acting, unless the
            # noun is a part of a place ("people from CITY"). "of" is left neutral: "the
            # request of CITY" but "control of CITY".
            owner = head.head
            if prep in {"from", "of"} and owner.pos_ == "NOUN" and owner.i != head.i:
                if self._locative_noun(ctx, owner):
                    return "located"  # "the suburbs of CITY"
                if prep == "from":
                    return "acting"
        return "neutral"

    def _locative_noun(self, ctx: DocContext, t: Token) -> bool:
        return (
            t.lower_ in self.lex.locative_nouns or ctx.place_nouns.match(t.i, t.i + 1) is not None
        )

    def _choose(self, m: Mention) -> KBEntry:
        if len(m.kb) == 1 or not m.votes:
            return m.kb[0]
        top = m.votes.most_common(1)[0][0]
        for e in m.kb:
            if e.type == top or (top == "place" and e.type == "state"):
                return e
        return m.kb[0]

    def _name_words(self, ctx: DocContext, m: Mention) -> list[str]:
        return self._range_words(ctx, m.start, m.end)

    def _range_words(self, ctx: DocContext, start: int, end: int) -> list[str]:
        """The normalised words of the name in tokens [start, end), without particles and
        suffixes (cached in the context)."""
        key = (start, end)
        got = ctx.name_words.get(key)
        if got is None:
            words = normalize_name(ctx.text(start, end)).split()
            skip = self.lex.name_particles
            got = [w for w in words if w not in skip] or words
            # "NAME IV", "NAME Jr.": the surname is the word before the suffix
            while len(got) > 1 and got[-1] in self.lex.name_suffixes:
                got = got[:-1]
            ctx.name_words[key] = got
        return got

    def _index_person(self, ctx: DocContext, a: ResolvedActor, m: Mention) -> None:
        ow = self._name_words(ctx, m)
        if ow:
            ctx.person_index.setdefault(ow[-1], []).append((a.index, len(a.mentions) - 1, a, m))

    def _same_person(
        self, ctx: DocContext, m: Mention, actors: list[ResolvedActor]
    ) -> ResolvedActor | None:
        """The person already in the document whom this name is a short form or variant of.

        A person here is a KB person or an actor with a full name (two words or more) that the
        model or an honorific marks as a person: a surname joins the full name even when the
        model calls the short form an organisation.
        """
        words = self._name_words(ctx, m)
        if not words:
            return None
        # Only mentions ending on this surname can match: _cluster indexes each mention by its
        # last name word as it places it, which keeps a long report linear.
        index = ctx.person_index
        for _, _, a, other in sorted(index.get(words[-1], ()), key=lambda e: (e[0], e[1])):
            if a.kb is not None and a.kb.type != "person":
                continue
            ow = self._name_words(ctx, other)
            # A full name has two words even when one is also a particle ("Ash Carter").
            full = len(ow) >= 2 or len(ctx.text(other.start, other.end).split()) >= 2
            if not full or len(ow) <= len(words) - 1:
                continue
            if a.kb is None and other.votes.get("person", 0) == 0:
                continue
            if len(words) == 1 or _similar(words[0], ow[0]):
                return a
        return None

    def _kb_surname(
        self, ctx: DocContext, m: Mention, actors: list[ResolvedActor]
    ) -> KBEntry | None:
        """A lone surname the KB knows, when one person of that name fits the document."""
        published = ctx.published
        words = self._name_words(ctx, m)
        if len(words) != 1 or m.votes.get("place") or m.votes.get("organization", 0) > 1:
            return None
        cands = self.kb.people_by_surname(words[0])
        if not cands:
            return None
        orgs = {a.kb.id for a in actors if a.kb is not None}
        fitting = [e for e in cands if any(r.org in orgs for r in e.roles)]
        if len(fitting) > 1 and published:
            fitting = [
                e for e in fitting if any(active(r.start, r.end, published) for r in e.roles)
            ]
        return fitting[0] if len(fitting) == 1 else None

    @staticmethod
    def _lone_name_fits(ctx: DocContext, words: list[str], kb: KBEntry) -> bool:
        """A lone surname names a famous KB person only while that person holds an office: a
        document dated outside all of the person's dated roles speaks of someone else of the
        same name (a full name, the roles of the document and titles decide elsewhere)."""
        if len(words) != 1 or kb.type != "person" or not ctx.published:
            return True
        dated = [r for r in kb.roles if r.start or r.end]
        return not dated or any(active(r.start, r.end, ctx.published) for r in dated)

    def _vote_type(self, a: ResolvedActor) -> str:
        if a.kb is not None:
            return a.kb.type
        votes: Counter[str] = Counter()
        for m in a.mentions:
            votes.update(m.votes)
            if m.kind == "name" and len(m.votes) == 0:
                votes["organization"] += 0
        # Several words with a person label is strong evidence even against other labels.
        if not votes:
            return "organization"
        return votes.most_common(1)[0][0]

    # ---------------------------------------------------------------- step 4
    def _attach_units(self, doc: Doc, aset: ActorSet, units: list[tuple[int, int, str]]) -> None:
        owners_of_unit: dict[str, int] = {}
        by_key: dict[tuple[int, str], ResolvedActor] = {}
        for start, end, unit in units:
            if any(k in aset.token_actor for k in range(start, end)):
                continue
            owner, named_from = self._unit_owner(
                doc, aset, start, owners_of_unit.get(_unit_key(unit))
            )
            if owner is None:
                continue
            key = (owner, _unit_key(unit))
            owners_of_unit[_unit_key(unit)] = owner
            m = Mention(start, end, "subunit", prose=is_prose(doc, start), unit=unit, owner=owner)
            if named_from < start:
                full = " ".join(
                    t.text
                    for t in doc[named_from:end]
                    if t.text not in POSSESSIVE
                    and not (t.i == named_from and t.lower_ in DETERMINERS)
                    and not (t.i < start and t.pos_ == "ADJ" and t.is_lower)
                ).replace(" - ", "-")
                m.unit = full
            # Include the owner's name when it is written as part of the phrase.
            actor = by_key.get(key)
            if actor is None:
                parent = aset.actors[owner]
                kb = self._unit_kb(parent, unit)
                # The unit the KB knows may already be named ("ISF"): one entry, one actor.
                actor = next(
                    (a for a in aset.actors if kb is not None and a.kb is not None
                     and a.kb.id == kb.id),
                    None,
                )  # fmt: skip
                if actor is not None:
                    by_key[key] = actor
            if actor is None:
                actor = ResolvedActor(
                    index=len(aset.actors),
                    key=f"unit:{owner}:{_unit_key(unit)}",
                    mentions=[],
                    kb=kb,
                    type="organization",
                    parent=owner,
                    unit=unit,
                )
                aset.actors.append(actor)
                by_key[key] = actor
            actor.mentions.append(m)
            for k in range(start, end):
                aset.token_actor[k] = actor.index

    def _unit_kb(self, parent: ResolvedActor, unit: str) -> KBEntry | None:
        if parent.kb is None:
            return None
        want = normalize_name(unit)
        for child in self.kb.children(parent.kb.id):
            names = [child.name, *child.aliases]
            if any(normalize_name(n).endswith(want) for n in names):
                return child
        return None

    def _unit_owner(
        self, doc: Doc, aset: ActorSet, start: int, known: int | None
    ) -> tuple[int | None, int]:
        """The organisation or state a unit belongs to, and where its explicit name starts:
        the actor right before it ("ORG's armed wing", a state's adjective + "army"), the nearest
        organisation for "its"/"their", else the owner this unit had earlier in the text."""
        j = start - 1
        # "the Front's feared armed wing": a word or two of praise or blame before the unit
        while j >= 0 and start - j <= 2 and doc[j].pos_ == "ADJ" and doc[j].is_lower:
            j -= 1
        while j >= 0 and (doc[j].text in POSSESSIVE or doc[j].text in HYPHENS):
            j -= 1
        if j >= 0:
            a = aset.actor_at(j)
            if a is not None and a.type in {"organization", "group", "state"}:
                first = min(m.start for m in a.mentions if m.start <= j < m.end)
                return a.index, first
            if doc[j].lower_ in self.lex.org_pronouns or doc[j].lower_ == "their":
                return antecedent(doc, aset, start, ORG_TYPES), start
        return known, start

    # ---------------------------------------------------------------- step 5: pronouns
    def _attach_pronouns(self, doc: Doc, aset: ActorSet) -> None:
        """he/his to the nearest person named before it in running prose; a pronoun in a phrase
        that opens a sentence ("In his speech, X said") to that sentence's subject."""
        persons = sorted(
            (m.start, a.index)
            for a in aset.actors
            if a.type == "person"
            for m in a.mentions
            if m.kind != "pronoun" and m.prose
        )
        if not persons:
            return
        pi = 0
        seen: list[int] = []
        for i in token_indices(doc, self.lex.person_pronouns):
            t = doc[i]
            while pi < len(persons) and persons[pi][0] < t.i:
                seen.append(persons[pi][1])
                pi += 1
            if t.lower_ not in self.lex.person_pronouns or t.i in aset.token_actor:
                continue
            target = self._cataphor(t, aset)
            if target is None:
                # "X pardoned him": an object pronoun is not its own clause's subject.
                own = _clause_subject_actors(t, aset)
                target = next((p for p in reversed(seen) if p not in own), None)
            if target is None:
                continue
            m = Mention(t.i, t.i + 1, "pronoun", prose=is_prose(doc, t.i))
            aset.actors[target].mentions.append(m)
            aset.token_actor[t.i] = target

    @staticmethod
    def _cataphor(t: Token, aset: ActorSet) -> int | None:
        root = t.sent.root
        for c in root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i > t.i:
                # Only when the pronoun sits in a phrase before the subject, not inside it.
                if c.left_edge.i <= t.i:
                    return None
                a = aset.token_actor.get(c.i)
                if a is not None and aset.actors[a].type == "person":
                    return a
        return None

    # ---------------------------------------------------------------- step 6
    def _finish(self, ctx: DocContext, aset: ActorSet) -> ActorSet:
        keep = [
            a
            for a in aset.actors
            if any(m.prose and m.kind in {"name", "demonym", "subunit"} for m in a.mentions)
            or (a.kb is not None and any(m.prose for m in a.mentions))
        ]
        keep.sort(key=lambda a: min(m.start for m in a.mentions))
        remap = {a.index: n for n, a in enumerate(keep)}
        for a in keep:
            a.index = remap[a.index]
            a.parent = remap.get(a.parent) if a.parent is not None else None
            a.mentions.sort(key=lambda m: m.start)
            a.name = self._display_name(ctx, a, keep)
        token_actor = {k: remap[v] for k, v in aset.token_actor.items() if v in remap}
        roles = []
        for f in aset.roles:
            if f.person in remap and f.org in remap:
                f.person, f.org = remap[f.person], remap[f.org]
                roles.append(f)
        title_person = {k: remap[v] for k, v in aset.title_person.items() if v in remap}
        return ActorSet(keep, token_actor, roles, title_person)

    def _display_name(self, ctx: DocContext, a: ResolvedActor, actors: list[ResolvedActor]) -> str:
        if a.kb is not None:
            return a.kb.name
        if a.unit is not None and a.parent is not None:
            for m in a.mentions:
                if m.kind == "subunit" and m.unit and m.unit != a.unit:
                    return m.unit  # the unit as the text names it with its owner
            parent = actors[a.parent]
            return f"{parent.name} {_title_unit(a.unit)}"
        names = [ctx.text(m.start, m.end) for m in a.mentions if m.kind == "name"]
        if not names:
            return ctx.text(a.mentions[0].start, a.mentions[0].end)
        return max(names, key=lambda s: (len(s.split()), len(s)))


def _phrase_ends_at(hits: PhraseHits, at: int, back: int) -> bool:
    """Whether a phrase of the list begun up to ``back`` tokens before ``at`` ends right there
    (the longest one begun at each token, as long as it stops at or one past ``at``)."""
    for k in range(max(0, at - back), at):
        hit = hits.match(k, at + 1)
        if hit and hit[0] == at:
            return True
    return False


def _may_be_new_name(ctx: DocContext, start: int, end: int, label: str | None) -> bool:
    """Whether tokens [start, end), unknown to the KB, can be a name: capitalised, a proper noun
    unless the model labelled it, and no adjective the model took for a group."""
    if not any(ctx.capitals[start:end]):
        return False
    if label is None and "PROPN" not in ctx.pos[start:end]:
        return False
    return not (label == "group" and ctx.doc[start:end].root.pos_ == "ADJ")


def _bracketed_abbreviation(doc: Doc, i: int) -> bool:
    """ "(" at i opens one abbreviation and a closing bracket: a word of 2 to 8 letters, all
    capitals, or capitals around a lower-case "of", "and" ("CoI", "MoD")."""
    if not (i > 0 and i + 2 < len(doc) and doc[i + 2].text == ")"):
        return False
    abbr = doc[i + 1]
    if not (abbr.is_alpha and 2 <= len(abbr) <= 8):
        return False
    if abbr.is_upper:
        return True
    capitals = sum(c.isupper() for c in abbr.text)
    return abbr.text[0].isupper() and abbr.text[-1].isupper() and capitals >= 2 and len(abbr) <= 5


def _capitalised(t: Token) -> bool:
    return capitalised(t.text)


def _similar(a: str, b: str) -> bool:
    """Given names that are spelling variants: one a prefix of the other, or two edits apart."""
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    return _edit_distance(a, b) <= 2


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _unit_key(unit: str) -> str:
    return " ".join(unit.lower().replace("-", " ").split())


def _title_unit(unit: str) -> str:
    return unit.replace("-", " ")


_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj"})
_REFLEXIVE_FREE = frozenset({"him", "her"})


def _clause_subject_actors(t: Token, aset: ActorSet) -> set[int]:
    """The actor the subject of an object pronoun's clause names ("X pardoned her": X), not
    one named inside it ("her boss called her": both are the same woman)."""
    if t.dep_ not in _OBJECT_DEPS or t.lower_ not in _REFLEXIVE_FREE:
        return set()
    verb = t.head if t.dep_ != "pobj" else t.head.head
    return {
        aset.token_actor[c.i]
        for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass"} and c.i in aset.token_actor
    }


def _stop_word_in_capitals(ctx: DocContext, start: int, end: int) -> bool:
    """An acronym that is also a common word ("IS", "US"), inside a line written in capitals
    ("WHAT IS NEXT"), is the word, not the name.

    The test is on one token whose lower case is a stop word, with a capitalised neighbour of
    two letters or more that is no stop word's acronym either way."""
    if end - start != 1 or not ctx.flags(IS_UPPER)[start]:
        return False  # the arrays first: most ranges are no single word in capitals
    doc = ctx.doc
    if not doc[start].is_stop:
        return False
    for k in (start - 1, start + 1):
        if 0 <= k < len(doc) and doc[k].is_alpha and doc[k].is_upper and len(doc[k]) > 1:
            return True
    return False


OPENING_QUOTES = frozenset({'"', "“"})
CLOSING_QUOTES = frozenset({'"', "”"})


def _nickname_end(doc: Doc, end: int) -> int:
    """Where a person's name ends when a quoted nickname follows its first part: 'NAME "Nick"
    SURNAME' is one name (up to three words quoted, then one or two capitalised words).
    """
    if end >= len(doc) or doc[end].text not in OPENING_QUOTES:
        return end
    k = end + 1
    while k < len(doc) and k - end <= 3 and doc[k].text not in CLOSING_QUOTES:
        if not (doc[k].is_alpha and (capitalised(doc[k].text) or doc[k].lower_ == "the")):
            return end
        k += 1
    if k == end + 1 or k >= len(doc) or doc[k].text not in CLOSING_QUOTES:
        return end
    after = k + 1
    stop = after
    while stop < len(doc) and stop - after < 2 and capitalised(doc[stop].text):
        if doc[stop].is_punct or doc[stop].pos_ in {"VERB", "AUX", "ADP", "PRON", "DET"}:
            break
        stop += 1
    return stop if stop > after else end


def _nickname_quotes(ctx: DocContext, start: int, end: int) -> set[int]:
    """The quotation marks of a nickname inside a person's name range (see _nickname_end)."""
    texts = ctx.texts
    out: set[int] = set()
    for i in range(start + 1, end):
        if texts[i] in OPENING_QUOTES and _nickname_end(ctx.doc, i) > i:
            k = i + 1
            while texts[k] not in CLOSING_QUOTES:
                k += 1
            out.update({i, k})
    return out


def _listed_with_people(root: Token) -> bool:
    """A word coordinated with a name the model calls a person's."""
    sides = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        sides.append(root.head)
    return any(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in sides)


def _short_body_at(ctx: DocContext, i: int) -> bool:
    """The capitalised body word at i stands alone: no capitalised word beside it, no
    possessive before it ("Norland's Department": the unit step reads it), no "of" after."""
    texts, capitals = ctx.texts, ctx.capitals
    if not texts[i][:1].isupper() or texts[i].isupper():
        return False
    if i > 0 and capitals[i - 1] and not ctx.sent_starts[i - 1]:
        return False
    if i > 0 and texts[i - 1] in POSSESSIVE:
        return False
    after = i + 1
    return not (
        after < len(texts) and (capitals[after] or ctx.lowers[after] in {"of", "for", "on"})
    )


def _hyphen_prefix(ctx: DocContext, i: int) -> bool:
    """ "the counter-ORG coalition": a lower-case word joined by a hyphen to a capitalised one
    may open a known name (the KB decides)."""
    return (
        i + 2 < len(ctx.texts)
        and ctx.lowers[i].isalpha()
        and ctx.texts[i + 1] in HYPHENS
        and not ctx.spaces[i]
        and not ctx.spaces[i + 1]
        and ctx.capitals[i + 2]
    )


def _renumbered(actors: list[ResolvedActor], gone: set[int]) -> list[ResolvedActor]:
    """The actors not merged away, numbered again from 0."""
    kept = [a for a in actors if a.index not in gone]
    for n, a in enumerate(kept):
        a.index = n
    return kept
