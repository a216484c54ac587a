"""Simulated news sites in simulated time, replayed against three re-check schedules.

Sites publish articles through a feed; some articles change after publication (timing drawn
to match what is known: 15-35% change, ~80% of changes in the first 24 h, ~2 changes per
changed article, ~4% deleted or redirected within a week), some flip-flop (A->B->A), some
get noise-only changes (an "updated" stamp, a view counter). Hosts differ in what they send:
validators (ETag/Last-Modified, 304s), hints (Atom <updated>, JSON-LD dateModified), both or
neither.

The same ``Watcher`` (fetcher, extractor, state, scheduler) runs each schedule through an
in-process ``httpx.MockTransport`` and an injected clock, so a year runs in seconds:

- ``dateline``: the watcher's own schedule, conditional GET, hints and noise normaliser on;
- ``newssniffer``: 30 min, x1.2 per unchanged check, reset on change, stop at a 40-day wait;
- ``newsdiffs``: 15 min (<3 h since change), 1 h (<1 d), 3 h (<7 d), 3 d (<30 d), 30 d (<360 d).

The baselines get no validators, no hints and no normaliser (they had none) and store a
flip-flop's return as a new version.

Run ``python benchmarks/watch_sim.py`` (full) or ``--short`` (CI, a few seconds).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import httpx

from dateline.watch import Extracted, Watcher, WatchSettings, WatchState, extract_page
from dateline.watch.settings import DAY, HOUR, MINUTE

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC).timestamp()

# host class -> (sends validators, gives hints)
CLASSES = {
    "both": (True, True),
    "validators": (True, False),
    "hints": (False, True),
    "none": (False, False),
}
GROUP = {"both": "cheap", "validators": "cheap", "hints": "cheap", "none": "none"}

# ----------------------------------------------------------------------- synthetic text
_NAMES = ["Arlen Vost", "Mira Calder", "Tobias Renn", "Ilse Marrow", "Okon Brell", "Sana Ketter"]
_PLACES = ["Harrowgate", "Port Selm", "Valdria", "the northern province", "Cresthaven", "Lorne"]
_BODIES = ["the transport ministry", "the city council", "a regional court", "the port authority"]
_VERBS = ["announced", "confirmed", "rejected", "postponed", "approved", "questioned"]
_OBJECTS = ["a new rail link", "the budget plan", "emergency funding", "the merger", "a ceasefire"]


def _sentence(rng: random.Random) -> str:
    pattern = rng.randrange(4)
    n = rng.randint(2, 900)
    if pattern == 0:
        return (
            f"{rng.choice(_NAMES)} of {rng.choice(_BODIES)} {rng.choice(_VERBS)} "
            f"{rng.choice(_OBJECTS)} in {rng.choice(_PLACES)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
        )
    if pattern == 1:
        return f"Officials in {rng.choice(_PLACES)} said {n} people were affected by the decision."
    if pattern == 2:
        return (
            f'"We will not accept {rng.choice(_OBJECTS)} on these terms," {rng.choice(_NAMES)} '
            "told reporters after the meeting."
        )
    return (
        f"The plan, which {rng.choice(_BODIES)} first put forward last year, would cost about "
        f"{n} million and take {rng.randint(2, 9)} years to complete."
    )


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 3)))


def _edit(rng: random.Random, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """One editorial change: a figure, an added/removed paragraph, a title, a correction."""
    paras = list(paras)
    kind = rng.choice(["number", "append", "insert", "delete", "title", "correction", "reword"])
    if kind == "number":
        i = rng.randrange(len(paras))
        paras[i] = paras[i] + f" The latest estimate is {rng.randint(10, 99_999)}."
    elif kind == "append" or (kind == "delete" and len(paras) < 4):
        paras.append(_paragraph(rng))
    elif kind == "insert":
        paras.insert(rng.randrange(len(paras)), _paragraph(rng))
    elif kind == "delete":
        del paras[rng.randrange(1, len(paras))]
    elif kind == "title":
        title = title + rng.choice([" as talks stall", ": officials respond", " after vote"])
    elif kind == "correction" and not paras[-1].startswith("Correction"):
        paras.append(
            "Correction: An earlier version of this article misstated the cost of the plan."
        )
    elif kind == "correction":  # already corrected once: a figure changes instead
        paras[0] = paras[0] + f" The latest estimate is {rng.randint(10, 99_999)}."
    else:
        i = rng.randrange(len(paras))
        paras[i] = paras[i].replace(" said ", " insisted ", 1).replace(" the ", " this ", 1)
        if paras[i] == paras[i - 1 if i else 0] or "insisted" not in paras[i]:
            paras[i] = paras[i] + " " + _sentence(rng)
    return title, paras


# ----------------------------------------------------------------------- the world


@dataclass
class ContentState:
    start: float
    title: str
    paras: list[str]
    key: int  # equal keys = equal content (a flip-flop returns to an earlier key)


@dataclass
class SimArticle:
    host: str
    path: str
    pub: float
    states: list[ContentState]
    noise: list[float] = field(default_factory=list)  # times of noise-only changes
    deleted_at: float | None = None
    redirect_to: str | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.path}"

    @property
    def changed(self) -> bool:
        return len(self.states) > 1

    def state_index(self, t: float) -> int:
        idx = 0
        for i, s in enumerate(self.states):
            if s.start <= t:
                idx = i
        return idx

    def end_of(self, i: int, horizon: float) -> float:
        nxt = self.states[i + 1].start if i + 1 < len(self.states) else horizon
        if self.deleted_at is not None:
            nxt = min(nxt, self.deleted_at)
        return nxt


@dataclass
class SimHost:
    name: str
    cls: str
    articles: list[SimArticle] = field(default_factory=list)

    @property
    def validators(self) -> bool:
        return CLASSES[self.cls][0]

    @property
    def hints(self) -> bool:
        return CLASSES[self.cls][1]


def _log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def build_world(
    seed: int, hosts_per_class: int, per_host: int, publish_days: float
) -> list[SimHost]:
    rng = random.Random(seed)
    world = []
    for cls in CLASSES:
        for h in range(hosts_per_class):
            host = SimHost(f"{cls}-{h}.news.test", cls)
            for a in range(per_host):
                pub = T0 + rng.uniform(0, publish_days * DAY)
                title = f"{rng.choice(_PLACES).title()} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
                paras = [_paragraph(rng) for _ in range(rng.randint(4, 7))]
                states = [ContentState(pub, title, paras, 0)]
                art = SimArticle(
                    host.name, f"/news/{a:04d}-{rng.randrange(10**6):06d}", pub, states
                )
                if rng.random() < 0.25:  # 15-35% of articles change
                    n = 1 if rng.random() < 0.55 else rng.randint(2, 4)  # mean ~2
                    # ~80% of changes in the first day; edits come in bursts, so a later
                    # change usually follows the previous one within hours
                    offsets = []
                    at = 0.0
                    for k in range(n):
                        if rng.random() < 0.8:
                            gap = _log_uniform(rng, 10 * MINUTE, DAY if k == 0 else 8 * HOUR)
                        else:
                            gap = _log_uniform(rng, DAY, 20 * DAY)
                        at += gap
                        offsets.append(at)
                    flip = rng.random() < 0.12
                    for k, off in enumerate(offsets):
                        prev = states[-1]
                        t = max(pub + off, prev.start + MINUTE)
                        if flip and k == len(offsets) - 1 and len(states) >= 2:
                            back = states[-2]  # A -> B -> A
                            states.append(ContentState(t, back.title, back.paras, back.key))
                        else:
                            nt, np_ = _edit(rng, prev.title, prev.paras)
                            states.append(ContentState(t, nt, np_, len(states)))
                if rng.random() < 0.35:  # noise-only changes: stamps and counters move
                    art.noise = sorted(
                        pub + _log_uniform(rng, 5 * MINUTE, 3 * DAY)
                        for _ in range(rng.randint(1, 4))
                    )
                if rng.random() < 0.04:  # deleted or redirected within a week
                    art.deleted_at = pub + rng.uniform(2 * HOUR, 7 * DAY)
                    if rng.random() < 0.5:
                        art.redirect_to = f"/news/moved-{a:04d}"
                host.articles.append(art)
            world.append(host)
    return world


# ----------------------------------------------------------------------- the web


class SimWeb:
    """Serves the world at the simulated time; counts every request per URL."""

    def __init__(self, world: list[SimHost], clock: SimClock) -> None:
        self.clock = clock
        self.hosts = {h.name: h for h in world}
        self.by_url = {a.url: a for h in world for a in h.articles}
        self.requests: dict[str, int] = {}
        self.bodies: dict[str, int] = {}
        self.served: dict[str, int] = {}  # url -> state index of the last 200
        self.feed_requests = 0
        self.other_requests = 0

    def handler(self, request: httpx.Request) -> httpx.Response:
        now = self.clock.t
        url = str(request.url)
        host = self.hosts.get(request.url.host)
        path = request.url.path
        if host is None or path == "/robots.txt":
            self.other_requests += 1
            return httpx.Response(404)
        if path == "/feed.xml":
            self.feed_requests += 1
            return self._feed(host, now, request)
        art = self.by_url.get(url)
        if art is None or art.pub > now:
            self.other_requests += 1
            return httpx.Response(404 if art is None or "moved" not in path else 200, text="moved")
        self.requests[url] = self.requests.get(url, 0) + 1
        if art.deleted_at is not None and now >= art.deleted_at:
            if art.redirect_to:
                return httpx.Response(301, headers={"Location": art.redirect_to})
            return httpx.Response(404, text="Not found")
        i = art.state_index(now)
        state = art.states[i]
        noise_n = sum(1 for t in art.noise if t <= now)
        revised = max([state.start] + [t for t in art.noise if t <= now])
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if host.validators:
            etag = f'"{state.key}-{noise_n}"'
            headers["ETag"] = etag
            headers["Last-Modified"] = format_datetime(
                datetime.fromtimestamp(revised, UTC), usegmt=True
            )
            if request.headers.get("if-none-match") == etag:
                return httpx.Response(304, headers=headers)
        self.bodies[url] = self.bodies.get(url, 0) + 1
        self.served[url] = i
        return httpx.Response(
            200, headers=headers, text=self._page(host, art, state, noise_n, revised, now)
        )

    def _page(
        self,
        host: SimHost,
        art: SimArticle,
        state: ContentState,
        noise_n: int,
        revised: float,
        now: float,
    ) -> str:
        stamp = datetime.fromtimestamp(revised, UTC).strftime("%H:%M GMT, %d %B %Y")
        views = 1000 + 731 * noise_n
        ld = ""
        if host.hints:
            ld = (
                '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "'
                + datetime.fromtimestamp(state.start, UTC).isoformat()
                + '"}</script>'
            )
        # furniture changes every hour; extractors drop it (it is outside <article>)
        hour = int((now - T0) // HOUR)
        most_read = "".join(
            f"<li><a href='/news/x{hour + k}'>Most read story {hour + k}</a></li>" for k in range(5)
        )
        body = "".join(f"<p>{p}</p>" for p in state.paras)
        extra = f"<p>Last updated: {stamp}</p><p>{views:,} views</p>" if art.noise else ""
        return (
            f"<html><head><title>{state.title}</title>{ld}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{state.title}</h1><p class='byline'>By Staff Reporter</p>{extra}{body}</article>"
            f"<aside><h2>Most read</h2><ul>{most_read}</ul></aside><footer>© News</footer></body></html>"
        )

    def _feed(self, host: SimHost, now: float, request: httpx.Request) -> httpx.Response:
        live = sorted(
            (a for a in host.articles if a.pub <= now and now - a.pub < 2 * DAY),
            key=lambda a: -a.pub,
        )[:100]
        # Every feed shows an entry's current title and, as its summary, the current first
        # paragraph (the lede), as news feeds do; only Atom hosts also give an <updated> time.
        now_states = {a.url: a.states[a.state_index(now)] for a in live}
        if host.hints:
            entries = "".join(
                f"<entry><title>{now_states[a.url].title}</title><id>{a.url}</id>"
                f"<link href='{a.url}'/><updated>{_iso(now_states[a.url].start)}</updated>"
                f"<published>{_iso(a.pub)}</published>"
                f"<summary>{now_states[a.url].paras[0]}</summary></entry>"
                for a in live
            )
            text = (
                "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>{host.name}</title><id>http://{host.name}/</id>"
                f"<updated>{_iso(max((a.states[a.state_index(now)].start for a in live), default=T0))}</updated>"
                f"{entries}</feed>"
            )
        else:
            items = "".join(
                f"<item><title>{now_states[a.url].title}</title><link>{a.url}</link><guid>{a.url}</guid>"
                f"<description>{now_states[a.url].paras[0]}</description>"
                f"<pubDate>{format_datetime(datetime.fromtimestamp(a.pub, UTC), usegmt=True)}</pubDate></item>"
                for a in live
            )
            text = f"<?xml version='1.0'?><rss version='2.0'><channel><title>{host.name}</title>{items}</channel></rss>"
        headers = {"Content-Type": "application/xml"}
        if host.validators:
            etag = '"' + hashlib.sha1(text.encode()).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            if request.headers.get("if-none-match") == etag:
                return httpx.Response(304, headers=headers)
        return httpx.Response(200, headers=headers, text=text)


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat().replace("+00:00", "Z")


_ARTICLE = re.compile(r"<article>(.*?)</article>", re.S)
_H1 = re.compile(r"<h1>(.*?)</h1>", re.S)
_P = re.compile(r"<p(?: class='byline')?>(.*?)</p>", re.S)


_STAMP_LINE = re.compile(r"^(?:Last updated: .*|[\d,]+ views)$")


def fast_extract(html: str, url: str | None = None, keep_stamps: bool = False) -> Extracted:
    """The simulator's own pages only: <article>, <h1>, <p>. A stand-in for the real
    extractor when a run must take seconds (the full run uses the real one).

    Like the real extractor (``dateline.clean``) on these pages, it drops the "Last updated"
    line and the view counter, so the baselines' back-off is not reset by noise here either
    and tuning runs compare schedules in the world the full run reports. ``keep_stamps``
    keeps them (to show the noise counter and the normaliser at work)."""
    m = _ARTICLE.search(html)
    inner = m.group(1) if m else ""
    t = _H1.search(inner)
    paras = _P.findall(inner)
    if not keep_stamps:
        paras = [p for p in paras if not _STAMP_LINE.match(p)]
    byline = paras[0][3:] if paras and paras[0].startswith("By ") else None
    body = [p for p in paras if not p.startswith("By ")]
    return Extracted(t.group(1) if t else None, byline, "\n".join(body), None, None, "sim", "1")


def raw_extract(html: str, url: str | None = None) -> Extracted:
    """``fast_extract`` keeping the stamp and counter lines (an extractor that lets noise in)."""
    return fast_extract(html, url, keep_stamps=True)


EXTRACTORS = {"fast": fast_extract, "raw": raw_extract, "real": extract_page}


class SimClock:
    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return datetime.fromtimestamp(self.t, UTC)


# ----------------------------------------------------------------------- replay


def schedule_settings(name: str, overrides: dict[str, float] | None = None) -> WatchSettings:
    common: dict[str, Any] = dict(allow_private=True, per_host_delay=0.0, concurrency=1)
    if name == "dateline":
        # overrides (``--set``) are for tuning runs on seeds other than the reported one
        return WatchSettings(**common, **(overrides or {}))
    return WatchSettings(
        schedule=name,
        conditional=False,
        use_hints=False,
        normalise=False,
        store_reverts_once=False,
        **common,
    )


@dataclass
class Tracker:
    detected: dict[tuple[str, int], float] = field(default_factory=dict)  # (url, state) -> time
    stored: int = 0
    noise: int = 0
    flipflops: int = 0
    last_key: dict[str, int] = field(default_factory=dict)
    keys_seen: dict[str, set[int]] = field(default_factory=dict)


def replay(
    world: list[SimHost],
    schedule: str,
    life_days: float,
    publish_days: float,
    extractor: str = "fast",
    overrides: dict[str, float] | None = None,
) -> dict[str, Any]:
    clock = SimClock(T0)
    web = SimWeb(world, clock)
    state = WatchState(":memory:")
    w = Watcher(
        state,
        transport=httpx.MockTransport(web.handler),
        clock=clock,
        settings=schedule_settings(schedule, overrides),
        extractor=EXTRACTORS[extractor],
    )
    for h in world:
        w.add_feed(f"http://{h.name}/feed.xml")
    feeds_off = T0 + (publish_days + 2) * DAY
    horizon = T0 + (publish_days + life_days) * DAY
    tr = Tracker()
    feeds_on = True
    while True:
        if feeds_on and clock.t >= feeds_off:
            for f in state.items(kind="feed"):
                state.update_item(
                    f.id, state="stopped", next_check=None, reason="simulation: feeds off"
                )
            feeds_on = False
        nxt = state.next_due_time()
        if nxt is None or nxt > horizon:
            break
        clock.t = max(clock.t, nxt + 0.001)  # datetime keeps microseconds only
        for o in w.run_once():
            if o.kind != "article" or o.result not in ("new", "changed", "revert"):
                continue
            art = web.by_url[o.url]
            i = web.served[o.url]
            key = art.states[i].key
            tr.detected.setdefault((o.url, i), clock.t)
            if o.result in ("new", "changed"):
                tr.stored += 1
                if o.result == "changed" and tr.last_key.get(o.url) == key:
                    tr.noise += 1  # a stored version whose article text did not change
                elif key in tr.keys_seen.get(o.url, set()):
                    tr.flipflops += 1  # the same text stored a second time
            tr.last_key[o.url] = key
            tr.keys_seen.setdefault(o.url, set()).add(key)
    w.close()
    return measure(world, web, tr, horizon)


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def measure(world: list[SimHost], web: SimWeb, tr: Tracker, horizon: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for group in ("cheap", "none", *CLASSES):
        arts = [a for h in world if group in (GROUP[h.cls], h.cls) for a in h.articles]
        r24 = [0, 0]
        r7 = [0, 0]
        delays: list[float] = []
        for a in arts:
            for i in range(1, len(a.states)):
                s = a.states[i]
                if a.deleted_at is not None and s.start >= a.deleted_at:
                    continue
                if a.end_of(i, horizon) - s.start < 30 * MINUTE:
                    continue
                found = tr.detected.get((a.url, i))
                if s.start - a.pub <= DAY:
                    r24[0] += 1
                    r24[1] += found is not None
                if s.start - a.pub <= 7 * DAY:
                    r7[0] += 1
                    r7[1] += found is not None
                    if found is not None:
                        delays.append((found - s.start) / MINUTE)
        live = [a for a in arts if a.deleted_at is None]
        changed = [a for a in live if a.changed]
        unchanged = [a for a in live if not a.changed]

        def avg(xs: list[SimArticle], table: dict[str, int]) -> float:
            return sum(table.get(a.url, 0) for a in xs) / len(xs) if xs else 0.0

        out[group] = {
            "versions_24h": r24[0],
            "found_24h": r24[1],
            "recall_24h": r24[1] / r24[0] if r24[0] else None,
            "versions_7d": r7[0],
            "found_7d": r7[1],
            "n_changed": len(changed),
            "n_unchanged": len(unchanged),
            "recall_7d": r7[1] / r7[0] if r7[0] else None,
            "delay_median_min": statistics.median(delays) if delays else None,
            "delay_p90_min": _pct(delays, 0.9),
            "req_changed": avg(changed, web.requests),
            "req_unchanged": avg(unchanged, web.requests),
            "body_changed": avg(changed, web.bodies),
            "body_unchanged": avg(unchanged, web.bodies),
            "max_body_unchanged": max((web.bodies.get(a.url, 0) for a in unchanged), default=0),
        }
    out["stored"] = tr.stored
    out["noise_share"] = tr.noise / tr.stored if tr.stored else 0.0
    out["flipflops_stored"] = tr.flipflops
    out["feed_requests"] = web.feed_requests
    out["articles"] = sum(len(h.articles) for h in world)
    return out


# ----------------------------------------------------------------------- report

CONFIGS = {
    # hosts per class, articles per host, days of publishing, days followed after
    "short": dict(hosts_per_class=1, per_host=25, publish_days=1.0, life_days=200.0),
    "medium": dict(hosts_per_class=2, per_host=60, publish_days=3.0, life_days=60.0),
    "full": dict(
        hosts_per_class=4, per_host=100, publish_days=7.0, life_days=400.0, extractor="real"
    ),
    # hosts without validators or hints only, four times the full run's (16 hosts x 100
    # articles): where the schedules differ by a few versions, 400 articles cannot tell them apart
    "plain": dict(
        hosts_per_class=16, per_host=100, publish_days=7.0, life_days=400.0, classes=("none",)
    ),
}


def run(
    config: str = "full",
    seed: int = 7,
    schedules: tuple[str, ...] = ("dateline", "newssniffer", "newsdiffs"),
    workers: int = 1,
    classes: tuple[str, ...] | None = None,
    extractor: str | None = None,
    overrides: dict[str, float] | None = None,
) -> dict[str, dict[str, Any]]:
    """Replay ``schedules`` on one world. ``classes`` keeps only those host classes (the
    world is built whole first, so a class's articles are the same as in a full run);
    ``extractor`` "fast" swaps in the simulator's own extractor; both make tuning runs quicker."""
    cfg = CONFIGS[config]
    world = build_world(seed, cfg["hosts_per_class"], cfg["per_host"], cfg["publish_days"])
    classes = classes or cfg.get("classes")
    if classes:
        world = [h for h in world if h.cls in classes]
    extractor = extractor or cfg.get("extractor", "fast")
    args = [
        (world, name, cfg["life_days"], cfg["publish_days"], extractor, overrides)
        for name in schedules
    ]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outs = list(pool.map(_timed_replay, args))
    else:
        outs = [_timed_replay(a) for a in args]
    return dict(zip(schedules, outs, strict=True))


def _timed_replay(args: tuple[Any, ...]) -> dict[str, Any]:
    started = time.perf_counter()
    out = replay(*args)
    out["seconds"] = time.perf_counter() - started
    return out


def _f(v: Any, pct: bool = False) -> str:
    if v is None:
        return "-"
    if pct:
        return f"{100 * v:.1f}%"
    return f"{v:.1f}" if isinstance(v, float) else str(v)


def report(results: dict[str, dict[str, Any]]) -> str:
    lines = []
    head = (
        "| schedule | hosts | versions (24h/7d) | recall 24h | recall 7d | delay median / p90 (min) "
        "| requests per article changed / unchanged | full bodies changed / unchanged (max) |"
    )
    lines += [head, "|" + "---|" * 8]
    for name, r in results.items():
        for group, label in (
            ("cheap", "validators or hints"),
            ("none", "neither"),
            ("both", "- validators+hints"),
            ("validators", "- validators only"),
            ("hints", "- hints only"),
        ):
            g = r[group]
            lines.append(
                f"| {name} | {label} | {g['versions_24h']}/{g['versions_7d']} | {_f(g['recall_24h'], True)} "
                f"| {_f(g['recall_7d'], True)} | {_f(g['delay_median_min'])} / {_f(g['delay_p90_min'])} "
                f"| {g['req_changed']:.1f} / {g['req_unchanged']:.1f} "
                f"| {g['body_changed']:.1f} / {g['body_unchanged']:.1f} ({g['max_body_unchanged']}) |"
            )
    lines.append("")
    lines.append(
        "| schedule | stored versions | noise share | flip-flops stored | feed requests | run time (s) |"
    )
    lines.append("|" + "---|" * 6)
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['stored']} | {_f(r['noise_share'], True)} | {r['flipflops_stored']} "
            f"| {r['feed_requests']} | {r['seconds']:.1f} |"
        )
    return "\n".join(lines)


