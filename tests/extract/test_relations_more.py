"""Standing relations from verbs of office, copulas, appositions, and the dates that start or
end them ("since", "from ... to", "until", "former", "left")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.records import ExtractionRecord, Relation

Run = Callable[..., ExtractionRecord]


def rels(rec: ExtractionRecord) -> set[tuple[str, str, str]]:
    by_id = {a.id: a.name for a in rec.actors}
    return {(r.type, by_id[r.head], by_id[r.tail]) for r in rec.relations}


def one(rec: ExtractionRecord, kind: str, head: str, tail: str) -> Relation:
    by_id = {a.id: a.name for a in rec.actors}
    got = [
        r
        for r in rec.relations
        if r.type == kind and by_id[r.head] == head and by_id[r.tail] == tail
    ]
    assert len(got) == 1, rels(rec)
    return got[0]


def value(d: object) -> str | None:
    return getattr(d, "value", None)


# --- verbs of office and copulas -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start"),
    [
        ("Tomas Varga became chairman of the Red Dawn Front in 2011.", "leader_of", "2011"),
        ("Tomas Varga in 2012 became the leader of the Red Dawn Front.", "leader_of", "2012"),
        ("Tomas Varga was elected chairman of the Red Dawn Front in 2013.", "leader_of", "2013"),
        (
            "Tomas Varga was appointed deputy leader of the Red Dawn Front in May 2020.",
            "deputy_leader_of",
            "2020-05",
        ),
        ("The Red Dawn Front named Tomas Varga its leader in 2014.", "leader_of", "2014"),
        ("Tomas Varga joined the Red Dawn Front in 2019.", "member_of", "2019"),
    ],
)
def test_verb_of_office_starts_the_role_at_its_date(
    run: Run, text: str, kind: str, start: str
) -> None:
    r = one(run(text), kind, "Tomas Varga", "Red Dawn Front")
    assert value(r.start) == start
    assert r.end is None


def test_proclaimed_himself_head_of_a_body_named_again(run: Run) -> None:
    rec = run(
        "Officers formed a Supreme Council for the Rescue of Norland. On Friday Tomas Varga "
        "proclaimed himself head of the council."
    )
    r = one(rec, "leader_of", "Tomas Varga", "Supreme Council for the Rescue of Norland")
    assert value(r.start) == "2021-06-11"  # the Friday before 2021-06-15


def test_a_described_body_is_not_taken_for_the_one_named_before(run: Run) -> None:
    rec = run(
        "Officers formed a Supreme Council for the Rescue of Norland. On Friday Tomas Varga "
        "proclaimed himself head of the military council."
    )
    assert not [r for r in rec.relations if r.type == "leader_of"]


def test_copula_states_membership_and_leadership(run: Run) -> None:
    assert ("member_of", "Tomas Varga", "Red Dawn Front") in rels(
        run("Tomas Varga is a member of the Red Dawn Front.")
    )
    assert ("leader_of", "Elena Brook", "Norland") in rels(
        run("Elena Brook is the president of Norland.")
    )
    assert ("leader_of", "Tomas Varga", "Red Dawn Front") in rels(
        run("The leader of the Red Dawn Front is Tomas Varga.")
    )


def test_a_point_date_on_a_copula_is_not_a_start(run: Run) -> None:
    r = one(
        run("Tomas Varga was the leader of the Red Dawn Front in 2011."),
        "leader_of",
        "Tomas Varga",
        "Red Dawn Front",
    )
    assert r.start is None


def test_a_noun_that_is_no_title_gives_no_role(run: Run) -> None:
    rec = run("Tomas Varga became a hero of the Red Dawn Front.")
    assert not [r for r in rec.relations if r.type in {"leader_of", "member_of"}]


def test_resigned_as_ends_the_role(run: Run) -> None:
    r = one(
        run("Tomas Varga resigned as chairman of the Red Dawn Front in March."),
        "leader_of",
        "Tomas Varga",
        "Red Dawn Front",
    )
    assert value(r.end) == "2021-03"
    assert r.start is None


def test_served_as_from_to_gives_both_ends(run: Run) -> None:
    r = one(
        run("Tomas Varga served as the Red Dawn Front's envoy to Norland from 2012 to 2016."),
        "member_of",
        "Tomas Varga",
        "Red Dawn Front",
    )
    assert (value(r.start), value(r.end)) == ("2012", "2016")


# --- membership ended by a verb ----------------------------------------------------------------


def test_leaving_a_movement_ends_membership(run: Run) -> None:
    r = one(
        run("Tomas Varga left the Red Dawn Front in 2019."),
        "member_of",
        "Tomas Varga",
        "Red Dawn Front",
    )
    assert value(r.end) == "2019"
    assert r.start is None


def test_leaving_a_town_is_no_membership(run: Run) -> None:
    rec = run("Tomas Varga left Vessa in 2019.")
    assert not [r for r in rec.relations if r.type == "member_of"]


def test_expelled_from_ends_membership(run: Run) -> None:
    r = one(
        run("Tomas Varga was expelled from the Red Dawn Front in 2019."),
        "member_of",
        "Tomas Varga",
        "Red Dawn Front",
    )
    assert value(r.end) == "2019"


# --- "since", "from ... to", "until" ------------------------------------------------------------


def test_since_starts_the_relation_at_its_date_not_a_range(run: Run) -> None:
    r = one(
        run("Tomas Varga has lived in Vessa since March 2018."),
        "resides_in",
        "Tomas Varga",
        "Vessa",
    )
    assert value(r.start) == "2018-03"
    assert r.start is not None and r.start.precision == "month"
    assert r.end is None


def test_from_to_gives_start_and_end(run: Run) -> None:
    r = one(
        run("Tomas Varga lived in Vessa from 2010 to 2014."), "resides_in", "Tomas Varga", "Vessa"
    )
    assert (value(r.start), value(r.end)) == ("2010", "2014")


def test_until_ends_the_relation(run: Run) -> None:
    r = one(
        run("Elena Brook, who led the Red Dawn Front until 2018, spoke in Vessa."),
        "leader_of",
        "Elena Brook",
        "Red Dawn Front",
    )
    assert value(r.end) == "2018"
    assert r.start is None


def test_since_after_a_title_apposition_dates_the_title(run: Run) -> None:
    r = one(
        run("Tomas Varga, chairman of the Red Dawn Front since 2016, spoke in Vessa."),
        "leader_of",
        "Tomas Varga",
        "Red Dawn Front",
    )
    assert value(r.start) == "2016"


def test_until_after_a_title_apposition_ends_the_title(run: Run) -> None:
    r = one(
        run("Tomas Varga, chairman of the Red Dawn Front until 2018, spoke in Vessa."),
        "leader_of",
        "Tomas Varga",
        "Red Dawn Front",
    )
    assert value(r.end) == "2018"
    assert r.end is not None and r.end.basis == "text"


def test_moved_from_ends_the_old_seat_even_without_a_date(run: Run) -> None:
    rec = run("The Red Dawn Front moved its headquarters from Norland to Vessa.")
    old = one(rec, "headquartered_in", "Red Dawn Front", "Norland")
    assert old.end is not None and old.end.basis == "publication"
    assert one(rec, "headquartered_in", "Red Dawn Front", "Vessa").end is None


# --- alliances and parts, from nouns ------------------------------------------------------------


def test_possessive_ally_before_a_name(run: Run) -> None:
    assert ("allied_with", "Turkey", "Norland") in rels(run("Norland's ally Turkey sent troops."))


def test_plural_allies_relate_coordinated_subjects(run: Run) -> None:
    rec = run("Turkey and Norland have been allies since 1990.")
    r = one(rec, "allied_with", "Turkey", "Norland")
    assert value(r.start) == "1990"


def test_a_plural_noun_with_a_possessor_names_no_one(run: Run) -> None:
    rec = run("Norland's allies sent troops.")
    assert not [r for r in rec.relations if r.type == "allied_with"]


def test_former_ally_is_ended(run: Run) -> None:
    r = one(
        run("The Red Dawn Front, a former ally of Norland, attacked Vessa."),
        "allied_with",
        "Red Dawn Front",
        "Norland",
    )
    assert r.end is not None


def test_demonym_before_a_relation_noun_and_a_name(run: Run) -> None:
    assert ("subordinate_to", "Red Dawn Front", "Norland") in rels(
        run("The Norlandic proxy Red Dawn Front fired rockets.")
    )


def test_body_apposition_with_its_parent_as_modifier(run: Run) -> None:
    assert ("part_of", "UNIFIL", "United Nations") in rels(
        run("The UN peacekeeping force in southern Lebanon, UNIFIL, moved south.")
    )


def test_backed_by_in_the_passive(run: Run) -> None:
    assert ("allied_with", "Norland", "Red Dawn Front") in rels(
        run("The Red Dawn Front is backed by Norland.")
    )


# --- guards ------------------------------------------------------------------------------------


def test_relative_clause_subject_is_not_its_conjuncts(run: Run) -> None:
    rec = run(
        "The two men are Elena Brook, who heads the Red Dawn Front, and her deputy, Tomas Varga."
    )
    got = rels(rec)
    assert ("leader_of", "Elena Brook", "Red Dawn Front") in got
    assert ("leader_of", "Tomas Varga", "Red Dawn Front") not in got


def test_place_in_place_without_a_comma(run: Run) -> None:
    rec = run("Jets struck near Vessa in Norland's Kivu province on Tuesday.")
    assert any(
        r.type == "located_in" and h == "Vessa"
        for r in rec.relations
        for h in [next(a.name for a in rec.actors if a.id == r.head)]
    )


def test_body_of_a_titled_person_is_led_by_them(run: Run) -> None:
    rec = run("The Norlandic cabinet of Prime Minister Tomas Varga approved the plan.")
    by_id = {a.id: a for a in rec.actors}
    led = [by_id[r.tail] for r in rec.relations if r.type == "leader_of"]
    assert [a.type for a in led if "cabinet" in a.name.lower()] == ["organization"]
