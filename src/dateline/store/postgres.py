"""The server store: PostgreSQL through psycopg 3, full-text search with tsvector/GIN.

It mirrors ``SQLiteStore`` table for table (same columns, same order) so the two stores pass
one contract suite and their ``dump()`` outputs can be compared directly. Every text column is
``COLLATE "C"`` so ordering and range comparisons on ISO dates and names are byte-wise, as in
SQLite, whatever locale the server was initialised with.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row
from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

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
from dateline.store.base import EventFilter, SearchHit, Store

# Text search configuration: English stemming, like SQLite's porter tokenizer.
TS_CONFIG = "english"

# Each entry moves the schema one version forward. Never edit a shipped entry: add one.
MIGRATIONS: list[str] = [
    # 1: documents, versions, raw captures, full-text index
    """
    CREATE TABLE documents (
        id TEXT COLLATE "C" PRIMARY KEY,
        source TEXT COLLATE "C" NOT NULL,
        record INTEGER NOT NULL DEFAULT 0,
        kind TEXT COLLATE "C" NOT NULL,
        url TEXT COLLATE "C",
        title TEXT COLLATE "C",
        outlet TEXT COLLATE "C",
        language TEXT COLLATE "C",
        published TEXT COLLATE "C",
        published_precision TEXT COLLATE "C",
        published_basis TEXT COLLATE "C",
        body TEXT COLLATE "C" NOT NULL,
        raw_hash TEXT COLLATE "C",
        data TEXT COLLATE "C" NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', body), 'B')
        ) STORED
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_url ON documents(url);
    CREATE INDEX documents_source ON documents(source, record, id);
    CREATE INDEX documents_tsv ON documents USING GIN (tsv);
    CREATE TABLE raw_captures (
        hash TEXT COLLATE "C" PRIMARY KEY,
        content BYTEA NOT NULL
    );
    CREATE TABLE versions (
        document TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        label TEXT COLLATE "C" NOT NULL,
        title TEXT COLLATE "C",
        timestamp TEXT COLLATE "C",
        content_hash TEXT COLLATE "C",
        text TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (document, idx)
    )
    """,
    # 2: what understanding found in each document
    """
    CREATE TABLE annotations (
        document TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        anchor TEXT COLLATE "C",
        base TEXT COLLATE "C" NOT NULL,
        data TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE doc_events (
        id TEXT COLLATE "C" PRIMARY KEY,
        document TEXT COLLATE "C" NOT NULL,
        type TEXT COLLATE "C", plover TEXT COLLATE "C", status TEXT COLLATE "C",
        mode TEXT COLLATE "C", date TEXT COLLATE "C", precision TEXT COLLATE "C",
        place TEXT COLLATE "C", label TEXT COLLATE "C"
    );
    CREATE INDEX doc_events_document ON doc_events(document);
    CREATE TABLE quotes (
        document TEXT COLLATE "C" NOT NULL,
        idx INTEGER NOT NULL,
        speaker TEXT COLLATE "C",
        text TEXT COLLATE "C" NOT NULL,
        start INTEGER, "end" INTEGER,
        PRIMARY KEY (document, idx)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE roles (
        document TEXT COLLATE "C" NOT NULL,
        idx INTEGER NOT NULL,
        person TEXT COLLATE "C" NOT NULL, office TEXT COLLATE "C" NOT NULL,
        country TEXT COLLATE "C", as_of TEXT COLLATE "C",
        PRIMARY KEY (document, idx)
    );
    CREATE INDEX roles_person ON roles(person)
    """,
    # 3: cross-document results (replaced as a whole by each linking pass)
    """
    CREATE TABLE linked_events (
        id TEXT COLLATE "C" PRIMARY KEY,
        type TEXT COLLATE "C", plover TEXT COLLATE "C", status TEXT COLLATE "C",
        mode TEXT COLLATE "C", date TEXT COLLATE "C", precision TEXT COLLATE "C",
        place TEXT COLLATE "C", label TEXT COLLATE "C",
        data TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX linked_events_date ON linked_events(date, id);
    CREATE TABLE linked_participants (
        event TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL,
        role TEXT COLLATE "C", kind TEXT COLLATE "C",
        PRIMARY KEY (event, name)
    );
    CREATE INDEX linked_participants_name ON linked_participants(name);
    CREATE INDEX linked_participants_lower ON linked_participants(lower(name));
    CREATE TABLE linked_sources (
        event TEXT COLLATE "C" NOT NULL, document TEXT COLLATE "C" NOT NULL,
        doc_event TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (event, document, doc_event)
    );
    CREATE INDEX linked_sources_document ON linked_sources(document);
    CREATE TABLE stories (
        id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL,
        data TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE story_events (
        story TEXT COLLATE "C" NOT NULL, event TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (story, event)
    );
    CREATE INDEX story_events_event ON story_events(event);
    CREATE TABLE role_spells (
        person TEXT COLLATE "C" NOT NULL, office TEXT COLLATE "C" NOT NULL,
        country TEXT COLLATE "C", first_seen TEXT COLLATE "C", last_seen TEXT COLLATE "C",
        origin TEXT COLLATE "C" NOT NULL, data TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX role_spells_person ON role_spells(lower(person));
    CREATE TABLE state (
        key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE events_fts (
        id TEXT COLLATE "C" PRIMARY KEY,
        tsv tsvector NOT NULL
    );
    CREATE INDEX events_fts_tsv ON events_fts USING GIN (tsv)
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

# Tables that exist only to serve search or bookkeeping; ``dump`` leaves them out, as the
# SQLite store leaves out its FTS5 tables, so dumps of the two stores compare equal.
_INTERNAL_TABLES = {"events_fts", "dateline_schema"}
_INTERNAL_COLUMNS = {"tsv"}

# Serialises migrations of concurrent openers (any constant will do; it is per database).
_MIGRATION_LOCK = 0x0DA7E11E


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def ts_query(text: str) -> str:
    """User text -> safe ``to_tsquery`` input: every word a prefix term, ANDed.

    Only letters and digits survive, so no tsquery operator from the user reaches the parser.
    """
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " & ".join(f"{w}:*" for w in words)


class PostgresStore(Store):
    """``Store`` on a PostgreSQL database given by a ``postgresql://`` URL.

    One connection, used under a lock: the web app reads from worker threads, and a single
    connection keeps transactions simple. Run several processes for more throughput.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._closed = False
        self._conn = self._connect()
        self._migrate()

    def _connect(self) -> psycopg.Connection[Any]:
        conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
        # PostgreSQL text cannot hold NUL characters and captures sometimes do: drop them on
        # the way in (the typed objects keep them, escaped, in the JSON ``data`` columns).
        conn.adapters.register_dumper(str, _NoNulDumper)
        conn.adapters.register_dumper(str, _NoNulBinaryDumper)
        return conn

    @property
    def _live(self) -> psycopg.Connection[Any]:
        """The connection, opened again if the server dropped it (a restart, an idle
        timeout): a long-running web server should not need restarting with the database.
        Callers hold the lock."""
        if self._conn.broken or (self._conn.closed and not self._closed):
            self._conn = self._connect()
        return self._conn

    def _read(self, sql: str, args: Iterable[Any]) -> psycopg.Cursor[Any]:
        """Run a read; if the connection turns out to be dead, reconnect and run it once more
        (reads are safe to repeat; writes are not retried, the caller sees the error)."""
        params = tuple(args)
        try:
            return self._live.execute(sql, params)  # type: ignore[arg-type]
        except psycopg.OperationalError:
            if not self._conn.broken:
                raise
            return self._live.execute(sql, params)  # type: ignore[arg-type]

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Cursor[Any]]:
        """One transaction under the lock, rolled back on any error."""
        with self._lock:
            conn = self._live
            with conn.transaction():
                yield conn.cursor()

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The raw connection, for adapters that keep their own tables (the watcher)."""
        return self._conn

    # -- plumbing ------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self._lock, self._conn.transaction():
            c = self._conn
            c.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            c.execute("CREATE TABLE IF NOT EXISTS dateline_schema (version INTEGER NOT NULL)")
            row = c.execute("SELECT version FROM dateline_schema").fetchone()
            if row is None:
                c.execute("INSERT INTO dateline_schema (version) VALUES (0)")
                current = 0
            else:
                current = row["version"]
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self._safe_url()}: store schema version {current} is newer than this "
                    f"dateline ({SCHEMA_VERSION}); upgrade dateline"
                )
            # All pending steps commit together: a failure leaves the schema untouched.
            for version in range(current, SCHEMA_VERSION):
                for statement in _split_sql(MIGRATIONS[version]):
                    c.execute(statement)  # type: ignore[arg-type]
                c.execute("UPDATE dateline_schema SET version = %s", (version + 1,))

    def _safe_url(self) -> str:
        """The URL without its password, for messages."""
        info = self._conn.info
        return f"postgresql://{info.user}@{info.host}:{info.port}/{info.dbname}"

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._conn.close()

    def _all(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return self._read(sql, args).fetchall()

    def _one(self, sql: str, args: Iterable[Any] = ()) -> dict[str, Any] | None:
        with self._lock:
            return self._read(sql, args).fetchone()

    # -- documents -----------------------------------------------------------------------
    def put_documents(self, documents: Iterable[Document]) -> list[str]:
        new: list[str] = []
        with self._tx() as c:
            for doc in documents:
                if self._insert_document(c, doc):
                    new.append(doc.id)
        return new

    def _insert_document(self, c: psycopg.Cursor[Any], doc: Document) -> bool:
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
               VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)
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
                _clean(doc.body),
                doc.raw_hash,
                _json(data),
            ),
        ).fetchone()
        if inserted is None:
            return False
        if doc.raw_hash and raw:
            c.execute(
                "INSERT INTO raw_captures (hash, content) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (doc.raw_hash, zlib.compress(raw.encode("utf-8"))),
            )
        self._write_versions(c, doc.id, doc.versions)
        return True

    def _write_versions(
        self, c: psycopg.Cursor[Any], document_id: str, versions: list[Version]
    ) -> None:
        c.execute("DELETE FROM versions WHERE document = %s", (document_id,))
        for v in versions:
            c.execute(
                """INSERT INTO versions (document, idx, label, title, timestamp, content_hash,
                   text) VALUES (%s,%s,%s,%s,%s,%s,%s)""",
                (document_id, v.index, v.label, v.title, v.timestamp, v.content_hash, v.text),
            )

    def put_versions(self, document_id: str, versions: list[Version]) -> None:
        with self._tx() as c:
            self._write_versions(c, document_id, versions)

    # One round trip per document: the raw capture and the versions come with the row.
    _DOC_SELECT = """
        SELECT d.data, {raw} AS raw,
               (SELECT coalesce(json_agg(json_build_array(v.idx, v.label, v.text, v.title,
                                                          v.timestamp, v.content_hash)
                                         ORDER BY v.idx), '[]'::json)
                FROM versions v WHERE v.document = d.id) AS versions
        FROM documents d {join}"""

    def _row_to_document(self, row: dict[str, Any]) -> Document:
        doc = Document.from_dict(json.loads(row["data"]))
        if row.get("raw") is not None:
            doc.raw = zlib.decompress(row["raw"]).decode("utf-8")
        doc.versions = [
            Version(index=i, label=lab, text=text, title=title, timestamp=ts, content_hash=ch or "")
            for i, lab, text, title, ts, ch in row["versions"]
        ]
        return doc

    def get_document(self, document_id: str) -> Document | None:
        sql = self._DOC_SELECT.format(
            raw="r.content", join="LEFT JOIN raw_captures r ON r.hash = d.raw_hash"
        )
        row = self._one(sql + " WHERE d.id = %s", (document_id,))
        return self._row_to_document(row) if row else None

    def documents(self) -> Iterator[Document]:
        sql = self._DOC_SELECT.format(raw="NULL", join="")
        rows = self._all(sql + " ORDER BY d.source, d.record, d.id")
        docs = [self._row_to_document(r) for r in rows]
        yield from docs

    def document_ids(self) -> list[str]:
        rows = self._all("SELECT id FROM documents ORDER BY source, record, id")
        return [r["id"] for r in rows]

    def find_documents(self, prefix: str) -> list[str]:
        # SQLite's LIKE is case-insensitive for ASCII; ILIKE is the nearest match.
        rows = self._all(
            """SELECT id FROM documents WHERE id ILIKE %s OR source ILIKE %s OR url = %s
               ORDER BY source, record""",
            (prefix + "%", "%" + prefix + "%", prefix),
        )
        return [r["id"] for r in rows]

    def set_published(self, document_id: str, published: DateEstimate | None) -> None:
        with self._tx() as c:
            row = c.execute(
                "SELECT data FROM documents WHERE id = %s FOR UPDATE", (document_id,)
            ).fetchone()
            if row is None:
                raise KeyError(document_id)
            data = json.loads(row["data"])
            data["published"] = published.to_dict() if published else None
            c.execute(
                """UPDATE documents SET published = %s, published_precision = %s,
                   published_basis = %s, data = %s WHERE id = %s""",
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
                        """INSERT INTO annotations (document, anchor, base, data)
                           VALUES (%s,%s,%s,%s)
                           ON CONFLICT (document) DO UPDATE SET anchor = excluded.anchor,
                           base = excluded.base, data = excluded.data""",
                        (doc, ann.anchor, data, data),
                    )
                else:
                    c.execute(
                        "UPDATE annotations SET anchor = %s, data = %s WHERE document = %s",
                        (ann.anchor, data, doc),
                    )
                    if c.rowcount == 0:
                        raise KeyError(f"no base annotation stored for document {doc}")
                for table in ("doc_events", "quotes", "roles"):
                    c.execute(f"DELETE FROM {table} WHERE document = %s", (doc,))  # type: ignore[arg-type]
                for ev in ann.events:
                    c.execute(
                        """INSERT INTO doc_events (id, document, type, plover, status, mode,
                           date, precision, place, label) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)
                           ON CONFLICT (id) DO UPDATE SET document = excluded.document,
                           type = excluded.type, plover = excluded.plover,
                           status = excluded.status, mode = excluded.mode,
                           date = excluded.date, precision = excluded.precision,
                           place = excluded.place, label = excluded.label""",
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
                           VALUES (%s,%s,%s,%s,%s,%s)""",
                        (doc, i, q.speaker, q.text, q.start, q.end),
                    )
                for i, r in enumerate(ann.roles):
                    c.execute(
                        """INSERT INTO roles (document, idx, person, office, country, as_of)
                           VALUES (%s,%s,%s,%s,%s,%s)""",
                        (doc, i, r.person, r.office, r.country, r.as_of),
                    )

    def get_annotation(self, document_id: str, base: bool = False) -> Annotation | None:
        column = "base" if base else "data"
        row = self._one(
            f"SELECT {column} AS a FROM annotations WHERE document = %s",  # type: ignore[arg-type]
            (document_id,),
        )
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
                   (SELECT document FROM quotes WHERE speaker = %s) ORDER BY document""",
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
            for table in (
                "linked_events",
                "linked_participants",
                "linked_sources",
                "stories",
                "story_events",
                "role_spells",
                "events_fts",
            ):
                c.execute(f"DELETE FROM {table}")  # type: ignore[arg-type]
            c.executemany(
                """INSERT INTO linked_events (id, type, plover, status, mode, date, precision,
                   place, label, data) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)""",
                [
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
                    )
                    for ev in events
                ],
            )
            c.executemany(
                """INSERT INTO linked_participants (event, name, role, kind)
                   VALUES (%s,%s,%s,%s) ON CONFLICT DO NOTHING""",
                [(ev.id, p.name, p.role, p.kind) for ev in events for p in ev.participants],
            )
            c.executemany(
                """INSERT INTO linked_sources (event, document, doc_event)
                   VALUES (%s,%s,%s) ON CONFLICT DO NOTHING""",
                [(ev.id, s.document, s.event) for ev in events for s in ev.sources],
            )
            c.executemany(
                f"""INSERT INTO events_fts (id, tsv) VALUES (%s,
                    to_tsvector('{TS_CONFIG}', %s)) ON CONFLICT (id) DO NOTHING""",
                [
                    (
                        ev.id,
                        _clean(
                            " ".join([ev.label, *(p.name for p in ev.participants), ev.place or ""])
                        ),
                    )
                    for ev in events
                ],
            )
            c.executemany(
                "INSERT INTO stories (id, name, data) VALUES (%s,%s,%s)",
                [(st.id, st.name, _json(st.to_dict())) for st in stories],
            )
            c.executemany(
                "INSERT INTO story_events (story, event) VALUES (%s,%s) ON CONFLICT DO NOTHING",
                [(st.id, e) for st in stories for e in st.events],
            )
            c.executemany(
                """INSERT INTO role_spells (person, office, country, first_seen, last_seen,
                   origin, data) VALUES (%s,%s,%s,%s,%s,%s,%s)""",
                [
                    (
                        r.person,
                        r.office,
                        r.country,
                        r.first_seen,
                        r.last_seen,
                        r.origin,
                        _json(r.to_dict()),
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
                "WHERE s.id = %s OR s.name = %s)"
            )
            args += [flt.story, flt.story]
        for name in (flt.person, flt.organisation):
            if name:
                where.append(
                    "e.id IN (SELECT event FROM linked_participants WHERE lower(name) = lower(%s) "
                    "OR name ILIKE %s)"
                )
                args += [name, f"%{name}%"]
        if flt.place:
            where.append("e.place ILIKE %s")
            args.append(f"%{flt.place}%")
        if flt.type:
            where.append("(e.type = %s OR e.plover = %s)")
            args += [flt.type, flt.type]
        if flt.status:
            where.append("e.status = %s")
            args.append(flt.status)
        if flt.date_from:
            where.append("e.date >= %s")
            args.append(flt.date_from)
        if flt.date_to:
            # "2013" as an upper bound must include 2013-12-31: compare on the prefix length
            where.append("left(e.date, %s) <= %s")
            args += [len(flt.date_to), flt.date_to]
        if flt.document:
            where.append("e.id IN (SELECT event FROM linked_sources WHERE document = %s)")
            args.append(flt.document)
        if flt.text:
            q = ts_query(flt.text)
            if q:
                where.append(
                    f"e.id IN (SELECT id FROM events_fts WHERE tsv @@ to_tsquery('{TS_CONFIG}', %s))"
                )
                args.append(q)
        sql = "SELECT e.data FROM linked_events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        # Ascending order puts NULLs last in PostgreSQL, as "date IS NULL, date" does in
        # SQLite; written plainly so the (date, id) index serves pages without a sort.
        sql += " ORDER BY e.date, e.id"
        if flt.limit is not None:
            sql += " LIMIT %s OFFSET %s"
            args += [flt.limit, flt.offset]
        elif flt.offset:
            sql += " OFFSET %s"
            args.append(flt.offset)
        rows = self._all(sql, args)
        return [LinkedEvent.from_dict(json.loads(r["data"])) for r in rows]

    def get_linked_event(self, event_id: str) -> LinkedEvent | None:
        row = self._one("SELECT data FROM linked_events WHERE id = %s", (event_id,))
        return LinkedEvent.from_dict(json.loads(row["data"])) if row else None

    def stories(self) -> list[Story]:
        rows = self._all("SELECT data FROM stories ORDER BY name, id")
        return [Story.from_dict(json.loads(r["data"])) for r in rows]

    def role_spells(self, person: str | None = None) -> list[RoleSpell]:
        sql = "SELECT data FROM role_spells"
        args: list[Any] = []
        if person:
            sql += " WHERE lower(person) = lower(%s)"
            args.append(person)
        sql += " ORDER BY person, first_seen IS NULL, first_seen, office"
        rows = self._all(sql, args)
        return [RoleSpell.from_dict(json.loads(r["data"])) for r in rows]

    def people(self) -> list[str]:
        rows = self._all(
            """SELECT name FROM linked_participants WHERE kind = 'person'
               UNION SELECT person FROM role_spells ORDER BY 1"""
        )
        return [r["name"] for r in rows]

    # -- search --------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        q = ts_query(query)
        if not q:
            return []
        rows = self._all(
            f"""WITH hits AS (
                   SELECT id, title, body, ts_rank_cd(tsv, query) AS score
                   FROM documents, to_tsquery('{TS_CONFIG}', %s) AS query
                   WHERE tsv @@ query ORDER BY score DESC, id LIMIT %s)
               SELECT id, title, score, ts_headline('{TS_CONFIG}', body,
                   to_tsquery('{TS_CONFIG}', %s),
                   'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1')
                   AS snip
               FROM hits ORDER BY score DESC, id""",
            (q, limit, q),
        )
        return [SearchHit(r["id"], r["title"] or None, r["snip"], float(r["score"])) for r in rows]

    # -- state ---------------------------------------------------------------------------
    def get_state(self, key: str) -> Any:
        row = self._one("SELECT value FROM state WHERE key = %s", (key,))
        return json.loads(row["value"]) if row else None

    def set_state(self, key: str, value: Any) -> None:
        with self._tx() as c:
            c.execute(
                "INSERT INTO state (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, _json(value)),
            )

    # -- dump ----------------------------------------------------------------------------
    def dump(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        with self._lock:
            tables = [
                r["table_name"]
                for r in self._all(
                    """SELECT table_name FROM information_schema.tables
                       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                       ORDER BY table_name"""
                )
                if r["table_name"] not in _INTERNAL_TABLES
            ]
            for t in tables:
                cols = [
                    r["column_name"]
                    for r in self._all(
                        """SELECT column_name FROM information_schema.columns
                           WHERE table_schema = current_schema() AND table_name = %s
                           ORDER BY ordinal_position""",
                        (t,),
                    )
                    if r["column_name"] not in _INTERNAL_COLUMNS
                ]
                col_sql = ", ".join(f'"{c}"' for c in cols)
                with self._live.cursor(row_factory=tuple_row) as cur:
                    rows = cur.execute(f"SELECT {col_sql} FROM {t}").fetchall()  # type: ignore[arg-type]
                out[t] = sorted(rows, key=repr)
        return out


def _clean(text: str) -> str:
    """PostgreSQL text cannot hold NUL characters; captures sometimes do."""
    return text.replace("\x00", "") if "\x00" in text else text


class _NoNulDumper(StrDumperUnknown):
    def dump(self, obj: str) -> Any:
        return super().dump(_clean(obj))


class _NoNulBinaryDumper(StrBinaryDumper):
    def dump(self, obj: str) -> Any:
        return super().dump(_clean(obj))


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (no statement of ours contains a semicolon in a string)."""
    return [s.strip() for s in script.split(";") if s.strip()]
