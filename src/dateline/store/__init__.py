"""Stores: where documents, annotations and linked results live. Chosen by URL."""

from __future__ import annotations

from pathlib import Path

from dateline.store.base import EventFilter, SearchHit, Store

__all__ = ["EventFilter", "SearchHit", "Store", "open_store"]


def open_store(location: str | Path) -> Store:
    """Open (creating if needed) the store at a path or URL.

    ``postgresql://...`` selects the PostgreSQL store; ``sqlite:///path`` or a plain path the
    embedded SQLite store.
    """
    loc = str(location)
    if loc.startswith(("postgresql://", "postgres://")):
        from dateline.store.postgres import PostgresStore

        return PostgresStore(loc)
    if loc.startswith("sqlite:///"):
        loc = loc[len("sqlite:///") :]
    from dateline.store.sqlite import SQLiteStore

    return SQLiteStore(loc)
