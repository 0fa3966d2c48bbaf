"""Which PLOVER type a construction gets (issue 12, types): catenatives, stance participles,
quantities of goods, light verbs with a noun of their own, and verb senses set by the object.
Every sentence here is written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Event, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def names(rec: ExtractionRecord, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids}


def types(rec: ExtractionRecord) -> set[str]:
    return {e.type for e in rec.events}


def one(rec: ExtractionRecord, etype: str) -> Event:
    (ev,) = [e for e in rec.events if e.type == etype]
    return ev


# ------------------------------------------------------------------ catenatives
def test_help_takes_the_type_of_its_complement(run: Run) -> None:
    rec = run("The Red Dawn Front helped negotiate a truce with Norland in Vessa.")
    assert "AID" not in types(rec)
    ev = one(rec, "CONSULT")
    assert names(rec, ev.source) == {"Red Dawn Front"}
    assert names(rec, ev.target) == {"Norland"}


def test_summoning_to_complain_is_the_complaint(run: Run) -> None:
    rec = run("Elena Brook summoned the envoy of Norland to complain about the border raids.")
    assert "CONSULT" not in types(rec)
    ev = one(rec, "ACCUSE")
    assert names(rec, ev.source) == {"Elena Brook"}


def test_help_without_an_act_as_complement_stays_aid(run: Run) -> None:
    rec = run("Norland helped the Red Dawn Front with money and rifles.")
    assert "AID" in types(rec)


# ------------------------------------------------------------------ stance participles
def test_committed_to_makes_the_subject_the_source(run: Run) -> None:
    rec = run("Elena Brook said Norland is committed to holding free elections next spring.")
    ev = one(rec, "AGREE")
    assert names(rec, ev.source) == {"Norland"}


def test_opposed_to_a_proposal_is_a_rejection_by_the_subject(run: Run) -> None:
    rec = run("The Red Dawn Front is opposed to any mediation by Norland.")
    assert "ACCUSE" not in types(rec)
    ev = one(rec, "REJECT")
    assert names(rec, ev.source) == {"Red Dawn Front"}


def test_a_true_passive_of_the_same_verb_keeps_its_agent(run: Run) -> None:
    rec = run("The new curfew law was opposed by the Red Dawn Front.")
    evs = [e for e in rec.events if names(rec, e.source) == {"Red Dawn Front"}]
    assert evs


# ------------------------------------------------------------------ objects and nouns
def test_goods_after_a_quantity_noun_choose_the_pattern(run: Run) -> None:
    rec = run("Norland handed over two tonnes of food to the Red Dawn Front.")
    ev = one(rec, "AID")
    assert ev.cameo == "073"
    assert names(rec, ev.target) == {"Red Dawn Front"}


def test_gave_a_welcome_is_hosting_a_visit(run: Run) -> None:
    rec = run("Elena Brook gave a warm welcome to the envoy of Norland on Monday.")
    assert "AID" not in types(rec)
    assert one(rec, "CONSULT").cameo == "043"


def test_cancelling_restrictions_is_a_concession(run: Run) -> None:
    rec = run("Norland cancelled the restrictions on travel to Vessa.")
    assert one(rec, "CONCEDE").cameo == "081"


def test_stopping_work_is_a_strike(run: Run) -> None:
    rec = run("Dock workers in Brenna stopped work on Monday over a new wage law of Norland.")
    assert one(rec, "PROTEST").cameo == "143"


def test_stop_from_still_codes_coercion(run: Run) -> None:
    rec = run("Norland stopped the Red Dawn Front from entering Vessa.")
    assert "COERCE" in types(rec)


def test_not_meeting_demands_is_a_refusal_not_a_meeting(run: Run) -> None:
    rec = run("Norland said it would not meet the demands of the Red Dawn Front.")
    assert "CONSULT" not in types(rec)
    ev = one(rec, "REJECT")
    assert names(rec, ev.source) == {"Norland"}


def test_help_given_to_someone_stays_aid_to_them(run: Run) -> None:
    rec = run("Norland helped the Red Dawn Front to attack the convoy near Brenna.")
    ev = one(rec, "AID")
    assert names(rec, ev.target) == {"Red Dawn Front"}


# ------------------------------------------------------------------ demands in reported speech
def test_a_named_party_that_must_act_is_the_target_of_a_demand(run: Run) -> None:
    rec = run("Elena Brook told reporters that Norland must reopen the border crossing.")
    ev = one(rec, "REQUEST")
    assert names(rec, ev.source) == {"Elena Brook"}
    assert names(rec, ev.target) == {"Norland"}


def test_an_obligation_of_the_speaker_itself_is_no_demand(run: Run) -> None:
    rec = run("The Red Dawn Front said it must rebuild its schools.")
    assert "REQUEST" not in types(rec)


def test_an_unnamed_obligee_is_no_demand(run: Run) -> None:
    rec = run("Elena Brook said armed forces should spare the villages.")
    assert "REQUEST" not in types(rec)


def test_swearing_to_fight_is_a_threat(run: Run) -> None:
    rec = run("The Red Dawn Front has sworn to fight until Norland leaves Vessa.")
    assert "ACCUSE" not in types(rec)
    assert names(rec, one(rec, "THREATEN").source) == {"Red Dawn Front"}


def test_sworn_in_is_no_event(run: Run) -> None:
    rec = run("Elena Brook was sworn in as president of Norland on Monday.")
    assert not rec.events


# ------------------------------------------------------------------ who demands
def test_the_one_who_must_act_never_becomes_the_author_of_the_demand(run: Run) -> None:
    rec = run("Village elders in Vessa demanded that Norland release the prisoners.")
    ev = one(rec, "REQUEST")
    assert names(rec, ev.source) == {"village elders"}
    assert names(rec, ev.target) == {"Norland"}


def test_inhabitants_are_an_unnamed_group_that_acts(run: Run) -> None:
    rec = run(
        "Inhabitants of Brenna threatened to block the roads unless Norland lifted the curfew."
    )
    ev = one(rec, "THREATEN")
    assert names(rec, ev.source) == {"inhabitants"}


# ------------------------------------------------------------------ promises
def test_aid_promised_over_a_period_is_a_promise(run: Run) -> None:
    rec = run(
        "Norland will give the Red Dawn Front a loan over the next two years, a statement said."
    )
    assert "AID" not in types(rec)
    assert names(rec, one(rec, "AGREE").source) == {"Norland"}


def test_aid_set_for_a_day_stays_aid(run: Run) -> None:
    rec = run("Norland will give the Red Dawn Front a loan on Friday, a statement said.")
    assert "AID" in types(rec)


# ------------------------------------------------------------------ senses by the object
def test_withdrawing_observers_reduces_relations(run: Run) -> None:
    rec = run("Norland withdrew its observers from the Red Dawn Front's camps in March.")
    assert "RETREAT" not in types(rec)
    assert one(rec, "SANCTION").cameo == "1662"


def test_withdrawing_troops_is_still_a_retreat(run: Run) -> None:
    rec = run("Norland withdrew its troops from Brenna in March.")
    assert "RETREAT" in types(rec)


def test_staying_on_alert_is_a_mobilization(run: Run) -> None:
    rec = run("The Norland army remained on high alert along the border near Vessa.")
    assert "MOBILIZE" in types(rec)


def test_agreeing_to_a_truce_is_the_agreement_only(run: Run) -> None:
    rec = run("The Red Dawn Front agreed to a truce last week.")
    assert types(rec) == {"AGREE"}
