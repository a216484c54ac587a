"""HTML pages: main text and metadata through trafilatura and htmldate (no extractor of our own)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Page:
    text: str
    title: str | None
    sitename: str | None
    url: str | None
    date: str | None  # htmldate's original publication date, from metadata and URL only
    extractor: str


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
    return Page(
        text=text,
        title=(data.get("title") or "").strip() or None,
        sitename=(data.get("sitename") or "").strip() or None,
        url=data.get("url") or None,
        date=date,
        extractor=extractor,
    )
