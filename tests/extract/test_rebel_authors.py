"""Irregular fighters named bare are the armed organisation's the text names, on sentences
written for these tests (extract/guesses.py, ``rebel_authors``)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def attack_sources(rec: ExtractionRecord) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for e in rec.events if e.type == "ASSAULT" for i in e.source}


def test_commandos_in_a_text_about_one_armed_group_are_its_own(run: Run) -> None:
    rec = run(
        "Boko Haram rejected the offer on Monday. "
        "Urban commandos attacked a police post near Vessa on Tuesday."
    )
    assert attack_sources(rec) == {"urban commandos", "Boko Haram"}


def test_with_two_armed_groups_named_the_fighters_stay_unattributed(run: Run) -> None:
    rec = run(
        "Boko Haram and Hamas rejected the offer on Monday. "
        "Urban commandos attacked a police post near Vessa on Tuesday."
    )
    assert attack_sources(rec) == {"urban commandos"}


def test_gunmen_are_not_taken_for_the_group_s_fighters(run: Run) -> None:
    rec = run(
        "Boko Haram rejected the offer on Monday. "
        "Gunmen attacked a police post near Vessa on Tuesday."
    )
    assert attack_sources(rec) == {"gunmen"}
