"""The watcher: fetch what is due, store new versions, schedule the next look.

One cycle (``run_once``) takes the due feeds and sitemaps, then the due articles (including
any a feed just found or pulled forward), fetches them with one worker per host so a slow or
failing host only delays itself, and applies the results on the calling thread (the only
writer of the state). Time comes from the injected ``clock``, so a month of simulated time
runs in seconds.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from statistics import median
from typing import Any
from urllib.parse import urlsplit

import httpx

from dateline.models import DateEstimate, Document, Version, content_hash
from dateline.versions.normalise import normalise_text
from dateline.watch.extract import Extracted, extract_page
from dateline.watch.feeds import NotAFeed, parse_entries
from dateline.watch.fetch import (
    Fetcher,
    FetchResult,
    StateRobots,
    UnsafeURL,
    check_url,
    host_key,
)
from dateline.watch.schedule import ItemTimes, decide
from dateline.watch.settings import DAY, WatchSettings
from dateline.watch.state import Item, StoredVersion, WatchState

log = logging.getLogger("dateline.watch")

Clock = Callable[[], datetime]


def _system_clock() -> datetime:
    return datetime.now(UTC)


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_time(value: str | None) -> float | None:
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def _stated_time(value: str | None, now: float) -> float | None:
    """A time the page states, read as late as it may be: a bare date ("2026-03-02", as a
    page's "Last updated" line gives) is taken as the end of that day, not its midnight, so a
    story published this evening is not scheduled as if it were a day old."""
    t = _parse_time(value)
    if t is not None and value and len(value.strip()) <= 10:
        t = min(t + DAY, now)
    return t


def _same_article(a: str, b: str) -> bool:
    """Does a redirect from ``a`` to ``b`` keep the article (scheme, www, slash, query)?"""
    pa, pb = urlsplit(a), urlsplit(b)
    ha = (pa.hostname or "").removeprefix("www.")
    hb = (pb.hostname or "").removeprefix("www.")
    return ha == hb and pa.path.rstrip("/") == pb.path.rstrip("/")


@dataclass
class CheckOutcome:
    """What one check of an item did (returned by ``run_once`` for callers and the benchmark)."""

    url: str
    kind: str
    result: str  # new | changed | revert | unchanged | not_modified | gone | redirected | error | blocked | feed
    requests: int = 1
    full_body: bool = False
    detail: str = ""
    version: int | None = None


@dataclass
class ItemStatus:
    url: str
    kind: str
    state: str
    versions: int
    changes: int  # changes after the first version (the first version is not a change)
    next_check: str | None
    summary: str  # "next check 2026-03-02T10:00Z" or "not checked since ...: 40 days unchanged"


@dataclass
class HostHealth:
    host: str
    fetches: int
    plausible: int
    share: float | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class WatchStatus:
    items: list[ItemStatus]
    hosts: list[HostHealth]
    counts: dict[str, int]


class Watcher:
    """Follows feeds, sitemaps and article URLs; see the module docstring."""

    def __init__(
        self,
        state: WatchState,
        transport: httpx.BaseTransport | None = None,
        clock: Clock | None = None,
        settings: WatchSettings | None = None,
        on_document: Callable[[Document], Any] | None = None,
        sleep: Callable[[float], None] | None = None,
        extractor: Callable[[str, str | None], Extracted] = extract_page,
    ) -> None:
        self.state = state
        self.settings = settings or WatchSettings()
        self.clock = clock or _system_clock
        self.on_document = on_document
        self.fetcher = Fetcher(self.settings, transport=transport, robots_cache=StateRobots(state))
        self.sleep = sleep or time.sleep
        self.extract = extractor

    def close(self) -> None:
        self.fetcher.close()

    def now(self) -> float:
        return self.clock().timestamp()

    # -- adding things to watch ----------------------------------------------------------
    def _check_new_url(self, url: str) -> None:
        check_url(url, allow_private=True)  # scheme now; addresses are checked at fetch time
        if not self.settings.allow_private:
            try:
                check_url(url, allow_private=False)
            except UnsafeURL as exc:
                if "cannot resolve" not in str(exc):  # offline adds are allowed
                    raise

    def add_feed(
        self, url: str, include: list[str] | None = None, exclude: list[str] | None = None
    ) -> Item:
        """Follow an RSS/Atom feed or a (news) sitemap. ``include``/``exclude`` are regular
        expressions searched in entry URLs (e.g. ``exclude=["/sport/", "/live/"]``)."""
        self._check_new_url(url)
        kind = "sitemap" if "sitemap" in url.lower() and url.lower().endswith(".xml") else "feed"
        item, _ = self.state.add_item(
            url, kind, host_key(url), self.now(), include=include or [], exclude=exclude or []
        )
        return item

    def add_article(self, url: str) -> Item:
        self._check_new_url(url)
        item, _ = self.state.add_item(url, "article", host_key(url), self.now())
        return item

    # -- cycles ----------------------------------------------------------------------------
    def run_once(self) -> list[CheckOutcome]:
        """Check everything due now: feeds first, then articles (with those feeds found)."""
        outcomes: list[CheckOutcome] = []
        due = self.state.due(self.now())
        feeds = [i for i in due if i.kind != "article"]
        if feeds:
            outcomes += self._run_batch(feeds)
            due = self.state.due(self.now())
        articles = [i for i in due if i.kind == "article"]
        if articles:
            outcomes += self._run_batch(articles)
        return outcomes

    def run_forever(self, stop_event: threading.Event, idle: float = 60.0) -> None:
        """Cycle until ``stop_event`` is set; sleeps until the next item is due."""
        while not stop_event.is_set():
            try:
                self.run_once()
            except Exception:  # a bug in one cycle must not end a long-lived watcher
                log.exception("watch cycle failed")
            nxt = self.state.next_due_time()
            wait = idle if nxt is None else min(idle, max(1.0, nxt - self.now()))
            stop_event.wait(wait)

    def next_due(self) -> float | None:
        return self.state.next_due_time()

    def _run_batch(self, items: list[Item]) -> list[CheckOutcome]:
        by_host: dict[str, list[Item]] = {}
        now = self.now()
        for item in items:
            blocked = self.state.host(item.host).get("blocked_until")
            if blocked and blocked > now:
                self.state.update_item(item.id, next_check=blocked)
                continue
            by_host.setdefault(item.host, []).append(item)
        results: queue.Queue[tuple[Item, FetchResult | None]] = queue.Queue()

        started = time.monotonic()

        def work(host_items: list[Item]) -> None:
            for n, item in enumerate(host_items):
                if time.monotonic() - started > self.settings.host_budget:
                    # a slow host keeps the rest of its queue for the next cycle instead of
                    # holding this one (and every other host's next cycle) up
                    for rest in host_items[n:]:
                        results.put((rest, None))
                    return
                if n and self.settings.per_host_delay > 0:
                    self.sleep(self.settings.per_host_delay)
                try:
                    res = self.fetcher.get(item.url, item.etag, item.last_modified, self.now())
                except Exception as exc:  # never let one page kill the host's queue
                    res = FetchResult(url=item.url, final_url=item.url, error=repr(exc)[:300])
                results.put((item, res))
                if res.retry_after:
                    for rest in host_items[n + 1 :]:
                        results.put((rest, None))
                    return

        outcomes: list[CheckOutcome] = []
        total = sum(len(v) for v in by_host.values())
        if self.settings.concurrency <= 1 or len(by_host) <= 1:
            for host_items in by_host.values():
                work(host_items)
            while not results.empty():
                outcomes.append(self._apply(*results.get()))
            return outcomes
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            futures = [pool.submit(work, v) for v in by_host.values()]
            for _ in range(total):
                outcomes.append(self._apply(*results.get()))
            for f in futures:
                f.result()
        return outcomes

    # -- applying a fetch ------------------------------------------------------------------
    def _apply(self, item: Item, res: FetchResult | None) -> CheckOutcome:
        now = self.now()
        if res is None:  # host asked us to wait; keep the item for when it may be asked
            blocked = self.state.host(item.host).get("blocked_until") or now
            self.state.update_item(item.id, next_check=max(blocked, now))
            return CheckOutcome(item.url, item.kind, "blocked", requests=0)
        if item.kind == "article":
            return self._apply_article(item, res, now)
        return self._apply_feed(item, res, now)

    def _fault(self, item: Item, res: FetchResult, now: float) -> CheckOutcome:
        s = self.settings
        n = item.consecutive_errors + 1
        values: dict[str, Any] = {
            "checks": item.checks + 1,
            "errors": item.errors + 1,
            "consecutive_errors": n,
            "last_checked": now,
            "reason": res.error,
        }
        if res.retry_after:
            until = now + min(res.retry_after, 7 * DAY)
            self.state.update_host(item.host, blocked_until=until)
            values["next_check"] = until
            values["consecutive_errors"] = item.consecutive_errors
        elif res.robots_blocked:
            values.update(state="stopped", reason=f"disallowed by robots.txt since {iso(now)}")
        elif res.error and res.error.startswith("refused"):
            values.update(state="failed", reason=res.error)
        elif n >= s.max_errors:
            values.update(state="failed", reason=f"gave up after {n} failures: {res.error}")
        else:
            values["next_check"] = now + s.error_backoff * s.error_backoff_factor ** (n - 1)
        log.warning("watch %s: %s", item.url, res.error)
        self.state.update_item(item.id, **values)
        return CheckOutcome(item.url, item.kind, "error", detail=res.error or "")

    def _schedule(self, item: Item, now: float, changed: bool, **values: Any) -> None:
        times = ItemTimes(
            first_seen=values.get("first_seen", item.first_seen) or now,
            last_changed=values.get("last_changed", item.last_changed),
            interval=item.interval,
            changed=changed,
            cheap=bool(values.get("cheap", item.cheap)),
            hinted=bool(values.get("hinted", item.hinted)) and self.settings.use_hints,
        )
        d = decide(times, now, self.settings)
        if d.interval is None:
            values.update(
                state="stopped",
                next_check=None,
                reason=f"not checked since {iso(now)[:10] if iso(now) else '?'}: {d.reason}",
            )
        else:
            values.update(interval=d.interval, next_check=now + d.interval, reason=None)
        values.update(last_checked=now, checks=item.checks + 1, consecutive_errors=0)
        self.state.update_item(item.id, **values)

    def _apply_article(self, item: Item, res: FetchResult, now: float) -> CheckOutcome:
        if res.error:
            return self._fault(item, res, now)
        requests = 1 + len(res.redirects)
        if res.not_modified:
            if item.current_version:
                self.state.touch_version(item.current_version, now)
            self._schedule(item, now, False, cheap=True, not_modified=item.not_modified + 1)
            return CheckOutcome(item.url, "article", "not_modified", requests)
        # A redirect away from an article we have read is a tombstone; on the first fetch it
        # is just where the link leads (feed tracking links, short links).
        moved = (
            item.current_version is not None
            and bool(res.redirects)
            and not _same_article(item.url, res.final_url)
        )
        if res.status in (404, 410) or moved:
            gone = res.status in (404, 410)
            kind = "deleted" if gone else "redirected"
            detail = f"HTTP {res.status}" if gone else f"redirected to {res.final_url}"
            self.state.add_change(item.id, now, kind, item.current_version, None, detail)
            self.state.update_item(
                item.id,
                state="gone" if gone else "redirected",
                reason=f"{kind} on {iso(now)}: {detail}",
                next_check=None,
                last_checked=now,
                checks=item.checks + 1,
            )
            return CheckOutcome(item.url, "article", "gone" if gone else "redirected", requests)
        if res.status != 200 or res.body is None:
            res.error = res.error or f"HTTP {res.status}"
            return self._fault(item, res, now)
        html = res.body.decode("utf-8", errors="replace")
        try:
            ex = self.extract(html, res.final_url)
        except Exception as exc:
            res.error = f"extraction failed: {exc!r}"[:300]
            return self._fault(item, res, now)
        self._record_health(item.host, len(ex.body))
        # A host that answers our conditional GET with a full 200 and the same validator does
        # not honour validators: every check there costs a body.
        honours = bool(res.etag or res.last_modified) and not (
            res.conditional and res.etag and res.etag == item.etag
        )
        values: dict[str, Any] = {
            "etag": res.etag,
            "last_modified": res.last_modified,
            "cheap": honours,
            "fetches": item.fetches + 1,
            "title": ex.title or item.title,
        }
        if item.first_seen is None:
            values["first_seen"] = now
        raw_hash = self.state.put_blob(res.body)
        key = self._content_key(ex)
        current = self.state.version(item.current_version) if item.current_version else None
        if current is not None and current.content_hash == key:
            self.state.touch_version(current.id, now)
            self._schedule(item, now, False, **values)
            return CheckOutcome(item.url, "article", "unchanged", requests, True)
        earlier = self.state.version_by_hash(item.id, key) if current is not None else None
        if earlier is not None and self.settings.store_reverts_once:
            self.state.touch_version(earlier.id, now)
            self.state.add_change(
                item.id,
                now,
                "revert",
                current.id if current else None,
                earlier.id,
                f"back to version {earlier.seq}",
            )
            values.update(current_version=earlier.id, last_changed=now)
            self._schedule(item, now, True, **values)
            self._emit(item, earlier, ex, html, now, back_to=True)
            return CheckOutcome(item.url, "article", "revert", requests, True, version=earlier.seq)
        version = self.state.add_version(
            item.id,
            now,
            content_hash=key,
            title=ex.title,
            byline=ex.byline,
            text=ex.body,
            http_status=res.status,
            final_url=res.final_url,
            etag=res.etag,
            last_modified=res.last_modified,
            date_modified=ex.date_modified,
            extractor=ex.extractor,
            extractor_version=ex.extractor_version,
            raw_hash=raw_hash,
        )
        kind = "first" if current is None else "change"
        self.state.add_change(
            item.id,
            now,
            kind,
            current.id if current else None,
            version.id,
            f"version {version.seq}",
        )
        values["current_version"] = version.id
        if current is not None:
            values["last_changed"] = now
        elif self.settings.use_hints:
            # An old page added by hand starts its schedule at its own modified time.
            stated = _stated_time(ex.date_modified, now) or _stated_time(ex.date, now)
            if stated is not None and stated < now:
                values["last_changed"] = stated
        self._schedule(item, now, current is not None, **values)
        self._emit(item, version, ex, html, now)
        return CheckOutcome(
            item.url,
            "article",
            "new" if current is None else "changed",
            requests,
            True,
            version=version.seq,
        )

    def _content_key(self, ex: Extracted) -> str:
        if self.settings.normalise:
            parts = [normalise_text(ex.title), normalise_text(ex.byline), normalise_text(ex.body)]
        else:
            parts = [ex.title or "", ex.byline or "", ex.body]
        return content_hash("\x1e".join(parts), 32)

    def _emit(
        self,
        item: Item,
        version: StoredVersion,
        ex: Extracted,
        html: str,
        now: float,
        back_to: bool = False,
    ) -> None:
        """Hand the new version to the main store (``on_document``). ``back_to``: the article
        went back to ``version``'s earlier text (A->B->A); the watch state records a revert, and
        the main store gets that text again as the article's newest version, so the events it
        tells follow the article back."""
        if self.on_document is None:
            return
        versions = [
            Version(
                index=v.seq,
                label=f"version {v.seq}",
                text=v.text,
                title=v.title,
                timestamp=iso(v.first_seen),
                content_hash=v.content_hash,
            )
            for v in self.state.versions(item.id)
        ]
        doc_id = content_hash(f"{item.url}\n{version.content_hash}")
        note = f"watched: version {version.seq} fetched {iso(now)}"
        if back_to:
            n = len(versions) + sum(
                1 for c in self.state.changes(item_id=item.id, limit=100_000) if c.kind == "revert"
            )
            versions.append(
                Version(
                    index=n,
                    label=f"version {n} (back to version {version.seq})",
                    text=version.text,
                    title=version.title,
                    timestamp=iso(now),
                    content_hash=version.content_hash,
                )
            )
            doc_id = content_hash(f"{item.url}\n{version.content_hash}\nrevert {n}")
            note = f"watched: back to version {version.seq} at {iso(now)}"
        doc = Document(
            id=doc_id,
            source=item.url,
            kind="html",
            # a revert's text is the earlier version's (they differ at most in noise)
            body=version.text if back_to else ex.body,
            title=ex.title,
            outlet=urlsplit(version.final_url or item.url).hostname,
            url=version.final_url or item.url,
            published=(
                DateEstimate(ex.date, "day", "given", 0.9, ["date stated by the page"])
                if ex.date
                else None
            ),
            versions=versions,
            raw=html,
            raw_hash=version.raw_hash or "",
            notes=[note],
            fetched=iso(now),
        )
        try:
            self.on_document(doc)
        except Exception:  # the main store failing must not lose the watch state
            log.exception("on_document failed for %s", item.url)

    def _record_health(self, host: str, length: int) -> None:
        h = self.state.host(host)
        lengths = (h["lengths"] + [length])[-20:]
        plausible = length >= self.settings.plausible_chars
        baseline = h.get("baseline")
        if plausible:
            baseline = length if baseline is None else 0.95 * baseline + 0.05 * length
        self.state.update_host(
            host,
            fetches=(h["fetches"] or 0) + 1,
            plausible=(h["plausible"] or 0) + int(plausible),
            lengths=lengths,
            baseline=baseline,
        )

    def _apply_feed(self, item: Item, res: FetchResult, now: float) -> CheckOutcome:
        s = self.settings
        if res.error or (res.status not in (200, 304)):
            res.error = res.error or f"HTTP {res.status}"
            return self._fault(item, res, now)
        values: dict[str, Any] = {
            "etag": res.etag,
            "last_modified": res.last_modified,
            "last_checked": now,
            "checks": item.checks + 1,
            "consecutive_errors": 0,
            "reason": None,
            "interval": s.feed_interval,
            "next_check": now + s.feed_interval,
        }
        if res.not_modified or res.body is None:
            values["not_modified"] = item.not_modified + 1
            self.state.update_item(item.id, **values)
            return CheckOutcome(item.url, item.kind, "not_modified")
        values["fetches"] = item.fetches + 1
        body_hash = content_hash(res.body, 32)
        if body_hash == item.hint:
            # Same bytes as last time (a host without validators): nothing new to parse.
            self.state.update_item(item.id, **values)
            return CheckOutcome(item.url, item.kind, "unchanged", full_body=True)
        try:
            entries = parse_entries(res.body)
        except NotAFeed as exc:
            res.error = str(exc)
            return self._fault(item, res, now)
        values["hint"] = body_hash  # for a feed, ``hint`` holds the hash of the last body
        self.state.update_item(item.id, **values)
        new = pulled = 0
        for e in entries:
            if not e.url or not self._wanted(item, e.url):
                continue
            try:
                check_url(e.url, allow_private=True)
            except UnsafeURL:
                continue
            if e.is_sitemap:
                self.state.add_item(e.url, "sitemap", host_key(e.url), now, parent=item.id)
                continue
            hint = e.updated if s.use_hints else None
            digest = self._entry_digest(item, e) if s.use_hints and hint is None else None
            art, created = self.state.add_item(
                e.url, "article", host_key(e.url), now, parent=item.id, hint=hint
            )
            if created:
                new += 1
                if digest:
                    self.state.update_item(art.id, hint=digest)
                continue
            if digest and (
                art.hint is None or art.hint.startswith(digest[: digest.rindex(":") + 1])
            ):
                if art.hint is not None and digest != art.hint and art.state == "active":
                    # the entry's title or summary changed: so did the article; look now
                    self.state.update_item(art.id, hint=digest, next_check=now)
                    pulled += 1
                elif art.hint is None:
                    self.state.update_item(art.id, hint=digest)
            elif hint and hint != art.hint:
                changed_hint = art.hint is not None
                upd: dict[str, Any] = {"hint": hint, "hinted": True}
                if changed_hint and art.state in ("active", "stopped"):
                    # the source says it changed: look now, even if we had stopped
                    upd.update(state="active", next_check=now, reason=None)
                    pulled += 1
                self.state.update_item(art.id, **upd)
        if new:
            self.state.update_host(item.host, last_yield=now)
        return CheckOutcome(
            item.url, item.kind, "feed", full_body=True, detail=f"{new} new, {pulled} pulled"
        )

    @staticmethod
    def _entry_digest(feed: Item, e: Any) -> str | None:
        """A feed entry without a modified time still shows the story's current title and
        summary while the story is in the feed, so a change there stands for a change of the
        article. Kept per feed ("text:<feed id>:<hash>"): another feed may word the same
        story differently, and only the same feed's wording is compared."""
        if not (e.title or e.summary):
            return None
        text = normalise_text(f"{e.title or ''}\n{e.summary or ''}")
        return f"text:{feed.id}:{content_hash(text, 16)}"

    @staticmethod
    def _wanted(feed: Item, url: str) -> bool:
        if feed.include and not any(re.search(p, url) for p in feed.include):
            return False
        return not any(re.search(p, url) for p in feed.exclude)

    # -- reporting -------------------------------------------------------------------------
    def describe(self, item: Item) -> str:
        if item.state == "active":
            return f"next check {iso(item.next_check)}"
        return item.reason or item.state

    def status(self) -> WatchStatus:
        items = []
        for it in self.state.items():
            versions = self.state.versions(it.id) if it.kind == "article" else []
            changes = [
                c
                for c in self.state.changes(item_id=it.id, limit=10_000)
                if c.kind in ("change", "revert")
            ]
            items.append(
                ItemStatus(
                    url=it.url,
                    kind=it.kind,
                    state=it.state,
                    versions=len(versions),
                    changes=len(changes),
                    next_check=iso(it.next_check) if it.state == "active" else None,
                    summary=self.describe(it),
                )
            )
        return WatchStatus(items=items, hosts=self.health(), counts=self.state.counts())

    def health(self) -> list[HostHealth]:
        now = self.now()
        out = []
        feeds_by_host: dict[str, list[Item]] = {}
        for f in self.state.items():
            if f.kind != "article":
                feeds_by_host.setdefault(f.host, []).append(f)
        for h in self.state.hosts():
            warnings = []
            lengths = h["lengths"]
            base = h.get("baseline")
            if base and len(lengths) >= 5 and median(lengths[-5:]) < 0.3 * base:
                warnings.append(
                    f"body lengths collapsed: recent median {median(lengths[-5:]):.0f} chars"
                    f" against a usual {base:.0f}; the page layout may have changed"
                )
            fetches = h["fetches"] or 0
            share = (h["plausible"] or 0) / fetches if fetches else None
            if share is not None and fetches >= 5 and share < 0.5:
                warnings.append(f"only {share:.0%} of fetches gave a plausible article body")
            last_yield = h.get("last_yield")
            feeds = feeds_by_host.get(h["host"], [])
            if feeds and last_yield and now - last_yield > self.settings.feed_silence:
                warnings.append(f"feeds have yielded no new article since {iso(last_yield)}")
            for f in feeds:
                if f.consecutive_errors >= 3:
                    warnings.append(f"feed {f.url} failing: {f.reason}")
            out.append(HostHealth(h["host"], fetches, h["plausible"] or 0, share, warnings))
        return out
