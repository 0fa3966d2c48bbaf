"""Claims, reactions to acts, promises coded by what is promised, receiving from a giver.

Sentences are invented (tests/fixtures/test-kb.yaml: Norland a state, Vessa a town of it, the
Red Dawn Front a group).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def _events(rec: ExtractionRecord) -> list[tuple[str, list[str], list[str]]]:
    names = {a.id: a.name for a in rec.actors}
    return [
        (e.type, [names[s] for s in e.source], [names[t] for t in e.target]) for e in rec.events
    ]


CLAIMED = "Spain condemned the bombing in Vessa, for which the Red Dawn Front claimed it."


def test_a_claim_in_a_relative_clause_names_the_author(run: Run) -> None:
    text = CLAIMED.replace("claimed it", "claimed responsibility")
    got = _events(run(text))
    assert any(t == "ASSAULT" and s == ["Red Dawn Front"] for t, s, _ in got), got
    # The condemnation is aimed at the claimed author, and who condemns is no victim.
    assert ("ACCUSE", ["Spain"], ["Red Dawn Front"]) in got, got
    assert not any(t == "ASSAULT" and "Spain" in g for t, _, g in got), got


def test_an_act_claimed_in_a_relative_clause(run: Run) -> None:
    got = _events(run("France deplored the raid that the Red Dawn Front claimed."))
    assert any(t == "ASSAULT" and s == ["Red Dawn Front"] for t, s, _ in got), got


def test_no_author_when_nobody_claims(run: Run) -> None:
    got = _events(
        run("Spain condemned the bombing in Vessa, for which no group claimed responsibility.")
    )
    assert not any(t == "ASSAULT" and s for t, s, _ in got), got


def test_a_hostile_promise_is_a_threat(run: Run) -> None:
    got = _events(run("The Red Dawn Front vowed to deliver a bitter reply to Norland."))
    assert [t for t, *_ in got] == ["THREATEN"], got
    assert got[0][1:] == (["Red Dawn Front"], ["Norland"])


def test_a_promise_of_help_stays_a_promise(run: Run) -> None:
    got = _events(run("Spain pledged to help Norland."))
    assert [t for t, *_ in got] == ["AGREE"], got


@pytest.mark.parametrize(
    "text",
    ["Germany sent soldiers to Norland.", "Spain pledged to send troops to Norland."],
)
def test_troops_sent_are_the_means_and_the_state_the_target(run: Run, text: str) -> None:
    got = _events(run(text))
    assert got and all(g == ["Norland"] for _, _, g in got), got


def test_soldiers_attacked_are_the_target(run: Run) -> None:
    got = _events(run("The Red Dawn Front attacked soldiers near Vessa."))
    assert ("ASSAULT", ["Red Dawn Front"], ["soldiers"]) in got, got


def test_the_giver_hangs_on_the_last_object(run: Run) -> None:
    got = _events(run("The Red Dawn Front receives weapons, money and fuel from Spain."))
    assert any(s == ["Spain"] and g == ["Red Dawn Front"] for _, s, g in got), got


def test_engaging_in_an_act_is_that_act(run: Run) -> None:
    got = _events(run("The Red Dawn Front agreed to engage in dialog with France."))
    assert not any(t == "ASSAULT" for t, *_ in got), got
    assert any(t == "CONSULT" and g == ["France"] for t, _, g in got), got


def test_joint_agreement_pairs_the_subjects(run: Run) -> None:
    got = _events(run("Spain and France agreed that the border would reopen in May."))
    assert ("AGREE", ["Spain"], ["France"]) in got, got


def test_who_led_an_attack_made_it(run: Run) -> None:
    got = _events(run("Spain mentioned the Red Dawn Front-led raid on Vessa in 2019."))
    assert any(t == "ASSAULT" and s == ["Red Dawn Front"] for t, s, _ in got), got


def test_a_possessor_phrase_names_the_author(run: Run) -> None:
    got = _events(run("France asked for an end to the Norland government's air strikes on Spain."))
    assert ("ASSAULT", ["Norland"], ["Spain"]) in got, got


def test_a_leaders_regime_is_the_state(run: Run) -> None:
    rec = run("The Elena Brook government raided Vessa.")
    assert ("ASSAULT", ["Norland"], ["Vessa"]) in _events(rec), _events(rec)
    assert "Elena Brook" not in {a.name for a in rec.actors}


def test_the_subject_of_a_bare_clause_is_helped(run: Run) -> None:
    got = _events(run("Spain helped Norland rebuild its army."))
    assert ("AID", ["Spain"], ["Norland"]) in got, got


def test_a_that_clause_is_not_a_bare_clause(run: Run) -> None:
    got = _events(run("Spain said Norland had rebuilt its army."))
    assert not any(g == ["Norland"] and s == ["Spain"] for _, s, g in got), got


def test_a_title_said_again_is_its_person(run: Run) -> None:
    rec = run(
        "Norland President Elena Brook received the Spanish envoy in Vessa on Monday. "
        "The president and the envoy agreed that talks would go on."
    )
    got = _events(rec)
    assert any(t == "AGREE" and s == ["Elena Brook"] for t, s, _ in got), got


def test_a_call_to_end_an_act_is_aimed_at_its_author(run: Run) -> None:
    got = _events(run("Spain called for an end to the Red Dawn Front's shelling of Vessa."))
    assert ("REQUEST", ["Spain"], ["Red Dawn Front"]) in got, got


def test_we_is_the_voice_of_a_statement(run: Run) -> None:
    rec = run(
        "Spain strongly condemns the bombing in Vessa. We call on the Red Dawn Front to free "
        "the hostages at once."
    )
    assert any(t == "REQUEST" and s == ["Spain"] for t, s, _ in _events(rec)), _events(rec)


def test_we_in_a_quotation_is_its_speaker(run: Run) -> None:
    rec = run('"We will strike the Red Dawn Front again," Elena Brook said on Monday.')
    assert any(s == ["Elena Brook"] for t, s, _ in _events(rec)), _events(rec)


# ------------------------------------------------------------------ the means of an act
@pytest.mark.parametrize(
    "text",
    [
        "The Red Dawn Front waged a long war using car bombs against Norland.",
        "The Northern Front waged a war with rocket attacks on Eastland.",
    ],
)
def test_an_act_is_aimed_where_its_means_are(run: Run, text: str) -> None:
    got = [e for e in _events(run(text)) if e[0] == "ASSAULT"]
    # One act, aimed where the bombs or rockets were: using them is no second event.
    assert len(got) == 1, got
    assert got[0][2] in (["Norland"], ["Eastland"]), got


def test_an_earlier_opponent_does_not_replace_the_means_target(run: Run) -> None:
    text = (
        "The Red Dawn Front fought Eastland for years.\n\n"
        "The Red Dawn Front waged a long war using car bombs against Norland."
    )
    war = [e for e in _events(run(text)) if e[0] == "ASSAULT" and "Norland" in e[2]]
    assert war, _events(run(text))


# ------------------------------------------------------------------ showing is no protest
def test_demonstrating_a_quality_is_no_protest(run: Run) -> None:
    got = _events(run("Norland said the raids demonstrate its commitment to Vessa."))
    assert not any(t == "PROTEST" for t, _, _ in got), got


# ------------------------------------------------------------------ "the soldiers" again
def test_the_soldiers_are_those_whose_state_was_named_before(run: Run) -> None:
    text = (
        "Two Norlandic soldiers were seized near Vessa on Monday. "
        "Norland said the Red Dawn Front kidnapped the soldiers."
    )
    got = _events(run(text))
    assert ("ASSAULT", ["Red Dawn Front"], ["Norland"]) in got, got
    assert not any("soldiers" in g for _, _, g in got), got


# ------------------------------------------------------------------ a series of acts
def test_a_series_of_acts_is_kept_apart_from_a_dated_one(run: Run) -> None:
    rec = run(
        "The Red Dawn Front has carried out numerous attacks on Norland. "
        "The Red Dawn Front attacked Norland on 3 May."
    )
    got = [e for e in rec.events if e.type == "ASSAULT"]
    assert len(got) == 2, _events(rec)


def test_people_counted_are_no_reason_to_guess_a_party(run: Run) -> None:
    rec = run(
        "Norland attacked the Red Dawn Front in Vessa. "
        "Clashes between Norland and the Red Dawn Front have displaced tens of thousands."
    )
    got = _events(rec)
    assert not any(t == "COERCE" for t, _, _ in got), got


# ------------------------------------------------------------------ a call in which one acts
def test_a_call_the_clause_happens_in_was_held_by_its_subject(run: Run) -> None:
    got = _events(run("Tomas Varga raised the matter in a call with Elena Brook on Monday."))
    assert ("CONSULT", ["Tomas Varga"], ["Elena Brook"]) in got, got


def test_an_attack_victims_died_in_was_not_theirs(run: Run) -> None:
    got = _events(run("Two Norlandic soldiers were killed in an attack on Vessa."))
    assert not any(t == "CONSULT" for t, _, _ in got), got
    assert not any(t == "ASSAULT" and "Norland" in s for t, s, _ in got), got


# ------------------------------------------------------------------ the talks last reported
def test_the_talks_are_those_last_reported(run: Run) -> None:
    rec = run(
        "Norland attacked the Red Dawn Front in Vessa. "
        "Tomas Varga held secret talks with Elena Brook in Brenna. The talks came to nothing."
    )
    talks = [e for e in _events(rec) if e[0] == "CONSULT"]
    assert talks == [("CONSULT", ["Tomas Varga"], ["Elena Brook"])], talks


# ------------------------------------------------------------------ the medium takes no side
def test_the_medium_of_a_claim_is_no_target(run: Run) -> None:
    got = _events(
        run("Tomas Varga said the Red Dawn Front carried out the bombing, via Radio Vessa.")
    )
    assert not any("Radio Vessa" in g for _, _, g in got), got


# ------------------------------------------------------------------ an act besides another
@pytest.mark.parametrize("second", ["Norland also attacked", "Norland attacked other"])
def test_an_act_said_to_be_another_is_not_merged(run: Run, second: str) -> None:
    rec = run(
        "On Monday Norland attacked the Red Dawn Front near Vessa. "
        f"{second} Red Dawn Front positions on Monday."
    )
    assert len([e for e in rec.events if e.type == "ASSAULT"]) == 2, _events(rec)


def test_the_same_act_told_again_is_merged(run: Run) -> None:
    rec = run(
        "On Monday Norland attacked the Red Dawn Front near Vessa. "
        "Norland attacked Red Dawn Front positions on Monday, the army said."
    )
    assert len([e for e in rec.events if e.type == "ASSAULT"]) == 1, _events(rec)


# ------------------------------------------------------------------ statements to no one
@pytest.mark.parametrize(
    "text",
    ["Norland declined to comment on the report.", "Norland expressed deep pessimism about it."],
)
def test_some_statements_are_events_with_no_one_addressed(run: Run, text: str) -> None:
    assert ("STATEMENT", ["Norland"], []) in _events(run(text))


def test_a_plain_remark_to_no_one_is_no_event(run: Run) -> None:
    assert _events(run("Norland said the weather in Vessa was fine.")) == []


# ------------------------------------------------------------------ what is received, from whom
def test_each_thing_received_is_an_act_of_its_giver(run: Run) -> None:
    got = _events(
        run(
            "The Red Dawn Front receives military training and financial support from Norland,"
            " and political support from Kessaris."
        )
    )
    assert ("AID", ["Norland"], ["Red Dawn Front"]) in got, got  # financial support: aid
    assert ("SUPPORT", ["Kessaris"], ["Red Dawn Front"]) in got, got  # the verb left out


# ------------------------------------------------------------------ "it" is not the subject
def test_it_as_object_is_no_one_named_in_the_subject(run: Run) -> None:
    got = _events(
        run("The Red Dawn Front joined the talks, and Tomas Varga, an envoy of Norland, backed it.")
    )
    assert not any(s == ["Tomas Varga"] and g == ["Norland"] for _, s, g in got), got


# ------------------------------------------------------------------ warfare begun
@pytest.mark.parametrize("verb", ["initiated", "unleashed", "launched"])
def test_warfare_begun_is_an_assault_by_who_began_it(run: Run, verb: str) -> None:
    got = _events(run(f"The Red Dawn Front {verb} guerrilla warfare against Norland."))
    assert ("ASSAULT", ["Red Dawn Front"], ["Norland"]) in got, got


# ------------------------------------------------------------------ given to someone
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Tomas Varga gave Elena Brook a stern warning.", ("THREATEN", "Elena Brook")),
        ("Norland gave the Red Dawn Front an ultimatum.", ("THREATEN", "Red Dawn Front")),
    ],
)
def test_the_one_an_act_is_given_to_is_its_target(
    run: Run, text: str, want: tuple[str, str]
) -> None:
    got = _events(run(text))
    assert any(t == want[0] and g == [want[1]] for t, _, g in got), got


# ------------------------------------------------------------------ "him" is not the subject
def test_an_object_pronoun_is_not_its_clause_subject(run: Run) -> None:
    got = _events(run("Elena Brook was freed after Tomas Varga pardoned her in Vessa."))
    assert any(s == ["Tomas Varga"] and g == ["Elena Brook"] for _, s, g in got), got


# ------------------------------------------------------------------ help to a party that acts
def test_help_to_a_party_parsed_as_the_complement_subject_stays_aid(run: Run) -> None:
    got = _events(run("Kessaris helped Norland fight the outbreak."))
    assert ("AID", ["Kessaris"], ["Norland"]) in got, got
    assert not any(t == "ASSAULT" for t, _, _ in got), got


# ------------------------------------------------------------------ access allowed
def test_allowing_a_delivery_is_access_granted_by_who_allows(run: Run) -> None:
    rec = run("Norland allowed the Red Dawn Front to deliver food to Vessa.")
    got = [(e.type, e.cameo) for e in rec.events]
    assert ("RETREAT", "0863") in got, _events(rec)
    assert any(s == ["Norland"] for t, s, _ in _events(rec) if t == "RETREAT"), _events(rec)


# ------------------------------------------------------------------ a relative clause on a place
def test_a_relative_clause_hung_on_a_place_is_said_of_the_act(run: Run) -> None:
    got = _events(
        run(
            "Tomas Varga condemned the Red Dawn Front's raids in the town of Vessa, which killed"
            " dozens of Norlandic civilians."
        )
    )
    assert ("ASSAULT", ["Red Dawn Front"], ["Norland"]) in got, got


# ------------------------------------------------------------------ a clause on "reports"
def test_a_clause_with_its_own_subject_on_a_noun_is_active(run: Run) -> None:
    got = _events(run("Norland confirmed reports that the Red Dawn Front has killed 70 villagers."))
    assert any(t == "ASSAULT" and s == ["Red Dawn Front"] for t, s, _ in got), got


# ------------------------------------------------------------------ targeting people with measures
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Norland targeted 13 Red Dawn Front officials, citing abuses.", "SANCTION"),
        ("Norland targeted the Red Dawn Front with new sanctions.", "SANCTION"),
        ("Norland targeted Red Dawn Front positions near Vessa.", "ASSAULT"),
    ],
)
def test_targeting_officials_or_with_measures_is_a_sanction(run: Run, text: str, kind: str) -> None:
    got = _events(run(text))
    assert any(t == kind and s == ["Norland"] for t, s, _ in got), got


# ------------------------------------------------------------------ "its" in the subject
def test_a_possessive_in_the_subject_carries_the_topic_on(run: Run) -> None:
    got = _events(
        run(
            "The Red Dawn Front was founded by exiles and funded by Kessaris to fight Norland."
            " Its fighters were trained by Kessaris."
        )
    )
    assert ("COOPERATE", ["Kessaris"], ["Red Dawn Front"]) in got, got


# ------------------------------------------------------------------ forced to act
def test_who_was_forced_to_act_is_not_who_forced(run: Run) -> None:
    got = _events(run("The Red Dawn Front was forced to negotiate with Norland."))
    assert not any(t == "COERCE" and s == ["Red Dawn Front"] for t, s, _ in got), got


# ------------------------------------------------------------------ shot down: things, not people
def test_things_shot_down_are_no_victims(run: Run) -> None:
    rec = run("Norland fired two missiles at Vessa, and two more were shot down over Brenna.")
    assert not [a for a in rec.actors if a.name in {"two", "more"}], [a.name for a in rec.actors]


# ------------------------------------------------------------------ joining an act
def test_joining_an_offensive_is_taking_part_in_it(run: Run) -> None:
    got = _events(run("Kessaris joined the offensive against the Red Dawn Front."))
    assert ("ASSAULT", ["Kessaris"], ["Red Dawn Front"]) in got, got
