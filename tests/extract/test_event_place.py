"""Where an event happened: the clause it continues, a place acted on, a dateline
(sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Event, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def place(rec: ExtractionRecord, ev: Event) -> str | None:
    by_id = {a.id: a.name for a in rec.actors}
    return by_id[ev.place] if ev.place else None


def events_of(rec: ExtractionRecord, etype: str) -> list[Event]:
    return [e for e in rec.events if e.type == etype]


def test_conjoined_clause_shares_the_place(run: Run) -> None:
    rec = run(
        "At a summit in Berlin on Monday, Norland closed its border with France and "
        "recalled its ambassador."
    )
    assert rec.events
    assert all(place(rec, e) == "Berlin" for e in rec.events)


def test_reported_clause_does_not_take_the_speakers_place(run: Run) -> None:
    rec = run("Elena Brook said in Berlin that the Red Dawn Front attacked Norland.")
    (ev,) = events_of(rec, "ASSAULT")
    assert place(rec, ev) != "Berlin"


def test_where_clause_after_travel_takes_the_destination(run: Run) -> None:
    rec = run("Elena Brook flew to Berlin for the summit, where she met Tomas Varga.")
    evs = [e for e in events_of(rec, "CONSULT") if e.target]
    assert evs and all(place(rec, e) == "Berlin" for e in evs)


def test_place_attacked_is_where_the_attack_happened(run: Run) -> None:
    rec = run("Norlandic artillery shelled the suburbs of Lyon on Monday.")
    (ev,) = events_of(rec, "ASSAULT")
    assert place(rec, ev) == "Lyon"


def test_dateline_places_the_lead_sentence(run: Run) -> None:
    rec = run(
        "BERLIN — Norland and France signed a trade agreement on Monday.\n\n"
        "Elena Brook praised the agreement."
    )
    lead = [e for e in rec.events if "signed" in e.evidence.text]
    later = [e for e in rec.events if "praised" in e.evidence.text]
    assert lead and all(place(rec, e) == "Berlin" for e in lead)
    assert later and all(e.place is None for e in later)


def test_dateline_does_not_place_a_distant_attack(run: Run) -> None:
    rec = run("BERLIN — Norlandic missiles struck a depot on Monday.")
    (ev,) = events_of(rec, "ASSAULT")
    assert place(rec, ev) != "Berlin"


def test_trip_and_meeting_there_are_one_event(run: Run) -> None:
    rec = run("Elena Brook flew to Berlin on Monday and met Tomas Varga.")
    evs = events_of(rec, "CONSULT")
    by_id = {a.id: a.name for a in rec.actors}
    assert evs and all(by_id[t] != "Berlin" for e in evs for t in e.target)
    assert any(place(rec, e) == "Berlin" for e in evs)
