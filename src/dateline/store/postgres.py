"""The server store: PostgreSQL through psycopg 3, full-text search with tsvector/GIN.

It mirrors ``SQLiteStore`` table for table (same columns, same order) so the two stores pass
one contract suite and their ``dump()`` outputs can be compared directly. Every text column is
``COLLATE "C"`` so ordering and range comparisons on ISO dates and names are byte-wise, as in
SQLite, whatever locale the server was initialised with.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row, tuple_row
from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

from dateline.models import Document, LinkedEvent
from dateline.store.base import MATCH_CLOSE, MATCH_OPEN, SearchHit
from dateline.store.pool import POOL_SIZE, Pool, connect_kwargs
from dateline.store.sql import Cursor, SQLStore, split_sql, words

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
    # 4: version texts stored once by content (a watched article's every document carries
    # all its versions so far); rows written before keep their text in versions.text
    """
    CREATE TABLE version_texts (hash TEXT COLLATE "C" PRIMARY KEY, text TEXT NOT NULL);
    ALTER TABLE versions ADD COLUMN text_hash TEXT COLLATE "C"
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

# Tables that exist only to serve search or bookkeeping; ``dump`` leaves them out, as the
# SQLite store leaves out its FTS5 tables, so dumps of the two stores compare equal.
_INTERNAL_TABLES = {"events_fts", "dateline_schema"}
_INTERNAL_COLUMNS = {"tsv"}

# Serialises migrations of concurrent openers (any constant will do; it is per database).
_MIGRATION_LOCK = 0x0DA7E11E
# Serialises replacements of the linked results by several processes (the same, per schema).
_LINKS_LOCK = 0x0DA7E11F

# ts_headline options: the match markers of dateline.store.base, one short fragment.
_HEADLINE = f"StartSel={MATCH_OPEN}, StopSel={MATCH_CLOSE}, MaxWords=24, MinWords=8, MaxFragments=1"


def ts_query(text: str) -> str:
    """User text -> safe ``to_tsquery`` input: every word a prefix term, ANDed.

    Only letters and digits survive, so no tsquery operator from the user reaches the parser.
    """
    return " & ".join(f"{w}:*" for w in words(text))


@lru_cache(maxsize=1024)
def _pg(sql: str) -> str:
    """The shared statements' ``?`` placeholders in psycopg's style (none of our statements
    has a literal ``?`` or ``%``)."""
    return sql.replace("?", "%s")


