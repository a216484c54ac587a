"""The embedded store: one SQLite file, FTS5 over document text, migrations by user_version.

Rows that matter to queries (dates, types, people, places) live in columns; the full typed
object is kept beside them as JSON so nothing is lost between schema versions.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dateline.models import Document, LinkedEvent
from dateline.store.base import MATCH_CLOSE, MATCH_OPEN, SearchHit
from dateline.store.sql import Cursor, SQLStore, split_sql, words

# Each entry moves the schema one version forward. Never edit a shipped entry: add one.
MIGRATIONS: list[str] = [
    # 1: documents, versions, raw captures, full-text index
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        record INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        language TEXT,
        published TEXT,
        published_precision TEXT,
        published_basis TEXT,
        body TEXT NOT NULL,
        raw_hash TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_url ON documents(url);
    CREATE TABLE raw_captures (
        hash TEXT PRIMARY KEY,
        content BLOB NOT NULL
    );
    CREATE TABLE versions (
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        label TEXT NOT NULL,
        title TEXT,
        timestamp TEXT,
        content_hash TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (document, idx)
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        id UNINDEXED, title, body, tokenize = 'porter unicode61'
    );
    """,
    # 2: what understanding found in each document
    """
    CREATE TABLE annotations (
        document TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        anchor TEXT,
        base TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE doc_events (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL,
        type TEXT, plover TEXT, status TEXT, mode TEXT,
        date TEXT, precision TEXT, place TEXT, label TEXT
    );
    CREATE INDEX doc_events_document ON doc_events(document);
    CREATE TABLE quotes (
        document TEXT NOT NULL,
        idx INTEGER NOT NULL,
        speaker TEXT,
        text TEXT NOT NULL,
        start INTEGER, "end" INTEGER,
        PRIMARY KEY (document, idx)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE roles (
        document TEXT NOT NULL,
        idx INTEGER NOT NULL,
        person TEXT NOT NULL, office TEXT NOT NULL, country TEXT, as_of TEXT,
        PRIMARY KEY (document, idx)
    );
    CREATE INDEX roles_person ON roles(person);
    """,
    # 3: cross-document results (replaced as a whole by each linking pass)
    """
    CREATE TABLE linked_events (
        id TEXT PRIMARY KEY,
        type TEXT, plover TEXT, status TEXT, mode TEXT,
        date TEXT, precision TEXT, place TEXT, label TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX linked_events_date ON linked_events(date);
    CREATE TABLE linked_participants (
        event TEXT NOT NULL, name TEXT NOT NULL, role TEXT, kind TEXT,
        PRIMARY KEY (event, name)
    );
    CREATE INDEX linked_participants_name ON linked_participants(name);
    CREATE TABLE linked_sources (
        event TEXT NOT NULL, document TEXT NOT NULL, doc_event TEXT NOT NULL,
        PRIMARY KEY (event, document, doc_event)
    );
    CREATE INDEX linked_sources_document ON linked_sources(document);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL
    );
    CREATE TABLE story_events (
        story TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (story, event)
    );
    CREATE INDEX story_events_event ON story_events(event);
    CREATE TABLE role_spells (
        person TEXT NOT NULL, office TEXT NOT NULL, country TEXT,
        first_seen TEXT, last_seen TEXT, origin TEXT NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX role_spells_person ON role_spells(person);
    CREATE TABLE state (
        key TEXT PRIMARY KEY, value TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE events_fts USING fts5(
        id UNINDEXED, label, participants, place, tokenize = 'porter unicode61'
    );
    """,
    # 4: the timeline order as an index, so a page (LIMIT/OFFSET) does not sort every event
    """
    CREATE INDEX linked_events_order ON linked_events(date IS NULL, date, id)
    """,
    # 5: version texts stored once by content (a watched article's every document carries all
    # its versions so far); rows written before keep their text in versions.text
    """
    CREATE TABLE version_texts (hash TEXT PRIMARY KEY, text TEXT NOT NULL);
    ALTER TABLE versions ADD COLUMN text_hash TEXT
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

# FTS5 snippet() arguments: the body column, the match markers, the gap marker, ~12 tokens.
_SNIPPET = f"snippet(documents_fts, 2, '{MATCH_OPEN}', '{MATCH_CLOSE}', ' … ', 12)"


def fts_query(text: str) -> str:
    """Turn user text into a safe FTS5 query: every word a quoted prefix term, ANDed."""
    return " ".join(f'"{w}"*' for w in words(text))


class SQLiteStore(SQLStore):
    """``Store`` in one SQLite file (or ``:memory:``).

    One connection: the web server reads from worker threads, so every use of it, read or
    write, holds the lock (SQLite connections must not be used by two threads at once).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._conn.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            self._conn.execute("PRAGMA journal_mode = WAL")
        self._migrate()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for adapters that keep their own tables (the watcher)."""
        return self._conn

    # -- plumbing ------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self._lock:
            current = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path}: store schema version {current} is newer than this dateline "
                    f"({SCHEMA_VERSION}); upgrade dateline"
                )
            for version in range(current, SCHEMA_VERSION):
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    for statement in split_sql(MIGRATIONS[version]):
                        self._conn.execute(statement)
                    self._conn.execute(f"PRAGMA user_version = {version + 1}")
                    self._conn.execute("COMMIT")
                except Exception:
                    self._conn.execute("ROLLBACK")
                    raise

    def _tx(self) -> _Transaction:
        return _Transaction(self._conn, self._lock)

    def _all(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, tuple(args)).fetchall()

    def _one(self, sql: str, args: Iterable[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, tuple(args)).fetchone()
            return row

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- full text (FTS5 tables beside the data) -----------------------------------------
    def _index_document(self, c: Cursor, doc: Document) -> None:
        c.execute(
            "INSERT INTO documents_fts (id, title, body) VALUES (?, ?, ?)",
            (doc.id, doc.title or "", doc.body),
        )

    def _index_events(self, c: Cursor, events: list[LinkedEvent]) -> None:
        c.executemany(
            "INSERT INTO events_fts (id, label, participants, place) VALUES (?,?,?,?)",
            [
                (ev.id, ev.label, " ".join(p.name for p in ev.participants), ev.place or "")
                for ev in events
            ],
        )

    def _event_text_filter(self, text: str) -> tuple[str, list[Any]] | None:
        q = fts_query(text)
        if not q:
            return None
        return "e.id IN (SELECT id FROM events_fts WHERE events_fts MATCH ?)", [q]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        q = fts_query(query)
        if not q:
            return []
        rows = self._all(
            f"""SELECT id, title, {_SNIPPET} AS snip, bm25(documents_fts) AS score
                FROM documents_fts WHERE documents_fts MATCH ? ORDER BY score LIMIT ?""",
            (q, limit),
        )
        # bm25 is lower for better hits; the interface wants higher-is-better scores
        return [
            SearchHit.from_marked(r["id"], r["title"] or None, r["snip"], -float(r["score"]))
            for r in rows
        ]

    # -- documents (reads) ---------------------------------------------------------------
    def _row_to_document(self, row: sqlite3.Row, with_raw: bool = True) -> Document:
        raw = None
        if with_raw and row["raw_hash"]:
            found = self._one("SELECT content FROM raw_captures WHERE hash = ?", (row["raw_hash"],))
            raw = found["content"] if found else None
        versions = self._all(
            """SELECT v.idx, v.label, coalesce(t.text, v.text), v.title, v.timestamp,
                      v.content_hash
               FROM versions v LEFT JOIN version_texts t ON t.hash = v.text_hash
               WHERE v.document = ? ORDER BY v.idx""",
            (row["id"],),
        )
        return self._document_from(row["data"], raw, versions)

    def get_document(self, document_id: str) -> Document | None:
        with self._lock:
            row = self._one("SELECT * FROM documents WHERE id = ?", (document_id,))
            return self._row_to_document(row) if row else None

    def documents(self) -> Iterator[Document]:
        with self._lock:
            rows = self._all("SELECT * FROM documents ORDER BY source, record, id")
            docs = [self._row_to_document(r, with_raw=False) for r in rows]
        yield from docs

    # -- dump ----------------------------------------------------------------------------
    def dump(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        with self._lock:
            tables = [
                r[0]
                for r in self._conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                    "'%fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            for t in tables:
                rows = [tuple(r) for r in self._conn.execute(f"SELECT * FROM {t}")]
                out[t] = sorted(rows, key=repr)
        return out


class _Transaction:
    """``with store._tx() as c:`` — one IMMEDIATE transaction, rolled back on any error."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self.conn = conn
        self.lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self.lock.acquire()
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.lock.release()
