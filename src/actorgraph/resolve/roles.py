"""Titles: who holds which role where, and titles that stand in for a person.

Recognised shapes (role words, markers and plurals come from data/lexicon/actors.yaml):

- ``ORG role PERSON``            "Front leader Karim Osei", "Norlandic President Elena Brook"
- ``ORG's role, PERSON``         "the movement's chief, Jane Roe"
- ``role of ORG, PERSON``        "the deputy chairman of the council, John Doe"
- ``PERSON, [former] role of ORG`` / ``PERSON, ORG's role``
- ``PERSON's deputy, PERSON``    the deputy of the organisation the first person leads
- ``ORG's commanders, P1 and P2`` plural titles listing people
- ``the ORG leader`` with no name: the person the document or the KB gives that role to.
"""

from __future__ import annotations

from spacy.tokens import Doc

from actorgraph.kb import KnowledgeBase
from actorgraph.resolve.model import (
    DETERMINERS,
    ORG_TYPES,
    POSSESSIVE,
    ActorSet,
    DocContext,
    Mention,
    ResolvedActor,
    RoleFact,
    active,
    is_prose,
)


def _actor(aset: ActorSet, i: int, types: set[str] | frozenset[str]) -> ResolvedActor | None:
    a = aset.actor_at(i)
    if a is None or a.type not in types:
        return None
    return a


def _mention_bounds(aset: ActorSet, a: ResolvedActor, i: int) -> tuple[int, int]:
    for m in a.mentions:
        if m.start <= i < m.end:
            return m.start, m.end
    return i, i + 1


