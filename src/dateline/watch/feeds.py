"""Reading RSS/Atom feeds (feedparser) and news sitemaps into entries with modified times."""

from __future__ import annotations

import calendar
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser


class NotAFeed(ValueError):
    """The document is neither a feed nor a sitemap."""


@dataclass
class Entry:
    url: str
    title: str | None = None
    updated: str | None = None  # ISO time the source says the entry was modified (a hint)
    published: str | None = None
    is_sitemap: bool = False  # a child sitemap of a sitemap index
    summary: str | None = None  # the entry's description/summary as the feed gives it now


def _iso(struct: object) -> str | None:
    if not struct:
        return None
    ts = calendar.timegm(struct)  # type: ignore[arg-type]
    return datetime.fromtimestamp(ts, UTC).isoformat()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_sitemap(body: bytes) -> list[Entry]:
    root = ET.fromstring(body)
    kind = _local(root.tag)
    out = []
    for node in root:
        loc = lastmod = published = title = None
        for child in node.iter():
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name == "lastmod":
                lastmod = text
            elif name == "publication_date":
                published = text
            elif name == "title" and title is None:
                title = text
        if loc:
            out.append(
                Entry(
                    url=loc,
                    title=title,
                    updated=lastmod,
                    published=published,
                    is_sitemap=kind == "sitemapindex",
                )
            )
    return out


_SITEMAP_ROOT = re.compile(rb"<(?:\w+:)?(?:urlset|sitemapindex)\b")


def parse_entries(body: bytes) -> list[Entry]:
    """Entries of a feed or a sitemap; raises ``NotAFeed`` for anything else."""
    if _SITEMAP_ROOT.search(body[:2000]):
        try:
            return parse_sitemap(body)
        except ET.ParseError as exc:
            raise NotAFeed(f"broken sitemap: {exc}") from exc
    parsed = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no feed elements"
        raise NotAFeed(f"not a feed: {reason}"[:200])
    out = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        out.append(
            Entry(
                url=link,
                title=e.get("title"),
                # only a real "updated" is a hint: RSS pubDate does not move when a story does
                updated=_iso(e.get("updated_parsed")) if "updated" in e else None,
                published=_iso(e.get("published_parsed")),
                summary=e.get("summary"),
            )
        )
    return out
