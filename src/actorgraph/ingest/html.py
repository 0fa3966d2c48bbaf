"""HTML pages: main article text without boilerplate, plus title, publisher, date and URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from actorgraph.errors import InputError
from actorgraph.ingest._quiet import quiet_libraries
from actorgraph.ingest.dates import normalise_metadata_date
from actorgraph.ingest.prose import has_prose
from actorgraph.ingest.text import clean_text, decode_bytes

TOO_DEEP = (
    "is nested too deeply to read (tags over 255 levels deep); save the page again from a "
    "browser or as text"
)
_MAX_DEPTH = 255
NO_TEXT = "contains no article text (only menus, headings or other page furniture)"

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_START_RE = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)

# Captions, navigation and share widgets are not article text; trafilatura usually drops them,
# pruning first makes sure a caption inside <article> never leaks into the text.
_PRUNE_XPATH = [
    "//figcaption",
    "//nav",
    "//*[@role='navigation']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' skip-link ')]",
]
_FALLBACK_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "form",
    "button",
    "svg",
)
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)


@dataclass(frozen=True)
class HtmlArticle:
    """What an HTML page yields before it becomes a Document."""

    text: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    """True when decoded text starts like an HTML document."""
    return bool(_HTML_START_RE.match(text[:4096]))


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _parse(markup: str) -> Any:
    """Parse markup to an lxml tree, or None when lxml finds no document at all."""
    # lxml and trafilatura load here, not at import: reading text files never needs them
    # (a third of a second of every start).
    import lxml.html
    from lxml import etree

    # lxml refuses str input that still carries an XML encoding declaration.
    markup = _XML_DECL_RE.sub("", markup, count=1)
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _fallback_text(tree: Any) -> str:
    """Visible body text with scripts, navigation, headers, footers and captions removed."""
    body = tree.find("body")
    root = body if body is not None else tree
    for element in list(root.iter(*_FALLBACK_DROP)):
        element.drop_tree()
    pieces: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK_TAGS:
            pieces.append("\n")
        if element.text and tag:
            pieces.append(element.text)
        for child in element:
            walk(child)
        if tag in _BLOCK_TAGS:
            pieces.append("\n")
        if element.tail:
            pieces.append(element.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _extract(tree: Any) -> HtmlArticle | None:
    """Run trafilatura on a parsed tree; None when it finds no main text."""
    import trafilatura

    today = date.today().isoformat()
    result = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        prune_xpath=_PRUNE_XPATH,
        # Extensive search guesses from copyright lines and free text (e.g. "2021" -> 2021-01-01);
        # only dates stated in markup or metadata count as a publication date.
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "max_date": today,
        },
    )
    if result is None or isinstance(result, dict):
        return None
    text = clean_text(result.text or "").strip()
    if not text:
        return None
    return HtmlArticle(
        text=text,
        title=_clean(result.title),
        publisher=_clean(result.sitename),
        published=normalise_metadata_date(result.date),
        url=_clean(result.url),
    )


def _title_from_tree(tree: Any) -> str | None:
    title = tree.find(".//title")
    return _clean(title.text_content()) if title is not None else None


def decode_html(data: bytes) -> str:
    """Decode HTML bytes, honouring a meta charset when the bytes are not UTF-8."""
    return decode_bytes(data, declared=_declared_charset(data))


def extract_html_text(markup: str) -> HtmlArticle:
    """Extract the article from decoded HTML; raises InputError (message only)."""
    tree = _parse(markup)
    if tree is None:
        raise InputError(NO_TEXT)
    # Link texts, before the fallback prunes the tree: a page of nothing else has no article.
    furniture = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    with quiet_libraries():
        try:
            # trafilatura gets a parsed tree, never a string that htmldate could take for a URL
            # and fetch; it works on a copy, so the tree stays intact for the fallback.
            article = _extract(tree)
        except Exception:
            # Broken markup must degrade to the plain fallback, never crash a folder run;
            # trafilatura raises assorted internal errors on pathological pages.
            article = None
    if article is None:
        text = _fallback_text(tree)
        article = HtmlArticle(
            text=text, title=_title_from_tree(tree), publisher=None, published=None, url=None
        )
    if not has_prose(article.text, furniture):
        if _too_deep(tree):
            raise InputError(TOO_DEEP)
        # Menus, headings and a footer: building a record from them would invent actors.
        raise InputError(NO_TEXT)
    return article


def _too_deep(tree: Any) -> bool:
    """Whether the parser stopped at its nesting limit (libxml2 reads 255 levels of tags and
    drops what is deeper)."""
    return any(sum(1 for _ in e.iterancestors()) >= _MAX_DEPTH for e in tree.iter())
