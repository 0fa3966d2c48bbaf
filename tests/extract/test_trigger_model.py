"""The trained trigger model: loading, candidates, what it says on sentences written here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from actorgraph.errors import ConfigError
from actorgraph.extract import Extractor
from actorgraph.extract.lexicon import PLOVER_TYPES, load_lexicon
from actorgraph.extract.modality import load_modality_lexicon
from actorgraph.extract.trigger_model import (
    MODEL_DIR,
    NONE,
    TriggerModel,
    candidates,
    fit,
    trigger_features,
)
from actorgraph.records import Document


@pytest.fixture(scope="module")
def model() -> TriggerModel:
    return TriggerModel.load()


@pytest.fixture(scope="module")
def parse(extractor: Extractor):
    def _parse(text: str):
        return extractor.annotate(Document(text=text, source="test", published="2021-06-15"))

    return _parse


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_labels_are_the_plover_types_and_none(model: TriggerModel) -> None:
    assert set(model.labels) == set(PLOVER_TYPES) | {NONE}
    assert model.type_weights.shape == (len(model.index), len(model.types))
    assert model.event_weights.shape == (len(model.index), 2)


def test_probabilities_sum_to_one(model: TriggerModel, parse) -> None:
    doc = parse("Militiamen shelled the northern suburbs of the town overnight.")
    probs = model.predict(_token(doc, "shelled"))
    assert set(probs) == set(model.labels)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-5)
    assert all(0.0 <= p <= 1.0 for p in probs.values())


def test_candidates_are_lexicon_hits_not_reporting_verbs(parse) -> None:
    doc = parse("The ministry said that soldiers arrested four smugglers at the port.")
    words = [t.text for t in candidates(doc, load_lexicon(), load_modality_lexicon())]
    assert "arrested" in words
    assert "said" not in words
    assert "port" not in words


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Armed men attacked a police convoy on the main road on Sunday.", "attacked", "ASSAULT"),
        ("Officers detained two opposition activists outside their homes.", "detained", "COERCE"),
        ("Thousands of farmers protested outside the parliament building.", "protested", "PROTEST"),
    ],
)
def test_clear_events_get_their_type(model: TriggerModel, parse, text, word, kind) -> None:
    label, p = model.best(_token(parse(text), word))
    assert label == kind, model.predict(_token(parse(text), word))
    assert p > 0.3


def test_a_death_in_an_accident_is_less_likely_an_event(model: TriggerModel, parse) -> None:
    crash = model.predict(_token(parse("Two hikers died in a fall on the glacier."), "died"))
    killed = _token(parse("Militants stormed the post and killed two guards."), "killed")
    assert model.predict(killed)[NONE] < crash[NONE]
    assert model.best(killed)[0] == "ASSAULT"


def test_a_failed_act_is_no_event(model: TriggerModel, parse) -> None:
    doc = parse("The two delegations failed to settle the dispute over fishing rights.")
    assert model.best(_token(doc, "failed"))[0] == NONE
    assert model.best(_token(doc, "settle"))[0] == NONE


def test_features_read_the_parse_and_the_lexicon(parse) -> None:
    doc = parse("The rebels did not withdraw from the town.")
    feats = trigger_features(_token(doc, "withdraw"), load_lexicon(), load_modality_lexicon())
    assert "lem=withdraw" in feats
    assert "negated" in feats
    assert any(f.startswith("lex=") and f != "lex=ABSENT" for f in feats)


def test_save_and_load_round_trip(model: TriggerModel, parse, tmp_path: Path) -> None:
    model.save(tmp_path)
    again = TriggerModel.load(tmp_path)
    tok = _token(parse("Police raided the offices of the newspaper."), "raided")
    assert again.predict(tok) == pytest.approx(model.predict(tok))


def test_a_broken_model_folder_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError):
        TriggerModel.load(tmp_path)
    np.savez(
        tmp_path / "weights.npz",
        event_weights=np.zeros((1, 2)),
        event_bias=np.zeros(2),
        type_weights=np.zeros((1, 1)),
        type_bias=np.zeros(1),
    )
    (tmp_path / "model.json").write_text(
        json.dumps({"format": "actorgraph-trigger-model/1", "types": ["A", "B"], "features": []}),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="do not match"):
        TriggerModel.load(tmp_path)


def test_fit_separates_two_classes_deterministically() -> None:
    rows = [["bias", "w=red"]] * 6 + [["bias", "w=blue"]] * 6
    labels = ["R"] * 6 + ["B"] * 6
    a = fit(rows, labels, ["R", "B"], min_count=1, epochs=100, seed=3)
    b = fit(rows, labels, ["R", "B"], min_count=1, epochs=100, seed=3)
    index, W, bias = a
    assert np.array_equal(W, b[1])
    red = W[index["w=red"]] + W[index["bias"]] + bias
    blue = W[index["w=blue"]] + W[index["bias"]] + bias
    assert red.argmax() == 0 and blue.argmax() == 1


def test_held_out_part_is_not_in_training() -> None:
    split = json.loads((MODEL_DIR / "split.json").read_text(encoding="utf-8"))
    for name, keys in split["held_out"].items():
        assert keys, name
        assert not set(keys) & set(split["training"][name])
