"""Actor resolution on sentences written for these tests (invented actors from test-kb.yaml)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.extract import Extractor
from actorgraph.records import Actor, ExtractionRecord
from actorgraph.resolve.model import DocContext

Run = Callable[..., ExtractionRecord]


def named(rec: ExtractionRecord, name: str) -> list[Actor]:
    key = name.casefold()
    return [a for a in rec.actors if key in {n.casefold() for n in [a.name, *a.aliases]}]


def test_surname_honorific_and_possessive_join_one_person(run: Run) -> None:
    rec = run(
        "Sheikh Tomas Varga, the chairman of the Red Dawn Front, arrived in Vessa on Monday. "
        "Varga later met Elena Brook. The Red Dawn's Varga said little about the talks."
    )
    varga = named(rec, "Varga")
    assert len(varga) == 1
    assert varga[0].type == "person" and varga[0].kb_id == "test/tomas-varga"
    assert len([a for a in rec.actors if a.kb_id == "test/red-dawn"]) == 1
    assert named(rec, "Vessa")[0].type == "place"
    assert len([m for m in varga[0].mentions if "Varga" in m.text]) == 3


def test_actor_outside_the_kb_is_kept_once_with_null_kb_id(run: Run) -> None:
    rec = run("Commander Karim Osei addressed the fighters in Vessa. Osei is wanted by police.")
    osei = named(rec, "Karim Osei")
    assert len(osei) == 1 and osei[0].kb_id is None and osei[0].type == "person"
    assert "Osei" in osei[0].aliases


def test_spelling_variant_of_given_name_joins_person(run: Run) -> None:
    rec = run("Hamid al-Zarqi met reporters on Sunday. Hameed al-Zarqi then left the city.")
    assert len([a for a in rec.actors if a.type == "person"]) == 1


def test_surname_labelled_organisation_by_the_model_is_still_the_person(run: Run) -> None:
    rec = run(
        "Hamid al-Zarqi, a senior figure in the Red Dawn Front, arrived in Vessa. "
        "Al-Zarqi is in charge of the group's finances, and al-Zarqi reports to Varga."
    )
    zarqi = named(rec, "al-Zarqi")
    assert len(zarqi) == 1 and zarqi[0].type == "person"


def test_title_only_reference_resolves_to_the_role_holder(run: Run) -> None:
    rec = run(
        "Red Dawn Front chairman Tomas Varga spoke in Vessa. "
        "Hours later the Red Dawn Front chairman left for the border."
    )
    varga = named(rec, "Tomas Varga")[0]
    assert any(m.text == "chairman" and m.start > 40 for m in varga.mentions)


def test_title_only_reference_falls_back_on_kb_roles(run: Run) -> None:
    rec = run("The Red Dawn Front chairman arrived in Vessa on Friday.")
    assert [a.kb_id for a in rec.actors if a.type == "person"] == ["test/tomas-varga"]


def test_demonym_is_a_mention_of_the_state(run: Run) -> None:
    rec = run("Norlandic troops crossed into the valley, and Norland said nothing.")
    norland = [a for a in rec.actors if a.kb_id == "test/norland"]
    assert len(norland) == 1 and norland[0].type == "state" and len(norland[0].mentions) == 2


def test_sub_organisations_are_distinct_from_their_parent(run: Run) -> None:
    rec = run(
        "The Red Dawn Front's military wing fired rockets at Vessa. "
        "The military wing is led by Karim Osei. The Red Dawn Front's Political Bureau met."
    )
    wing = [a for a in rec.actors if "military wing" in a.name.lower()]
    assert len(wing) == 1 and wing[0].type == "organization"
    assert len(wing[0].mentions) == 2
    bureau = [a for a in rec.actors if a.kb_id == "test/red-dawn-bureau"]
    assert len(bureau) == 1
    parent = next(a for a in rec.actors if a.kb_id == "test/red-dawn")
    part_of = {(r.head, r.tail) for r in rec.relations if r.type == "part_of"}
    assert (wing[0].id, parent.id) in part_of and (bureau[0].id, parent.id) in part_of


def test_event_names_are_not_actors(run: Run) -> None:
    rec = run("Operation Iron Harvest began near Vessa in March, Norland said.")
    assert not [a for a in rec.actors if "Harvest" in a.name]


def test_menu_and_caption_lines_create_nothing(run: Run) -> None:
    text = (
        "Skip to content\nMenu\nKarim Osei and Elena Brook in Vessa\n\n"
        "Elena Brook visited Vessa on Tuesday and spoke to farmers about the harvest.\n"
    )
    rec = run(text)
    assert not named(rec, "Karim Osei")
    brook = named(rec, "Elena Brook")[0]
    # The caption's mention still belongs to her, but she exists because of the prose line.
    assert len([m for m in brook.mentions if m.text == "Elena Brook"]) == 2


def test_pronoun_attaches_to_the_nearest_person(run: Run) -> None:
    rec = run("Tomas Varga arrived in Vessa on Monday. He met farmers there.")
    varga = named(rec, "Tomas Varga")[0]
    assert [m.start for m in varga.mentions if m.text == "He"] == [40]


def test_every_mention_points_at_its_text(run: Run) -> None:
    text = "Norland's president, Elena Brook, met Tomas Varga in Vessa. Brook left."
    rec = run(text)
    for a in rec.actors:
        for m in a.mentions:
            assert text[m.start : m.end] == m.text


def test_first_word_of_a_title_is_no_name(extractor: Extractor) -> None:
    doc = extractor.nlp.make_doc("Home Secretary Karim Osei visited Vessa.")
    resolver = extractor.nlp.get_pipe("actorgraph_actors").resolver
    ctx = DocContext(doc, resolver.lex)
    assert resolver._starts_title(ctx, 0, 1)  # "Home" of "Home Secretary"
    assert not resolver._starts_title(ctx, 2, 4)  # "Karim Osei"


def test_surname_tagged_as_a_common_noun_is_still_the_person(run: Run) -> None:
    # The tagger reads a sentence-initial "Guterres" as a plural noun; the name found before
    # still makes it a mention of the person.
    rec = run(
        "The text was signed by UN Secretary-General Antonio Guterres. "
        "Guterres condemned the strike through his spokesman."
    )
    (guterres,) = named(rec, "Guterres")
    assert guterres.type == "person"
    assert len([m for m in guterres.mentions if m.text == "Guterres"]) == 1
