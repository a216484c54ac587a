"""The plain-host schedule and the cheap signals it can use (issue 10).

Hosts that send neither validators nor modified times still show a story's current title and
summary in their RSS feed while the story is in it; the watcher treats a change there as a
change of the article. Runs in-process (``httpx.MockTransport``) on a fake clock.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import httpx

from dateline.watch import Extracted, Watcher, WatchSettings, WatchState
from dateline.watch.schedule import ItemTimes, dateline_policy, newssniffer_policy
from dateline.watch.settings import DAY, HOUR, MINUTE

BASE = "http://plain.news.test"


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


class PlainSite:
    """RSS with title and description, no validators, no modified times."""

    def __init__(self) -> None:
        self.feeds: dict[str, list[tuple[str, str, str]]] = {}  # path -> (path, title, desc)
        self.pages: dict[str, tuple[str, str]] = {}  # path -> (title, body)
        self.hits: dict[str, int] = {}

    def handler(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.hits[path] = self.hits.get(path, 0) + 1
        if path in self.feeds:
            items = "".join(
                f"<item><title>{t}</title><link>{BASE}{p}</link><guid>{BASE}{p}</guid>"
                f"<description>{d}</description></item>"
                for p, t, d in self.feeds[path]
            )
            return httpx.Response(200, text=f"<rss version='2.0'><channel>{items}</channel></rss>")
        if path in self.pages:
            title, body = self.pages[path]
            return httpx.Response(200, text=f"<html><h1>{title}</h1><p>{body}</p></html>")
        return httpx.Response(404)


def _extract(html: str, url: str | None = None) -> Extracted:
    title = html.split("<h1>")[1].split("</h1>")[0]
    body = html.split("<p>")[1].split("</p>")[0]
    return Extracted(title, None, body, None, None, "test", "1")


def _watcher(site: PlainSite, clock: Clock, **kw: object) -> tuple[WatchState, Watcher]:
    state = WatchState(":memory:")
    settings = WatchSettings(allow_private=True, per_host_delay=0.0, concurrency=1, **kw)
    w = Watcher(state, httpx.MockTransport(site.handler), clock, settings, extractor=_extract)
    return state, w


def _results(out: list) -> list[tuple[str, str]]:
    return [(o.kind, o.result) for o in out]


def test_feed_title_or_summary_change_pulls_the_article_forward():
    site, clock = PlainSite(), Clock()
    site.pages["/a"] = ("Talks open", "Ministers met in Lorne.")
    site.feeds["/feed.xml"] = [("/a", "Talks open", "Ministers met in Lorne.")]
    state, w = _watcher(site, clock, feed_interval=10 * MINUTE)
    w.add_feed(BASE + "/feed.xml")
    assert _results(w.run_once()) == [("feed", "feed"), ("article", "new")]
    art = state.item_by_url(BASE + "/a")
    assert not art.hinted  # no modified time: the plain schedule stays in charge
    due_before = art.next_check

    # the feed is polled again, unchanged: the article is not pulled forward
    clock.advance(minutes=10)
    assert _results(w.run_once()) == [("feed", "unchanged")]

    # the story changes and the feed's summary with it: the same cycle fetches the article
    clock.advance(minutes=10)
    assert clock.t.timestamp() < due_before  # not yet due on its own schedule
    site.pages["/a"] = ("Talks open", "Ministers met in Lorne. Talks broke up at noon.")
    site.feeds["/feed.xml"] = [("/a", "Talks open", "Ministers met in Lorne. Talks broke up.")]
    assert _results(w.run_once()) == [("feed", "feed"), ("article", "changed")]
    assert len(state.versions(art.id)) == 2
    assert not state.item_by_url(BASE + "/a").hinted

    # a title change alone also counts
    clock.advance(minutes=15)
    site.pages["/a"] = ("Talks collapse", "Ministers met in Lorne. Talks broke up at noon.")
    site.feeds["/feed.xml"] = [("/a", "Talks collapse", "Ministers met in Lorne. Talks broke up.")]
    assert _results(w.run_once()) == [("feed", "feed"), ("article", "changed")]


def test_another_feeds_wording_of_the_same_story_is_not_a_change():
    site, clock = PlainSite(), Clock()
    site.pages["/a"] = ("Talks open", "Ministers met in Lorne.")
    site.feeds["/world.xml"] = [("/a", "Talks open", "Ministers met in Lorne.")]
    site.feeds["/top.xml"] = [("/a", "TOP: Talks open", "Read the story of the day.")]
    _state, w = _watcher(site, clock)
    w.add_feed(BASE + "/world.xml")
    w.add_feed(BASE + "/top.xml")
    w.run_once()
    hits = site.hits["/a"]
    for _ in range(3):  # both feeds polled, each with its own unchanged wording
        clock.advance(minutes=15)
        w.run_once()
    assert site.hits["/a"] == hits + 1  # only the schedule's own check at 30 min


def test_feed_wording_is_ignored_without_hints():
    # the comparison schedules had no such signal: with use_hints off nothing is pulled
    site, clock = PlainSite(), Clock()
    site.pages["/a"] = ("Talks open", "Ministers met in Lorne.")
    site.feeds["/feed.xml"] = [("/a", "Talks open", "Ministers met in Lorne.")]
    _state, w = _watcher(site, clock, use_hints=False, schedule="newssniffer")
    w.add_feed(BASE + "/feed.xml")
    w.run_once()
    clock.advance(minutes=15)
    site.feeds["/feed.xml"] = [("/a", "Talks collapse", "Ministers met in Lorne.")]
    assert _results(w.run_once()) == [("feed", "feed")]


def test_a_bare_stated_date_does_not_age_a_fresh_story():
    # A page stating only "2 March 2026" (a "Last updated" line) at 21:00 that day was not
    # published at midnight: its dense first hours must not be skipped.
    site, clock = PlainSite(), Clock()
    clock.t = datetime(2026, 3, 2, 21, 0, tzinfo=UTC)
    site.pages["/a"] = ("Talks open", "Ministers met in Lorne.")

    def dated(html: str, url: str | None = None) -> Extracted:
        e = _extract(html, url)
        e.date = "2026-03-02"
        return e

    state, w = _watcher(site, clock)
    w.extract = dated
    w.add_article(BASE + "/a")
    w.run_once()
    art = state.item_by_url(BASE + "/a")
    assert art.next_check - clock.t.timestamp() == WatchSettings().min_interval
    # an old page added by hand still starts from its own date
    site.pages["/b"] = ("Old story", "Ministers met in Lorne last month.")

    def old(html: str, url: str | None = None) -> Extracted:
        e = _extract(html, url)
        e.date = "2026-01-10"
        return e

    w.extract = old
    w.add_article(BASE + "/b")
    w.run_once()
    b = state.item_by_url(BASE + "/b")
    assert b.last_changed is not None and b.last_changed < clock.t.timestamp() - 40 * DAY


def _checks(policy, s: WatchSettings, lag: float = 7 * MINUTE) -> list[float]:
    """Check times (seconds after publication) of an article that never changes."""
    now, interval, out = lag, 0.0, []
    while True:
        out.append(now)
        d = policy(ItemTimes(lag, None, interval, False, False, False), now, s)
        if d.interval is None:
            return out
        interval = d.interval
        now += interval


def test_plain_schedule_spends_no_more_than_news_sniffer_and_keeps_watching():
    s = WatchSettings()
    ours, theirs = _checks(dateline_policy, s), _checks(newssniffer_policy, s)
    assert len(ours) <= len(theirs)
    # denser than News Sniffer where the changes are (the first day) ...
    first_day = sum(1 for t in ours if t < DAY)
    assert first_day > sum(1 for t in theirs if t < DAY)
    # ... and through the first week, no wait longer than a fifth of the article's age
    week = [(a, b - a) for a, b in itertools.pairwise(ours) if DAY <= a < 7 * DAY]
    assert week and all(gap <= 0.2 * a + 30 * MINUTE for a, gap in week)
    # late changes are still caught: no gap over max_interval until the quiet period ends
    gaps = [b - a for a, b in itertools.pairwise(ours)]
    assert max(gaps) <= s.max_interval and ours[-1] >= s.quiet_period
    assert ours[-1] < s.quiet_period + HOUR
