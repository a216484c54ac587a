"""The one error type of the ingest stage."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file (or one record in it) that could not be read.

    ``str(err)`` is one line naming the file (``file:line`` for a JSONL line, ``file#n`` for a
    WARC or feed record) and the reason, so a batch report can list errors as they are.
    """

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())  # always one line
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {self.reason}")
