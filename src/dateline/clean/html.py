"""HTML pages: main text and metadata through trafilatura and htmldate (no extractor of our own)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class Page:
    text: str
    title: str | None
    sitename: str | None
    url: str | None
    date: str | None  # htmldate's original publication date, from metadata and URL only
    extractor: str
    visible_date: str | None = None  # a date htmldate found in the page text and the text states
    copyright_lines: list[str] = field(default_factory=list)  # "© 2019 The Ledger" and the like


def extract_page(html: str, url: str | None) -> Page:
    import htmldate
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception:  # trafilatura raises assorted errors on broken markup; fall back below
        log.debug("trafilatura failed", exc_info=True)
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = data.get("text") or ""
    extractor = f"trafilatura {trafilatura.__version__}"
    if not text.strip():
        # Too short or too odd for the main-text heuristics (feed summaries, fragments):
        # trafilatura's baseline keeps all visible text, and the line cleaner takes it from there.
        text = trafilatura.html2txt(html) or ""
        extractor = f"trafilatura {trafilatura.__version__} (html2txt baseline)"
    try:
        # extensive_search=False: only metadata and the URL, never a date guessed from the body
        date = htmldate.find_date(
            html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except Exception:
        log.debug("htmldate failed", exc_info=True)
        date = None
    visible = None
    if date is None:
        visible = _visible_date(html, url)
    return Page(
        copyright_lines=_copyright_lines(html),
        visible_date=visible,
        text=text,
        title=(data.get("title") or "").strip() or None,
        sitename=(data.get("sitename") or "").strip() or None,
        url=data.get("url") or None,
        date=date,
        extractor=extractor,
    )


def _visible_date(html: str, url: str | None) -> str | None:
    """htmldate's wider search (date elements, page text), accepted only when a short line of
    the page's visible text states that very day, so a copyright year, a guess or an event
    date inside a body sentence never passes."""
    import htmldate

    from dateline.clean.dates import full_dates

    try:
        guess = htmldate.find_date(
            html, url=url, original_date=True, extensive_search=True, outputformat="%Y-%m-%d"
        )
    except Exception:
        log.debug("htmldate failed", exc_info=True)
        return None
    if not guess:
        return None
    import lxml.html

    from dateline.clean.furniture import is_body_like

    try:
        tree = lxml.html.fromstring(html.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None
    # only a date line ("Published 14 August 2017"), never a date inside a body sentence
    for el in tree.iter(
        "time", "span", "div", "p", "li", "td", "small", "header", "h2", "h3", "h4"
    ):
        line = " ".join(el.text_content().split())
        short = bool(line) and len(line) < 120 and not is_body_like(line)
        if short and any(f.value == guess for f in full_dates(line)):
            return guess
    return None


_COPYRIGHT = re.compile(r"©|&copy;|\bcopyright\b", re.IGNORECASE)


def _copyright_lines(html: str) -> list[str]:
    """Short visible lines with a copyright notice (page footers name the outlet)."""
    import lxml.html

    if not _COPYRIGHT.search(html):
        return []
    try:
        tree = lxml.html.fromstring(html.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return []
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines = []
    for el in tree.iter("p", "div", "span", "small", "footer", "li"):
        line = " ".join(el.text_content().split())
        if line and len(line) < 160 and _COPYRIGHT.search(line) and line not in lines:
            lines.append(line)
    return sorted(lines, key=len)[:3]
