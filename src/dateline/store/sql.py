"""The SQL both stores share: every statement and all the write logic, in one place.

``SQLiteStore`` and ``PostgresStore`` have the same tables and columns, so they differ only in
plumbing (connections, transactions, migrations), in full-text search (FTS5 tables or
``tsvector`` columns) and in a few words of dialect. Statements here use ``?`` placeholders;
a backend whose driver wants another style translates them in ``_execute``/``_all``.
Both engines accept ``INSERT ... ON CONFLICT ... DO UPDATE/DO NOTHING`` and ``RETURNING``
(SQLite since 3.35), so upserts are written once.
"""

from __future__ import annotations

import abc
import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from dateline.models import (
    Annotation,
    DateEstimate,
    Document,
    Event,
    LinkedEvent,
    Quote,
    RoleSpell,
    Story,
    Version,
    content_hash,
)
from dateline.store.base import DocumentMeta, EventFilter, Store

# Rows come back as mappings by column name (sqlite3.Row, psycopg's dict_row).
Row = Any

# How many ids go into one ``IN (...)`` list (SQLite's default limit on variables is 32766;
# PostgreSQL's 65535; a few hundred keeps statements short and plans cached).
_CHUNK = 500


class Cursor(Protocol):
    """What the write logic needs from a transaction: statements with ``?`` placeholders."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> Any: ...


def to_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def words(text: str) -> list[str]:
    """The words of a user's query: only letters and digits survive, so no operator of either
    engine's query language reaches its parser."""
    return "".join(c if c.isalnum() else " " for c in text).split()


