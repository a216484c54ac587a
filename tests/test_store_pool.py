"""What the PostgreSQL store adds to psycopg_pool: a thread gets back the connection it holds,
a check on request (replacing all connections when one turns out dead), bounded waits, and a
close that leaves no connection or thread behind. Pooling itself is psycopg_pool's.

Most tests need a server (DATELINE_TEST_POSTGRES, as in test_store_contract.py).
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from psycopg.rows import tuple_row
from psycopg_pool import PoolClosed, PoolTimeout

from dateline.store import pool as pool_module
from dateline.store.pool import Pool, connect_kwargs
from dateline.store.postgres import PostgresStore

PG_URL = os.environ.get("DATELINE_TEST_POSTGRES")


def _backends(name: str) -> int:
    assert PG_URL
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def _wait_for(cond: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 20
    while not cond():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


class Server:
    """A URL whose connections carry a name of their own, so a test finds (and drops) them."""

    def __init__(self) -> None:
        assert PG_URL
        self.name = f"dl_pool_{uuid.uuid4().hex[:8]}"
        sep = "&" if "?" in PG_URL else "?"
        self.url = f"{PG_URL}{sep}application_name={self.name}"
        self.pools: list[Pool] = []

    def pool(self, size: int, timeout: float = pool_module.POOL_TIMEOUT) -> Pool:
        p = Pool(self.url, size, timeout=timeout)
        self.pools.append(p)
        return p

    def drop_connections(self) -> None:
        """Terminate this URL's server connections, as a server restart would, and wait until
        they are gone (the server ends them a moment after it is asked)."""
        assert PG_URL
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            pids = [
                r[0]
                for r in admin.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (self.name,)
                )
            ]
            # by pid, apart from the filter: a condition calling pg_terminate_backend could run
            # on every row before the name is compared
            admin.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (pids,))
            # only those: the pool may open a new connection meanwhile
            _wait_for(
                lambda: (
                    not admin.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE pid = ANY(%s)", (pids,)
                    ).fetchall()
                ),
                "terminated backends did not go away",
            )


@pytest.fixture
def server() -> Iterator[Server]:
    if not PG_URL:
        pytest.skip("DATELINE_TEST_POSTGRES is not set (a postgresql:// URL of a test server)")
    s = Server()
    yield s
    for p in s.pools:
        p.close()


def _in_thread(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in another thread and return its result (or raise its exception)."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(("ok", fn()))
        except BaseException as exc:  # handed to the caller
            out.append(("err", exc))

    t = threading.Thread(target=run)
    t.start()
    t.join(timeout=30)
    assert not t.is_alive(), "the thread did not finish"
    kind, value = out[0]
    if kind == "err":
        raise value
    return value


def _pid(conn: psycopg.Connection[Any]) -> int:
    with conn.cursor(row_factory=tuple_row) as cur:  # the store's connections give dicts
        row = cur.execute("SELECT pg_backend_pid()").fetchone()
    assert row is not None
    return int(row[0])


def _hold_at_once(pool: Pool, n: int) -> list[int]:
    """Have ``n`` threads hold a connection each at the same time, so the pool has ``n``
    idle ones afterwards; their server process ids."""
    together = threading.Barrier(n, timeout=20)
    pids: list[int] = []
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with pool.connection() as conn:
                pids.append(_pid(conn))
                together.wait()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=hold) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads) and not errors
    assert len(set(pids)) == n
    return pids


@pytest.mark.postgres
def test_a_thread_gets_back_the_connection_it_holds(server: Server) -> None:
    pool = server.pool(1, timeout=5)
    with pool.connection() as outer:
        assert pool.held() is outer
        # with one connection, waiting for a second could not end (the pool would time out)
        with pool.connection() as inner, pool.connection(check=True) as checked:
            assert inner is outer and checked is outer
        assert pool.held() is outer  # leaving the inner block does not give it back
        with outer.transaction():
            outer.execute("CREATE TEMP TABLE t (x int)")
            outer.execute("INSERT INTO t VALUES (1)")
            with pool.connection() as inner:
                row = inner.execute("SELECT count(*) FROM t").fetchone()
                assert row is not None and row[0] == 1  # sees the uncommitted row
    assert pool.held() is None


@pytest.mark.postgres
def test_threads_hold_connections_of_their_own(server: Server) -> None:
    pool = server.pool(2)
    with pool.connection():
        assert _in_thread(pool.held) is None  # held is per thread
    assert len(set(_hold_at_once(pool, 2))) == 2


@pytest.mark.postgres
def test_waiting_for_a_connection_is_bounded(server: Server) -> None:
    pool = server.pool(1, timeout=0.3)
    with pool.connection(), pytest.raises(PoolTimeout):
        _in_thread(lambda: pool.connection().__enter__())
    with pool.connection() as conn:  # the connection was not lost to the timed-out wait
        assert conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.postgres
def test_check_replaces_dropped_connections_all_at_once(server: Server) -> None:
    # psycopg_pool alone would check the dead idle connections one by one, waiting 1 s, then
    # 2 s, ... between them: with three of them that is past this timeout.
    pool = server.pool(4, timeout=2.0)
    before = _hold_at_once(pool, 3)
    server.drop_connections()
    with pool.connection(check=True) as conn:
        assert _pid(conn) not in before
    with pool.connection() as conn:  # an unchecked one is live too: none of the dead is left
        assert _pid(conn) not in before


@pytest.mark.postgres
def test_store_read_survives_all_its_connections_dropped(server: Server) -> None:
    """A read on a dead connection is repeated once, on a new connection: the store replaces
    the other idle ones too, or the repeat would meet the next dead one."""
    with _schema_store(server) as store:
        store.set_state("k", 1)
        _hold_at_once(store._pool, 3)
        server.drop_connections()
        assert store.get_state("k") == 1
        store.set_state("k", 2)  # a write after the read, on the replaced connections
        assert store.get_state("k") == 2


@pytest.mark.postgres
def test_close_leaves_no_connection_or_thread(server: Server) -> None:
    pool = server.pool(2)
    idle_pid: list[int] = []

    def use_one() -> None:
        with pool.connection() as conn:
            idle_pid.append(_pid(conn))

    with pool.connection() as busy:
        _in_thread(use_one)  # takes and returns a second connection
        assert any(t.name.startswith(pool.name) for t in threading.enumerate())
        pool.close()
        # the idle one is closed now, the busy one still works until it comes back
        assert busy.execute("SELECT 1").fetchone() == (1,)
    assert busy.closed
    _wait_for(lambda: _backends(server.name) == 0, "a connection outlived close()")
    assert not [t.name for t in threading.enumerate() if t.name.startswith(pool.name)]
    with pytest.raises(PoolClosed), pool.connection():
        pass
    pool.close()  # closing twice is harmless


@contextmanager
def _schema_store(server: Server) -> Iterator[PostgresStore]:
    """A store in a schema of its own on ``server``'s URL, the schema dropped afterwards."""
    assert PG_URL
    schema = f"dl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")  # type: ignore[arg-type]
    store = PostgresStore(f"{server.url}&options=-c%20search_path%3D{schema}")
    try:
        yield store
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[arg-type]


