"""Hand-built extraction records for store tests that need no NLP pipeline."""

from __future__ import annotations

from actorgraph.records import (
    Actor,
    ActorType,
    DatePrecision,
    DateValue,
    DocumentInfo,
    Event,
    Evidence,
    ExtractionRecord,
    Modality,
    Published,
    Relation,
    Span,
    content_id,
)

# (record id, name, type, kb_id)
ActorSpec = tuple[str, str, ActorType, str | None]


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start=start, end=start + len(needle), text=needle)


def make_record(
    text: str,
    actors: list[ActorSpec],
    events: list[Event] | None = None,
    relations: list[Relation] | None = None,
    *,
    published: str | None = "2021-06-15",
    source: str = "test.txt",
) -> ExtractionRecord:
    """A record over ``text``; each actor's name must occur in the text (its mention)."""
    return ExtractionRecord(
        schema_version="1.0",
        document=DocumentInfo(
            id=content_id(text),
            source=source,
            published=Published(value=published, source="option" if published else "none"),
            chars=len(text),
        ),
        actors=[
            Actor(id=i, name=name, type=kind, kb_id=kb, mentions=[_span(text, name)])
            for i, name, kind, kb in actors
        ],
        events=events or [],
        relations=relations or [],
    )


def make_event(
    text: str,
    type: str,
    source: list[str],
    target: list[str],
    date: str | None = "2021-06-14",
    precision: DatePrecision = "day",
    modality: Modality = "asserted",
    id: str = "e1",
) -> Event:
    evidence = Evidence(start=0, end=len(text), text=text, sentence=0)
    return Event(
        id=id,
        type=type,
        source=source,
        target=target,
        date=DateValue(value=date, precision=precision if date else "unknown"),
        modality=modality,
        evidence=evidence,
        mentions=[evidence],
    )


def make_relation(text: str, type: str, head: str, tail: str, id: str = "r1") -> Relation:
    return Relation(
        id=id,
        type=type,
        head=head,
        tail=tail,
        evidence=Evidence(start=0, end=len(text), text=text, sentence=0),
    )
