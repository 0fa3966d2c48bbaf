"""Plain-text rendering of an :class:`EvaluationReport` for people (the CLI prints it)."""

from __future__ import annotations

from actorgraph.evaluate.score import Accuracies, EvaluationReport, FileScore, Item, PartScore

_PARTS = ("actors", "relations", "events")
_ACCURACIES = {
    "event_date": "event date",
    "relation_date": "relation date",
    "place": "place",
    "modality": "modality",
    "attribution": "attribution",
}


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _table(parts: dict[str, PartScore], indent: str = "") -> list[str]:
    counts = " ".join(f"{c:>5}" for c in ("tp", "fp", "fn", "dup", "opt"))
    head = f"{'':<10} {counts}   {'P':>5}  {'R':>5}  {'F1':>5}"
    lines = [indent + head.rstrip()]
    for name, p in parts.items():
        lines.append(
            f"{indent}{name:<10} {p.tp:>5} {p.fp:>5} {p.fn:>5} {p.duplicates:>5} {p.optional:>5}"
            f"   {_num(p.precision):>5}  {_num(p.recall):>5}  {_num(p.f1):>5}"
        )
    return lines


def _accuracy(acc: Accuracies, indent: str = "") -> list[str]:
    lines = [f"{indent}{'accuracy':<14} {'correct':>7} / {'scored':<6} {'value':>5}"]
    for field, label in _ACCURACIES.items():
        a = getattr(acc, field)
        lines.append(f"{indent}{label:<14} {a.correct:>7} / {a.scored:<6} {_num(a.value):>5}")
    return lines


def _items(title: str, items: list[Item], indent: str) -> list[str]:
    if not items:
        return []
    lines = [f"{indent}{title} ({len(items)}):"]
    for it in items:
        ident = f"[{it.id}] " if it.id else ""
        note = f"  -- {it.note}" if it.note else ""
        lines.append(f"{indent}  {ident}{it.label}{note}")
        if it.evidence:
            lines.append(f'{indent}      "{" ".join(it.evidence.split())}"')
    return lines


def _details(f: FileScore) -> list[str]:
    lines = [f"== {f.gold}", f"   document: {f.document}"]
    lines += _table({**{p: getattr(f, p) for p in _PARTS}, "strict": f.events_strict}, "   ")
    lines += _accuracy(f.accuracy, indent="   ")
    for name in _PARTS:
        part: PartScore = getattr(f, name)
        lines += _items(f"{name}: missed", part.misses, "   ")
        lines += _items(f"{name}: spurious", part.spurious, "   ")
        lines += _items(f"{name}: splits", part.splits, "   ")
        lines += _items(f"{name}: wrong type", part.wrong_types, "   ")
        lines += _items(f"{name}: duplicates", part.duplicate_items, "   ")
    if f.accuracy.wrong:
        lines.append(f"   wrong values ({len(f.accuracy.wrong)}):")
        for w in f.accuracy.wrong:
            label = _ACCURACIES.get(w.field, w.field)
            lines.append(f"     [{w.id}] {label}: gold {w.want}, got {w.got}")
    return lines


def format_report(report: EvaluationReport, *, details: bool = True) -> str:
    """Totals table (micro-averaged), accuracies, then each file's misses and false positives."""
    n = len(report.files)
    lines = [f"Evaluation over {n} gold file{'s' if n != 1 else ''} (micro-averaged)", ""]
    lines += _table({**{p: getattr(report, p) for p in _PARTS}, "strict": report.events_strict})
    lines.append("")
    lines += _accuracy(report.accuracy)
    lines.append(
        "dup = duplicates (counted apart); opt = matched only optional gold (ignored); "
        "fp includes splits and wrong types"
    )
    if details:
        for f in report.files:
            lines.append("")
            lines += _details(f)
    return "\n".join(lines) + "\n"
