"""Scoring extraction records against hand-made gold files (format: shared seed.gold.yaml).

API: :func:`load_gold`, :func:`score` (pure), :func:`evaluate` (reads documents and extracts),
:func:`summarize` (micro-average of file scores) and :func:`format_report` (plain text).
"""

from actorgraph.evaluate.gold import (
    GoldActor,
    GoldDocument,
    GoldEvent,
    GoldRelation,
    GoldSource,
    load_gold,
)
from actorgraph.evaluate.names import normalize_name
from actorgraph.evaluate.report import format_report
from actorgraph.evaluate.score import (
    Accuracies,
    Accuracy,
    EvaluationReport,
    FileScore,
    Item,
    PartScore,
    date_agrees,
    evaluate,
    score,
    summarize,
)

__all__ = [
    "Accuracies",
    "Accuracy",
    "EvaluationReport",
    "FileScore",
    "GoldActor",
    "GoldDocument",
    "GoldEvent",
    "GoldRelation",
    "GoldSource",
    "Item",
    "PartScore",
    "date_agrees",
    "evaluate",
    "format_report",
    "load_gold",
    "normalize_name",
    "score",
    "summarize",
]
