"""The PostgreSQL store's connections: psycopg_pool's ``ConnectionPool`` and one thing it
does not do, handing a thread back the connection it already holds.

psycopg_pool opens, checks, replaces and closes the connections and serves waiting threads in
arrival order (so busy readers cannot starve a writer). What is left here is re-entrancy: a
read inside the thread's own write transaction gets that transaction's connection, so it sees
the transaction's writes and the thread never waits for a second connection while holding one
(with every connection taken, that wait could not end).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

#: connections one store opens at most (one per concurrently reading thread)
POOL_SIZE = 8

#: how long a thread waits for a free connection before giving up (psycopg_pool.PoolTimeout)
POOL_TIMEOUT = 60.0

#: seconds one connection attempt may take, unless the URL says otherwise
CONNECT_TIMEOUT = 10

#: how long ``close`` waits for the pool's maintenance threads to stop
CLOSE_TIMEOUT = 5.0

# Pool names number the pools of a process; the maintenance threads carry the name.
_numbers = itertools.count(1)

Conn = psycopg.Connection[Any]


def connect_kwargs(url: str) -> dict[str, Any]:
    """Connection options every store connection shares: autocommit (transactions are
    explicit), and a bounded connect so an unreachable server gives an error, not a hang."""
    kwargs: dict[str, Any] = {"autocommit": True}
    if "connect_timeout" not in conninfo_to_dict(url):
        kwargs["connect_timeout"] = CONNECT_TIMEOUT
    return kwargs


class Pool:
    """At most ``size`` connections to ``url`` for the threads of one process, one per thread.

    ``configure`` runs on each new connection; ``kwargs`` go to ``psycopg.connect`` beside
    :func:`connect_kwargs`; ``timeout`` bounds a thread's wait for a free connection.
    """

    def __init__(
        self,
        url: str,
        size: int,
        configure: Callable[[Conn], None] | None = None,
        kwargs: dict[str, Any] | None = None,
        timeout: float = POOL_TIMEOUT,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one connection")
        self._local = threading.local()
        self.name = f"dateline-pg-{next(_numbers)}"
        self._pool: ConnectionPool[Conn] = ConnectionPool(
            url,
            kwargs={**connect_kwargs(url), **(kwargs or {})},
            min_size=1,  # the rest are opened as threads ask and closed when idle
            max_size=size,
            open=False,
            configure=configure,
            check=self._check,
            timeout=timeout,
            name=self.name,
            num_workers=2,
        )
        self._pool.open()

    def held(self) -> Conn | None:
        """The connection this thread is using, if any."""
        conn: Conn | None = getattr(self._local, "conn", None)
        return conn

    @contextmanager
    def connection(self, check: bool = False) -> Iterator[Conn]:
        """A connection for this thread; ``check`` first makes sure a reused one still works.

        Raises ``psycopg_pool.PoolTimeout`` after ``timeout`` seconds without a free one
        and ``psycopg_pool.PoolClosed`` once the pool is closed (both ``OperationalError``).
        """
        held = self.held()
        if held is not None:
            yield held
            return
        self._local.check = check
        try:
            conn = self._pool.getconn()
        finally:
            self._local.check = False
        self._local.conn = conn
        try:
            yield conn
        finally:
            self._local.conn = None
            # psycopg_pool rolls back a transaction left open and replaces a broken connection
            self._pool.putconn(conn)

    def _check(self, conn: Conn) -> None:
        """The pool's check, run in the asking thread: only where the caller asked for one (a
        write cannot be repeated safely, a read can, so reads skip the round trip)."""
        if not getattr(self._local, "check", False):
            return
        try:
            ConnectionPool.check_connection(conn)
        except psycopg.Error:
            self.drain()
            raise

    def drain(self) -> None:
        """Replace every connection: the idle ones now, those in use when they come back.
        Called when one turns out dead, as a restarted server leaves all of them; otherwise
        psycopg_pool would find them one at a time, waiting longer after each."""
        self._pool.drain()

    def close(self) -> None:
        """Close the idle connections now and the ones in use when they come back; stop the
        pool's threads."""
        self._pool.close(timeout=CLOSE_TIMEOUT)
