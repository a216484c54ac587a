"""Atom feeds of changes: per article, per source (host), per story and for everything.

Entry ids are tag URIs built from the change's row id, so they never change once published
and a feed reader never shows a change twice. Each entry carries a short diff excerpt.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from dateline.versions import diff_texts, render_excerpt
from dateline.watch.state import ChangeRecord, WatchState
from dateline.watch.watcher import iso

if TYPE_CHECKING:
    from dateline.models import Story
    from dateline.store.base import Store

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:dateline-news.github.io,2026:watch"


def _entry_text(state: WatchState, ch: ChangeRecord) -> tuple[str, str]:
    """(title, excerpt) for one change."""
    item = state.get_item(ch.item)
    name = (item.title if item else None) or (item.url if item else f"item {ch.item}")
    new = state.version(ch.to_version) if ch.to_version else None
    old = state.version(ch.from_version) if ch.from_version else None
    if ch.kind == "first":
        return f"{name}: first version", (new.text[:280] if new else "")
    if ch.kind in ("deleted", "redirected"):
        return f"{name}: {ch.kind}", ch.detail or ch.kind
    if old is None or new is None:
        return f"{name}: {ch.kind}", ch.detail or ""
    diff = diff_texts(old.text, new.text, old.title, new.title)
    label = f"reverted to version {new.seq}" if ch.kind == "revert" else f"version {new.seq}"
    return f"{name}: {label} ({diff.summary()})", render_excerpt(diff)


def changes_feed(
    state: WatchState,
    changes: list[ChangeRecord],
    feed_id: str,
    title: str,
    self_url: str | None = None,
    now: str | None = None,
) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    updated = iso(changes[0].at) if changes else (now or "1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    if self_url:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "dateline"
    for ch in changes:
        item = state.get_item(ch.item)
        entry_title, excerpt = _entry_text(state, ch)
        e = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(e, f"{{{ATOM}}}id").text = f"{TAG}:change:{ch.id}"
        ET.SubElement(e, f"{{{ATOM}}}title").text = entry_title
        ET.SubElement(e, f"{{{ATOM}}}updated").text = iso(ch.at)
        if item:
            ET.SubElement(e, f"{{{ATOM}}}link", rel="alternate", href=item.url)
        ET.SubElement(e, f"{{{ATOM}}}category", term=ch.kind)
        ET.SubElement(e, f"{{{ATOM}}}summary", type="text").text = excerpt
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def article_feed(state: WatchState, url: str, limit: int = 50, self_url: str | None = None) -> str:
    item = state.item_by_url(url)
    changes = state.changes(item_id=item.id, limit=limit) if item else []
    return changes_feed(
        state, changes, f"{TAG}:article:{item.id if item else 0}", f"Changes to {url}", self_url
    )


def host_feed(state: WatchState, host: str, limit: int = 50, self_url: str | None = None) -> str:
    return changes_feed(
        state,
        state.changes(host=host, limit=limit),
        f"{TAG}:host:{host}",
        f"Changes on {host}",
        self_url,
    )


def all_feed(state: WatchState, limit: int = 100, self_url: str | None = None) -> str:
    return changes_feed(
        state, state.changes(limit=limit), f"{TAG}:all", "All watched changes", self_url
    )


def urls_feed(
    state: WatchState,
    urls: list[str],
    feed_id: str,
    title: str,
    limit: int = 100,
    self_url: str | None = None,
) -> str:
    """Changes to any of ``urls`` (e.g. the documents of one story), newest first."""
    changes = []
    for url in urls:
        item = state.item_by_url(url)
        if item is not None:
            changes += state.changes(item_id=item.id, limit=limit)
    changes.sort(key=lambda c: (c.at, c.id), reverse=True)
    return changes_feed(state, changes[:limit], feed_id, title, self_url)


def story_feed(
    state: WatchState,
    store: Store,
    story: Story,
    limit: int = 100,
    self_url: str | None = None,
) -> str:
    """Changes to the watched articles of one story of ``store``, newest first."""
    metas = store.document_meta(set(story.documents))
    urls = sorted({m.url for m in metas.values() if m.url})
    return urls_feed(
        state, urls, f"{TAG}:story:{story.id}", f"Changes to {story.name}", limit, self_url
    )