def attach_titles(ctx: DocContext, aset: ActorSet, kb: KnowledgeBase) -> list[RoleFact]:
    doc, lex, published = ctx.doc, ctx.lex, ctx.published
    SKIPPABLE = lex.title_modifiers
    facts: list[RoleFact] = []
    title_only: list[tuple[int, int, int, str]] = []  # role start, role end, org, relation
    person_types = {"person"}
    n = len(doc)
    i = 0
    while i < n:
        hit = ctx.roles.match(i)
        plural_rel = lex.role_plurals.get(doc[i].lower_)
        if hit is None and plural_rel is None:
            i += 1
            continue
        if hit is not None:
            b, rel = hit
        else:
            b, rel = i + 1, plural_rel or "member_of"
        a = i
        if a in aset.token_actor and aset.actors[aset.token_actor[a]].type == "person":
            i = b
            continue
        if a in aset.token_actor and _inside_name(aset, a):
            i = b  # a title word within a name: "Joint Chiefs of Staff", "Council of Elders"
            continue
        # Markers and adjectives before the title: "the former", "senior", "new".
        left = a - 1
        ended = started = False
        modifiers = 0
        while left >= 0 and (
            doc[left].lower_ in lex.ended_markers
            or doc[left].lower_ in lex.started_markers
            or doc[left].lower_ in SKIPPABLE
            or doc[left].lower_ in DETERMINERS
            # "Ukraine's infrastructure minister", "Sudan's army chief"
            or (
                modifiers < 2
                and doc[left].is_lower
                and doc[left].pos_ in {"NOUN", "ADJ"}
                and left not in aset.token_actor
            )
        ):
            ended |= doc[left].lower_ in lex.ended_markers
            started |= doc[left].lower_ in lex.started_markers
            modifiers += doc[left].pos_ in {"NOUN", "ADJ"} and doc[left].lower_ not in SKIPPABLE
            left -= 1
        org: ResolvedActor | None = None
        phrase_start = left + 1
        possessor_person: ResolvedActor | None = None
        j = left
        if j >= 0 and doc[j].text in POSSESSIVE:
            j -= 1
        if j >= 0:
            org = _actor(aset, j, ORG_TYPES | {"place"} if rel == "leader_of" else ORG_TYPES)
            # "the group's chief negotiator, X": a definite description names the
            # organisation spoken of before, as "its" would.
            described = (
                org is None
                and j > 0
                and doc[j].lower_ in lex.org_descriptions
                and doc[j - 1].lower_ == "the"
                and doc[j + 1].text in POSSESSIVE
            )
            if described:
                org = _salient_org(doc, aset, j)
                phrase_start = j - 1
            elif org is None and doc[j].lower_ in lex.org_pronouns:
                idx = aset.nearest(j, {"organization", "group"})
                org = aset.actors[idx] if idx is not None else None
                phrase_start = j
            elif org is not None:
                phrase_start = _mention_bounds(aset, org, j)[0]
                # Markers can also stand before the organisation: "former Front leader".
                k = phrase_start - 1
                while k >= 0 and (
                    doc[k].lower_ in lex.ended_markers
                    or doc[k].lower_ in lex.started_markers
                    or doc[k].lower_ in SKIPPABLE
                ):
                    ended |= doc[k].lower_ in lex.ended_markers
                    started |= doc[k].lower_ in lex.started_markers
                    k -= 1
            elif j < a - 1 or doc[a - 1].text in POSSESSIVE:
                possessor_person = _actor(aset, j, person_types)
            elif doc[j].lower_ == "of" and j == a - 1 and rel != "member_of":
                # "the Norlandic cabinet of Prime Minister X": the body named just before
                body = _actor(aset, j - 1, {"organization", "state"})
                if body is not None and _mention_bounds(aset, body, j - 1)[1] == j:
                    org = body
                    phrase_start = _mention_bounds(aset, body, j - 1)[0]
        org_on_right = False
        after = b
        if org is None and after < n and doc[after].lower_ in {"of", "in"}:
            org, after = _of_object(doc, aset, after + 1, rel)
            org_on_right = org is not None
        if org is None and possessor_person is not None:
            org = _led_by(aset, facts, possessor_person, published)
        if org is None and hit is not None:
            # "President Volodymyr Zelensky": the office the KB gives him, in this document.
            named = _persons_after(ctx, aset, after, plural=False)
            if named:
                org = _kb_office(aset, named[0], rel, published)
        if org is None:
            i = b
            continue
        if not org_on_right and after < n and doc[after].lower_ in {"to", "for", "in", "on"}:
            # "the UN envoy to Sudan, Volker Perthes": skip the phrase up to the comma.
            k = after
            while k < min(n, after + 6) and doc[k].text != ",":
                k += 1
            if k < n and doc[k].text == ",":
                after = k
        persons = _persons_after(ctx, aset, after, plural=hit is None)
        if not persons:
            p = _person_before(doc, aset, phrase_start)
            if p is not None:
                persons = [p]
        if persons:
            end = max(_mention_bounds(aset, p, p.mentions[0].start)[1] for p in persons)
            for p in persons:
                if p.index != org.index:
                    facts.append(
                        RoleFact(
                            p.index,
                            org.index,
                            rel,
                            phrase_start,
                            max(end, after),
                            ended,
                            started,
                            a,
                            b,
                        )
                    )
            if len(persons) == 1:
                # The title words stand for the person in the sentence's grammar too.
                for k in range(a, b):
                    aset.title_person[k] = persons[0].index
        elif hit is not None and not org_on_right and not ended and possessor_person is None:
            title_only.append((a, b, org.index, rel))
        i = max(b, after) if persons else b
    for a, b, org_idx, rel in title_only:
        person = _holder(aset, facts, org_idx, rel, a, kb, published)
        if person is None:
            continue
        m = Mention(a, b, "title", prose=is_prose(doc, a))
        person.mentions.append(m)
        for k in range(a, b):
            aset.token_actor[k] = person.index
    aset.roles = facts
    return facts


def _salient_org(doc: Doc, aset: ActorSet, before: int) -> ResolvedActor | None:
    """The organisation a description ("the group") names again: of those named in its
    sentence (the nearest) or else the two before (the one the document names most)."""
    start = doc[before].sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    best: tuple[tuple[bool, int, int], ResolvedActor] | None = None
    own = doc[before].sent.start
    for a in aset.actors:
        if a.type not in {"organization", "group"}:
            continue
        near = [m.start for m in a.mentions if start <= m.start < before and m.kind != "pronoun"]
        if near:
            key = (max(near) >= own, len(a.mentions), max(near))
            if best is None or key > best[0]:
                best = (key, a)
    return best[1] if best else None


