"""Issue 15, items 4-8: what made the app or the brief show the wrong thing without saying so.

Each test failed on the code before the fix (the races 1-3 are browser tests).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from web_helpers import TOKEN, _event, _record, actor_id

from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app
from actorgraph.web.report import ReportFilters, fill_template, write_report


def embedded(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.S)
    assert m is not None
    data: dict[str, Any] = json.loads(m.group(1))
    return data


# -- 4: the brief's template is filled in one pass ---------------------------------------------


def _add_marker_document(store: Store) -> str:
    """A document whose sentence and title hold the template's markers."""
    text = "Markers\nNorland warned Ostmark about {{scripts}} and {{data}} on Monday."
    sentence = text.split("\n", 1)[1]
    event = _event(text, "e1", "THREATEN", sentence, "warned", ["norland"], ["ostmark"], "2024-02-01")
    record = _record(text, ["norland", "ostmark"], [event], [], "2024-02-02", "m.txt", "{{scripts}}")
    store.add_record(record, text)
    return sentence


def test_brief_text_that_looks_like_a_marker_stays_text(
    write_store: Store, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.html"
    write_report(write_store, plain, ReportFilters(), title="Plain")
    title = "Brief on {{data}} and {{scripts}}"
    sentence = _add_marker_document(write_store)
    out = tmp_path / "brief.html"
    write_report(write_store, out, ReportFilters(), title=title)
    page = out.read_text(encoding="utf-8")
    # The header shows the title as typed, not the data or the scripts.
    assert f"<h1>{title}</h1>" in page
    assert page.count('<script type="application/json" id="ag-data">') == 1
    # Scripts are inlined once: the brief did not grow by another copy of them.
    assert page.count("<script>") == plain.read_text(encoding="utf-8").count("<script>")
    assert len(page) < 1.2 * len(plain.read_text(encoding="utf-8"))
    data = embedded(page)
    assert data["title"] == title
    assert sentence in [m["text"] for ms in data["evidence"].values() for m in ms]


def test_fill_template_rejects_unknown_markers() -> None:
    assert fill_template("{{a}}-{{b}}", {"a": "{{b}}", "b": "1"}) == "{{b}}-1"
    try:
        fill_template("{{a}}{{missing}}", {"a": ""})
    except ValueError as exc:
        assert "missing" in str(exc)
    else:
        raise AssertionError("an unfilled marker went unnoticed")
