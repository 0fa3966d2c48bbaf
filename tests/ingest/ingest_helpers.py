"""Builders for the ingest test fixtures; every text here was written for these tests."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

ARTICLE_PARAGRAPHS = (
    "The harbour council of Port Alder voted on Monday to open a ferry route to the island "
    "of Wrenmoor, ending a debate that had lasted almost three years.",
    "Councillor Edda Voss, who chairs the transport committee, said the service would begin "
    "in the spring and run four times a day in each direction.",
    "Opposition members argued that the cost estimate for the pier works was too optimistic "
    "and asked for an independent review before construction starts.",
)

CAPTION = "The old ferry Marigold leaving the quay in an archive photograph."
NAV_ITEMS = ("Weather desk", "Crossword corner", "Obituaries")
SHARE_LABELS = ("Share on Facebook", "Post to Twitter", "Email this story")
FOOTER_TEXT = "Copyright 2021 The Coastline Gazette. All rights reserved."


def article_page(*, head_extra: str = "", with_meta: bool = True) -> str:
    """A news page with the usual boilerplate around three article paragraphs."""
    meta = (
        '<meta property="og:site_name" content="The Coastline Gazette">\n'
        '<meta property="og:title" content="Harbour council backs Wrenmoor ferry">\n'
        '<link rel="canonical" href="https://gazette.example.org/2021/ferry-route">\n'
        '<meta property="article:published_time" content="2021-06-14T09:30:00+02:00">\n'
        if with_meta
        else ""
    )
    nav = "".join(f'<li><a href="/s{i}">{item}</a></li>' for i, item in enumerate(NAV_ITEMS))
    share = "".join(f"<button>{label}</button>" for label in SHARE_LABELS)
    paragraphs = ARTICLE_PARAGRAPHS
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour council backs Wrenmoor ferry | The Coastline Gazette</title>
{meta}{head_extra}</head><body>
<a class="skip-link" href="#main">Skip to content</a>
<header><nav><ul>{nav}</ul></nav></header>
<main id="main"><article>
<h1>Harbour council backs Wrenmoor ferry</h1>
<div class="share-buttons">{share}</div>
<p>{paragraphs[0]}</p>
<figure><img src="ferry.jpg" alt="ferry"><figcaption>{CAPTION}</figcaption></figure>
<p>{paragraphs[1]}</p>
<p>{paragraphs[2]}</p>
</article></main>
<footer><p>{FOOTER_TEXT}</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def make_pdf(
    pages: tuple[str, ...] = (),
    *,
    title: str | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    pdf = FPDF()
    if title is not None:
        pdf.set_title(title)
    if created is not None:
        pdf.set_creation_date(created)
    pdf.set_font("Helvetica", size=12)
    for text in pages or ("",):
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
        else:
            # A drawn shape but no text layer, like a scanned page without OCR.
            pdf.rect(20, 20, 80, 60, style="F")
    return bytes(pdf.output())
