"""The watcher's own SQLite tables (prefix ``watch_``): schedule, versions, raw pages, health.

The scheduler only ever asks for what is due, through an index on ``next_check`` over the
active items, so the cost of a cycle does not grow with every article ever seen.

Versions are distinct texts: an A->B->A flip-flop stores A and B once each and records the
return to A as a ``revert`` in ``watch_changes``. Raw pages are zlib-compressed and keyed by
their hash, so an unchanged page refetched a hundred times is stored once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.models import content_hash

SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_items (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,               -- feed | sitemap | article
    host TEXT NOT NULL,
    parent INTEGER,                   -- the feed an article was found in
    include TEXT,                     -- JSON list of URL patterns (feeds)
    exclude TEXT,
    added_at REAL NOT NULL,
    first_seen REAL,
    last_checked REAL,
    last_changed REAL,
    next_check REAL,
    interval REAL NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'active',  -- active | stopped | gone | redirected | failed
    reason TEXT,
    etag TEXT,
    last_modified TEXT,
    hint TEXT,                        -- articles: modified time a feed/sitemap gave; feeds: body hash
    hinted INTEGER NOT NULL DEFAULT 0,
    cheap INTEGER NOT NULL DEFAULT 0,  -- host answered a conditional GET before
    current_version INTEGER,
    checks INTEGER NOT NULL DEFAULT 0,
    fetches INTEGER NOT NULL DEFAULT 0,   -- full bodies received
    not_modified INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    title TEXT
);
CREATE INDEX IF NOT EXISTS watch_items_due ON watch_items(next_check) WHERE state = 'active';
CREATE INDEX IF NOT EXISTS watch_items_host ON watch_items(host);
CREATE TABLE IF NOT EXISTS watch_versions (
    id INTEGER PRIMARY KEY,
    item INTEGER NOT NULL REFERENCES watch_items(id),
    seq INTEGER NOT NULL,             -- 1, 2, ... per item
    content_hash TEXT NOT NULL,       -- hash of the normalised title+byline+body
    title TEXT,
    byline TEXT,
    text TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    http_status INTEGER,
    final_url TEXT,
    etag TEXT,
    last_modified TEXT,
    date_modified TEXT,
    extractor TEXT,
    extractor_version TEXT,
    raw_hash TEXT,
    UNIQUE(item, seq)
);
CREATE INDEX IF NOT EXISTS watch_versions_hash ON watch_versions(item, content_hash);
CREATE TABLE IF NOT EXISTS watch_changes (
    id INTEGER PRIMARY KEY,
    item INTEGER NOT NULL REFERENCES watch_items(id),
    at REAL NOT NULL,
    kind TEXT NOT NULL,               -- first | change | revert | deleted | redirected
    from_version INTEGER,
    to_version INTEGER,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS watch_changes_item ON watch_changes(item, at);
CREATE INDEX IF NOT EXISTS watch_changes_at ON watch_changes(at);
CREATE TABLE IF NOT EXISTS watch_blobs (
    hash TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS watch_hosts (
    host TEXT PRIMARY KEY,
    robots TEXT,
    robots_fetched REAL,
    blocked_until REAL,               -- Retry-After
    fetches INTEGER NOT NULL DEFAULT 0,
    plausible INTEGER NOT NULL DEFAULT 0,
    lengths TEXT NOT NULL DEFAULT '[]',  -- recent body lengths (JSON), newest last
    baseline REAL,                    -- long-run typical body length
    last_yield REAL                   -- last time one of its feeds gave a new entry
);
"""

_ITEM_COLUMNS = [
    "id",
    "url",
    "kind",
    "host",
    "parent",
    "include",
    "exclude",
    "added_at",
    "first_seen",
    "last_checked",
    "last_changed",
    "next_check",
    "interval",
    "state",
    "reason",
    "etag",
    "last_modified",
    "hint",
    "hinted",
    "cheap",
    "current_version",
    "checks",
    "fetches",
    "not_modified",
    "errors",
    "consecutive_errors",
    "title",
]


@dataclass
class Item:
    id: int
    url: str
    kind: str
    host: str
    parent: int | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    added_at: float = 0.0
    first_seen: float | None = None
    last_checked: float | None = None
    last_changed: float | None = None
    next_check: float | None = None
    interval: float = 0.0
    state: str = "active"
    reason: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    hint: str | None = None
    hinted: bool = False
    cheap: bool = False
    current_version: int | None = None
    checks: int = 0
    fetches: int = 0
    not_modified: int = 0
    errors: int = 0
    consecutive_errors: int = 0
    title: str | None = None


@dataclass
class StoredVersion:
    id: int
    item: int
    seq: int
    content_hash: str
    title: str | None
    byline: str | None
    text: str
    fetched_at: float
    first_seen: float
    last_seen: float
    http_status: int | None
    final_url: str | None
    etag: str | None
    last_modified: str | None
    date_modified: str | None
    extractor: str | None
    extractor_version: str | None
    raw_hash: str | None