def check_targets(results: dict[str, dict[str, Any]], slack: float = 0.0) -> list[str]:
    """The issue's targets; returns the ones missed (empty = all met).

    ``slack`` loosens the request comparison with News Sniffer (a share of its figure):
    the short CI run has only a handful of changed articles on plain hosts, so their mean
    request count moves by a few requests with one article more or less.
    """
    missed = []
    d = results["dateline"]
    cheap = d["cheap"]
    if cheap["versions_24h"]:  # a tuning run may leave a class out
        if (cheap["recall_24h"] or 0) < 0.95:
            missed.append(
                f"recall 24h on hosts with validators/hints {cheap['recall_24h']:.3f} < 0.95"
            )
        if cheap["body_unchanged"] > 20 or cheap["max_body_unchanged"] > 20:
            missed.append("more than 20 full-body fetches for an unchanged article on cheap hosts")
    if d["noise_share"] > 0.02:
        missed.append(f"noise share {d['noise_share']:.3f} > 0.02")
    return missed + _plain_targets(results, slack)


def _plain_targets(results: dict[str, dict[str, Any]], slack: float) -> list[str]:
    """Hosts without validators or hints: recall above News Sniffer at no more requests."""
    missed: list[str] = []
    plain, ns = results["dateline"]["none"], results.get("newssniffer", {}).get("none")
    if ns is None or not plain["versions_24h"]:
        return missed
    # "higher recall": strictly above News Sniffer, unless both found everything
    for span in ("24h", "7d"):
        ours, theirs = plain[f"recall_{span}"] or 0, ns[f"recall_{span}"] or 0
        if ours < theirs or (ours == theirs and theirs < 1.0):
            missed.append(f"recall {span} on hosts without validators/hints not above News Sniffer")
    if plain["req_unchanged"] > ns["req_unchanged"] * (1 + slack):
        missed.append("more requests per unchanged article than News Sniffer on plain hosts")
    if plain["req_changed"] > ns["req_changed"] * (1 + slack):
        missed.append("more requests per changed article than News Sniffer on plain hosts")
    return missed


