"""A click-free entry point for the CLI: ``dateline watch`` calls ``watch_main``."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dateline.models import Document
from dateline.watch.settings import WatchSettings
from dateline.watch.state import WatchState
from dateline.watch.watcher import Watcher, WatchStatus

log = logging.getLogger("dateline.watch")


def watch_main(
    state_path: str | Path,
    feeds: list[str] = (),  # type: ignore[assignment]
    articles: list[str] = (),  # type: ignore[assignment]
    once: bool = False,
    on_document: Callable[[Document], Any] | None = None,
    settings: WatchSettings | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> WatchStatus:
    """Add the given feeds/articles, then run one cycle (``once``) or until SIGTERM/SIGINT.

    The schedule lives in ``state_path`` (SQLite; may be the main store's file), so a
    restarted watcher carries on where it stopped.
    """
    state = WatchState(state_path)
    watcher = Watcher(state, settings=settings, on_document=on_document)
    try:
        for url in feeds:
            watcher.add_feed(url, include=include, exclude=exclude)
        for url in articles:
            watcher.add_article(url)
        if once:
            watcher.run_once()
        else:
            stop = threading.Event()

            def _stop(signum: int, _frame: object) -> None:
                log.info("signal %s: finishing the current cycle and stopping", signum)
                stop.set()

            previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
            try:
                watcher.run_forever(stop)
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
        return watcher.status()
    finally:
        watcher.close()
        state.close()