def _of_object(doc: Doc, aset: ActorSet, start: int, rel: str) -> tuple[ResolvedActor | None, int]:
    """The organisation after "of": the last one before the next comma (a sub-unit wins)."""
    types = ORG_TYPES | ({"place"} if rel == "leader_of" else set())
    best: ResolvedActor | None = None
    end = start
    k = start
    while k < min(len(doc), start + 8):
        t = doc[k]
        if t.is_punct and t.text not in POSSESSIVE and t.text not in {"-", "’", "'"}:
            break
        a = aset.actor_at(k)
        if a is not None and a.type in types:
            best = a
            end = _mention_bounds(aset, a, k)[1]
        elif a is None and t.pos_ in {"VERB", "AUX"}:
            break
        k += 1
    return best, end


def _inside_name(aset: ActorSet, i: int) -> bool:
    a = aset.actors[aset.token_actor[i]]
    return any(m.kind == "name" and m.start < i < m.end for m in a.mentions)


def _persons_after(
    ctx: DocContext, aset: ActorSet, start: int, plural: bool
) -> list[ResolvedActor]:
    doc = ctx.doc
    k = start
    if k < len(doc) and doc[k].text == ",":
        k += 1
    out: list[ResolvedActor] = []
    while k < len(doc):
        # "Major General X": honorifics can follow one another before the name.
        h = k
        for _ in range(3):
            hon = ctx.honorifics.match(h)
            if hon is None or hon[0] >= len(doc):
                break
            h = hon[0]
            if aset.actor_at(h) is not None:
                k = h
                break
        a = aset.actor_at(k)
        if a is not None and plural and a.kb is None and a.type == "organization":
            # "its commanders, A and B": names listed after a plural title are people.
            a.type = "person"
        if a is None or a.type != "person":
            break
        m_start, m_end = _mention_bounds(aset, a, k)
        if any(m.kind == "pronoun" for m in a.mentions if m.start == m_start):
            break
        out.append(a)
        if not plural:
            break
        k = m_end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1
    return out


def _person_before(doc: Doc, aset: ActorSet, phrase_start: int) -> ResolvedActor | None:
    k = phrase_start - 1
    while k > 0 and doc[k].lower_ in DETERMINERS:  # "X, the movement's leader"
        k -= 1
    if k < 1 or doc[k].text != ",":
        return None
    a = aset.actor_at(k - 1)
    if a is None or a.type != "person":
        return None
    return a


def _led_by(
    aset: ActorSet,
    facts: list[RoleFact],
    person: ResolvedActor,
    published: str | None,
) -> ResolvedActor | None:
    for f in facts:
        if f.person == person.index and f.relation == "leader_of":
            return aset.actors[f.org]
    if person.kb is not None:
        kb_orgs = {a.kb.id: a for a in aset.actors if a.kb is not None}
        for r in person.kb.roles:
            if (
                r.relation == "leader_of"
                and r.org in kb_orgs
                and (published is None or active(r.start, r.end, published))
            ):
                return kb_orgs[r.org]
    return None


def _kb_office(
    aset: ActorSet, person: ResolvedActor, rel: str, published: str | None
) -> ResolvedActor | None:
    """The organisation or state of the document in which the KB says the person holds
    this kind of role at publication time."""
    if person.kb is None:
        return None
    in_doc = {a.kb.id: a for a in aset.actors if a.kb is not None}
    for r in person.kb.roles:
        if (
            r.relation == rel
            and r.org in in_doc
            and (published is None or active(r.start, r.end, published))
        ):
            return in_doc[r.org]
    return None


def _holder(
    aset: ActorSet,
    facts: list[RoleFact],
    org_idx: int,
    rel: str,
    at: int,
    kb: KnowledgeBase,
    published: str | None,
) -> ResolvedActor | None:
    """Who the document (nearest statement first), else the KB, says holds a role."""
    stated = [f for f in facts if f.org == org_idx and f.relation == rel and not f.ended]
    if stated:
        before = [f for f in stated if f.start < at]
        f = before[-1] if before else stated[0]
        return aset.actors[f.person]
    org = aset.actors[org_idx]
    if org.kb is None:
        return None
    holders = kb.people_with_role(org.kb.id, rel, on=published)
    if len(holders) != 1:
        return None
    entry = holders[0][0]
    for a in aset.actors:
        if a.kb is not None and a.kb.id == entry.id:
            return a
    # Named only by title here: the KB's role holder joins the document.
    person = ResolvedActor(
        index=len(aset.actors), key="kb:" + entry.id, mentions=[], kb=entry, type="person"
    )
    aset.actors.append(person)
    return person
