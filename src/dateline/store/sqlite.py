"""The embedded store: one SQLite file, FTS5 over document text, migrations by user_version.

Rows that matter to queries (dates, types, people, places) live in columns; the full typed
object is kept beside them as JSON so nothing is lost between schema versions.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
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
from dateline.store.base import DocumentMeta, EventFilter, SearchHit, Store

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
]

SCHEMA_VERSION = len(MIGRATIONS)


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def fts_query(text: str) -> str:
    """Turn user text into a safe FTS5 query: every word a quoted prefix term, ANDed."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " ".join(f'"{w}"*' for w in words)


class SQLiteStore(Store):
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # The web server reads from worker threads; writes are serialised by the lock.
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
                    for statement in _split_sql(MIGRATIONS[version]):
                        self._conn.execute(statement)
                    self._conn.execute(f"PRAGMA user_version = {version + 1}")
                    self._conn.execute("COMMIT")
                except Exception:
                    self._conn.execute("ROLLBACK")
                    raise

    def _tx(self) -> _Transaction:
        return _Transaction(self._conn, self._lock)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- documents -----------------------------------------------------------------------
    def put_documents(self, documents: Iterable[Document]) -> list[str]:
        new: list[str] = []
        with self._tx() as c:
            for doc in documents:
                exists = c.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
                if exists:
                    continue
                self._insert_document(c, doc)
                new.append(doc.id)
        return new

    def _insert_document(self, c: sqlite3.Connection, doc: Document) -> None:
        data = doc.to_dict()
        raw = data.pop("raw", "")
        if doc.raw_hash and raw:
            c.execute(
                "INSERT OR IGNORE INTO raw_captures (hash, content) VALUES (?, ?)",
                (doc.raw_hash, zlib.compress(raw.encode("utf-8"))),
            )
        data.pop("versions", None)
        pub = doc.published
        c.execute(
            """INSERT INTO documents (id, source, record, kind, url, title, outlet, language,
               published, published_precision, published_basis, body, raw_hash, data)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                doc.id,
                doc.source,
                doc.record,
                doc.kind,
                doc.url,
                doc.title,
                doc.outlet,
                doc.language,
                pub.value if pub else None,
                pub.precision if pub else None,
                pub.basis if pub else None,
                doc.body,
                doc.raw_hash,
                _json(data),
            ),
        )
        c.execute(
            "INSERT INTO documents_fts (id, title, body) VALUES (?, ?, ?)",
            (doc.id, doc.title or "", doc.body),
        )
        self._write_versions(c, doc.id, doc.versions)

    def _write_versions(
        self, c: sqlite3.Connection, document_id: str, versions: list[Version]
    ) -> None:
        c.execute("DELETE FROM versions WHERE document = ?", (document_id,))
        for v in versions:
            c.execute(
                """INSERT INTO versions (document, idx, label, title, timestamp, content_hash, text)
                   VALUES (?,?,?,?,?,?,?)""",
                (document_id, v.index, v.label, v.title, v.timestamp, v.content_hash, v.text),
            )

    def put_versions(self, document_id: str, versions: list[Version]) -> None:
        with self._tx() as c:
            self._write_versions(c, document_id, versions)

    def _row_to_document(self, row: sqlite3.Row, with_raw: bool = True) -> Document:
        data = json.loads(row["data"])
        doc = Document.from_dict(data)
        if with_raw and row["raw_hash"]:
            raw = self._conn.execute(
                "SELECT content FROM raw_captures WHERE hash = ?", (row["raw_hash"],)
            ).fetchone()
            if raw:
                doc.raw = zlib.decompress(raw[0]).decode("utf-8")
        doc.versions = [
            Version(
                index=v["idx"],
                label=v["label"],
                text=v["text"],
                title=v["title"],
                timestamp=v["timestamp"],
                content_hash=v["content_hash"] or "",
            )
            for v in self._conn.execute(
                "SELECT * FROM versions WHERE document = ? ORDER BY idx", (doc.id,)
            )
        ]
        return doc

    def get_document(self, document_id: str) -> Document | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            return self._row_to_document(row) if row else None

    def documents(self) -> Iterator[Document]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM documents ORDER BY source, record, id"
            ).fetchall()
            docs = [self._row_to_document(r, with_raw=False) for r in rows]
        yield from docs

    def document_meta(self, ids: Iterable[str]) -> dict[str, DocumentMeta]:
        wanted = sorted(set(ids))
        out: dict[str, DocumentMeta] = {}
        with self._lock:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for r in self._conn.execute(
                    f"SELECT id, title, outlet, url, published FROM documents WHERE id IN ({marks})",
                    chunk,
                ):
                    out[r[0]] = DocumentMeta(r[0], r[1], r[2], r[3], r[4])
        return out

    def document_ids(self) -> list[str]:
        with self._lock:
            return [
                r[0]
                for r in self._conn.execute("SELECT id FROM documents ORDER BY source, record, id")
            ]

    def find_documents(self, prefix: str) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                """SELECT id FROM documents WHERE id LIKE ? OR source LIKE ? OR url = ?
                   ORDER BY source, record""",
                (prefix + "%", "%" + prefix + "%", prefix),
            ).fetchall()
        return [r[0] for r in rows]

    def set_published(self, document_id: str, published: DateEstimate | None) -> None:
        with self._tx() as c:
            row = c.execute("SELECT data FROM documents WHERE id = ?", (document_id,)).fetchone()
            if row is None:
                raise KeyError(document_id)
            data = json.loads(row["data"])
            data["published"] = published.to_dict() if published else None
            c.execute(
                """UPDATE documents SET published = ?, published_precision = ?,
                   published_basis = ?, data = ? WHERE id = ?""",
                (
                    published.value if published else None,
                    published.precision if published else None,
                    published.basis if published else None,
                    _json(data),
                    document_id,
                ),
            )

    # -- annotations ---------------------------------------------------------------------
    def put_annotations(self, annotations: Iterable[Annotation], base: bool = False) -> None:
        with self._tx() as c:
            for ann in annotations:
                doc = ann.document
                data = _json(ann.to_dict())
                if base:
                    c.execute(
                        """INSERT INTO annotations (document, anchor, base, data) VALUES (?,?,?,?)
                           ON CONFLICT(document) DO UPDATE SET anchor = excluded.anchor,
                           base = excluded.base, data = excluded.data""",
                        (doc, ann.anchor, data, data),
                    )
                else:
                    cur = c.execute(
                        "UPDATE annotations SET anchor = ?, data = ? WHERE document = ?",
                        (ann.anchor, data, doc),
                    )
                    if cur.rowcount == 0:
                        raise KeyError(f"no base annotation stored for document {doc}")
                for table in ("doc_events", "quotes", "roles"):
                    c.execute(f"DELETE FROM {table} WHERE document = ?", (doc,))
                for ev in ann.events:
                    c.execute(
                        """INSERT OR REPLACE INTO doc_events (id, document, type, plover, status,
                           mode, date, precision, place, label) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                        (
                            ev.id,
                            doc,
                            ev.type,
                            ev.plover,
                            ev.status,
                            ev.mode,
                            ev.date,
                            ev.precision,
                            ev.place,
                            ev.label,
                        ),
                    )
                for i, q in enumerate(ann.quotes):
                    c.execute(
                        """INSERT INTO quotes (document, idx, speaker, text, start, "end")
                           VALUES (?,?,?,?,?,?)""",
                        (doc, i, q.speaker, q.text, q.start, q.end),
                    )
                for i, r in enumerate(ann.roles):
                    c.execute(
                        """INSERT INTO roles (document, idx, person, office, country, as_of)
                           VALUES (?,?,?,?,?,?)""",
                        (doc, i, r.person, r.office, r.country, r.as_of),
                    )

    def get_annotation(self, document_id: str, base: bool = False) -> Annotation | None:
        column = "base" if base else "data"
        with self._lock:
            row = self._conn.execute(
                f"SELECT {column} FROM annotations WHERE document = ?", (document_id,)
            ).fetchone()
        return Annotation.from_dict(json.loads(row[0])) if row else None

    def annotations(self, base: bool = False) -> Iterator[Annotation]:
        column = "base" if base else "data"
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {column} FROM annotations ORDER BY document"
            ).fetchall()
        for row in rows:
            yield Annotation.from_dict(json.loads(row[0]))

    # -- linked results ------------------------------------------------------------------
    def replace_links(
        self, events: list[LinkedEvent], stories: list[Story], roles: list[RoleSpell]
    ) -> None:
        with self._tx() as c:
            for table in (
                "linked_events",
                "linked_participants",
                "linked_sources",
                "stories",
                "story_events",
                "role_spells",
                "events_fts",
            ):
                c.execute(f"DELETE FROM {table}")
            for ev in events:
                c.execute(
                    """INSERT INTO linked_events (id, type, plover, status, mode, date, precision,
                       place, label, data) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                    (
                        ev.id,
                        ev.type,
                        ev.plover,
                        ev.status,
                        ev.mode,
                        ev.date,
                        ev.precision,
                        ev.place,
                        ev.label,
                        _json(ev.to_dict()),
                    ),
                )
                for p in ev.participants:
                    c.execute(
                        """INSERT OR IGNORE INTO linked_participants (event, name, role, kind)
                           VALUES (?,?,?,?)""",
                        (ev.id, p.name, p.role, p.kind),
                    )
                for s in ev.sources:
                    c.execute(
                        """INSERT OR IGNORE INTO linked_sources (event, document, doc_event)
                           VALUES (?,?,?)""",
                        (ev.id, s.document, s.event),
                    )
                c.execute(
                    "INSERT INTO events_fts (id, label, participants, place) VALUES (?,?,?,?)",
                    (ev.id, ev.label, " ".join(p.name for p in ev.participants), ev.place or ""),
                )
            for st in stories:
                c.execute(
                    "INSERT INTO stories (id, name, data) VALUES (?,?,?)",
                    (st.id, st.name, _json(st.to_dict())),
                )
                for e in st.events:
                    c.execute(
                        "INSERT OR IGNORE INTO story_events (story, event) VALUES (?,?)", (st.id, e)
                    )
            for r in roles:
                c.execute(
                    """INSERT INTO role_spells (person, office, country, first_seen, last_seen,
                       origin, data) VALUES (?,?,?,?,?,?,?)""",
                    (
                        r.person,
                        r.office,
                        r.country,
                        r.first_seen,
                        r.last_seen,
                        r.origin,
                        _json(r.to_dict()),
                    ),
                )

    def linked_events(self, flt: EventFilter | None = None) -> list[LinkedEvent]:
        flt = flt or EventFilter()
        where: list[str] = []
        args: list[Any] = []
        if flt.story:
            where.append(
                "e.id IN (SELECT event FROM story_events se JOIN stories s ON s.id = se.story "
                "WHERE s.id = ? OR s.name = ?)"
            )
            args += [flt.story, flt.story]
        for name in (flt.person, flt.organisation):
            if name:
                where.append(
                    "e.id IN (SELECT event FROM linked_participants WHERE name = ? COLLATE NOCASE "
                    "OR name LIKE ?)"
                )
                args += [name, f"%{name}%"]
        if flt.place:
            where.append("e.place LIKE ?")
            args.append(f"%{flt.place}%")
        if flt.type:
            where.append("(e.type = ? OR e.plover = ?)")
            args += [flt.type, flt.type]
        if flt.status:
            where.append("e.status = ?")
            args.append(flt.status)
        if flt.date_from:
            where.append("e.date >= ?")
            args.append(flt.date_from)
        if flt.date_to:
            # "2013" as an upper bound must include 2013-12-31: compare on the prefix length
            where.append("substr(e.date, 1, ?) <= ?")
            args += [len(flt.date_to), flt.date_to]
        if flt.document:
            where.append("e.id IN (SELECT event FROM linked_sources WHERE document = ?)")
            args.append(flt.document)
        if flt.text:
            q = fts_query(flt.text)
            if q:
                where.append("e.id IN (SELECT id FROM events_fts WHERE events_fts MATCH ?)")
                args.append(q)
        sql = "SELECT e.data FROM linked_events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date IS NULL, e.date, e.id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [flt.limit, flt.offset]
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [LinkedEvent.from_dict(json.loads(r[0])) for r in rows]

    def get_linked_event(self, event_id: str) -> LinkedEvent | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT data FROM linked_events WHERE id = ?", (event_id,)
            ).fetchone()
        return LinkedEvent.from_dict(json.loads(row[0])) if row else None

    def stories(self) -> list[Story]:
        with self._lock:
            rows = self._conn.execute("SELECT data FROM stories ORDER BY name, id").fetchall()
        return [Story.from_dict(json.loads(r[0])) for r in rows]

    def quotes(self, speaker: str | None = None) -> list[tuple[str, Quote]]:
        out: list[tuple[str, Quote]] = []
        for ann in self.annotations():
            out.extend(
                (ann.document, q) for q in ann.quotes if speaker is None or q.speaker == speaker
            )
        return out

    def role_spells(self, person: str | None = None) -> list[RoleSpell]:
        sql = "SELECT data FROM role_spells"
        args: list[Any] = []
        if person:
            sql += " WHERE person = ? COLLATE NOCASE"
            args.append(person)
        sql += " ORDER BY person, first_seen IS NULL, first_seen, office"
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [RoleSpell.from_dict(json.loads(r[0])) for r in rows]

    def people(self) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                """SELECT name FROM linked_participants WHERE kind = 'person'
                   UNION SELECT person FROM role_spells ORDER BY 1"""
            ).fetchall()
        return [r[0] for r in rows]

    # -- search --------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        q = fts_query(query)
        if not q:
            return []
        with self._lock:
            rows = self._conn.execute(
                """SELECT id, title, snippet(documents_fts, 2, '[', ']', ' … ', 12) AS snip,
                          bm25(documents_fts) AS score
                   FROM documents_fts WHERE documents_fts MATCH ? ORDER BY score LIMIT ?""",
                (q, limit),
            ).fetchall()
        return [SearchHit(r["id"], r["title"] or None, r["snip"], -float(r["score"])) for r in rows]

    # -- state ---------------------------------------------------------------------------
    def get_state(self, key: str) -> Any:
        with self._lock:
            row = self._conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_state(self, key: str, value: Any) -> None:
        with self._tx() as c:
            c.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, _json(value)),
            )

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


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (no statement of ours contains a semicolon in a string)."""
    return [s.strip() for s in script.split(";") if s.strip()]
