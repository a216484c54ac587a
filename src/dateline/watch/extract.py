"""Text extraction of fetched pages, behind one function so the extractor is swappable.

dateline.clean (``documents_from_capture``) is the project's cleaner; while it is not in the
tree, trafilatura is called directly. Switching is the ``EXTRACTOR`` line below.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import trafilatura

EXTRACTOR = "clean"  # "clean" once dateline.clean.documents_from_capture lands

_LD_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]{8,40})"')
_META_MODIFIED = re.compile(
    r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:modified_time|og:updated_time|"
    r"dateModified|last-modified)[\"'][^>]*content=[\"']([^\"']{8,40})[\"']",
    re.IGNORECASE,
)


@dataclass
class Extracted:
    title: str | None
    byline: str | None
    body: str
    date: str | None  # publication date the page states
    date_modified: str | None
    extractor: str
    extractor_version: str


def page_date_modified(html: str) -> str | None:
    """The page's own modified time (JSON-LD ``dateModified`` or a meta tag), as given."""
    m = _LD_MODIFIED.search(html) or _META_MODIFIED.search(html)
    return m.group(1) if m else None


def _trafilatura(html: str, url: str | None) -> Extracted:
    out = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        favor_recall=True,
    )
    data = json.loads(out) if out else {}
    title = data.get("title") or None
    text = data.get("text") or ""
    lines = text.splitlines()
    # trafilatura repeats the headline as the first line; the title is kept apart.
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]
    return Extracted(
        title=title,
        byline=data.get("author") or None,
        body="\n".join(lines).strip(),
        date=data.get("date") or None,
        date_modified=page_date_modified(html),
        extractor="trafilatura",
        extractor_version=trafilatura.__version__,
    )


def _clean(html: str, url: str | None) -> Extracted:
    from dateline.clean import documents_from_capture  # the project's cleaner
    from dateline.models import Capture

    try:
        docs = documents_from_capture(
            Capture(source=url or "watch", kind="html", raw=html, url=url)
        )
    except ValueError:  # CleanError: nothing of an article left (a stub, an error page)
        docs = []
    doc = docs[0] if docs else None
    return Extracted(
        title=doc.title if doc else None,
        byline=None,
        body=doc.body if doc else "",
        date=doc.published.value if doc and doc.published else None,
        date_modified=page_date_modified(html),
        extractor="dateline.clean",
        extractor_version="0.1",
    )


def extract_page(html: str, url: str | None = None) -> Extracted:
    """Title, byline and body of an article page."""
    return _clean(html, url) if EXTRACTOR == "clean" else _trafilatura(html, url)