@pytest.mark.postgres
def test_store_close_leaves_no_connection_or_thread(server: Server) -> None:
    with _schema_store(server) as store:
        store.set_state("k", 1)
        _hold_at_once(store._pool, 2)
        name = store._pool.name
        assert any(t.name.startswith(name) for t in threading.enumerate())
        store.close()
        _wait_for(lambda: _backends(server.name) == 0, "a connection outlived close()")
        assert not [t.name for t in threading.enumerate() if t.name.startswith(name)]


def test_an_unreachable_server_fails_at_once_and_leaves_no_thread() -> None:
    before = set(threading.enumerate())
    with pytest.raises(psycopg.OperationalError) as err:
        PostgresStore("postgresql://nobody@127.0.0.1:1/none")  # nothing listens on port 1
    # the connection's own error, not the pool's timeout after retrying in the background
    assert not isinstance(err.value, PoolTimeout)
    assert set(threading.enumerate()) <= before


def test_connect_options() -> None:
    assert connect_kwargs("postgresql://u@h/db") == {
        "autocommit": True,
        "connect_timeout": pool_module.CONNECT_TIMEOUT,
    }
    # a timeout in the URL is the user's choice
    assert connect_kwargs("postgresql://u@h/db?connect_timeout=3") == {"autocommit": True}
    with pytest.raises(ValueError):
        Pool("postgresql://u@h/db", 0)
