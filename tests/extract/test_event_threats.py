"""Threats made as consequences, and who says a passage with no verb of saying.

Sentences written for these tests; actors from the fixture KB (Norland, the Red Dawn Front,
Tomas Varga, Elena Brook) or real states.
"""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Event, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def names(rec: ExtractionRecord, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids}


def events_of(rec: ExtractionRecord, etype: str) -> list[Event]:
    return [e for e in rec.events if e.type == etype]


def test_if_clause_with_a_price_is_a_threat_by_the_speaker(run: Run) -> None:
    rec = run("Tomas Varga said that if Norland attacks the camps, it will pay a heavy price.")
    (threat,) = events_of(rec, "THREATEN")
    assert names(rec, threat.source) == {"Tomas Varga"}
    assert names(rec, threat.target) == {"Norland"}
    assert threat.modality == "asserted"
    # The attack is the threat's condition, not an event.
    assert events_of(rec, "ASSAULT") == []


def test_an_act_as_subject_of_a_consequence_is_a_threat_against_its_author(run: Run) -> None:
    rec = run(
        "Norland fired a missile over the strait on Monday. "
        "Elena Brook said the launch would meet a firm response."
    )
    (threat,) = events_of(rec, "THREATEN")
    assert names(rec, threat.source) == {"Elena Brook"}
    assert names(rec, threat.target) == {"Norland"}


def test_a_consequence_no_one_threatens_leaves_the_act_hypothetical(run: Run) -> None:
    rec = run("If Norland attacks France, the region will suffer.")
    assert events_of(rec, "THREATEN") == []
    assert {e.modality for e in events_of(rec, "ASSAULT")} == {"hypothetical"}


def test_a_quotation_going_on_is_said_by_the_last_speaker(run: Run) -> None:
    rec = run(
        "“We are ready for anything,” Tomas Varga said on Sunday. "
        "“If Norland invades our valleys, it will regret it.”"
    )
    (threat,) = events_of(rec, "THREATEN")
    assert names(rec, threat.source) == {"Tomas Varga"}
    assert names(rec, threat.target) == {"Norland"}


def test_a_paragraph_after_a_colon_is_said_by_who_introduced_it(run: Run) -> None:
    rec = run(
        "Speaking at a rally in the hills, Tomas Varga declared:\n\n"
        "Tomas Varga at the rally\n\n"
        "Our patience has limits. If Norland attacks our villages, its cities will be exposed "
        "to our rockets.\n"
    )
    (threat,) = events_of(rec, "THREATEN")
    assert names(rec, threat.source) == {"Tomas Varga"}
    assert names(rec, threat.target) == {"Norland"}


def test_a_plain_paragraph_has_no_borrowed_speaker(run: Run) -> None:
    rec = run(
        "Tomas Varga spoke in the hills on Sunday.\n\n"
        "If Norland attacks the villages, its cities will be exposed to rockets.\n"
    )
    assert events_of(rec, "THREATEN") == []


def test_an_act_promised_unless_another_complies_is_a_threat(run: Run) -> None:
    rec = run(
        "Norland announced that it will withdraw its troops from Vessa unless France pays the debt."
    )
    (threat,) = events_of(rec, "THREATEN")
    assert names(rec, threat.source) == {"Norland"} and names(rec, threat.target) == {"France"}
    assert threat.modality == "asserted"
    assert events_of(rec, "RETREAT") == []


def test_an_offer_on_a_condition_stays_an_offer(run: Run) -> None:
    rec = run("Norland will send aid to Vessa if France agrees.")
    assert events_of(rec, "THREATEN") == []


def test_what_someone_says_another_must_do_is_a_demand(run: Run) -> None:
    rec = run("On Monday Elena Brook said the Red Dawn Front must release the hostages.")
    (demand,) = events_of(rec, "REQUEST")
    assert names(rec, demand.source) == {"Elena Brook"}
    assert names(rec, demand.target) == {"Red Dawn Front"}
    assert demand.date.value == "2021-06-14"
