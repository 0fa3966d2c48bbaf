"""Every reader hands on cleaned text, and a page of menus alone holds no article."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from actorgraph.errors import InputError
from actorgraph.ingest import read_file
from actorgraph.ingest.prose import has_prose
from actorgraph.ingest.text import clean_text

Write = Callable[[str, bytes | str], Path]
SENTENCE = "The harbour council approved the new pier on Friday.\n"


def test_clean_text_drops_controls_and_keeps_layout() -> None:
    raw = "a\tb\r\nc\x00d\x07e\x1bf\x7fg\x85h\x0bi\x0cj\ud800k"
    assert clean_text(raw) == "a\tb\ncdefgh\ni\x0cjk"


def test_a_nul_after_the_sniffed_head_is_removed_not_stored(write: Write) -> None:
    # The binary check reads the first 8 KB; a NUL further on used to reach the store.
    body = SENTENCE * 200 + "Late\x00 NUL and a bell\x07 here.\n"
    [doc] = read_file(write("late-nul.txt", body))
    assert "\x00" not in doc.text and "\x07" not in doc.text
    assert "Late NUL and a bell here." in doc.text


def test_jsonl_text_is_cleaned_too(write: Write) -> None:
    line = json.dumps({"text": SENTENCE + "with a \u0000 NUL and a lone \ud800 half"})
    [doc] = read_file(write("c.jsonl", line + "\n"))
    assert "\x00" not in doc.text and "\ud800" not in doc.text
    doc.text.encode("utf-8")  # storable by any database


def test_html_character_references_to_controls_are_cleaned(write: Write) -> None:
    page = f"<html><body><article><p>{SENTENCE.strip()} Bell&#7;here &#1;too.</p></article>"
    [doc] = read_file(write("c.html", page + "</body></html>"))
    assert not any(ord(c) < 9 for c in doc.text)


MENU_PAGE = """<!doctype html><html><head><title>Harbour Gazette - Home</title></head><body>
<div class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/port">Port and shipping</a></li><li><a href="/contact">Contact us</a></li></ul></div>
<div class="links"><a href="/login">Sign in</a> | <a href="/join">Subscribe to our newsletter</a>
</div><footer>&copy; 2024 Harbour Gazette Ltd. All rights reserved.
<a href="/privacy">Privacy policy</a></footer></body></html>"""


def test_a_page_of_menus_and_footer_has_no_article_text(write: Write) -> None:
    with pytest.raises(InputError, match="no article text"):
        read_file(write("menu.html", MENU_PAGE))


def test_the_same_page_with_a_sentence_is_read(write: Write) -> None:
    page = MENU_PAGE.replace("<footer>", f"<main><p>{SENTENCE}</p></main><footer>")
    [doc] = read_file(write("article.html", page))
    assert SENTENCE.strip() in doc.text


def test_has_prose_counts_words_besides_link_texts() -> None:
    assert has_prose("Pier works delayed after storm")  # unpunctuated, but not a link
    assert not has_prose("Pier works delayed after storm", ["Pier works delayed after storm"])
    assert not has_prose("© 2024 Harbour Gazette Ltd. All rights reserved.")
