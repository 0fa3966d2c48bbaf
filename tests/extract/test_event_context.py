"""Events whose parties or dates come from the context: coordination, anaphora, clauses on nouns.

Each test is one construction on sentences written for it (invented actors from the fixture KB,
real states where the KB's state-organ links are needed).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.records import Event, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def names(rec: ExtractionRecord, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids}


def events_of(rec: ExtractionRecord, etype: str) -> list[Event]:
    return [e for e in rec.events if e.type == etype]


@pytest.mark.parametrize("opening", ["With", "During"])
def test_date_on_the_noun_a_when_clause_follows(run: Run, opening: str) -> None:
    rec = run(
        "Elena Brook visited France twice this year. "
        f"{opening} her most recent visit on 3 May, when she met with French officials, "
        "ties improved."
    )
    (ev,) = events_of(rec, "CONSULT")
    assert ev.date.value == "2021-05-03" and len(ev.mentions) == 2


def test_participle_on_a_thing_dates_the_event_named_before(run: Run) -> None:
    rec = run(
        "Officials discussed Norland's destruction of the Red Dawn depot. "
        "Mourners gathered at the depot destroyed by Norland on 2 June."
    )
    (ev,) = events_of(rec, "ASSAULT")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"Red Dawn Front"}
    assert ev.date.value == "2021-06-02" and len(ev.mentions) == 2


def test_participle_on_a_thing_alone_is_no_event(run: Run) -> None:
    assert events_of(run("Mourners gathered at the depot destroyed by Norland."), "ASSAULT") == []


def test_statement_about_no_one_is_no_event(run: Run) -> None:
    assert run("Norland announced the results on Monday.").events == []


def test_statement_that_someone_must_act_is_a_demand(run: Run) -> None:
    rec = run("France declared that Norland must withdraw its troops.")
    (ev,) = events_of(rec, "REQUEST")
    assert names(rec, ev.source) == {"France"} and names(rec, ev.target) == {"Norland"}


def test_own_possessive_object_is_not_the_target(run: Run) -> None:
    rec = run("The European Union suspended its aid to Norland.")
    (ev,) = events_of(rec, "SANCTION")
    assert names(rec, ev.target) == {"Norland"}


def test_coordinated_verbs_share_the_first_target(run: Run) -> None:
    rec = run("Norland accused France of spying, expelled its diplomats and promised a response.")
    assert {e.type for e in rec.events} == {"ACCUSE", "SANCTION", "THREATEN"}
    assert all(names(rec, e.target) == {"France"} for e in rec.events)


def test_conjoined_signatories_sign_with_each_other(run: Run) -> None:
    rec = run("Norland and the Red Dawn Front signed an agreement on Friday.")
    (ev,) = [e for e in rec.events if e.type in {"SUPPORT", "AGREE"}]
    assert names(rec, ev.source + ev.target) == {"Norland", "Red Dawn Front"}


def test_the_operation_names_the_earlier_act(run: Run) -> None:
    rec = run(
        "France and Germany struck Red Dawn camps on Monday. "
        "Norland provided support for the operation."
    )
    (ev,) = events_of(rec, "SUPPORT")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"France"}


def test_it_names_the_act_of_a_definite_noun_before(run: Run) -> None:
    rec = run(
        "Norland launched a missile over France on Monday. The launch alarmed Germany. "
        "Italy called it reckless."
    )
    (ev,) = events_of(rec, "ACCUSE")
    assert names(rec, ev.source) == {"Italy"} and names(rec, ev.target) == {"Norland"}


def test_the_movement_names_the_organisation_before(run: Run) -> None:
    rec = run("Norland backs the Red Dawn Front. France also backs the movement.")
    evs = events_of(rec, "SUPPORT")
    assert {frozenset(names(rec, e.source)) for e in evs} == {
        frozenset({"Norland"}),
        frozenset({"France"}),
    }
    assert all(names(rec, e.target) == {"Red Dawn Front"} for e in evs)


def test_relative_clause_with_a_passive_raising_verb(run: Run) -> None:
    rec = run("Norland, which is widely believed to arm the Red Dawn Front, denied the report.")
    (ev,) = events_of(rec, "AID")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"Red Dawn Front"}
    assert ev.modality == "hedged"


def test_subject_pronoun_prefers_the_subject_and_quantifier_looks_inside(run: Run) -> None:
    rec = run(
        "Norland, which is believed to have supplied many of the Red Dawn Front's rifles, "
        "has denied that it arms the group."
    )
    evs = events_of(rec, "AID")
    assert evs and all(names(rec, e.source) == {"Norland"} for e in evs)
    assert all(names(rec, e.target) == {"Red Dawn Front"} for e in evs)


def test_part_of_a_place_is_hit_as_its_state(run: Run) -> None:
    rec = run("France protested after Norlandic jets pounded the suburbs of Lyon.")
    (ev,) = events_of(rec, "ASSAULT")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"France"}


def test_an_organ_stands_with_its_state(run: Run) -> None:
    rec = run(
        "Russia's defence ministry said its missiles destroyed a depot in Lyon, and Russia said "
        "more strikes would follow. Germany condemned the attack."
    )
    (ev,) = events_of(rec, "ACCUSE")
    assert "Russia" in names(rec, ev.target)


def test_weapons_fired_by_someone_make_them_the_target(run: Run) -> None:
    rec = run("Norlandic jets shot down drones fired by the Red Dawn Front.")
    (ev,) = events_of(rec, "ASSAULT")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"Red Dawn Front"}


def test_adopting_a_text_that_demands_is_the_demand(run: Run) -> None:
    rec = run(
        "The Red Dawn Front attacked ships in May. On Monday the UN Security Council adopted "
        "a resolution demanding an end to the attacks."
    )
    council = [e for e in rec.events if "UN Security Council" in names(rec, e.source)]
    assert [e.type for e in council] == ["REQUEST"]
    assert names(rec, council[0].target) == {"Red Dawn Front"}
    assert council[0].date.value == "2021-06-14"


def test_declaring_a_group_terrorist_is_an_accusation(run: Run) -> None:
    rec = run("Norland declared the Red Dawn Front a terrorist organisation.")
    (ev,) = events_of(rec, "ACCUSE")
    assert names(rec, ev.target) == {"Red Dawn Front"}


def test_evacuating_citizens_from_a_country_withdraws_from_it(run: Run) -> None:
    rec = run("France will begin evacuating its citizens from Norland.")
    (ev,) = events_of(rec, "RETREAT")
    assert names(rec, ev.target) == {"Norland"} and ev.modality == "future"


@pytest.mark.parametrize(
    "text",
    [
        "The missile failed shortly after launch.",
        "Norland hosts 500 French soldiers.",
        "A mechanism led by the Red Dawn Front will monitor the border.",
        "Norland abstained in the vote.",
    ],
)
def test_verbs_that_alone_are_no_event(run: Run, text: str) -> None:
    assert run(text).events == []


def test_subject_lost_by_the_parser_is_the_actor_before_the_verb(run: Run) -> None:
    rec = run(
        "At a summit in Vessa on Sunday, chaired by Tomas Varga, the Red Dawn Front closed its "
        "borders with Norland."
    )
    evs = [e for e in rec.events if names(rec, e.target) == {"Norland"}]
    assert evs and names(rec, evs[0].source) == {"Red Dawn Front"}


def test_striking_back_aims_at_the_last_attacker(run: Run) -> None:
    rec = run(
        "France struck Red Dawn camps in Vessa on Monday. The Red Dawn Front vowed to strike back."
    )
    (ev,) = events_of(rec, "THREATEN")
    assert names(rec, ev.source) == {"Red Dawn Front"} and names(rec, ev.target) == {"France"}


def test_the_country_names_the_state_before(run: Run) -> None:
    rec = run("Norland accused France of spying and withdrew the country's trade status.")
    (ev,) = events_of(rec, "SANCTION")
    assert names(rec, ev.target) == {"France"}


def test_that_clause_misparsed_onto_a_noun_still_names_whom_a_warning_concerns(run: Run) -> None:
    rec = run("Tomas Varga warned in a televised speech that any French attack would be answered.")
    (ev,) = events_of(rec, "THREATEN")
    assert names(rec, ev.target) == {"France"}


def test_conjunct_verb_misattached_finds_the_clause_subject(run: Run) -> None:
    rec = run(
        "The war began on 12 July, when Red Dawn fighters crossed the border, killed three "
        "Norlandic soldiers and captured two others."
    )
    evs = [e for e in rec.events if e.type in {"ASSAULT", "COERCE"}]
    assert evs and all(names(rec, e.source) == {"Red Dawn Front"} for e in evs)
    assert all(names(rec, e.target) == {"Norland"} for e in evs)


def test_talks_in_a_time_phrase_are_held_by_the_clause_subject(run: Run) -> None:
    rec = run("Elena Brook set the date after talks with Tomas Varga and with France.")
    evs = events_of(rec, "CONSULT")
    assert {frozenset(names(rec, e.target)) for e in evs} >= {frozenset({"Tomas Varga"})}
    assert all(names(rec, e.source) == {"Elena Brook"} for e in evs)


def test_a_threats_condition_is_no_event_of_its_own(run: Run) -> None:
    rec = run(
        "Norland warned that it would use force against France if the Red Dawn Front refused."
    )
    assert [e.type for e in rec.events] == ["THREATEN"]


def test_show_of_force_aims_at_the_attacker(run: Run) -> None:
    rec = run(
        "France fired two missiles into the sea on Monday, a day after Norland launched a "
        "missile over Germany."
    )
    (ev,) = events_of(rec, "MOBILIZE")
    assert names(rec, ev.source) == {"France"} and names(rec, ev.target) == {"Norland"}


@pytest.mark.parametrize(
    "text, etype",
    [
        ("Norland will disarm the Red Dawn Front.", "COERCE"),
        ("The Red Dawn Front agreed to disarm.", "AGREE"),
    ],
)
def test_disarming_someone_else_is_coercion(run: Run, text: str, etype: str) -> None:
    assert etype in {e.type for e in run(text).events}


def test_taking_over_without_an_object_is_no_seizure(run: Run) -> None:
    assert run("Norland said its army would stay until France took over.").events == []


def test_agreeing_to_a_truce_named_before_is_agreeing_with_its_other_party(run: Run) -> None:
    rec = run(
        "Tomas Varga announced a ceasefire with Norland on Monday. Norland denied that it had "
        "agreed to any truce."
    )
    evs = [e for e in events_of(rec, "AGREE") if names(rec, e.source) == {"Norland"}]
    assert evs and names(rec, evs[0].target) == {"Tomas Varga"}


def test_an_act_as_subject_stands_for_its_author(run: Run) -> None:
    rec = run(
        "France struck Red Dawn camps on Monday. The strikes killed five of the group's fighters."
    )
    # the killing is reported as part of the strikes: one event, two reports
    (ev,) = events_of(rec, "ASSAULT")
    assert names(rec, ev.source) == {"France"} and len(ev.mentions) == 2


def test_an_attack_without_a_named_target_is_aimed_at_the_usual_opponent(run: Run) -> None:
    rec = run(
        "The Red Dawn Front attacked Norland on Monday. Norland shelled Red Dawn positions on "
        "Tuesday. On Wednesday the Red Dawn Front struck again across the river."
    )
    attacks = [e for e in events_of(rec, "ASSAULT") if names(rec, e.source) == {"Red Dawn Front"}]
    inferred = [e for e in attacks if e.confidence < 0.5]
    assert len(inferred) == 1 and names(rec, inferred[0].target) == {"Norland"}


def test_no_target_is_guessed_when_the_actor_faces_no_one_else(run: Run) -> None:
    rec = run("Elena Brook visited France in May. Norland later rejected the proposal.")
    (rej,) = events_of(rec, "REJECT")
    assert rej.target == []


def test_a_call_on_no_one_goes_to_both_sides_of_the_main_conflict(run: Run) -> None:
    rec = run(
        "Norland attacked the Red Dawn Front on Monday. The Red Dawn Front attacked Norland "
        "on Tuesday. Germany called for restraint."
    )
    calls = [e for e in events_of(rec, "REQUEST") if names(rec, e.source) == {"Germany"}]
    assert {frozenset(names(rec, e.target)) for e in calls} == {
        frozenset({"Norland"}),
        frozenset({"Red Dawn Front"}),
    }


def test_a_passive_tie_joins_its_subject_and_the_object_after_to(run: Run) -> None:
    rec = run(
        "According to Norlandic officials, Tomas Varga is forming a cell of the Red Dawn Front "
        "in Vessa that will be attached to Germany's embassy."
    )
    (tie,) = events_of(rec, "COOPERATE")
    sides = names(rec, tie.source) | names(rec, tie.target)
    assert sides == {"Red Dawn Front", "Germany"}
    assert tie.modality == "reported"
    assert tie.attribution is not None and "Norlandic officials" in tie.attribution.text


def test_the_office_of_a_leader_acts_for_the_leader(run: Run) -> None:
    rec = run("The office of Elena Brook condemned France on Monday.")
    (acc,) = events_of(rec, "ACCUSE")
    assert names(rec, acc.source) == {"Elena Brook"}


def test_his_men_are_the_body_he_leads(run: Run) -> None:
    rec = run(
        "Red Dawn Front chairman Tomas Varga spoke on Monday. "
        "Varga denied that his men had attacked Norland."
    )
    (attack,) = events_of(rec, "ASSAULT")
    assert names(rec, attack.source) == {"Red Dawn Front", "Tomas Varga"}
    assert attack.modality == "denied"


def test_both_sides_are_the_two_sides_of_the_conflict_so_far(run: Run) -> None:
    rec = run(
        "Norland attacked the Red Dawn Front on Monday. The Red Dawn Front shelled Norland on "
        "Tuesday. On Wednesday both sides agreed to a ceasefire."
    )
    # Both agree, as PLOVER codes conjoined parties: each a source.
    truce = [e for e in rec.events if e.type in {"AGREE", "CONCEDE"}]
    assert {frozenset(names(rec, e.source) | names(rec, e.target)) for e in truce} == {
        frozenset({"Norland"}),
        frozenset({"Red Dawn Front"}),
    }


def test_a_place_the_kb_cannot_place_leaves_the_target_to_the_context(run: Run) -> None:
    rec = run(
        # (no victims named: "killed six soldiers" would make the soldiers the target)
        "The Red Dawn Front attacked Norland on Monday. Later, a Red Dawn Front attack on a "
        "barracks in Zelmora destroyed two depots."
    )
    guessed = [e for e in events_of(rec, "ASSAULT") if e.confidence < 0.5]
    assert [names(rec, e.target) for e in guessed] == [{"Norland"}]
    place = {a.id: a.name for a in rec.actors}.get(guessed[0].place or "")
    assert place == "Zelmora"


def test_a_guessed_target_never_makes_two_acts_one(run: Run) -> None:
    rec = run(
        "Norland bombed a camp near the river on Monday. Norland said it had shot down a Red "
        "Dawn Front drone."
    )
    assert len(events_of(rec, "ASSAULT")) == 2


def test_acting_as_a_mediator_between_two_parties(run: Run) -> None:
    rec = run("Germany is acting as a mediator between Norland and the Red Dawn Front.")
    mediation = events_of(rec, "CONSULT")
    assert {frozenset(names(rec, e.source)) for e in mediation} == {frozenset({"Germany"})}
    assert {frozenset(names(rec, e.target)) for e in mediation} == {
        frozenset({"Norland"}),
        frozenset({"Red Dawn Front"}),
    }


def test_done_at_someones_request_is_asked_of_the_doer(run: Run) -> None:
    rec = run("Norland freed two prisoners on Tuesday at Germany's request.")
    (req,) = events_of(rec, "REQUEST")
    assert names(rec, req.source) == {"Germany"} and names(rec, req.target) == {"Norland"}


def test_a_verb_is_no_light_verb_for_nouns_it_does_not_take(run: Run) -> None:
    # "receive" carries aid, not a mediator: the mediator is Germany, not Norland.
    rec = run(
        "Norland will receive aid from France, while Germany is acting as a mediator between "
        "Norland and the Red Dawn Front."
    )
    mediation = events_of(rec, "CONSULT")
    assert mediation and all(names(rec, e.source) == {"Germany"} for e in mediation)


def test_a_rift_caused_by_one_party_with_another(run: Run) -> None:
    rec = run(
        "The movement wants to heal the rift caused in 2009 by Tomas Varga with Norland and "
        "with France."
    )
    rifts = events_of(rec, "SANCTION")
    assert {frozenset(names(rec, e.source)) for e in rifts} == {frozenset({"Tomas Varga"})}
    assert {frozenset(names(rec, e.target)) for e in rifts} == {
        frozenset({"Norland"}),
        frozenset({"France"}),
    }
    assert {e.date.value for e in rifts} == {"2009"}


def test_the_next_act_of_the_same_actor_happened_then(run: Run) -> None:
    rec = run(
        "At a summit in Vessa on 3 May, Norland imposed sanctions on France. "
        "Norland also accused the Red Dawn Front of smuggling."
    )
    (acc,) = events_of(rec, "ACCUSE")
    assert acc.date.value == "2021-05-03" and acc.date.basis == "text"
    assert {a.id: a.name for a in rec.actors}.get(acc.place or "") == "Vessa"


def test_a_new_paragraph_starts_a_new_scene(run: Run) -> None:
    rec = run(
        "At a summit in Vessa on 3 May, Norland imposed sanctions on France.\n\n"
        "Norland also accused the Red Dawn Front of smuggling."
    )
    (acc,) = events_of(rec, "ACCUSE")
    assert acc.date.basis == "publication"


def test_what_someone_said_is_dated_by_the_saying(run: Run) -> None:
    rec = run("On 3 May Spain said Norland would attack the Red Dawn Front.")
    (attack,) = events_of(rec, "ASSAULT")
    assert attack.date.value == "2021-05-03"
    # Said by Norland's own president, the attack announced is a threat, made that day.
    rec = run("On 3 May Elena Brook said Norland would attack the Red Dawn Front.")
    (threat,) = events_of(rec, "THREATEN")
    assert threat.date.value == "2021-05-03"


def test_an_act_still_to_come_on_a_weekday_is_next_week(run: Run) -> None:
    rec = run("Norland will release the Red Dawn Front prisoners on Friday, Elena Brook said.")
    (release,) = [e for e in rec.events if e.type in {"RETREAT", "CONCEDE"}]
    assert release.date.value == "2021-06-18"  # published Tuesday 15 June


def test_an_attack_without_its_author_is_by_the_usual_opponent(run: Run) -> None:
    rec = run(
        "The Red Dawn Front attacked Norland on Monday. Norland shelled the Red Dawn Front on "
        "Tuesday. On Wednesday, Norland was attacked again."
    )
    guessed = [e for e in events_of(rec, "ASSAULT") if e.confidence < 0.5]
    assert [(names(rec, e.source), names(rec, e.target)) for e in guessed] == [
        ({"Red Dawn Front"}, {"Norland"})
    ]


def test_them_is_not_the_speakers_own_side(run: Run) -> None:
    rec = run(
        "Norland and the Red Dawn Front fought for a week. "
        "On Monday the German envoy urged them to stop."
    )
    (req,) = events_of(rec, "REQUEST")
    assert names(rec, req.target) & {"Norland", "Red Dawn Front"}
    assert "Germany" not in names(rec, req.target)


@pytest.mark.parametrize(
    "claim",
    [
        "the Red Dawn Front claimed the bombing of a police academy",
        "the Red Dawn Front claimed responsibility for the bombing of a police academy",
    ],
)
def test_whoever_claims_an_attack_carried_it_out(run: Run, claim: str) -> None:
    rec = run(f"Norland shelled the hills on Monday. On Tuesday {claim}.")
    claimed = [e for e in events_of(rec, "ASSAULT") if "claimed" in e.evidence.text]
    assert [names(rec, e.source) for e in claimed] == [{"Red Dawn Front"}]


def test_peace_talks_without_parties_are_between_the_sides_so_far(run: Run) -> None:
    rec = run(
        "Norland attacked the Red Dawn Front on Monday. The Red Dawn Front shelled Norland on "
        "Tuesday. Peace talks that began in Vessa last year resumed on Friday."
    )
    (talks,) = events_of(rec, "CONSULT")
    assert names(rec, talks.source) | names(rec, talks.target) == {"Norland", "Red Dawn Front"}
    assert talks.confidence < 0.5


def test_no_talks_are_no_talks(run: Run) -> None:
    rec = run(
        "Norland attacked the Red Dawn Front on Monday. The Red Dawn Front shelled Norland on "
        "Tuesday. Norland said there would be no talks with the group."
    )
    assert all(e.modality == "negated" for e in events_of(rec, "CONSULT"))


def test_pressing_ahead_presses_no_one(run: Run) -> None:
    rec = run("Norland attacked France. Elena Brook said Norland would press ahead with the plan.")
    assert events_of(rec, "REQUEST") == []


def test_a_claim_and_its_denial_stay_two_events(run: Run) -> None:
    rec = run(
        "Norland, which is widely believed to have armed the Red Dawn Front, has denied that it "
        "arms the group."
    )
    aid = [e for e in rec.events if e.type == "AID"]
    assert sorted(e.modality for e in aid) == ["denied", "hedged"]


def test_an_act_on_a_thing_gets_no_guessed_party(run: Run) -> None:
    rec = run(
        "The Red Dawn Front attacked Norland on Monday. On Tuesday the Red Dawn Front seized a "
        "cargo ship off the coast."
    )
    seized = [e for e in rec.events if "seized" in e.evidence.text]
    assert seized and all(e.target == [] for e in seized)


def test_the_thing_of_a_party_makes_the_party_the_target(run: Run) -> None:
    rec = run("On Monday Norland denounced the policies of the Red Dawn Front.")
    (acc,) = events_of(rec, "ACCUSE")
    assert names(rec, acc.target) == {"Red Dawn Front"}
