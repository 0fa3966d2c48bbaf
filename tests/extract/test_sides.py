"""The trained role model fills the sides the rules leave empty, and never overrides them."""

from __future__ import annotations

import pytest

from actorgraph.extract import Extractor
from actorgraph.nlp import PipelineConfig
from actorgraph.records import Document, ExtractionRecord


@pytest.fixture(scope="module")
def rules_only() -> Extractor:
    return Extractor(PipelineConfig(role_model=False))


@pytest.fixture(scope="module")
def with_model() -> Extractor:
    return Extractor(PipelineConfig(role_model=True))


def _sides(rec: ExtractionRecord) -> list[tuple[str, list[str], list[str]]]:
    names = {a.id: a.name for a in rec.actors}
    return [
        (e.type, [names[s] for s in e.source], [names[t] for t in e.target]) for e in rec.events
    ]


def _run(ex: Extractor, text: str) -> ExtractionRecord:
    return ex.extract(Document(text=text, source="sides", published="2021-06-15"))


def test_the_model_fills_a_target_the_rules_left_empty(
    rules_only: Extractor, with_model: Extractor
) -> None:
    text = "Norland expelled two diplomats working for France."
    assert _sides(_run(rules_only, text)) == [("SANCTION", ["Norland"], [])]
    assert _sides(_run(with_model, text)) == [("SANCTION", ["Norland"], ["France"])]


def test_sides_the_rules_found_stand(rules_only: Extractor, with_model: Extractor) -> None:
    text = "France warned Norland on Monday. The Red Dawn Front, backed by France, attacked."
    ruled = _sides(_run(rules_only, text))
    modelled = _sides(_run(with_model, text))
    for (t1, s1, g1), (t2, s2, g2) in zip(ruled, modelled, strict=True):
        assert t1 == t2 and s1 == s2
        if g1:
            assert g1 == g2
    assert all(not set(s) & set(g) for _, s, g in modelled)