def pooled(runs: dict[int, dict[str, dict[str, Any]]], group: str = "none") -> dict[str, Any]:
    """One schedule-by-schedule summary of ``group`` over several seeds' runs: versions and
    finds summed, requests averaged over all articles of all seeds."""
    out: dict[str, Any] = {}
    for name in next(iter(runs.values())):
        gs = [r[name][group] for r in runs.values()]
        tot = {k: sum(g[k] for g in gs) for k in ("versions_24h", "found_24h", "versions_7d")}
        tot["found_7d"] = sum(g["found_7d"] for g in gs)
        nc = sum(g["n_changed"] for g in gs)
        nu = sum(g["n_unchanged"] for g in gs)
        out[name] = {
            **tot,
            "recall_24h": tot["found_24h"] / tot["versions_24h"] if tot["versions_24h"] else None,
            "recall_7d": tot["found_7d"] / tot["versions_7d"] if tot["versions_7d"] else None,
            "req_changed": sum(g["req_changed"] * g["n_changed"] for g in gs) / nc if nc else 0.0,
            "req_unchanged": (
                sum(g["req_unchanged"] * g["n_unchanged"] for g in gs) / nu if nu else 0.0
            ),
            "delay_median_min": None,
            "delay_p90_min": None,
        }
    return out


