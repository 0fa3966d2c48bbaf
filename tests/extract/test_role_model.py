"""The trained role model: source, target or neither for an actor mention of a trigger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.errors import ConfigError
from actorgraph.extract import Extractor
from actorgraph.extract.role_model import MODEL_DIR, ROLES, RoleModel, dep_path
from actorgraph.records import Document


@pytest.fixture(scope="module")
def model() -> RoleModel:
    return RoleModel.load()


@pytest.fixture(scope="module")
def parse(extractor: Extractor):
    def _parse(text: str):
        return extractor.annotate(Document(text=text, source="test", published="2021-06-15"))

    return _parse


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def _sides(model: RoleModel, doc, word: str) -> dict[str, dict[str, float]]:
    names = {a.index: a.name for a in doc._.ag_actors.actors}
    return {names[k]: v for k, v in model.predict_actors(_token(doc, word)).items()}


def test_subject_is_source_and_object_target(model: RoleModel, parse) -> None:
    sides = _sides(model, parse("France accused Germany of dumping steel."), "accused")
    assert sides["France"]["source"] > sides["France"]["target"]
    assert sides["Germany"]["target"] > sides["Germany"]["source"]


def test_passive_agent_is_source(model: RoleModel, parse) -> None:
    sides = _sides(model, parse("Germany was accused by France of dumping steel."), "accused")
    assert sides["France"]["source"] > 0.5
    assert sides["Germany"]["target"] > sides["Germany"]["source"]


def test_noun_trigger_reads_its_possessor_and_prepositions(model: RoleModel, parse) -> None:
    sides = _sides(model, parse("Brazil's shipment of medical aid to Peru arrived."), "aid")
    assert sides["Brazil"]["source"] > sides["Peru"]["source"]


def test_probabilities_sum_to_one(model: RoleModel, parse) -> None:
    doc = parse("Chile condemned Bolivia on Monday.")
    p = model.predict(_token(doc, "condemned"), doc[0:1], "state")
    assert set(p) == set(ROLES)
    assert sum(p.values()) == pytest.approx(1.0, abs=1e-5)


def test_dependency_path_runs_up_then_down(parse) -> None:
    doc = parse("Chile condemned the raid on Bolivia.")
    up, down = dep_path(_token(doc, "Bolivia"), _token(doc, "condemned"))
    assert up[0] == "pobj" and "prep:on" in up
    assert down == []


def test_save_load_and_a_broken_folder(model: RoleModel, parse, tmp_path: Path) -> None:
    model.save(tmp_path)
    doc = parse("Chile condemned Bolivia on Monday.")
    tok = _token(doc, "condemned")
    assert RoleModel.load(tmp_path).predict(tok, doc[0:1]) == pytest.approx(
        model.predict(tok, doc[0:1])
    )
    (tmp_path / "model.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError):
        RoleModel.load(tmp_path)


def test_roles_held_out_part_is_not_in_training() -> None:
    split = json.loads((MODEL_DIR / "split.json").read_text(encoding="utf-8"))["roles"]
    assert split["held_out"] and split["training"]
    assert not set(split["held_out"]) & set(split["training"])
