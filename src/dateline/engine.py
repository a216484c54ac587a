"""Executors: how per-record work is run. The pipeline hands an executor a pure function and
a stream of captures; a local loop, a process pool and (next wave) a Spark job all fit here."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

A = TypeVar("A")
B = TypeVar("B")


class Executor(Protocol):
    """Runs ``fn`` over ``items`` and yields results in input order."""

    def map(self, fn: Callable[[A], B], items: Iterable[A]) -> Iterator[B]: ...


class SerialExecutor:
    """One process, one record at a time: the default, and what tests use."""

    def map(self, fn: Callable[[A], B], items: Iterable[A]) -> Iterator[B]:
        for item in items:
            yield fn(item)


class ProcessExecutor:
    """A pool of worker processes; each loads its own NLP model once.

    Results keep input order so that a parallel build stores exactly what a serial one does.
    """

    def __init__(self, workers: int | None = None, chunksize: int = 8) -> None:
        self.workers = workers or max(1, (os.cpu_count() or 1))
        self.chunksize = chunksize

    def map(self, fn: Callable[[A], B], items: Iterable[A]) -> Iterator[B]:
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(self.workers) as pool:
            yield from pool.imap(fn, items, chunksize=self.chunksize)


def make_executor(workers: int) -> Executor:
    return SerialExecutor() if workers <= 1 else ProcessExecutor(workers)
