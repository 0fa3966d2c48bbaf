"""HTML pages: boilerplate removal, metadata, broken markup, silence."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import (
    ARTICLE_PARAGRAPHS,
    CAPTION,
    FOOTER_TEXT,
    NAV_ITEMS,
    SHARE_LABELS,
    article_page,
)

from actorgraph.errors import InputError
from actorgraph.ingest import read_file

Write = Callable[[str, bytes | str], Path]


def test_article_text_without_boilerplate(write: Write) -> None:
    [document] = read_file(write("ferry.html", article_page()))
    assert document.format == "html"
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in document.text
    for junk in (*NAV_ITEMS, *SHARE_LABELS, CAPTION, FOOTER_TEXT, "Skip to content", "Privacy"):
        assert junk not in document.text


def test_metadata_from_meta_tags(write: Write) -> None:
    [document] = read_file(write("ferry.html", article_page()))
    assert document.title == "Harbour council backs Wrenmoor ferry"
    assert document.publisher == "The Coastline Gazette"
    assert document.url == "https://gazette.example.org/2021/ferry-route"
    assert document.published == "2021-06-14"
    assert document.published_source == "metadata"


def test_no_date_is_invented(write: Write) -> None:
    # The copyright line mentions 2021; it is not a publication date, and neither is today.
    [document] = read_file(write("undated.html", article_page(with_meta=False)))
    assert document.published is None
    assert document.published_source == "none"
    assert document.published != date.today().isoformat()


def test_published_option_overrides_metadata(write: Write) -> None:
    [document] = read_file(write("ferry.html", article_page()), published="2020-05")
    assert document.published == "2020-05"
    assert document.published_source == "option"


def test_html_detected_by_content_without_extension(write: Write) -> None:
    [document] = read_file(write("saved-page", article_page()))
    assert document.format == "html"
    assert ARTICLE_PARAGRAPHS[1] in document.text


def test_latin1_page_with_meta_charset(write: Write) -> None:
    page = article_page().replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    page = page.replace("Councillor Edda Voss", "Councillor Zoë Müller")
    [document] = read_file(write("legacy.html", page.encode("latin-1")))
    assert "Councillor Zoë Müller" in document.text


def test_xml_declaration_does_not_break_parsing(write: Write) -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + article_page()
    [document] = read_file(write("x.xhtml", page))
    assert ARTICLE_PARAGRAPHS[0] in document.text


def test_short_page_falls_back_to_body_text(write: Write) -> None:
    page = (
        "<html><head><title>Brief</title><style>p{color:red}</style></head><body>"
        "<nav>Front page</nav><p>Ferry talks resume.</p><footer>Contact us</footer>"
        "<script>track()</script></body></html>"
    )
    [document] = read_file(write("brief.html", page))
    assert "Ferry talks resume." in document.text
    for junk in ("Front page", "Contact us", "track()", "color:red"):
        assert junk not in document.text


def test_broken_html_gives_text(write: Write) -> None:
    page = (
        "<html><body><div><p>Pier works <b>delayed again <i>after storm"
        "<p>Repairs will take <span>six weeks</div></td></table>&&& <<<>>> &bogus;"
    )
    [document] = read_file(write("broken.html", page))
    assert "Pier works" in document.text
    assert "six weeks" in document.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body></body></html>",
        "<html><head><title>Only a title</title></head><body><nav>Home</nav></body></html>",
        "<html><body><script>var a = 1;</script><style>b{}</style></body></html>",
        "<html><body><figure><img src='a.jpg'><figcaption>Caption only</figcaption></figure>",
    ],
)
def test_html_without_text_is_rejected(write: Write, page: str) -> None:
    with pytest.raises(InputError, match="contains no article text"):
        read_file(write("empty.html", page))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<b>",
                "<!--",
                "-->",
                "<",
                ">",
                "&",
                "&amp;",
                "<script>",
                "</script>",
                "<table><tr><td>",
                "ferry",
                "council",
                " ",
                "\n",
                "é",
                "<html>",
                "<body>",
                "<nav>",
                "<figcaption>",
                "<?xml ?>",
                "<!DOCTYPE html>",
            ]
        ),
        max_size=40,
    )
)
def test_garbage_html_never_crashes(write: Write, parts: list[str]) -> None:
    path = write("garbage.html", "".join(parts))
    try:
        documents = read_file(path)
    except InputError:
        return
    assert len(documents) == 1
    assert documents[0].text.strip()


def test_reading_html_writes_nothing_to_the_terminal(
    write: Write, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    read_file(write("ferry.html", article_page()))
    with pytest.raises(InputError):
        read_file(write("empty.html", "<html><body><nav>Home</nav></body></html>"))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""
    noisy = [r for r in caplog.records if r.name.split(".")[0] in ("trafilatura", "htmldate")]
    assert noisy == []