@dataclass
class ChangeRecord:
    id: int
    item: int
    at: float
    kind: str
    from_version: int | None
    to_version: int | None
    detail: str | None


def _row_to_item(row: sqlite3.Row) -> Item:
    d = dict(zip(_ITEM_COLUMNS, row, strict=True))
    d["include"] = json.loads(d["include"] or "[]")
    d["exclude"] = json.loads(d["exclude"] or "[]")
    d["hinted"] = bool(d["hinted"])
    d["cheap"] = bool(d["cheap"])
    return Item(**d)


class WatchState:
    """The watcher's tables in a SQLite database (its own file, or the main store's).

    Thread-safe through one lock: writes are small and the network, not SQLite, is the
    bottleneck.
    """

    def __init__(self, conn: sqlite3.Connection | str | Path) -> None:
        if isinstance(conn, sqlite3.Connection):
            self.conn = conn
            self._owned = False
        else:
            self.conn = sqlite3.connect(str(conn), check_same_thread=False)
            self._owned = True
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.lock = threading.RLock()
        with self.lock:
            self.conn.executescript(SCHEMA)
            self.conn.commit()

    def close(self) -> None:
        if self._owned:
            self.conn.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            try:
                yield self.conn
                self.conn.commit()
            except BaseException:
                self.conn.rollback()
                raise

    # -- items ---------------------------------------------------------------------------
    def add_item(
        self,
        url: str,
        kind: str,
        host: str,
        now: float,
        parent: int | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        hint: str | None = None,
    ) -> tuple[Item, bool]:
        """Add an item due now; return it and whether it was new."""
        with self.tx() as c:
            row = c.execute(
                f"SELECT {', '.join(_ITEM_COLUMNS)} FROM watch_items WHERE url = ?", (url,)
            ).fetchone()
            if row is not None:
                item = _row_to_item(row)
                if kind != "article" and (include is not None or exclude is not None):
                    c.execute(
                        "UPDATE watch_items SET include = ?, exclude = ? WHERE id = ?",
                        (json.dumps(include or []), json.dumps(exclude or []), item.id),
                    )
                return item, False
            cur = c.execute(
                "INSERT INTO watch_items (url, kind, host, parent, include, exclude, added_at,"
                " next_check, hint, hinted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    url,
                    kind,
                    host,
                    parent,
                    json.dumps(include or []),
                    json.dumps(exclude or []),
                    now,
                    now,
                    hint,
                    int(hint is not None),
                ),
            )
            item_id = cur.lastrowid
        item = self.get_item(int(item_id or 0))
        assert item is not None
        return item, True

    def get_item(self, item_id: int) -> Item | None:
        with self.lock:
            row = self.conn.execute(
                f"SELECT {', '.join(_ITEM_COLUMNS)} FROM watch_items WHERE id = ?", (item_id,)
            ).fetchone()
        return _row_to_item(row) if row else None

    def item_by_url(self, url: str) -> Item | None:
        with self.lock:
            row = self.conn.execute(
                f"SELECT {', '.join(_ITEM_COLUMNS)} FROM watch_items WHERE url = ?", (url,)
            ).fetchone()
        return _row_to_item(row) if row else None

    def due(self, now: float, limit: int = 1000) -> list[Item]:
        """Active items whose next check has come, oldest first (uses the partial index)."""
        with self.lock:
            rows = self.conn.execute(
                f"SELECT {', '.join(_ITEM_COLUMNS)} FROM watch_items "
                "WHERE state = 'active' AND next_check <= ? ORDER BY next_check LIMIT ?",
                (now, limit),
            ).fetchall()
        return [_row_to_item(r) for r in rows]

    def next_due_time(self) -> float | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT MIN(next_check) FROM watch_items WHERE state = 'active'"
            ).fetchone()
        return row[0] if row and row[0] is not None else None

    def update_item(self, item_id: int, **values: Any) -> None:
        if not values:
            return
        for k in ("include", "exclude"):
            if k in values:
                values[k] = json.dumps(values[k])
        for k in ("hinted", "cheap"):
            if k in values:
                values[k] = int(bool(values[k]))
        cols = ", ".join(f"{k} = ?" for k in values)
        with self.tx() as c:
            c.execute(f"UPDATE watch_items SET {cols} WHERE id = ?", (*values.values(), item_id))

    def items(self, kind: str | None = None, state: str | None = None) -> list[Item]:
        sql = f"SELECT {', '.join(_ITEM_COLUMNS)} FROM watch_items"
        where, args = [], []
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if state:
            where.append("state = ?")
            args.append(state)
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self.lock:
            rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [_row_to_item(r) for r in rows]

    def counts(self) -> dict[str, int]:
        with self.lock:
            rows = self.conn.execute(
                "SELECT kind || ':' || state, COUNT(*) FROM watch_items GROUP BY 1"
            ).fetchall()
        return {k: n for k, n in rows}

    # -- raw pages -------------------------------------------------------------------------
    def put_blob(self, data: bytes) -> str:
        key = content_hash(data, 32)
        with self.tx() as c:
            c.execute(
                "INSERT OR IGNORE INTO watch_blobs (hash, size, data) VALUES (?, ?, ?)",
                (key, len(data), zlib.compress(data, 6)),
            )
        return key

    def get_blob(self, key: str) -> bytes | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT data FROM watch_blobs WHERE hash = ?", (key,)
            ).fetchone()
        return zlib.decompress(row[0]) if row else None

    # -- versions --------------------------------------------------------------------------
    def versions(self, item_id: int) -> list[StoredVersion]:
        with self.lock:
            rows = self.conn.execute(
                "SELECT id, item, seq, content_hash, title, byline, text, fetched_at, first_seen,"
                " last_seen, http_status, final_url, etag, last_modified, date_modified,"
                " extractor, extractor_version, raw_hash FROM watch_versions WHERE item = ?"
                " ORDER BY seq",
                (item_id,),
            ).fetchall()
        return [StoredVersion(*r) for r in rows]

    def version(self, version_id: int) -> StoredVersion | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT id, item, seq, content_hash, title, byline, text, fetched_at, first_seen,"
                " last_seen, http_status, final_url, etag, last_modified, date_modified,"
                " extractor, extractor_version, raw_hash FROM watch_versions WHERE id = ?",
                (version_id,),
            ).fetchone()
        return StoredVersion(*row) if row else None

    def version_by_hash(self, item_id: int, chash: str) -> StoredVersion | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT id FROM watch_versions WHERE item = ? AND content_hash = ?"
                " ORDER BY seq DESC LIMIT 1",
                (item_id, chash),
            ).fetchone()
        return self.version(row[0]) if row else None

    def add_version(self, item_id: int, now: float, **values: Any) -> StoredVersion:
        with self.tx() as c:
            seq = c.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM watch_versions WHERE item = ?", (item_id,)
            ).fetchone()[0]
            cols = ["item", "seq", "fetched_at", "first_seen", "last_seen", *values]
            cur = c.execute(
                f"INSERT INTO watch_versions ({', '.join(cols)}) VALUES "
                f"({', '.join('?' for _ in cols)})",
                (item_id, seq, now, now, now, *values.values()),
            )
            vid = cur.lastrowid
        v = self.version(int(vid or 0))
        assert v is not None
        return v

    def touch_version(self, version_id: int, now: float) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE watch_versions SET last_seen = MAX(last_seen, ?) WHERE id = ?",
                (now, version_id),
            )

    def add_change(
        self,
        item_id: int,
        now: float,
        kind: str,
        from_version: int | None,
        to_version: int | None,
        detail: str | None = None,
    ) -> int:
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO watch_changes (item, at, kind, from_version, to_version, detail)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, now, kind, from_version, to_version, detail),
            )
            return int(cur.lastrowid or 0)

    def changes(
        self, item_id: int | None = None, host: str | None = None, limit: int = 50
    ) -> list[ChangeRecord]:
        """Most recent changes first, for one item, one host or everything."""
        sql = (
            "SELECT c.id, c.item, c.at, c.kind, c.from_version, c.to_version, c.detail "
            "FROM watch_changes c JOIN watch_items i ON i.id = c.item"
        )
        args: list[Any] = []
        if item_id is not None:
            sql += " WHERE c.item = ?"
            args.append(item_id)
        elif host is not None:
            sql += " WHERE i.host = ?"
            args.append(host)
        sql += " ORDER BY c.at DESC, c.id DESC LIMIT ?"
        args.append(limit)
        with self.lock:
            rows = self.conn.execute(sql, args).fetchall()
        return [ChangeRecord(*r) for r in rows]

    # -- hosts -----------------------------------------------------------------------------
    def host(self, host: str) -> dict[str, Any]:
        with self.lock:
            row = self.conn.execute(
                "SELECT host, robots, robots_fetched, blocked_until, fetches, plausible, lengths,"
                " baseline, last_yield FROM watch_hosts WHERE host = ?",
                (host,),
            ).fetchone()
        keys = (
            "host robots robots_fetched blocked_until fetches plausible lengths baseline last_yield"
        )
        if row is None:
            return dict.fromkeys(keys.split()) | {
                "host": host,
                "fetches": 0,
                "plausible": 0,
                "lengths": [],
            }
        d = dict(zip(keys.split(), row, strict=True))
        d["lengths"] = json.loads(d["lengths"] or "[]")
        return d

    def update_host(self, host: str, **values: Any) -> None:
        if "lengths" in values:
            values["lengths"] = json.dumps(values["lengths"])
        with self.tx() as c:
            c.execute("INSERT OR IGNORE INTO watch_hosts (host) VALUES (?)", (host,))
            if values:
                cols = ", ".join(f"{k} = ?" for k in values)
                c.execute(f"UPDATE watch_hosts SET {cols} WHERE host = ?", (*values.values(), host))

    def hosts(self) -> list[dict[str, Any]]:
        with self.lock:
            names = [r[0] for r in self.conn.execute("SELECT host FROM watch_hosts ORDER BY host")]
        return [self.host(h) for h in names]


def utc_now() -> float:
    return time.time()
