"""A small invented store for the API and browser tests: hand-built records, no NLP needed."""

from __future__ import annotations

from fastapi.testclient import TestClient

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
    Span,
    content_id,
)
from actorgraph.store import Store

TOKEN = "test-token-123"

# Markup an attacker could plant in an article; the tests check it never runs.
XSS_SENTENCE = (
    "Norland officials wrote <script>window.__agXss = 1</script> and "
    '<img src="x" onerror="window.__agXss = 2"> before Ostmark threatened Norland.'
)
XSS_TITLE = '<b onmouseover="window.__agXss = 3">Ostmark threat</b>'

DOC_A = (
    "Border fighting\n"
    "Norland troops shelled Vessa on Monday. "
    "The Red Dawn Front accused Norland of war crimes. "
    "Tomas Varga leads the Red Dawn Front."
)
DOC_B = (
    "Talks in Vessa\n"
    "Elena Brook met Ostmark envoys in Vessa on Tuesday. "
    "Ostmark denied sending weapons to the Red Dawn Front. "
    "Elena Brook is the president of Norland."
)
DOC_C = f"Threats\n{XSS_SENTENCE}"

# (record id, name, type, kb id, coordinates)
ACTORS: dict[str, tuple[str, ActorType, str | None, tuple[float, float] | None]] = {
    "norland": ("Norland", "state", "test/norland", None),
    "vessa": ("Vessa", "place", "test/vessa", (10.5, 20.25)),
    "rdf": ("Red Dawn Front", "organization", "test/red-dawn", None),
    "varga": ("Tomas Varga", "person", "test/tomas-varga", None),
    "brook": ("Elena Brook", "person", "test/elena-brook", None),
    "ostmark": ("Ostmark", "state", None, None),
    "dara": ("Dara Voss", "person", None, None),
    "harbour": ("Kell Harbour Authority", "organization", None, None),
}


def _sentence(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start=start, end=start + len(needle), text=needle, sentence=0)


def _span(text: str, word: str, within: Evidence) -> Span:
    start = text.index(word, within.start)
    return Span(start=start, end=start + len(word), text=word)


def _actors(text: str, keys: list[str]) -> list[Actor]:
    out = []
    for key in keys:
        name, kind, kb, coords = ACTORS[key]
        start = text.index(name)
        out.append(
            Actor(
                id=key,
                name=name,
                type=kind,
                kb_id=kb,
                coordinates=coords,
                country=None,
                sector=None,
                mentions=[Span(start=start, end=start + len(name), text=name)],
            )
        )
    return out


def _event(
    text: str,
    id: str,
    type: str,
    sentence: str,
    trigger: str,
    source: list[str],
    target: list[str],
    date: str,
    *,
    place: str | None = None,
    modality: Modality = "asserted",
    attribution: Attribution | None = None,
) -> Event:
    ev = _sentence(text, sentence)
    return Event(
        id=id,
        type=type,
        trigger=_span(text, trigger, ev),
        source=source,
        target=target,
        place=place,
        date=DateValue(value=date, precision="day", text="Monday", basis="text"),
        modality=modality,
        attribution=attribution,
        evidence=ev,
        mentions=[ev],
        confidence=0.7,
    )


def _record(
    text: str,
    keys: list[str],
    events: list[Event],
    relations: list[Relation],
    published: str,
    source: str,
    title: str,
) -> ExtractionRecord:
    return ExtractionRecord(
        schema_version="1.0",
        document=DocumentInfo(
            id=content_id(text),
            source=source,
            title=title,
            publisher="Test Wire",
            url=f"https://news.invalid/{source}",
            published=Published(value=published, source="option"),
            chars=len(text),
        ),
        actors=_actors(text, keys),
        events=events,
        relations=relations,
    )


