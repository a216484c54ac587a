"""The PostgreSQL store's connection pool, with stand-in connections (no server needed)."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any

import psycopg
import pytest
from psycopg.pq import TransactionStatus

from dateline.store.pool import FairSlots, Pool


class FakeConnection:
    """Just what the pool looks at: broken/closed flags, the transaction status, close()."""

    made = 0

    def __init__(self) -> None:
        FakeConnection.made += 1
        self.number = FakeConnection.made
        self.broken = False
        self.closed = False
        self.dead = False  # the server has dropped it; the next statement fails
        self.info = SimpleNamespace(transaction_status=TransactionStatus.IDLE)

    def execute(self, sql: str, *args: Any) -> None:
        if self.dead:
            self.broken = True
            raise psycopg.OperationalError("server closed the connection")

    def close(self) -> None:
        self.closed = True


def _pool(size: int) -> Pool:
    return Pool(FakeConnection, size)  # type: ignore[arg-type]


def _wait_for(cond: Any) -> None:
    deadline = time.monotonic() + 10
    while not cond():
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_waiters_are_served_in_arrival_order() -> None:
    slots = FairSlots(1)
    assert slots.acquire(timeout=1)
    order: list[int] = []

    def wait(n: int) -> None:
        assert slots.acquire(timeout=10)
        order.append(n)
        slots.release()

    threads = []
    for n in range(4):
        t = threading.Thread(target=wait, args=(n,))
        t.start()
        threads.append(t)
        _wait_for(lambda n=n: len(slots._waiters) == n + 1)
    slots.release()
    for t in threads:
        t.join(timeout=10)
    assert order == [0, 1, 2, 3]


def test_a_wait_can_time_out_and_the_slot_is_not_lost() -> None:
    slots = FairSlots(1)
    assert slots.acquire(timeout=1)
    assert not slots.acquire(timeout=0.02)
    assert not slots._waiters
    slots.release()
    assert slots.acquire(timeout=0) and not slots.acquire(timeout=0)


def test_a_thread_gets_back_the_connection_it_holds() -> None:
    pool = _pool(1)
    with pool.connection() as outer:
        assert pool.held() is outer
        with pool.connection() as inner:  # with one slot, asking for a second would hang
            assert inner is outer
        assert pool.held() is outer
    assert pool.held() is None
    with pool.connection() as again:
        assert again is outer  # reused, not reopened


def test_threads_get_their_own_connections_up_to_the_size() -> None:
    pool = _pool(2)
    inside = threading.Barrier(2, timeout=10)
    got: list[Any] = []

    def use() -> None:
        with pool.connection() as conn:
            got.append(conn)
            inside.wait()  # both hold one at the same time

    threads = [threading.Thread(target=use) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len({id(c) for c in got}) == 2


def test_broken_and_busy_connections_are_not_reused() -> None:
    pool = _pool(2)
    with pool.connection() as conn:
        conn.broken = True
    assert conn.closed
    with pool.connection() as conn2:
        assert conn2 is not conn
        conn2.info.transaction_status = TransactionStatus.INTRANS  # left mid-transaction
    assert conn2.closed
    with pool.connection() as conn3:
        assert conn3 not in (conn, conn2)


def test_check_replaces_a_dropped_connection_and_the_other_idle_ones() -> None:
    pool = _pool(3)
    a, b = threading.Event(), threading.Event()
    first: list[Any] = []

    def hold(done: threading.Event) -> None:
        with pool.connection() as conn:
            first.append(conn)
            done.wait(10)

    threads = [threading.Thread(target=hold, args=(e,)) for e in (a, b)]
    for t in threads:
        t.start()
    _wait_for(lambda: len(first) == 2)
    a.set()
    b.set()
    for t in threads:
        t.join(timeout=10)
    for conn in first:
        conn.dead = True  # a server restart
    with pool.connection(check=True) as fresh:
        assert fresh not in first
    assert all(c.closed for c in first)


def test_a_closed_pool_refuses_and_closes_what_comes_back() -> None:
    pool = _pool(2)
    idle: list[Any] = []

    def use_one() -> None:
        with pool.connection() as conn:
            idle.append(conn)

    with pool.connection() as busy:
        other = threading.Thread(target=use_one)  # takes and returns a second connection
        other.start()
        other.join(timeout=10)
        assert idle and idle[0] is not busy and not idle[0].closed
        pool.close()
        assert idle[0].closed and not busy.closed
    assert busy.closed
    with pytest.raises(psycopg.InterfaceError), pool.connection():
        pass
