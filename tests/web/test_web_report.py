"""`actorgraph report`: one self-contained HTML file with every fact's evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from web_helpers import XSS_SENTENCE

from actorgraph.cli import app
from actorgraph.store import Store
from actorgraph.web.report import ReportFilters, write_report


def embedded(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.S)
    assert m is not None
    data: dict[str, Any] = json.loads(m.group(1))
    return data


@pytest.fixture(scope="module")
def brief(read_store: Store, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "brief.html"
    summary = write_report(read_store, out, ReportFilters(), title="Test <brief>")
    assert (summary.events, summary.relations, summary.documents) == (5, 2, 3)
    assert summary.bytes == len(out.read_bytes())
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained(brief: str) -> None:
    # No file or address outside the page: every script and style is inline.
    assert not re.search(r"<script[^>]+src=", brief)
    assert not re.search(r"<link[^>]+href=", brief)
    assert "<title>Test &lt;brief&gt; · actorgraph</title>" in brief
    for marker in ("Sigma", "graphology", "L.map", "AG.UI"):
        assert marker in brief


def test_report_holds_every_fact_with_its_evidence(brief: str) -> None:
    data = embedded(brief)
    view, evidence = data["view"], data["evidence"]
    keys = {f"event/{e['id']}" for e in view["events"]} | {
        f"relation/{r['id']}" for r in view["relations"]
    }
    assert set(evidence) == keys and all(evidence[k] for k in keys)
    assert {d["title"] for d in data["documents"]} >= {"Border fighting", "Talks in Vessa"}


def test_article_markup_cannot_escape_the_data_block(brief: str) -> None:
    assert XSS_SENTENCE not in brief and "<script>window.__agXss" not in brief
    block = brief.split('id="ag-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    texts = [m["text"] for ms in embedded(brief)["evidence"].values() for m in ms]
    assert XSS_SENTENCE in texts


def test_report_filters(read_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    summary = write_report(read_store, out, ReportFilters(since="2023"))
    assert (summary.events, summary.relations) == (1, 0)
    view = embedded(out.read_text(encoding="utf-8"))["view"]
    assert [e["type"] for e in view["events"]] == ["THREATEN"]


def test_report_command(read_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(
        app, ["report", "--db", read_store.url, "--actor", "Ostmark", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "3 events" in result.stdout and out.exists()
    bad = CliRunner().invoke(
        app, ["report", "--db", read_store.url, "--modality", "sure", "-o", str(out)]
    )
    assert bad.exit_code == 3 and "modality" in bad.output