def records() -> list[tuple[ExtractionRecord, str]]:
    a = _record(
        DOC_A,
        ["norland", "vessa", "rdf", "varga"],
        [
            _event(
                DOC_A,
                "e1",
                "ASSAULT",
                "Norland troops shelled Vessa on Monday.",
                "shelled",
                ["norland"],
                ["rdf"],
                "2021-06-14",
                place="vessa",
            ),
            _event(
                DOC_A,
                "e2",
                "ACCUSE",
                "The Red Dawn Front accused Norland of war crimes.",
                "accused",
                ["rdf"],
                ["norland"],
                "2021-06-15",
                modality="reported",
                attribution=Attribution(text="the Red Dawn Front", actor="rdf"),
            ),
        ],
        [
            Relation(
                id="r1",
                type="leader_of",
                head="varga",
                tail="rdf",
                evidence=_sentence(DOC_A, "Tomas Varga leads the Red Dawn Front."),
            )
        ],
        "2021-06-15",
        "border.txt",
        "Border fighting",
    )
    b = _record(
        DOC_B,
        ["brook", "ostmark", "vessa", "rdf", "norland"],
        [
            _event(
                DOC_B,
                "e1",
                "CONSULT",
                "Elena Brook met Ostmark envoys in Vessa on Tuesday.",
                "met",
                ["brook"],
                ["ostmark"],
                "2022-03-01",
                place="vessa",
            ),
            _event(
                DOC_B,
                "e2",
                "AID",
                "Ostmark denied sending weapons to the Red Dawn Front.",
                "sending",
                ["ostmark"],
                ["rdf"],
                "2022-03-01",
                modality="denied",
            ),
        ],
        [
            Relation(
                id="r1",
                type="leader_of",
                head="brook",
                tail="norland",
                evidence=_sentence(DOC_B, "Elena Brook is the president of Norland."),
            )
        ],
        "2022-03-02",
        "talks.txt",
        "Talks in Vessa",
    )
    c = _record(
        DOC_C,
        ["norland", "ostmark"],
        [
            _event(
                DOC_C,
                "e1",
                "THREATEN",
                XSS_SENTENCE,
                "threatened",
                ["ostmark"],
                ["norland"],
                "2023-01-09",
            )
        ],
        [],
        "2023-01-10",
        "threats.txt",
        XSS_TITLE,
    )
    return [(a, DOC_A), (b, DOC_B), (c, DOC_C)]


def fill(store: Store) -> Store:
    for record, text in records():
        store.add_record(record, text)
    return store


def add_undated_event(store: Store) -> None:
    """A fourth document whose one event has no date (a time filter cannot place it)."""
    text = "Harbour\nOstmark warned Norland again about the harbour."
    sentence = text.split("\n", 1)[1]
    event = _event(text, "e1", "PROTEST", sentence, "warned", ["ostmark"], ["norland"], "2000")
    event = event.model_copy(update={"date": DateValue()})
    record = _record(text, ["norland", "ostmark"], [event], [], "2024-03-03", "h.txt", "H")
    store.add_record(record, text)


def add_guessed_event(store: Store) -> None:
    """A document whose one event has a party guessed from context (confidence 0.4)."""
    text = "Guess\nNorland was said to have warned Ostmark."
    sentence = text.split("\n", 1)[1]
    who = ["norland", "ostmark"]
    event = _event(text, "e1", "THREATEN", sentence, "warned", who[:1], who[1:], "2024-01-01")
    event = event.model_copy(update={"confidence": 0.4})
    store.add_record(_record(text, who, [event], [], "2024-01-02", "g.txt", "G"), text)


def add_isolated_pair(store: Store) -> None:
    """Two actors tied to each other only: a component of two, apart from the rest."""
    text = "Harbour dispute\nDara Voss criticised the Kell Harbour Authority on Friday."
    sentence = text.split("\n", 1)[1]
    who = ["dara", "harbour"]
    event = _event(text, "e1", "ACCUSE", sentence, "criticised", who[:1], who[1:], "2024-02-09")
    store.add_record(
        _record(text, who, [event], [], "2024-02-10", "p.txt", "Harbour dispute"), text
    )


def actor_id(c: TestClient, name: str) -> int:
    found = c.get("/api/actors", params={"search": name}).json()["items"]
    return int(next(a["id"] for a in found if a["name"] == name))
