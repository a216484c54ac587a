"""The store interface: everything the pipeline, CLI, web app and watcher need from storage.

Stages never touch a store; the pipeline hands their typed outputs to a ``Store``. SQLite
(default, embedded) and PostgreSQL implement the same interface and pass the same tests.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dateline.models import (
    Annotation,
    DateEstimate,
    Document,
    LinkedEvent,
    Quote,
    RoleSpell,
    Story,
    Version,
)

# Snippet match markers: Unicode noncharacters, which are reserved for a program's internal
# use and do not occur in interchange text, so a body's own "[" or "]" is never taken for one.
MATCH_OPEN = "\ufdd0"
MATCH_CLOSE = "\ufdd1"


@dataclass
class SearchHit:
    """One full-text hit. ``marked`` is the snippet with every match between ``MATCH_OPEN``
    and ``MATCH_CLOSE`` (exact, for highlighting: use ``parts()``); ``snippet`` is the same
    text for reading, each match in [brackets] (ambiguous when the text has brackets itself).
    """

    document: str
    title: str | None
    snippet: str
    score: float
    marked: str = ""

    @classmethod
    def from_marked(cls, document: str, title: str | None, marked: str, score: float) -> SearchHit:
        plain = marked.replace(MATCH_OPEN, "[").replace(MATCH_CLOSE, "]")
        return cls(document, title, plain, score, marked)

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) runs, in order; empty runs are left out."""
        if not self.marked:  # a hit made without markers: all plain text
            return [(self.snippet, False)] if self.snippet else []
        out: list[tuple[str, bool]] = []
        for i, chunk in enumerate(self.marked.split(MATCH_OPEN)):
            if i == 0:
                match, rest = "", chunk
            else:
                match, _, rest = chunk.partition(MATCH_CLOSE)
            # a stray closing marker (cannot come from the stores) is dropped, not shown
            rest = rest.replace(MATCH_CLOSE, "")
            if match:
                out.append((match, True))
            if rest:
                out.append((rest, False))
        return out


@dataclass
class DocumentMeta:
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


@dataclass
class EventFilter:
    """Filters for ``Store.linked_events``; every field optional, all combine with AND."""

    story: str | None = None
    person: str | None = None
    organisation: str | None = None
    place: str | None = None
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None
    document: str | None = None
    limit: int | None = None
    offset: int = 0


class Store(abc.ABC):
    """Abstract store. Every write is atomic; putting the same object twice changes nothing."""

    url: str

    # -- lifecycle -----------------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents -----------------------------------------------------------------------
    @abc.abstractmethod
    def put_documents(self, documents: Iterable[Document]) -> list[str]:
        """Store documents in one transaction; return the ids that were new."""

    @abc.abstractmethod
    def get_document(self, document_id: str) -> Document | None: ...

    @abc.abstractmethod
    def documents(self) -> Iterator[Document]: ...

    def document_meta(self, ids: Iterable[str]) -> dict[str, DocumentMeta]:
        """Title, outlet, URL and date of many documents at once (for timelines): stores
        override this with one query; this fallback reads whole documents."""
        out: dict[str, DocumentMeta] = {}
        for doc_id in ids:
            doc = self.get_document(doc_id)
            if doc is not None:
                pub = doc.published.value if doc.published else None
                out[doc_id] = DocumentMeta(doc.id, doc.title, doc.outlet, doc.url, pub)
        return out

    @abc.abstractmethod
    def document_ids(self) -> list[str]: ...

    @abc.abstractmethod
    def find_documents(self, prefix: str) -> list[str]:
        """Ids whose id, name or source starts with/contains ``prefix`` (for the CLI)."""

    @abc.abstractmethod
    def set_published(self, document_id: str, published: DateEstimate | None) -> None:
        """Record an inferred publication date (does not change the document's id)."""

    @abc.abstractmethod
    def put_versions(self, document_id: str, versions: list[Version]) -> None: ...

    # -- annotations ---------------------------------------------------------------------
    # Each document keeps two annotations: the ``base`` one, made from the document alone
    # (times anchored to its stated date, if any), and the current one, re-anchored after
    # linking inferred a date. Linking always starts again from the base ones, so a rebuild
    # gives the same result as the first build.
    @abc.abstractmethod
    def put_annotations(self, annotations: Iterable[Annotation], base: bool = False) -> None:
        """``base=True`` stores a fresh annotation as both base and current; otherwise only
        the current one is replaced (the base must already exist)."""

    @abc.abstractmethod
    def get_annotation(self, document_id: str, base: bool = False) -> Annotation | None: ...

    @abc.abstractmethod
    def annotations(self, base: bool = False) -> Iterator[Annotation]: ...

    @abc.abstractmethod
    def quotes(self, speaker: str | None = None) -> list[tuple[str, Quote]]:
        """(document id, quote) pairs, optionally only those of one canonical speaker."""

    # -- linked results ------------------------------------------------------------------
    @abc.abstractmethod
    def replace_links(
        self,
        events: list[LinkedEvent],
        stories: list[Story],
        roles: list[RoleSpell],
    ) -> None:
        """Replace the cross-document results in one transaction."""

    @abc.abstractmethod
    def linked_events(self, flt: EventFilter | None = None) -> list[LinkedEvent]: ...

    @abc.abstractmethod
    def get_linked_event(self, event_id: str) -> LinkedEvent | None: ...

    @abc.abstractmethod
    def stories(self) -> list[Story]: ...

    @abc.abstractmethod
    def role_spells(self, person: str | None = None) -> list[RoleSpell]: ...

    @abc.abstractmethod
    def people(self) -> list[str]: ...

    # -- search --------------------------------------------------------------------------
    @abc.abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    # -- free-form state (watcher schedules, settings) -----------------------------------
    @abc.abstractmethod
    def get_state(self, key: str) -> Any: ...

    @abc.abstractmethod
    def set_state(self, key: str, value: Any) -> None: ...

    # -- testing / idempotency -----------------------------------------------------------
    @abc.abstractmethod
    def dump(self) -> dict[str, list[Any]]:
        """Every row of every table, sorted: two stores with equal dumps hold the same data."""
