"""Attacks told by their author, on sentences written for these tests: bombs placed, armed-group
words before an attack noun, unnamed people told apart, acts someone is blamed for."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Event, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def names(rec: ExtractionRecord, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids}


def assaults(rec: ExtractionRecord) -> list[Event]:
    return [e for e in rec.events if e.type == "ASSAULT"]


def sources(rec: ExtractionRecord) -> set[str]:
    return {n for e in assaults(rec) for n in names(rec, e.source)}


# ------------------------------------------------------------------ placing a bomb
def test_leaving_a_bomb_is_a_bombing_by_whoever_left_it(run: Run) -> None:
    rec = run("Two men left a bomb outside the town hall of Brenna on Friday.")
    (ev,) = assaults(rec)
    assert names(rec, ev.source) == {"men"} and ev.cameo == "183"


def test_a_bomb_planted_by_someone_is_their_attack(run: Run) -> None:
    # The participle qualifies the bomb: the bomb is what "planted" acts on.
    rec = run("A charge planted by masked men went off near the market in Vessa.")
    assert sources(rec) == {"masked men"}


def test_people_killed_by_someone_named_only_there_are_their_victims(run: Run) -> None:
    rec = run("Relatives buried the two teachers shot by hooded gunmen outside Brenna.")
    assert sources(rec) == {"hooded gunmen"}


def test_placing_something_harmless_is_no_event(run: Run) -> None:
    rec = run("The council of Vessa placed the proposal before the assembly on Monday.")
    assert assaults(rec) == []


def test_sabotage_is_an_assault(run: Run) -> None:
    rec = run("The Red Dawn Front sabotaged three pylons outside Vessa.")
    (ev,) = assaults(rec)
    assert names(rec, ev.source) == {"Red Dawn Front"}


# ------------------------------------------------------------------ the author in a modifier
def test_armed_group_word_before_the_act_is_its_author(run: Run) -> None:
    rec = run("A guerrilla ambush near Vessa cut the road to Brenna.")
    ambush = [e for e in assaults(rec) if e.trigger and e.trigger.text == "ambush"]
    assert len(ambush) == 1 and names(rec, ambush[0].source) == {"guerrillas"}


def test_acts_of_sabotage_are_attacks_but_a_bare_action_is_not(run: Run) -> None:
    rec = run("Rebel acts of sabotage left the airport of Brenna without power.")
    assert sources(rec) == {"rebels"}
    assert assaults(run("Norland said the action was legal.")) == []


def test_terrorist_before_an_act_gives_way_to_a_named_author(run: Run) -> None:
    rec = run("Red Dawn Front gunmen staged a terrorist attack on a bus near Vessa.")
    (ev,) = assaults(rec)
    assert ev.cameo == "180" and "terrorists" not in {a.name for a in rec.actors}


def test_a_terrorist_act_with_no_named_author_is_by_terrorists(run: Run) -> None:
    rec = run("Officials in Vessa said the terrorist attacks cut the main power line.")
    assert sources(rec) == {"terrorists"}
    # The group is named by the word of the text, so "terrorist" is one of its mentions.
    (group,) = [a for a in rec.actors if a.name == "terrorists"]
    assert [m.text for m in group.mentions] == ["terrorist"]


def test_a_named_author_is_not_replaced_by_the_modifier(run: Run) -> None:
    rec = run("The guerrilla raid by the Red Dawn Front hit a depot near Vessa.")
    raid = [e for e in assaults(rec) if e.trigger and e.trigger.text == "raid"]
    assert len(raid) == 1 and names(rec, raid[0].source) == {"Red Dawn Front"}


def test_a_later_mention_of_the_same_author_joins_the_first_report(run: Run) -> None:
    rec = run(
        "Rebels raided a depot near Vessa on Monday. The rebel raid destroyed two lorries there."
    )
    raids = [e for e in assaults(rec) if names(rec, e.source) == {"rebels"} and e.cameo == "190"]
    assert len(raids) == 1 and len(raids[0].mentions) == 2


def test_a_series_of_attacks_takes_the_light_verb_subject(run: Run) -> None:
    rec = run("Smugglers began a wave of attacks on banks in Vessa last month.")
    assert sources(rec) == {"smugglers"}


# ------------------------------------------------------------------ unnamed people
def test_people_told_apart_by_a_clause_are_a_party(run: Run) -> None:
    rec = run("Four farmers were shot dead by men wearing hoods near Brenna.")
    (ev,) = assaults(rec)
    assert names(rec, ev.source) == {"men"} and names(rec, ev.target) == {"farmers"}


def test_a_two_word_group_name_from_the_data(run: Run) -> None:
    rec = run("A death squad abducted five students in Vessa.")
    assert sources(rec) == {"death squad"}


def test_units_named_by_an_armed_group_word_are_a_party(run: Run) -> None:
    rec = run("Rebel units attacked a police post near Vessa on Monday.")
    assert sources(rec) == {"rebel units"}


def test_people_of_a_trade_killed_are_the_victims(run: Run) -> None:
    rec = run("The mayor of Vessa ordered an inquiry into the murders of three reporters.")
    (ev,) = assaults(rec)
    assert names(rec, ev.target) == {"reporters"} and not ev.source
    rec = run("Two priests were shot dead near Brenna on Sunday.")
    (ev,) = assaults(rec)
    assert names(rec, ev.target) == {"priests"}


def test_members_named_in_the_victims_of_an_act_noun_are_its_target(run: Run) -> None:
    rec = run("Unions condemned the killing of six priests, including Tomas Varga, in Vessa.")
    (ev,) = assaults(rec)
    assert names(rec, ev.target) == {"Tomas Varga"}


def test_people_of_a_trade_are_no_party_when_nobody_hurts_them(run: Run) -> None:
    rec = run("Three reporters visited the port of Vessa on Monday.")
    assert "reporters" not in {a.name for a in rec.actors}


# ------------------------------------------------------------------ blamed for an act
def test_blamed_for_a_bombing_makes_an_alleged_bombing(run: Run) -> None:
    rec = run("Norland blamed the Red Dawn Front for the bombing of a bridge near Vessa.")
    (accuse,) = [e for e in rec.events if e.type == "ACCUSE"]
    assert names(rec, accuse.target) == {"Red Dawn Front"}
    (bombing,) = assaults(rec)
    assert names(rec, bombing.source) == {"Red Dawn Front"} and bombing.modality == "hedged"


def test_accused_of_with_the_phrase_on_the_object(run: Run) -> None:
    rec = run("Elena Brook accused the rebels of the kidnapping of a judge.")
    assert sources(rec) == {"rebels"}


def test_attributed_to_and_held_responsible(run: Run) -> None:
    assert sources(run("The police attributed the shootings in Brenna to smugglers.")) == {
        "smugglers"
    }
    rec = run("Officials in Vessa held the Red Dawn Front responsible for the massacre.")
    assert sources(rec) == {"Red Dawn Front"}


def test_held_responsible_parsed_as_a_small_clause_is_the_one_held(run: Run) -> None:
    rec = run("President Tomas Varga holds the Red Dawn Front responsible for the murder.")
    assert sources(rec) == {"Red Dawn Front"}


def test_blame_for_a_non_violent_act_adds_no_attack(run: Run) -> None:
    rec = run("Norland blamed the Red Dawn Front for the delay of the elections.")
    assert assaults(rec) == []


def test_behind_an_attack_names_its_author(run: Run) -> None:
    rec = run("Norland said the Red Dawn Front was behind the bombing in Vessa.")
    (ev,) = assaults(rec)
    assert names(rec, ev.source) == {"Red Dawn Front"} and ev.modality == "hedged"


def test_an_act_ordered_in_the_passive_is_the_agent_s(run: Run) -> None:
    rec = run("The killing of the judge was ordered by Elena Brook.")
    (ev,) = rec.events
    assert ev.type == "ASSAULT" and names(rec, ev.source) == {"Elena Brook"}


def test_accused_of_killing_someone_is_an_alleged_killing(run: Run) -> None:
    rec = run("Norland accused the Red Dawn Front of kidnapping Tomas Varga, a judge.")
    (ev,) = assaults(rec)
    assert names(rec, ev.source) == {"Red Dawn Front"} and names(rec, ev.target) == {"Tomas Varga"}
    assert ev.modality == "hedged"


def test_the_arrest_of_people_for_a_killing_names_them_its_authors(run: Run) -> None:
    rec = run("The police of Vessa announced the arrest of six soldiers for shooting Elena Brook.")
    (ev,) = [e for e in assaults(rec) if e.trigger and e.trigger.text == "shooting"]
    assert names(rec, ev.source) == {"soldiers"} and names(rec, ev.target) == {"Elena Brook"}


def test_the_arrest_of_several_for_a_killing_names_them_all(run: Run) -> None:
    rec = run("Vessa announced the arrest of ten soldiers and two policemen for killing farmers.")
    kills = [e for e in assaults(rec) if e.trigger and e.trigger.text == "killing"]
    assert {n for e in kills for n in names(rec, e.source)} == {"soldiers", "policemen"}
    assert all(names(rec, e.target) == {"farmers"} for e in kills)
    # The victims of the act someone is arrested for did not arrest them.
    arrests = [e for e in rec.events if e.trigger and e.trigger.text == "arrest"]
    assert arrests and all("farmers" not in names(rec, e.source) for e in arrests)


def test_the_author_of_a_blamed_act_with_no_victim_named(run: Run) -> None:
    rec = run("Police announced the arrest of the Red Dawn Front leader Tomas Varga for bombing.")
    assert sources(rec) == {"Tomas Varga"}


def test_those_involved_or_implicated_in_a_killing_are_its_alleged_authors(run: Run) -> None:
    rec = run("Ten policemen were implicated in the murder of Tomas Varga.")
    (ev,) = assaults(rec)
    assert names(rec, ev.source) == {"policemen"} and ev.modality == "hedged"
    rec = run("Tomas Varga named the persons reportedly involved in the killing of a judge.")
    assert sources(rec) == {"persons"}


def test_charged_with_a_killing_in_the_passive(run: Run) -> None:
    rec = run("Elena Brook was charged with murdering Tomas Varga, a judge in Vessa.")
    assert sources(rec) == {"Elena Brook"}


def test_kept_from_attacking_is_still_no_attack(run: Run) -> None:
    rec = run("The army of Norland prevented the Red Dawn Front from attacking Vessa.")
    assert assaults(rec) == []


# ------------------------------------------------------------------ hostages
def test_taken_or_held_hostage_is_a_kidnapping(run: Run) -> None:
    rec = run("Two engineers, Tomas Varga and Elena Brook, were taken hostage near Vessa.")
    (ev,) = assaults(rec)
    assert ev.cameo == "181" and "Tomas Varga" in names(rec, ev.target)
    rec = run("The judge Tomas Varga was held hostage for a week by the Red Dawn Front.")
    (ev,) = assaults(rec)
    assert ev.cameo == "181" and names(rec, ev.source) == {"Red Dawn Front"}


# ------------------------------------------------------------------ word senses
def test_fighting_an_evil_and_shattered_hopes_are_no_attacks(run: Run) -> None:
    assert assaults(run("The mayor of Vessa promised to fight corruption in the port.")) == []
    assert assaults(run("Their hopes of a truce with Norland were shattered.")) == []


def test_idioms_and_harm_to_things_of_the_derived_verbs_are_no_attacks(run: Run) -> None:
    assert assaults(run("The driver of the mayor of Vessa had to hit the brakes.")) == []
    assert assaults(run("Children in Vessa who kick a mine can lose a leg.")) == []
    assert assaults(run("Norland promised to eradicate poverty in Vessa.")) == []
    assert assaults(run("The spill from the mine contaminated the river near Vessa.")) == []
    assert assaults(run("The law on extradition was struck down by the court of Vessa.")) == []
    rec = run("The Red Dawn Front eradicated the rebel groups near Vessa.")
    assert sources(rec) == {"Red Dawn Front"}


def test_limits_on_trade_and_levies_are_no_coercion(run: Run) -> None:
    rec = run("Norland restricted imports of fertiliser from Brenna last year.")
    assert [e.type for e in rec.events] == ["SANCTION"]
    rec = run("The council of Vessa levied a new tax on the port last year.")
    assert [e for e in rec.events if e.type in {"COERCE", "SANCTION"}] == []


def test_a_passive_light_verb_on_the_act_names_its_author(run: Run) -> None:
    rec = run("A raid carried out by the Red Dawn Front cut power to Vessa.")
    raid = [e for e in assaults(rec) if e.trigger and e.trigger.text == "raid"]
    assert len(raid) == 1 and names(rec, raid[0].source) == {"Red Dawn Front"}
    rec = run("The massacre, which was perpetrated by a death squad, shocked Norland.")
    assert sources(rec) == {"death squad"}
