"""Standing relations: roles from titles, sub-organisations, and (later) verbal forms."""

from __future__ import annotations

from spacy.tokens import Doc

from actorgraph.records import DateValue, Evidence, Relation
from actorgraph.resolve.actors import ActorSet


def _sentence_evidence(doc: Doc, start: int, end: int) -> Evidence:
    span = doc[start:end]
    sent = doc[start].sent
    return Evidence(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        sentence=_sentence_index(doc, sent.start),
    )


def _sentence_index(doc: Doc, token_start: int) -> int:
    index = doc.user_data.get("ag_sent_index")
    if index is None:
        index = {s.start: n for n, s in enumerate(doc.sents)}
        doc.user_data["ag_sent_index"] = index
    return int(index.get(token_start, 0))


def extract_relations(doc: Doc, aset: ActorSet) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    published = doc._.ag_published

    def add(rel: Relation) -> None:
        key = (rel.type, rel.head, rel.tail)
        if key in seen:
            return
        seen.add(key)
        out.append(rel)

    for f in aset.roles:
        head, tail = aset.actors[f.person], aset.actors[f.org]
        end = (
            DateValue(value=published, precision="unknown", text="former", basis="publication")
            if f.ended
            else None
        )
        add(
            Relation(
                id=f"r{len(out) + 1}",
                type=f.relation,
                head=head.id,
                tail=tail.id,
                end=end,
                evidence=_sentence_evidence(doc, f.start, f.end),
                confidence=0.8,
            )
        )
    for a in aset.actors:
        if a.parent is not None:
            m = a.mentions[0]
            add(
                Relation(
                    id=f"r{len(out) + 1}",
                    type="part_of",
                    head=a.id,
                    tail=aset.actors[a.parent].id,
                    evidence=_sentence_evidence(doc, m.start, m.end),
                    confidence=0.7,
                )
            )
    return out