def seeds_report(runs: dict[int, dict[str, dict[str, Any]]], group: str = "none") -> str:
    """Per seed and pooled: found/versions and recall (24 h, 7 d), requests per article."""
    lines = [
        f"| seed | schedule | found/versions 24h | recall 24h | found/versions 7d | recall 7d "
        f"| requests changed / unchanged | delay median / p90 (min) |  ({group} hosts)",
        "|" + "---|" * 8,
    ]
    rows = [(str(seed), r) for seed, r in runs.items()]
    if len(runs) > 1:
        rows.append(("pooled", {n: {group: g} for n, g in pooled(runs, group).items()}))
    for label, r in rows:
        for name, res in r.items():
            g = res[group]
            lines.append(
                f"| {label} | {name} | {g['found_24h']}/{g['versions_24h']} "
                f"| {_f(g['recall_24h'], True)} | {g['found_7d']}/{g['versions_7d']} "
                f"| {_f(g['recall_7d'], True)} | {g['req_changed']:.1f} / {g['req_unchanged']:.1f} "
                f"| {_f(g['delay_median_min'])} / {_f(g['delay_p90_min'])} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--short", action="store_true", help="small CI configuration (seconds)")
    ap.add_argument("--config", choices=sorted(CONFIGS), default=None)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--seeds", default=None, help="several seeds (e.g. 3,5,11,13): plain-host table, pooled"
    )
    ap.add_argument("--schedules", default="dateline,newssniffer,newsdiffs")
    ap.add_argument("--workers", type=int, default=1, help="replay schedules in parallel")
    ap.add_argument(
        "--classes", default=None, help=f"tuning: only these host classes ({','.join(CLASSES)})"
    )
    ap.add_argument("--fast", action="store_true", help="tuning: the simulator's own extractor")
    ap.add_argument("--extractor", choices=sorted(EXTRACTORS), default=None)
    ap.add_argument("--save", default=None, help="write the results (JSON) to this file")
    ap.add_argument(
        "--merge",
        action="append",
        default=[],
        help="add schedules from a --save file of the same config and seed (one seed only)",
    )
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="tuning: override a dateline WatchSettings number (never tune on held-out seeds)",
    )
    args = ap.parse_args(argv)
    config = args.config or ("short" if args.short else "full")
    overrides = {k: float(v) for k, v in (kv.split("=", 1) for kv in args.set)}
    classes = tuple(args.classes.split(",")) if args.classes else None
    extractor = "fast" if args.fast else args.extractor
    seeds = [int(x) for x in args.seeds.split(",")] if args.seeds else [args.seed]
    schedules = tuple(args.schedules.split(","))
    runs = {
        seed: run(config, seed, schedules, args.workers, classes, extractor, overrides)
        for seed in seeds
    }
    if args.merge:
        assert len(seeds) == 1, "--merge takes one seed"
        for path in args.merge:
            with open(path) as fh:
                saved = json.load(fh)
            assert (saved["config"], saved["seed"]) == (config, seeds[0]), path
            merged = {**saved["results"], **runs[seeds[0]]}
            order = ["dateline", "newssniffer", "newsdiffs"]
            runs[seeds[0]] = dict(sorted(merged.items(), key=lambda kv: order.index(kv[0])))
    if args.save:
        assert len(seeds) == 1, "--save takes one seed"
        with open(args.save, "w") as fh:
            json.dump({"config": config, "seed": seeds[0], "results": runs[seeds[0]]}, fh)
    cfg = CONFIGS[config]
    first = next(iter(runs.values()))
    print(
        f"watch simulation ({config}): {next(iter(first.values()))['articles']} articles per "
        f"seed, published over {cfg['publish_days']:g} days, followed {cfg['life_days']:g} "
        f"days, seeds {', '.join(map(str, seeds))}"
        + (f", dateline overrides {overrides}" if overrides else "")
    )
    if len(seeds) == 1:
        print(report(first))
        print()
    print(seeds_report(runs))
    if "dateline" not in first:
        return 0
    slack = 0.1 if config == "short" else 0.0
    missed = []
    for seed, results in runs.items():
        missed += [f"seed {seed}: {m}" for m in check_targets(results, slack=slack)]
    if len(seeds) > 1:
        pool = {n: {"none": g} for n, g in pooled(runs).items()}
        missed += [f"pooled: {m}" for m in _plain_targets(pool, slack)]
    print("\ntargets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
