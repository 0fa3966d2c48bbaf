"""Builders for toy gold files and extraction records (a fictional world, our own words)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from actorgraph.evaluate import GoldDocument, load_gold
from actorgraph.records import (
    Actor,
    ActorType,
    Attribution,
    DateValue,
    DocumentInfo,
    Event,
    Evidence,
    ExtractionRecord,
    Modality,
    Published,
    Relation,
)

ARTICLE = (
    "Minister Ana Ruiz of Northland met Southmark envoys in Port Vale on 12 April 2023. "
    "Border officials said the Ridge Front raided a Northland outpost in April. "
    "The Ridge Front vowed more attacks. Ruiz has led the Northland Unity Party since March 2021."
)

# A gold file for ARTICLE; each test edits or extends it as it needs.
TOY_GOLD = """\
document:
  file: article.txt
  title: A toy report
  published: 2023-05
actors:
  - {name: Ana Ruiz, type: person, aliases: [Ruiz, Minister Ana Ruiz]}
  - {name: Northland, type: state, aliases: [Northlandic]}
  - {name: Southmark, type: state, aliases: []}
  - {name: Northland Unity Party, type: organization, aliases: [N.U.P.]}
  - {name: Ridge Front, type: [group, organization], aliases: []}
  - {name: Port Vale, type: place, aliases: []}
  - {name: Harbour Watch, type: organization, optional: true}
relations:
  - type: leader_of
    head: Ana Ruiz
    tail: [Northland Unity Party, Northland]
    start: 2021-03
    evidence: "Ruiz has led the Northland Unity Party since March 2021"
  - {type: allied_with, head: Northland, tail: Southmark, symmetric: true, optional: true}
events:
  - id: talks
    type: [CONSULT]
    source: [Ana Ruiz, Northland]
    target: [Southmark]
    symmetric: true
    date: 2023-04-12
    place: Port Vale
    modality: asserted
    evidence: "met Southmark envoys in Port Vale on 12 April 2023"
  - id: raid
    type: [ASSAULT]
    source: [Ridge Front]
    target: [Northland]
    date: 2023-04
    modality: reported
    attribution: border officials
    evidence: "the Ridge Front raided a Northland outpost in April"
  - id: vow
    type: [THREATEN]
    source: Ridge Front
    target: []
    modality: future
    evidence: "The Ridge Front vowed more attacks"
"""


def write_gold(folder: Path, gold_yaml: str = TOY_GOLD, *, name: str = "toy.gold.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / name
    path.write_text(textwrap.dedent(gold_yaml), encoding="utf-8")
    return path


def toy_gold(folder: Path, gold_yaml: str = TOY_GOLD) -> GoldDocument:
    return load_gold(write_gold(folder, gold_yaml))


def actor(id: str, name: str, type: ActorType, *aliases: str) -> Actor:
    return Actor(id=id, name=name, type=type, aliases=list(aliases))


def _evidence(text: str) -> Evidence:
    start = max(ARTICLE.find(text), 0)
    return Evidence(start=start, end=start + len(text), text=text)


def date(value: str | None) -> DateValue:
    precision = {4: "year", 7: "month", 10: "day"}.get(len(value or ""), "range")
    return DateValue(value=value, precision=precision if value else "unknown")  # type: ignore[arg-type]


def relation(
    id: str,
    type: str,
    head: str,
    tail: str,
    *,
    start: str | None = None,
    end: str | None = None,
    text: str = "x",
) -> Relation:
    return Relation(
        id=id,
        type=type,
        head=head,
        tail=tail,
        start=date(start) if start else None,
        end=date(end) if end else None,
        evidence=_evidence(text),
    )


def event(
    id: str,
    type: str,
    source: list[str],
    target: list[str],
    *,
    when: str | None = None,
    place: str | None = None,
    modality: Modality = "asserted",
    said: str | None = None,
    said_by: str | None = None,
    text: str = "x",
) -> Event:
    return Event(
        id=id,
        type=type,
        source=source,
        target=target,
        date=date(when),
        place=place,
        modality=modality,
        attribution=Attribution(text=said, actor=said_by) if said is not None else None,
        evidence=_evidence(text),
    )


def record(
    actors: list[Actor],
    relations: list[Relation] | None = None,
    events: list[Event] | None = None,
) -> ExtractionRecord:
    return ExtractionRecord(
        schema_version="1.0",
        document=DocumentInfo(
            id="toy", source="article.txt", published=Published(value="2023-05", source="option")
        ),
        actors=actors,
        relations=relations or [],
        events=events or [],
    )


def toy_actors() -> list[Actor]:
    """System actors for every required toy gold actor, written the way a text might."""
    return [
        actor("p1", "Minister Ana Ruiz", "person", "Ruiz"),
        actor("s1", "Northland", "state"),
        actor("s2", "Southmark", "state"),
        actor("o1", "Northland Unity Party", "organization"),
        actor("g1", "the Ridge Front", "group"),
        actor("l1", "Port Vale", "place"),
    ]