class PostgresStore(SQLStore):
    """``Store`` on a PostgreSQL database given by a ``postgresql://`` URL.

    Connections come from a pool (psycopg_pool), one per thread at a time, so the web app's
    worker threads read concurrently. Writes are serialised within the process (a lock) and
    each write call is one transaction; other processes may write at the same time.
    """

    LIKE = "ILIKE"  # SQLite's LIKE ignores ASCII case; ILIKE is the nearest match
    # Ascending order puts NULLs last in PostgreSQL, as "date IS NULL, date" does in SQLite;
    # written plainly so the (date, id) index serves pages without a sort.
    EVENT_ORDER = "e.date, e.id"
    OFFSET_ONLY = " OFFSET ?"
    FOR_UPDATE = " FOR UPDATE"

    def __init__(self, url: str, pool_size: int = POOL_SIZE) -> None:
        self.url = url
        self._write_lock = threading.RLock()
        # Migrate on a connection of its own first: a wrong URL or password fails here at once
        # with the server's message, where the pool would keep retrying until its timeout.
        self._migrate()
        self._pool = Pool(url, pool_size, configure=_configure, kwargs={"row_factory": dict_row})

    # -- plumbing ------------------------------------------------------------------------
    def _migrate(self) -> None:
        kwargs = connect_kwargs(self.url)
        with (
            psycopg.connect(self.url, row_factory=dict_row, **kwargs) as c,
            c.transaction(),
        ):
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
                for statement in split_sql(MIGRATIONS[version]):
                    c.execute(statement)  # type: ignore[arg-type]
                c.execute("UPDATE dateline_schema SET version = %s", (version + 1,))

    def _safe_url(self) -> str:
        """The URL without its password, for messages."""
        info = {k: v or "" for k, v in conninfo_to_dict(self.url).items()}
        where = f"{info.get('host', '')}:{info.get('port', '')}/{info.get('dbname', '')}"
        return f"postgresql://{info.get('user', '')}@{where}"

    @contextmanager
    def _tx(self) -> Iterator[Cursor]:
        """One transaction, rolled back on any error. The connection is checked first: a
        write on a connection the server has dropped would fail before doing anything."""
        with (
            self._write_lock,
            self._pool.connection(check=True) as conn,
            conn.transaction(),
            conn.cursor() as cur,
        ):
            yield _Cursor(cur)

    def _read(self, sql: str, args: Iterable[Any], one: bool) -> Any:
        """Run a read. If the connection turns out to be dead (a server restart, an idle
        timeout), replace the pool's connections, which are likely dead too, and run it once
        more on a new one: reads are safe to repeat. Inside this thread's write transaction
        the read uses the transaction (and sees its writes), and is not repeated."""
        query, params = _pg(sql), tuple(args)
        nested = self._pool.held() is not None
        for attempt in (1, 2):
            with self._pool.connection() as conn:
                try:
                    cur = conn.execute(query, params)  # type: ignore[arg-type]
                    return cur.fetchone() if one else cur.fetchall()
                except psycopg.OperationalError:
                    if nested or attempt == 2 or not conn.broken:
                        raise
            self._pool.drain()
        raise AssertionError("unreachable")  # pragma: no cover

    def _all(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self._read(sql, args, one=False)
        return rows

    def _one(self, sql: str, args: Iterable[Any] = ()) -> dict[str, Any] | None:
        row: dict[str, Any] | None = self._read(sql, args, one=True)
        return row

    def close(self) -> None:
        self._pool.close()

    def _lock_links(self, c: Cursor) -> None:
        # Keyed by schema too: stores in other schemas of the database do not wait for us.
        c.execute(
            "SELECT pg_advisory_xact_lock(?::int4, hashtext(current_schema()))", (_LINKS_LOCK,)
        )

    # -- full text (tsvector columns and tables) -----------------------------------------
    def _index_document(self, c: Cursor, doc: Document) -> None:
        pass  # documents.tsv is a generated column

    def _index_events(self, c: Cursor, events: list[LinkedEvent]) -> None:
        c.executemany(
            f"""INSERT INTO events_fts (id, tsv) VALUES (?, to_tsvector('{TS_CONFIG}', ?))
                ON CONFLICT (id) DO NOTHING""",
            [
                (ev.id, " ".join([ev.label, *(p.name for p in ev.participants), ev.place or ""]))
                for ev in events
            ],
        )

    def _event_text_filter(self, text: str) -> tuple[str, list[Any]] | None:
        q = ts_query(text)
        if not q:
            return None
        return (
            f"e.id IN (SELECT id FROM events_fts WHERE tsv @@ to_tsquery('{TS_CONFIG}', ?))",
            [q],
        )

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        q = ts_query(query)
        if not q:
            return []
        rows = self._all(
            f"""WITH hits AS (
                   SELECT id, title, body, ts_rank_cd(tsv, query) AS score
                   FROM documents, to_tsquery('{TS_CONFIG}', ?) AS query
                   WHERE tsv @@ query ORDER BY score DESC, id LIMIT ?)
               SELECT id, title, score,
                   ts_headline('{TS_CONFIG}', body, to_tsquery('{TS_CONFIG}', ?), ?) AS snip
               FROM hits ORDER BY score DESC, id""",
            (q, limit, q, _HEADLINE),
        )
        return [
            SearchHit.from_marked(r["id"], r["title"] or None, r["snip"], float(r["score"]))
            for r in rows
        ]

    # -- documents (reads) ---------------------------------------------------------------
    # One round trip per document: the raw capture and the versions come with the row.
    _DOC_SELECT = """
        SELECT d.data, {raw} AS raw,
               (SELECT coalesce(json_agg(json_build_array(v.idx, v.label,
                                                          coalesce(t.text, v.text), v.title,
                                                          v.timestamp, v.content_hash)
                                         ORDER BY v.idx), '[]'::json)
                FROM versions v LEFT JOIN version_texts t ON t.hash = v.text_hash
                WHERE v.document = d.id) AS versions
        FROM documents d {join}"""

    def _row_to_document(self, row: dict[str, Any]) -> Document:
        return self._document_from(row["data"], row.get("raw"), row["versions"])

    def get_document(self, document_id: str) -> Document | None:
        sql = self._DOC_SELECT.format(
            raw="r.content", join="LEFT JOIN raw_captures r ON r.hash = d.raw_hash"
        )
        row = self._one(sql + " WHERE d.id = ?", (document_id,))
        return self._row_to_document(row) if row else None

    def documents(self) -> Iterator[Document]:
        sql = self._DOC_SELECT.format(raw="NULL", join="")
        rows = self._all(sql + " ORDER BY d.source, d.record, d.id")
        docs = [self._row_to_document(r) for r in rows]
        yield from docs

    # -- dump ----------------------------------------------------------------------------
    def dump(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        # One snapshot: every table as of the same moment, whatever writers do meanwhile.
        with self._pool.connection(check=True) as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
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
                           WHERE table_schema = current_schema() AND table_name = ?
                           ORDER BY ordinal_position""",
                        (t,),
                    )
                    if r["column_name"] not in _INTERNAL_COLUMNS
                ]
                col_sql = ", ".join(f'"{c}"' for c in cols)
                with conn.cursor(row_factory=tuple_row) as cur:
                    rows = cur.execute(f"SELECT {col_sql} FROM {t}").fetchall()  # type: ignore[arg-type]
                out[t] = sorted(rows, key=repr)
        return out


class _Cursor:
    """A psycopg cursor that takes the shared statements' ``?`` placeholders."""

    def __init__(self, cur: psycopg.Cursor[Any]) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self._cur.execute(_pg(sql), params)  # type: ignore[arg-type]

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        batch = list(params)
        if batch:
            self._cur.executemany(_pg(sql), batch)  # type: ignore[arg-type]
        return self._cur


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Set up each new connection. PostgreSQL text cannot hold NUL characters and captures
    sometimes do: drop them on the way in (the typed objects keep them, escaped, in the JSON
    ``data`` columns)."""
    conn.adapters.register_dumper(str, _NoNulDumper)
    conn.adapters.register_dumper(str, _NoNulBinaryDumper)


class _NoNulDumper(StrDumperUnknown):
    def dump(self, obj: str) -> Any:
        return super().dump(obj.replace("\x00", "") if "\x00" in obj else obj)


class _NoNulBinaryDumper(StrBinaryDumper):
    def dump(self, obj: str) -> Any:
        return super().dump(obj.replace("\x00", "") if "\x00" in obj else obj)
