"""The Python API. The CLI and the web app are thin skins over these calls.

import dateline
report = dateline.build(["captures/"], store="story.db")
dl = dateline.open("story.db")
for entry in dl.timeline(person="Fumio Kishida"):
    print(entry.date, entry.label)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.engine import make_executor
from dateline.models import (
    Annotation,
    Document,
    LinkedEvent,
    Quote,
    RoleSpell,
    Story,
    TimelineEntry,
)
from dateline.pipeline import BuildReport, PublishedDates
from dateline.pipeline import build as _build
from dateline.store import EventFilter, SearchHit, Store, open_store

DEFAULT_STORE = "dateline.db"


def build(
    paths: Iterable[str | Path] | str | Path,
    store: str | Path | Store = DEFAULT_STORE,
    published: PublishedDates = None,
    *,
    workers: int = 1,
    knowledge: str | Path | None = None,
    progress: bool | None = None,
) -> BuildReport:
    """Build (or update) a store from captures. ``published`` gives known publication dates:
    one ISO date for every capture, or a mapping from file name, id or URL to ISO date.
    ``knowledge`` names an office-holder file (docs/knowledge-format.md) merged over the
    bundled one."""
    from dateline.knowledge import Knowledge

    # A user's file adds to the bundled one and wins where both speak of the same office.
    kb = Knowledge.load().merge(Knowledge.load(knowledge)) if knowledge else None
    st = store if isinstance(store, Store) else open_store(store)
    try:
        return _build(
            paths, st, published, executor=make_executor(workers), knowledge=kb, progress=progress
        )
    finally:
        if not isinstance(store, Store):
            st.close()


@dataclass
class DocumentDigest:
    """Everything dateline knows about one document (``dateline show``)."""

    document: Document
    annotation: Annotation | None
    events: list[LinkedEvent]


class Dateline:
    """An open store with the questions users ask of it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Dateline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def timeline(self, **filters: Any) -> list[TimelineEntry]:
        """Events in date order. Filters: story, person, organisation, place, type, status,
        date_from, date_to, text, document, limit, offset."""
        from dateline.timeline import build_timeline

        return build_timeline(self.store, EventFilter(**filters))

    def documents(self) -> list[Document]:
        return list(self.store.documents())

    def resolve_document(self, ref: str) -> Document:
        """A document by id, id prefix, file name or URL; a clear error when ambiguous."""
        doc = self.store.get_document(ref)
        if doc:
            return doc
        ids = self.store.find_documents(ref)
        if not ids:
            raise LookupError(f"no document matches {ref!r}")
        if len(set(ids)) > 1:
            raise LookupError(f"{ref!r} matches {len(ids)} documents: {', '.join(ids[:5])}")
        found = self.store.get_document(ids[0])
        assert found is not None
        return found

    def show(self, ref: str) -> DocumentDigest:
        doc = self.resolve_document(ref)
        return DocumentDigest(
            document=doc,
            annotation=self.store.get_annotation(doc.id),
            events=self.store.linked_events(EventFilter(document=doc.id)),
        )

    def event(self, event_id: str) -> LinkedEvent | None:
        return self.store.get_linked_event(event_id)

    def stories(self) -> list[Story]:
        return self.store.stories()

    def resolve_story(self, ref: str) -> Story:
        """A story by id, id prefix or name (whole, or words of it, case ignored); a clear
        error when nothing or more than one story matches."""
        stories = self.store.stories()
        for exact in (
            [s for s in stories if s.id == ref],
            [s for s in stories if s.name.casefold() == ref.casefold()],
        ):
            if len(exact) == 1:
                return exact[0]
        words = ref.casefold().split()
        found = [
            s
            for s in stories
            if s.id.startswith(ref) or (words and all(w in s.name.casefold() for w in words))
        ]
        if not found:
            raise LookupError(f"no story matches {ref!r}")
        if len(found) > 1:
            names = "; ".join(f"{s.id} {s.name}" for s in found[:5])
            raise LookupError(f"{ref!r} matches {len(found)} stories: {names}")
        return found[0]

    def story_urls(self, ref: str) -> list[str]:
        """The web addresses of a story's articles (what ``dateline watch --story`` follows)."""
        story = self.resolve_story(ref)
        urls: dict[str, None] = {}
        for doc_id in story.documents:
            doc = self.store.get_document(doc_id)
            url = (doc.url or "") if doc else ""
            if url.startswith(("http://", "https://")):
                urls[url] = None
        return list(urls)

    def roles(self, person: str | None = None) -> list[RoleSpell]:
        return self.store.role_spells(person)

    def quotes(self, speaker: str | None = None) -> list[tuple[str, Quote]]:
        return self.store.quotes(speaker)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit)


def open(store: str | Path | Store = DEFAULT_STORE) -> Dateline:
    """Open a store for reading (and incremental updates)."""
    return Dateline(store if isinstance(store, Store) else open_store(store))
