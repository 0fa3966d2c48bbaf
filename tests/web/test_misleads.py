"""Issue 15, items 4-8: what made the app or the brief show the wrong thing without saying so.

Each test failed on the code before the fix (the races 1-3 are browser tests).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from web_helpers import TOKEN, _event, _record, actor_id, add_undated_event

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
    who = ["norland", "ostmark"]
    event = _event(text, "e1", "THREATEN", sentence, "warned", who[:1], who[1:], "2024-02-01")
    record = _record(text, who, [event], [], "2024-02-02", "m.txt", "{{scripts}}")
    store.add_record(record, text)
    return sentence


def test_brief_text_that_looks_like_a_marker_stays_text(write_store: Store, tmp_path: Path) -> None:
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


# -- 5: a time filter says how many undated events it leaves out, and can keep them ------------


def test_time_filter_counts_and_can_keep_undated_events(write_store: Store) -> None:
    add_undated_event(write_store)
    with TestClient(create_app(WebConfig(), store=write_store)) as c:
        everything = c.get("/api/graph").json()
        assert len(everything["events"]) == 6 and everything["undated"] == 0
        dated = c.get("/api/graph", params={"until": "2100"}).json()
        assert len(dated["events"]) == 5
        assert dated["undated"] == 1 and dated["undated_included"] is False
        kept = c.get("/api/graph", params={"until": "2100", "include_undated": True}).json()
        assert len(kept["events"]) == 6 and kept["undated_included"] is True
        assert [e["date"] for e in kept["events"]].count(None) == 1
        # Other filters still apply to the undated ones.
        typed = c.get("/api/graph", params={"since": "2021", "type": "AID"}).json()
        assert typed["undated"] == 0


# -- 6: the upload form's date is for files without one ---------------------------------------

DATED_HTML = (
    "<html><head><title>Harbour talks</title>"
    '<meta property="article:published_time" content="2020-02-03T10:00:00Z"></head>'
    "<body><article><h1>Harbour talks</h1><p>Elena Brook met Tomas Varga in the harbour town "
    "to discuss a ceasefire. Norland later welcomed the meeting and said that more talks "
    "would follow.</p></article></body></html>"
)


def test_upload_keeps_the_files_own_date(write_store: Store, extractor: Any) -> None:
    app = create_app(WebConfig(token=TOKEN), store=write_store, extractor=extractor)
    with TestClient(app) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        r = c.post(
            "/api/documents",
            files={"file": ("harbour.html", DATED_HTML.encode(), "text/html")},
            data={"published": "2024-05-04"},
        )
        assert r.status_code == 201, r.text
        doc_id = r.json()["documents"][0]["document_id"]
        doc = c.get(f"/api/documents/{doc_id}").json()
        assert (doc["published"], doc["published_source"]) == ("2020-02-03", "metadata")
        plain = c.post(
            "/api/documents",
            files={"file": ("plain.txt", b"Plain words\nNorland spoke to Ostmark.", "text/plain")},
            data={"published": "2024-05-04"},
        )
        doc = c.get(f"/api/documents/{plain.json()['documents'][0]['document_id']}").json()
        assert (doc["published"], doc["published_source"]) == ("2024-05-04", "option")


# -- 7: a fact stays readable after a verdict --------------------------------------------------


def test_a_rejected_relation_can_still_be_read(writer: TestClient) -> None:
    rel = writer.get("/api/relations").json()["items"][0]
    r = writer.post(
        "/api/corrections/status", json={"kind": "relation", "id": rel["id"], "status": "rejected"}
    )
    assert r.status_code == 200, r.text
    assert rel["id"] not in [x["id"] for x in writer.get("/api/relations").json()["items"]]
    again = writer.get(f"/api/relations/{rel['id']}").json()
    assert again["status"] == "rejected" and again["type"] == rel["type"]
    assert writer.get("/api/relations/99999").status_code == 404


# -- 8: search finds KB ids and alias prefixes, ranks word starts first, ignores "_" ------------


def search_names(c: TestClient, q: str) -> list[str]:
    r = c.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text
    return [a["name"] for a in r.json()["actors"]]


def test_search_finds_kb_id_and_alias_prefixes(writer: TestClient) -> None:
    assert search_names(writer, "test/elena") == ["Elena Brook"]
    assert search_names(writer, "TEST/RED") == ["Red Dawn Front"]
    vessa = actor_id(writer, "Vessa")
    writer.post("/api/corrections/alias", json={"actor": vessa, "alias": "Landing Port"})
    assert search_names(writer, "landi") == ["Vessa"]


def test_search_ranks_word_starts_before_matches_inside_words(writer: TestClient) -> None:
    # Norland (three mentions) holds "land" inside a word; Vessa's new alias starts with it.
    vessa = actor_id(writer, "Vessa")
    writer.post("/api/corrections/alias", json={"actor": vessa, "alias": "Landing Port"})
    assert search_names(writer, "land") == ["Vessa", "Norland"]
    # Among equals, the most mentioned first: both states start with their query letter...
    assert search_names(writer, "norland") == ["Norland"]
    assert search_names(writer, "elena brook") == ["Elena Brook"]
    assert search_names(writer, "dawn front") == ["Red Dawn Front"]


def test_search_without_a_letter_finds_nothing(client: TestClient) -> None:
    for q in ("_", "%", "-", "  _ "):
        body = client.get("/api/search", params={"q": q}).json()
        assert body["actors"] == [] and body["documents"] == [], q


def test_search_finds_documents_by_title_word(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "fight"}).json()
    assert [d["title"] for d in body["documents"]] == ["Border fighting"]


# -- issue 14.5: the app's calls are answered from memory while the store is unchanged --------


def test_graph_and_search_are_cached_per_store_revision(write_store: Store) -> None:
    app = create_app(WebConfig(token=TOKEN), store=write_store)
    with TestClient(app) as c:
        first = c.get("/api/graph", params={"type": "ASSAULT"}).json()
        cache = app.state.graph_cache
        computed = cache.computed
        assert c.get("/api/graph", params={"type": "ASSAULT"}).json() == first
        assert cache.computed == computed
        c.get("/api/search", params={"q": "nor"})
        c.get("/api/search", params={"q": "ost"})
        assert app.state.search_cache.built == 1
        # A correction changes the store: both are computed again, and show it.
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        norland = actor_id(c, "Norland")
        c.post("/api/corrections/rename", json={"actor": norland, "name": "Norlandia"})
        after = c.get("/api/graph", params={"type": "ASSAULT"}).json()
        assert cache.computed == computed + 1
        assert "Norlandia" in {n["label"] for n in after["nodes"]}
        assert search_names(c, "norlandia") == ["Norlandia"]
        assert app.state.search_cache.built == 2


def test_nodes_keep_their_place_across_filters(client: TestClient) -> None:
    everything = {n["id"]: (n["x"], n["y"]) for n in client.get("/api/graph").json()["nodes"]}
    for params in ({"type": "ASSAULT"}, {"since": "2022"}, {"actor": "Ostmark"}):
        view = client.get("/api/graph", params=params).json()
        assert view["nodes"]
        for n in view["nodes"]:
            assert (n["x"], n["y"]) == everything[n["id"]], params
