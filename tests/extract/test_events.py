"""Event extraction, one construction per test, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Event, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def names(rec: ExtractionRecord, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids}


def events_of(rec: ExtractionRecord, etype: str) -> list[Event]:
    return [e for e in rec.events if e.type == etype]


def test_active_verb_gives_source_target_type_and_cameo(run: Run) -> None:
    rec = run("Norland accused France of spying on its ministries.")
    (ev,) = events_of(rec, "ACCUSE")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"France"}
    assert ev.cameo and ev.cameo.startswith("11") and ev.goldstein is not None and ev.goldstein < 0


def test_passive_takes_the_agent_as_source(run: Run) -> None:
    rec = run("France was criticised by Norland on Tuesday.", published="2021-06-17")
    (ev,) = events_of(rec, "ACCUSE")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"France"}
    assert ev.date.value == "2021-06-15" and ev.date.basis == "text"


def test_nominal_trigger_between_two_parties_with_place(run: Run) -> None:
    rec = run("The meeting between Tomas Varga and Elena Brook in Vessa lasted three hours.")
    (ev,) = events_of(rec, "CONSULT")
    assert names(rec, ev.source + ev.target) == {"Tomas Varga", "Elena Brook"}
    assert ev.place is not None and names(rec, [ev.place]) == {"Vessa"}


def test_nominal_trigger_with_from_and_to(run: Run) -> None:
    rec = run("Officials described the transfer of rifles from Norland to the Red Dawn Front.")
    evs = [e for e in rec.events if e.type in {"AID", "COOPERATE"}]
    assert evs
    assert names(rec, evs[0].source) == {"Norland"}
    assert names(rec, evs[0].target) == {"Red Dawn Front"}


def test_coordinated_targets_give_one_event_per_dyad(run: Run) -> None:
    rec = run("Elena Brook visited France and Germany in May.")
    evs = events_of(rec, "CONSULT")
    assert sorted(tuple(names(rec, e.target)) for e in evs) == [("France",), ("Germany",)]
    assert {e.date.value for e in evs} == {"2021-05"}
    assert all(names(rec, e.source) == {"Elena Brook"} for e in evs)


def test_coordination_misparsed_onto_the_verb(run: Run) -> None:
    rec = run("Tomas Varga was forced to leave Norland and then France under pressure.")
    evs = events_of(rec, "COERCE")
    assert sorted(tuple(names(rec, e.source)) for e in evs) == [("France",), ("Norland",)]


def test_negation(run: Run) -> None:
    rec = run("Norland did not attack the Red Dawn Front.")
    (ev,) = events_of(rec, "ASSAULT")
    assert ev.modality == "negated"


def test_denial_keeps_the_denier_as_attribution(run: Run) -> None:
    rec = run("Norland denied that it had armed the Red Dawn Front.")
    evs = [e for e in rec.events if e.modality == "denied"]
    assert evs and evs[0].type in {"AID", "COOPERATE"}
    assert evs[0].attribution is not None and "Norland" in evs[0].attribution.text


def test_hedge(run: Run) -> None:
    rec = run("Norland apparently supplied rifles to the Red Dawn Front.")
    assert [e.modality for e in rec.events] == ["hedged"]


def test_attribution_according_to(run: Run) -> None:
    rec = run("According to French officials, Norland supplied rifles to the Red Dawn Front.")
    (ev,) = [e for e in rec.events if e.type in {"AID", "COOPERATE"}]
    assert ev.modality == "reported"
    assert ev.attribution is not None and "French officials" in ev.attribution.text
    france = next(a.id for a in rec.actors if a.name == "France")
    assert ev.attribution.actor == france


def test_future_intended_hypothetical(run: Run) -> None:
    assert {e.modality for e in run("Norland will impose sanctions on France.").events} == {
        "future"
    }
    assert {e.modality for e in run("Norland plans to impose sanctions on France.").events} == {
        "intended"
    }
    rec = run("If Norland attacks France, the region will suffer.")
    assert {e.modality for e in events_of(rec, "ASSAULT")} == {"hypothetical"}


def test_relative_date_resolves_against_publication(run: Run) -> None:
    rec = run("Last month, Elena Brook visited France.", published="2021-06-15")
    (ev,) = events_of(rec, "CONSULT")
    assert ev.date.value == "2021-05" and ev.date.precision == "month"


def test_date_taken_from_publication_when_text_gives_none(run: Run) -> None:
    rec = run("Elena Brook visited France.", published="2021-06-15")
    (ev,) = events_of(rec, "CONSULT")
    assert ev.date.value == "2021-06-15" and ev.date.basis == "publication"


def test_repeated_mentions_of_one_event_merge(run: Run) -> None:
    rec = run(
        "Tomas Varga met Elena Brook in Vessa on Monday. "
        "The meeting between Varga and Brook was their first since 2019.",
        published="2021-06-17",
    )
    evs = events_of(rec, "CONSULT")
    assert len(evs) == 1 and len(evs[0].mentions) == 2


def test_evidence_points_at_the_sentence(run: Run) -> None:
    text = "Norland accused France of spying. France rejected the claim."
    rec = run(text)
    for ev in rec.events:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text


def test_capital_that_acts_stands_for_its_state(run: Run) -> None:
    rec = run("Paris accused Berlin of spying, a day after talks in Berlin.")
    (ev,) = events_of(rec, "ACCUSE")
    assert names(rec, ev.source) == {"France"}
    assert any(a.name == "Berlin" and a.type == "place" for a in rec.actors)


def test_place_visited_is_the_target_of_a_visit(run: Run) -> None:
    rec = run("Elena Brook arrived in Vessa on Tuesday for a two-day visit.")
    evs = events_of(rec, "CONSULT")
    assert evs and names(rec, evs[0].target) == {"Vessa"}


def test_denied_event_keeps_its_own_actors(run: Run) -> None:
    rec = run("Norland denied that France attacked the Red Dawn Front.")
    (ev,) = events_of(rec, "ASSAULT")
    assert names(rec, ev.source) == {"France"} and ev.modality == "denied"
    assert ev.attribution is not None and ev.attribution.actor is not None


def test_agentless_passive_violence_has_a_target_only(run: Run) -> None:
    rec = run("Two Norlandic soldiers were killed near Vessa on Monday.")
    (ev,) = events_of(rec, "ASSAULT")
    assert ev.source == [] and names(rec, ev.target) == {"Norland"}


def test_event_noun_refers_back_to_the_earlier_event(run: Run) -> None:
    rec = run("Norland attacked the Red Dawn Front on Monday. France condemned the attack.")
    (ev,) = events_of(rec, "ACCUSE")
    assert names(rec, ev.source) == {"France"} and names(rec, ev.target) == {"Norland"}


def test_dateline_is_not_the_subject(run: Run) -> None:
    rec = run("VESSA — Norland accused France of spying on Monday.")
    (ev,) = events_of(rec, "ACCUSE")
    assert names(rec, ev.source) == {"Norland"}


def test_attack_on_a_place_targets_its_state(run: Run) -> None:
    rec = run("Norlandic missiles struck a depot in Lyon on Monday, and France protested.")
    evs = events_of(rec, "ASSAULT")
    assert evs and names(rec, evs[0].source) == {"Norland"}
    assert names(rec, evs[0].target) == {"France"}


def test_warning_about_a_party_targets_it(run: Run) -> None:
    rec = run("Elena Brook warned that France would face consequences.")
    (ev,) = events_of(rec, "THREATEN")
    assert names(rec, ev.target) == {"France"}


def test_demonym_inside_a_compound_names_the_source(run: Run) -> None:
    rec = run("Two Norlandic Harrow missiles struck a depot in Lyon, France said.")
    (ev,) = events_of(rec, "ASSAULT")
    assert names(rec, ev.source) == {"Norland"} and names(rec, ev.target) == {"France"}


def test_calling_an_act_barbaric_is_an_accusation(run: Run) -> None:
    rec = run("France attacked Norland on Monday. Elena Brook called the attack barbaric.")
    assert [names(rec, e.source) for e in events_of(rec, "ACCUSE")] == [{"Elena Brook"}]


def test_thousands_of_a_group_act_as_the_group(run: Run) -> None:
    rec = run("Thousands of Kurds protested in Vessa on Friday.")
    (ev,) = events_of(rec, "PROTEST")
    assert names(rec, ev.source) == {"Kurds"}


def test_people_from_a_state_act_for_it(run: Run) -> None:
    rec = run("Hundreds of students across Norland protested on Monday.")
    (ev,) = events_of(rec, "PROTEST")
    assert names(rec, ev.source) == {"Norland"}


def test_people_in_a_city_are_no_party(run: Run) -> None:
    # The city is where, not who: the protest is the students' (an unnamed group actor).
    rec = run("Hundreds of students in Vessa protested on Monday.")
    (protest,) = events_of(rec, "PROTEST")
    assert names(rec, protest.source) == {"students"} and not protest.target
    assert {a.name for a in rec.actors if a.id == protest.place} == {"Vessa"}


def test_mislemmatised_light_verb_still_carries_its_noun(run: Run) -> None:
    # The model lemmatises "staged" as "stag"; the stem "stage" is the light verb.
    rec = run("Hundreds of students across Norland staged mass demonstrations on Monday.")
    assert events_of(rec, "PROTEST")


def test_renewed_talks_are_talks(run: Run) -> None:
    rec = run("Norland and France renewed negotiations on Monday.")
    (talks,) = [e for e in rec.events if e.type == "CONSULT"]
    assert {a.name for a in rec.actors if a.id in talks.source + talks.target} == {
        "Norland",
        "France",
    }


def test_an_act_that_kills_is_an_attack_even_without_its_author(run: Run) -> None:
    rec = run("A roadside bombing near Vessa on Sunday killed two Norlandic soldiers.")
    (attack,) = [e for e in rec.events if e.type == "ASSAULT"]
    assert attack.source == [] and [a.name for a in rec.actors if a.id in attack.target] == [
        "Norland"
    ]


def test_would_in_reported_speech_is_no_hypothesis(run: Run) -> None:
    rec = run("Elena Brook said Norland would respect the truce with France.")
    assert {e.modality for e in rec.events} == {"reported"}
    rec = run("Norland would attack France if the talks failed.")
    assert {e.modality for e in rec.events if e.type == "ASSAULT"} == {"hypothetical"}


def test_an_act_said_plainly_later_is_asserted(run: Run) -> None:
    rec = run(
        "Norland will reportedly meet France in Vessa. On Monday Norland met France in Vessa."
    )
    (meeting,) = [e for e in rec.events if e.type == "CONSULT"]
    assert meeting.modality == "asserted" and len(meeting.mentions) == 2
