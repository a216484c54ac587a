"""Ingest: files and folders in, raw :class:`~dateline.models.Capture` records out.

``read_paths`` walks folders (sorted, hidden files skipped), picks a reader per file by
extension and content (plain text, HTML, JSONL, WARC, RSS/Atom, token-per-element XML
such as MEANTIME) and yields captures lazily.
A file or record it cannot read becomes an :class:`IngestError` passed to ``on_error``; the
batch always goes on. Nothing here cleans text: that is :mod:`dateline.clean`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dateline.ingest.errors import IngestError
from dateline.ingest.readers import (
    read_feed,
    read_html,
    read_jsonl,
    read_text,
    read_tokens,
    read_warc,
)
from dateline.ingest.settings import IngestSettings
from dateline.ingest.sniff import kind_for
from dateline.models import Capture

__all__ = ["IngestError", "IngestSettings", "iter_files", "read_file", "read_paths"]

log = logging.getLogger(__name__)


def read_paths(
    paths: Iterable[str | Path],
    on_error: Callable[[IngestError], None] | None = None,
    *,
    settings: IngestSettings | None = None,
) -> Iterator[Capture]:
    """Every capture in ``paths`` (files or folders), in a stable order.

    ``on_error`` receives each :class:`IngestError`; without it errors are logged as
    warnings. Either way the remaining files are still read.
    """
    settings = settings or IngestSettings()
    report = on_error or _log_error
    for path in iter_files(paths, report):
        yield from read_file(path, report, settings)


def iter_files(
    paths: Iterable[str | Path], report: Callable[[IngestError], None]
) -> Iterator[Path]:
    """Files under ``paths``: folders walked recursively in sorted order, hidden entries skipped."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        elif path.is_file():
            yield path
        else:
            report(IngestError(path, "no such file or folder"))


def read_file(
    path: Path, report: Callable[[IngestError], None], settings: IngestSettings
) -> Iterator[Capture]:
    """Captures of one file; an error stops this file only."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8192)
            if not head.strip():
                raise IngestError(
                    path, "empty file" if size == 0 else "empty file (only whitespace)"
                )
            kind = kind_for(path.name, head)
            stream.seek(0)
            if kind == "warc":
                yield from read_warc(path, stream, settings, report)
                return
            if kind == "jsonl":
                yield from read_jsonl(path, stream, settings, report)
                return
            if size > settings.max_bytes:
                raise IngestError(
                    path,
                    f"file is {size / 1048576:.1f} MB, over the {settings.max_bytes / 1048576:.0f} MB "
                    "limit (DATELINE_MAX_BYTES)",
                )
            data = stream.read()
        if kind == "feed":
            yield from read_feed(path, data, settings, report)
        elif kind == "tokens":
            yield from read_tokens(path, data, settings)
        elif kind == "html":
            yield from read_html(path, data, settings)
        else:
            yield from read_text(path, data, settings)
    except IngestError as err:
        report(err)
    except OSError as exc:
        report(IngestError(path, f"cannot read: {exc.strerror or exc}"))


def _log_error(err: IngestError) -> None:
    log.warning("%s", err)