class SQLStore(Store):
    """Everything both SQL stores do the same way. Subclasses give the plumbing and dialect."""

    # -- dialect: overridden where the engines differ ---------------------------------------
    #: case-insensitive LIKE (SQLite's LIKE already ignores ASCII case)
    LIKE = "LIKE"
    #: the timeline order, written so that each engine's index on it serves a page
    EVENT_ORDER = "e.date IS NULL, e.date, e.id"
    #: an OFFSET without a LIMIT (SQLite needs a LIMIT clause before OFFSET)
    OFFSET_ONLY = " LIMIT -1 OFFSET ?"
    #: row lock taken by read-modify-write statements (SQLite's write transaction locks all)
    FOR_UPDATE = ""

    # -- plumbing: given by each backend ----------------------------------------------------
    @abc.abstractmethod
    def _tx(self) -> AbstractContextManager[Cursor]:
        """One write transaction, committed on success and rolled back on any error."""

    @abc.abstractmethod
    def _all(self, sql: str, args: Iterable[Any] = ()) -> list[Row]: ...

    @abc.abstractmethod
    def _one(self, sql: str, args: Iterable[Any] = ()) -> Row | None: ...

    # -- full text: given by each backend -----------------------------------------------------
    @abc.abstractmethod
    def _index_document(self, c: Cursor, doc: Document) -> None:
        """Make a newly stored document findable by ``search``."""

    @abc.abstractmethod
    def _index_events(self, c: Cursor, events: list[LinkedEvent]) -> None:
        """Make linked events findable by ``EventFilter.text`` (the index is empty here)."""

    @abc.abstractmethod
    def _event_text_filter(self, text: str) -> tuple[str, list[Any]] | None:
        """A condition on ``e.id`` for ``EventFilter.text`` and its arguments; None when the
        text holds no word to search for."""

    def _lock_links(self, c: Cursor) -> None:
        """Keep other writers of the linked results out until this transaction ends (a
        replace deletes every row and inserts anew; two at once would collide on keys)."""

    # Tables emptied by every ``replace_links`` (the event index is one of them).
    LINK_TABLES = (
        "linked_events",
        "linked_participants",
        "linked_sources",
        "stories",
        "story_events",
        "role_spells",
        "events_fts",
    )

    # -- documents -----------------------------------------------------------------------
    def put_documents(self, documents: Iterable[Document]) -> list[str]:
        new: list[str] = []
        with self._tx() as c:
            for doc in documents:
                if self._insert_document(c, doc):
                    new.append(doc.id)
        return new

    def _insert_document(self, c: Cursor, doc: Document) -> bool:
        """Insert unless the id is already stored; True if it was new.

        ``ON CONFLICT DO NOTHING`` decides atomically, so two processes ingesting the same
        capture at once both succeed and the document is stored once.
        """
        data = doc.to_dict()
        raw = data.pop("raw", "")
        data.pop("versions", None)
        pub = doc.published
        inserted = c.execute(
            """INSERT INTO documents (id, source, record, kind, url, title, outlet, language,
               published, published_precision, published_basis, body, raw_hash, data)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT (id) DO NOTHING RETURNING id""",
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
                to_json(data),
            ),
        ).fetchall()  # fetch all: SQLite finishes a RETURNING statement only when read out
        if not inserted:
            return False
        if doc.raw_hash and raw:
            c.execute(
                "INSERT INTO raw_captures (hash, content) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (doc.raw_hash, zlib.compress(raw.encode("utf-8"))),
            )
        self._index_document(c, doc)
        self._write_versions(c, doc.id, doc.versions)
        return True

    def _write_versions(self, c: Cursor, document_id: str, versions: list[Version]) -> None:
        """Version rows, their texts stored once by content: every document of a watched
        article carries all its versions so far, and would otherwise store each text again."""
        c.execute("DELETE FROM versions WHERE document = ?", (document_id,))
        hashes = [content_hash(v.text, 32) for v in versions]
        c.executemany(
            "INSERT INTO version_texts (hash, text) VALUES (?, ?) ON CONFLICT DO NOTHING",
            sorted({(h, v.text) for h, v in zip(hashes, versions, strict=True)}),
        )
        c.executemany(
            """INSERT INTO versions
                   (document, idx, label, title, timestamp, content_hash, text, text_hash)
               VALUES (?,?,?,?,?,?,'',?)""",
            [
                (document_id, v.index, v.label, v.title, v.timestamp, v.content_hash, h)
                for h, v in zip(hashes, versions, strict=True)
            ],
        )

    def put_versions(self, document_id: str, versions: list[Version]) -> None:
        with self._tx() as c:
            self._write_versions(c, document_id, versions)

    @staticmethod
    def _document_from(data: str, raw: bytes | None, versions: Iterable[Sequence[Any]]) -> Document:
        """A document from its JSON, its compressed raw capture (if read) and its version rows
        (idx, label, text, title, timestamp, content_hash)."""
        doc = Document.from_dict(json.loads(data))
        if raw is not None:
            doc.raw = zlib.decompress(raw).decode("utf-8")
        doc.versions = [
            Version(index=i, label=lab, text=text, title=title, timestamp=ts, content_hash=ch or "")
            for i, lab, text, title, ts, ch in versions
        ]
        return doc

    def document_meta(self, ids: Iterable[str]) -> dict[str, DocumentMeta]:
        wanted = sorted(set(ids))
        out: dict[str, DocumentMeta] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for r in self._all(
                f"SELECT id, title, outlet, url, published FROM documents WHERE id IN ({marks})",
                chunk,
            ):
                out[r["id"]] = DocumentMeta(
                    r["id"], r["title"], r["outlet"], r["url"], r["published"]
                )
        return out

    def document_ids(self) -> list[str]:
        rows = self._all("SELECT id FROM documents ORDER BY source, record, id")
        return [r["id"] for r in rows]

    def find_documents(self, prefix: str) -> list[str]:
        rows = self._all(
            f"""SELECT id FROM documents WHERE id {self.LIKE} ? OR source {self.LIKE} ?
                OR url = ? ORDER BY source, record""",
            (prefix + "%", "%" + prefix + "%", prefix),
        )
        return [r["id"] for r in rows]

    def set_published(self, document_id: str, published: DateEstimate | None) -> None:
        with self._tx() as c:
            row = c.execute(
                f"SELECT data FROM documents WHERE id = ?{self.FOR_UPDATE}", (document_id,)
            ).fetchone()
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
                    to_json(data),
                    document_id,
                ),
            )

    # -- annotations ---------------------------------------------------------------------
    def put_annotations(self, annotations: Iterable[Annotation], base: bool = False) -> None:
        with self._tx() as c:
            for ann in annotations:
                self._write_annotation(c, ann, base)

    def _write_annotation(self, c: Cursor, ann: Annotation, base: bool) -> None:
        doc = ann.document
        data = to_json(ann.to_dict())
        if base:
            c.execute(
                """INSERT INTO annotations (document, anchor, base, data) VALUES (?,?,?,?)
                   ON CONFLICT (document) DO UPDATE SET anchor = excluded.anchor,
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
        # The per-fact tables index the current annotation; they are rewritten with it.
        for table in ("doc_events", "quotes", "roles"):
            c.execute(f"DELETE FROM {table} WHERE document = ?", (doc,))
        c.executemany(
            """INSERT INTO doc_events (id, document, type, plover, status, mode, date,
               precision, place, label) VALUES (?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT (id) DO UPDATE SET document = excluded.document,
               type = excluded.type, plover = excluded.plover, status = excluded.status,
               mode = excluded.mode, date = excluded.date, precision = excluded.precision,
               place = excluded.place, label = excluded.label""",
            [(ev.id, doc, *_event_columns(ev)) for ev in ann.events],
        )
        c.executemany(
            """INSERT INTO quotes (document, idx, speaker, text, start, "end")
               VALUES (?,?,?,?,?,?)""",
            [(doc, i, q.speaker, q.text, q.start, q.end) for i, q in enumerate(ann.quotes)],
        )
        c.executemany(
            """INSERT INTO roles (document, idx, person, office, country, as_of)
               VALUES (?,?,?,?,?,?)""",
            [(doc, i, r.person, r.office, r.country, r.as_of) for i, r in enumerate(ann.roles)],
        )

    def get_annotation(self, document_id: str, base: bool = False) -> Annotation | None:
        column = "base" if base else "data"
        row = self._one(f"SELECT {column} AS a FROM annotations WHERE document = ?", (document_id,))
        return Annotation.from_dict(json.loads(row["a"])) if row else None

    def annotations(self, base: bool = False) -> Iterator[Annotation]:
        column = "base" if base else "data"
        rows = self._all(f"SELECT {column} AS a FROM annotations ORDER BY document")
        for row in rows:
            yield Annotation.from_dict(json.loads(row["a"]))

    def quotes(self, speaker: str | None = None) -> list[tuple[str, Quote]]:
        # The quotes table indexes speakers; the typed quotes come from the annotations.
        if speaker is None:
            rows = self._all("SELECT document, data FROM annotations ORDER BY document")
        else:
            rows = self._all(
                """SELECT document, data FROM annotations WHERE document IN
                   (SELECT document FROM quotes WHERE speaker = ?) ORDER BY document""",
                (speaker,),
            )
        out: list[tuple[str, Quote]] = []
        for row in rows:
            ann = Annotation.from_dict(json.loads(row["data"]))
            out.extend(
                (ann.document, q) for q in ann.quotes if speaker is None or q.speaker == speaker
            )
        return out

    # -- linked results ------------------------------------------------------------------
    def replace_links(
        self, events: list[LinkedEvent], stories: list[Story], roles: list[RoleSpell]
    ) -> None:
        with self._tx() as c:
            self._lock_links(c)
            for table in self.LINK_TABLES:
                c.execute(f"DELETE FROM {table}")
            c.executemany(
                """INSERT INTO linked_events (id, type, plover, status, mode, date, precision,
                   place, label, data) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                [(ev.id, *_event_columns(ev), to_json(ev.to_dict())) for ev in events],
            )
            # A participant or source named twice in one event is stored once.
            c.executemany(
                """INSERT INTO linked_participants (event, name, role, kind) VALUES (?,?,?,?)
                   ON CONFLICT DO NOTHING""",
                [(ev.id, p.name, p.role, p.kind) for ev in events for p in ev.participants],
            )
            c.executemany(
                """INSERT INTO linked_sources (event, document, doc_event) VALUES (?,?,?)
                   ON CONFLICT DO NOTHING""",
                [(ev.id, s.document, s.event) for ev in events for s in ev.sources],
            )
            self._index_events(c, events)
            c.executemany(
                "INSERT INTO stories (id, name, data) VALUES (?,?,?)",
                [(st.id, st.name, to_json(st.to_dict())) for st in stories],
            )
            c.executemany(
                "INSERT INTO story_events (story, event) VALUES (?,?) ON CONFLICT DO NOTHING",
                [(st.id, e) for st in stories for e in st.events],
            )
            c.executemany(
                """INSERT INTO role_spells (person, office, country, first_seen, last_seen,
                   origin, data) VALUES (?,?,?,?,?,?,?)""",
                [
                    (
                        r.person,
                        r.office,
                        r.country,
                        r.first_seen,
                        r.last_seen,
                        r.origin,
                        to_json(r.to_dict()),
                    )
                    for r in roles
                ],
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
                    "e.id IN (SELECT event FROM linked_participants "
                    f"WHERE lower(name) = lower(?) OR name {self.LIKE} ?)"
                )
                args += [name, f"%{name}%"]
        if flt.place:
            where.append(f"e.place {self.LIKE} ?")
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
            cond = self._event_text_filter(flt.text)
            if cond:
                where.append(cond[0])
                args += cond[1]
        sql = "SELECT e.data FROM linked_events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {self.EVENT_ORDER}"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [flt.limit, flt.offset]
        elif flt.offset:
            sql += self.OFFSET_ONLY
            args.append(flt.offset)
        return [LinkedEvent.from_dict(json.loads(r["data"])) for r in self._all(sql, args)]

    def get_linked_event(self, event_id: str) -> LinkedEvent | None:
        row = self._one("SELECT data FROM linked_events WHERE id = ?", (event_id,))
        return LinkedEvent.from_dict(json.loads(row["data"])) if row else None

    def stories(self) -> list[Story]:
        rows = self._all("SELECT data FROM stories ORDER BY name, id")
        return [Story.from_dict(json.loads(r["data"])) for r in rows]

    def role_spells(self, person: str | None = None) -> list[RoleSpell]:
        sql = "SELECT data FROM role_spells"
        args: list[Any] = []
        if person:
            sql += " WHERE lower(person) = lower(?)"
            args.append(person)
        sql += " ORDER BY person, first_seen IS NULL, first_seen, office"
        return [RoleSpell.from_dict(json.loads(r["data"])) for r in self._all(sql, args)]

    def people(self) -> list[str]:
        rows = self._all(
            """SELECT name FROM linked_participants WHERE kind = 'person'
               UNION SELECT person FROM role_spells ORDER BY 1"""
        )
        return [r["name"] for r in rows]

    # -- state ---------------------------------------------------------------------------
    def get_state(self, key: str) -> Any:
        row = self._one("SELECT value FROM state WHERE key = ?", (key,))
        return json.loads(row["value"]) if row else None

    def set_state(self, key: str, value: Any) -> None:
        with self._tx() as c:
            c.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, to_json(value)),
            )


def _event_columns(ev: Event | LinkedEvent) -> tuple[Any, ...]:
    """The queryable columns a document's event and a linked event share, in table order:
    type, plover, status, mode, date, precision, place, label."""
    return (ev.type, ev.plover, ev.status, ev.mode, ev.date, ev.precision, ev.place, ev.label)


def split_sql(script: str) -> list[str]:
    """Split a migration into statements (no statement of ours contains a semicolon in a string)."""
    return [s.strip() for s in script.split(";") if s.strip()]
