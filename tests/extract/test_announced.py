"""Acts announced for later (extract/announced.py): promises, threats and refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

import actorgraph.nlp.components  # noqa: F401  (registers the Doc extensions)
from actorgraph.extract.announced import announce, code_for
from actorgraph.extract.context import Candidate, DocContext, EventConfig
from actorgraph.extract.lexicon import load_lexicon
from actorgraph.extract.modality import load_modality_lexicon
from actorgraph.extract.rules import CODES, TRACE
from actorgraph.records import ExtractionRecord
from actorgraph.resolve.actors import ActorSet, ResolvedActor
from actorgraph.resolve.lexicon import load_actor_lexicon

Run = Callable[..., ExtractionRecord]


def _types(rec: ExtractionRecord) -> list[tuple[str, list[str], list[str], str]]:
    names = {a.id: a.name for a in rec.actors}
    return [
        (e.type, [names[s] for s in e.source], [names[t] for t in e.target], e.modality)
        for e in rec.events
    ]


def test_every_code_of_the_tables_is_the_type_the_table_says() -> None:
    raw = resources.files("actorgraph").joinpath("data", "lexicon", "cameo.json").read_text()
    cameo = json.loads(raw)["codes"]
    for table, kind in (("promise", "AGREE"), ("threat", "THREATEN"), ("refusal", "REJECT")):
        for act, code in CODES[table].items():
            assert act in cameo, f"{table}: {act} is no CAMEO code"
            if code:
                assert cameo[code]["plover"] == kind, f"{table}: {act} -> {code}"


def test_longest_prefix_wins_and_an_empty_code_keeps_the_act() -> None:
    table = {"07": "033", "073": "0333", "083": ""}
    assert code_for(table, "0731") == "0333"
    assert code_for(table, "070") == "033"
    assert code_for(table, "0831") is None
    assert code_for(table, "190") is None


def test_threat_on_a_hand_built_parse() -> None:
    # "Westmark said it would attack Eastland ."
    doc = Doc(
        English().vocab,
        words=["Westmark", "said", "it", "would", "attack", "Eastland", "."],
        heads=[1, 1, 4, 4, 1, 4, 1],
        deps=["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj", "punct"],
        pos=["PROPN", "VERB", "PRON", "AUX", "VERB", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "PRP", "MD", "VB", "NNP", "."],
    )
    for t in doc:
        t.lemma_ = {"said": "say"}.get(t.text.lower(), t.text.lower())
    doc.user_data["ag_nonprose"] = []
    doc._.ag_published = None
    cfg = EventConfig(load_lexicon(), load_modality_lexicon(), load_actor_lexicon())
    actors = [ResolvedActor(index=0, key="w", mentions=[], type="state"),
              ResolvedActor(index=1, key="e", mentions=[], type="state")]  # fmt: skip
    ctx = DocContext.make(cfg, doc, ActorSet(actors, {0: 0, 2: 0, 5: 1}))
    c = Candidate(doc[4], "190", [[0]], [[1]], doc[:], modality="reported")
    trace: list[str] = []
    token = TRACE.set(trace)
    try:
        announce(ctx, c)
    finally:
        TRACE.reset(token)
    assert trace[-1:] == ["announced-threat"]
    assert cfg.plover(c.code) == "THREATEN" and c.code == "1384"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Spain said it would send medical aid to Norland.", "AGREE"),
        ("The Red Dawn Front said it would attack the convoys of Norland.", "THREATEN"),
        ("Norland said it will not accept any observers from Vessa.", "REJECT"),
        ("Germany said it would impose sanctions on Vessa.", "THREATEN"),
        ("France is willing to hold talks with Spain.", "AGREE"),
    ],
)
def test_an_act_announced_by_its_source_is_the_announcement(run: Run, text: str, kind: str) -> None:
    got = _types(run(text))
    assert any(t == kind for t, *_ in got), got


def test_a_schedule_is_not_a_promise(run: Run) -> None:
    got = _types(run("Spain and France will hold talks in Madrid on Monday."))
    assert [t for t, *_ in got] == ["CONSULT"]
    assert got[0][3] == "future"


def test_an_act_another_speaker_foresees_stays_the_act(run: Run) -> None:
    got = _types(run("Germany said the Red Dawn Front would attack Vessa."))
    assert ("ASSAULT", ["Red Dawn Front"], ["Vessa"]) in [g[:3] for g in got], got
    assert not any(t == "THREATEN" for t, *_ in got)


def test_a_relative_clause_announces_nothing(run: Run) -> None:
    got = _types(run("Spain condemned the troops of Vessa who will attack Norland next week."))
    assert not any(t == "THREATEN" for t, *_ in got), got


def test_an_act_with_its_own_day_is_a_schedule_not_a_promise(run: Run) -> None:
    got = _types(
        run("Norland will free the detained sailors of Spain on Friday, its president said.")
    )
    assert [t for t, *_ in got] == ["RETREAT"], got


def test_a_resignation_announced_stays_a_resignation(run: Run) -> None:
    got = _types(run("The president of Norland, Elena Brook, said she will resign."))
    assert all(t != "AGREE" for t, *_ in got), got


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Norland ended its mediation for Spain last week.", "SANCTION"),
        ("Spain announced a suspension of trade ties with Norland.", "SANCTION"),
        ("Norland said it would allow access for observers from Spain.", "AGREE"),
        ("The president of Norland resigned on Sunday.", "RETREAT"),
    ],
)
def test_lexicon_entries_found_on_the_dev_sets(run: Run, text: str, kind: str) -> None:
    assert kind in [t for t, *_ in _types(run(text))]
