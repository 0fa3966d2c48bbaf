"""Where an event happened when no place follows in/at/near: ground named by a noun, a
preposition of entering, a place deeper in what was hit, and the scene of the act before
(sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Event, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def place(rec: ExtractionRecord, ev: Event) -> str | None:
    by_id = {a.id: a.name for a in rec.actors}
    return by_id[ev.place] if ev.place else None


def told_in(rec: ExtractionRecord, words: str) -> list[Event]:
    return [e for e in rec.events if words in e.evidence.text]


def test_the_town_of_a_name_is_the_place(run: Run) -> None:
    rec = run("Rebels fired mortars at the Norlandic town of Vessa on Tuesday.")
    evs = [e for e in rec.events if e.type == "ASSAULT"]
    assert evs and all(place(rec, e) == "Vessa" for e in evs)


def test_ground_of_a_state_is_the_place(run: Run) -> None:
    rec = run("The Red Dawn Front ambushed a patrol on Norlandic soil on Friday.")
    evs = [e for e in rec.events if e.type == "ASSAULT"]
    assert evs and all(place(rec, e) == "Norland" for e in evs)


def test_an_incursion_into_a_state_happens_there(run: Run) -> None:
    rec = run("The Red Dawn Front launched a raid into Norland on Monday.")
    evs = [e for e in rec.events if e.type == "ASSAULT"]
    assert evs and all(place(rec, e) == "Norland" for e in evs)


def test_place_deeper_in_what_was_hit(run: Run) -> None:
    rec = run(
        "A Norlandic strike on Friday hit two trucks of the Red Dawn Front that had left a "
        "depot near Vessa."
    )
    evs = [e for e in rec.events if e.type == "ASSAULT"]
    assert evs and all(place(rec, e) == "Vessa" for e in evs)


def test_a_deed_told_next_keeps_the_scene(run: Run) -> None:
    rec = run(
        "Norlandic troops shelled Red Dawn Front positions near Vessa on Monday. "
        "The troops also attacked the Red Dawn Front's supply lines."
    )
    later = [e for e in told_in(rec, "supply lines") if e.type == "ASSAULT"]
    assert later and all(place(rec, e) == "Vessa" for e in later)


def test_a_new_paragraph_is_a_new_scene(run: Run) -> None:
    rec = run(
        "Norlandic troops shelled Red Dawn Front positions near Vessa on Monday.\n\n"
        "The troops also attacked the Red Dawn Front's supply lines."
    )
    later = [e for e in told_in(rec, "supply lines") if e.type == "ASSAULT"]
    assert later and all(e.place is None for e in later)


def test_words_are_not_placed_by_the_scene(run: Run) -> None:
    rec = run(
        "Norlandic troops shelled Red Dawn Front positions near Vessa on Monday. "
        "Tomas Varga condemned Norland."
    )
    words = [e for e in told_in(rec, "condemned") if e.type != "ASSAULT"]
    assert words and all(e.place is None for e in words)


def test_a_war_named_by_one_state_is_fought_there(run: Run) -> None:
    rec = run(
        "Norland is at war. The Red Dawn Front has supported Norlandic rebels during the "
        "Norlandic civil war."
    )
    evs = [e for e in told_in(rec, "supported") if e.type in {"SUPPORT", "AID"}]
    assert evs and all(place(rec, e) == "Norland" for e in evs)


def test_the_invasion_of_a_state_happens_there(run: Run) -> None:
    rec = run("The Red Dawn Front invaded Norland in March.")
    evs = [e for e in rec.events if e.target]
    assert evs and all(place(rec, e) == "Norland" for e in evs)


def test_an_attack_on_a_state_is_not_placed_there_by_the_act_alone(run: Run) -> None:
    rec = run("The Red Dawn Front threatened Norland in a statement.")
    assert rec.events and all(e.place is None for e in rec.events)
