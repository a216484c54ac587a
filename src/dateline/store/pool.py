"""A small pool of psycopg connections for the threads of one process.

The PostgreSQL store takes one connection per thread from here, so the web app's worker
threads read at the same time. psycopg_pool would do much of this, but it is one dependency
more for about a hundred lines; this one also hands a thread back the connection it already
holds, and serves waiters in arrival order.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

#: connections one store opens at most (one per concurrently reading thread)
POOL_SIZE = 8

#: how long a thread waits for a free connection before giving up
POOL_TIMEOUT = 60.0


class Pool:
    """Connections for the threads of one process, opened when first needed, at most ``size``.

    A thread holds one connection at a time: a read inside the thread's own write transaction
    gets that transaction's connection back, so it sees the transaction's writes and cannot
    wait for a second connection while holding the first (no deadlock when all are taken).
    """

    def __init__(self, connect: Callable[[], psycopg.Connection[Any]], size: int) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one connection")
        self._connect = connect
        self._slots = FairSlots(size)
        self._idle: list[psycopg.Connection[Any]] = []
        self._mutex = threading.Lock()
        self._local = threading.local()
        self._closed = False

    def held(self) -> psycopg.Connection[Any] | None:
        """The connection this thread is using, if any."""
        conn: psycopg.Connection[Any] | None = getattr(self._local, "conn", None)
        return conn

    @contextmanager
    def connection(self, check: bool = False) -> Iterator[psycopg.Connection[Any]]:
        """A connection for this thread; ``check`` first makes sure a reused one still works."""
        held = self.held()
        if held is not None:
            yield held
            return
        if self._closed:
            raise psycopg.InterfaceError("the store is closed")
        if not self._slots.acquire(timeout=POOL_TIMEOUT):
            raise psycopg.OperationalError(
                f"no free PostgreSQL connection after {POOL_TIMEOUT:.0f} s"
            )
        conn = None
        try:
            conn = self._take(check)
            self._local.conn = conn
            yield conn
        finally:
            self._local.conn = None
            if conn is not None:
                self._give(conn)
            self._slots.release()

    def _take(self, check: bool) -> psycopg.Connection[Any]:
        with self._mutex:
            conn = self._idle.pop() if self._idle else None
        if conn is not None and check:
            try:
                conn.execute("SELECT 1")
            except psycopg.OperationalError:
                conn.close()
                self.discard_idle()  # a restarted server dropped them all
                conn = None
        return conn if conn is not None else self._connect()

    def _give(self, conn: psycopg.Connection[Any]) -> None:
        idle = conn.info.transaction_status == TransactionStatus.IDLE
        if self._closed or conn.broken or conn.closed or not idle:
            conn.close()
            return
        with self._mutex:
            self._idle.append(conn)

    def discard_idle(self) -> None:
        with self._mutex:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def close(self) -> None:
        """Close the idle connections now and the ones in use when they come back."""
        self._closed = True
        self.discard_idle()


class FairSlots:
    """A counting semaphore that serves waiters in arrival order. Python's own lets a thread
    that releases and at once acquires again win over those already waiting, so a few busy
    readers could starve a writer for good."""

    def __init__(self, size: int) -> None:
        self._free = size
        self._waiters: deque[threading.Event] = deque()
        self._mutex = threading.Lock()

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if self._free and not self._waiters:
                self._free -= 1
                return True
            turn = threading.Event()
            self._waiters.append(turn)
        if turn.wait(timeout):
            return True
        with self._mutex:
            if turn.is_set():  # handed a slot just as the wait ran out
                return True
            self._waiters.remove(turn)
            return False

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().set()  # the slot passes straight to the next in line
            else:
                self._free += 1
