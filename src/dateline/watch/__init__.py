"""Watching feeds and articles over HTTP and keeping every version (issue 10)."""

from dateline.watch.atom import (
    all_feed,
    article_feed,
    changes_feed,
    host_feed,
    story_feed,
    urls_feed,
)
from dateline.watch.extract import Extracted, extract_page
from dateline.watch.feeds import Entry, NotAFeed, parse_entries
from dateline.watch.fetch import Fetcher, FetchResult, UnsafeURL, check_url, host_key
from dateline.watch.run import watch_main
from dateline.watch.schedule import ItemTimes, decide
from dateline.watch.settings import USER_AGENT, WatchSettings
from dateline.watch.state import WatchState
from dateline.watch.watcher import (
    CheckOutcome,
    HostHealth,
    ItemStatus,
    Watcher,
    WatchStatus,
)

__all__ = [
    "USER_AGENT",
    "CheckOutcome",
    "Entry",
    "Extracted",
    "FetchResult",
    "Fetcher",
    "HostHealth",
    "ItemStatus",
    "ItemTimes",
    "NotAFeed",
    "UnsafeURL",
    "WatchSettings",
    "WatchState",
    "WatchStatus",
    "Watcher",
    "all_feed",
    "article_feed",
    "changes_feed",
    "check_url",
    "decide",
    "extract_page",
    "host_feed",
    "host_key",
    "parse_entries",
    "story_feed",
    "urls_feed",
    "watch_main",
]
