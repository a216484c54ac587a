"""HTTP for the watcher: safe targets, robots.txt, conditional GET, size cap, redirects.

Redirects are followed by hand so that every hop is checked against the address rules and a
loop is reported as a loop. Bodies are streamed and abandoned past the size cap, so a page
that grows to 50 MB costs at most the cap.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from dateline.watch.settings import WatchSettings

log = logging.getLogger("dateline.watch")


class UnsafeURL(ValueError):
    """A URL the watcher refuses to fetch (scheme or address)."""


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int | None = None
    body: bytes | None = None  # None for 304, errors and refusals
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    not_modified: bool = False
    error: str | None = None  # a fault: timeout, too large, loop, refused ...
    retry_after: float | None = None  # seconds the host asked us to wait
    redirects: list[str] = field(default_factory=list)
    conditional: bool = False  # the request carried validators
    robots_blocked: bool = False


def host_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{port}" if port and port != default else host


def _is_private(addr: str) -> bool:
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    return bool(
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise ``UnsafeURL`` unless ``url`` is http(s) to a public address (or private
    addresses are allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"only http and https are fetched, not {parts.scheme or 'no scheme'}:")
    host = parts.hostname
    if not host:
        raise UnsafeURL("URL has no host")
    if allow_private:
        return
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
        ".localhost"
    ):
        raise UnsafeURL(f"{host} is this machine")
    _public_addresses(host, parts.port or 80)


def _public_addresses(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to; ``UnsafeURL`` if any is private or none is found."""
    try:
        addrs = [ipaddress.ip_address(host).compressed]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except OSError as exc:
            raise UnsafeURL(f"cannot resolve {host}: {exc}") from exc
        addrs = [str(info[4][0]) for info in infos]
    for addr in addrs:
        if _is_private(addr):
            raise UnsafeURL(f"{host} resolves to a private or local address ({addr})")
    if not addrs:
        raise UnsafeURL(f"cannot resolve {host}")
    return addrs


def pinned_address(host: str, port: int, allow_private: bool = False) -> str:
    """The address to connect to for ``host``, checked at connect time.

    ``check_url`` looks before the request; a name can resolve to a public address then and
    to a private one a moment later, when the connection is made (DNS rebinding). The
    guarded transport resolves once here, refuses if any address is private, and connects to
    the address it checked. TLS still verifies the certificate against the host name.
    """
    if allow_private:
        return host
    return _public_addresses(host, port)[0]


class _GuardedBackend(httpcore.SyncBackend):
    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = pinned_address(host, port, self.allow_private)
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


def guarded_transport(allow_private: bool) -> httpx.HTTPTransport:
    """httpx's own transport, connecting only to addresses checked at connect time."""
    transport = httpx.HTTPTransport()
    # httpx (pinned) builds an httpcore pool and offers no hook for its network backend;
    # tests/test_watch.py fails if this attribute stops being the one the pool uses.
    transport._pool._network_backend = _GuardedBackend(allow_private)  # type: ignore[attr-defined]
    return transport


ROBOTS_TTL = 86400.0  # seconds a robots.txt answer is trusted


def _parser(url: str, text: str) -> urllib.robotparser.RobotFileParser | None:
    if not text:
        return None
    parts = urlsplit(url)
    parser = urllib.robotparser.RobotFileParser(f"{parts.scheme}://{parts.netloc}/robots.txt")
    if text == DISALLOW_ALL:
        parser.disallow_all = True
    else:
        parser.parse(text.splitlines())
    return parser


class StateRobots:
    """``RobotsCache`` on the watch state's host rows (columns robots, robots_fetched)."""

    def __init__(self, state: Any) -> None:
        self.state = state

    def load(self, host: str) -> tuple[float, str] | None:
        row = self.state.host(host)
        if row.get("robots_fetched") is None or row.get("robots") is None:
            return None
        return float(row["robots_fetched"]), str(row["robots"])

    def save(self, host: str, fetched: float, text: str) -> None:
        self.state.update_host(host, robots=text, robots_fetched=fetched)


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


#: what a robots.txt answer is kept as: its text, "" for none (everything allowed), or this
#: marker for "keep out" (401/403, or a server error: no crawling until it answers)
DISALLOW_ALL = "\x00disallow-all"


class RobotsCache(Protocol):
    """Where robots.txt answers outlive the process (the watch state's host rows), so that a
    cron run of ``dateline watch --once`` does not fetch every host's robots.txt again."""

    def load(self, host: str) -> tuple[float, str] | None: ...

    def save(self, host: str, fetched: float, text: str) -> None: ...


class Fetcher:
    """One httpx client shared by all hosts; robots.txt cached per host (in memory, and in
    ``robots_cache`` when one is given), for a day."""

    def __init__(
        self,
        settings: WatchSettings,
        transport: httpx.BaseTransport | None = None,
        wall_clock: Callable[[], float] = time.monotonic,
        robots_cache: RobotsCache | None = None,
    ) -> None:
        self.settings = settings
        self.client = httpx.Client(
            transport=transport or guarded_transport(settings.allow_private),
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent},
        )
        self._wall = wall_clock
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._robots_cache = robots_cache

    def close(self) -> None:
        self.client.close()

    # -- robots.txt ----------------------------------------------------------------------
    def robots_allows(self, url: str, now: float) -> bool:
        if not self.settings.obey_robots:
            return True
        key = host_key(url)
        cached = self._robots.get(key)
        if cached is None and self._robots_cache is not None:
            kept = self._robots_cache.load(key)
            if kept is not None:
                cached = (kept[0], _parser(url, kept[1]))
        if cached is None or now - cached[0] > ROBOTS_TTL:
            text = self._load_robots(url)
            cached = (now, _parser(url, text))
            if self._robots_cache is not None:
                self._robots_cache.save(key, now, text)
        self._robots[key] = cached
        parser = cached[1]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, url: str) -> str:
        """The host's robots.txt as kept: its text, "" for none, or ``DISALLOW_ALL``."""
        parts = urlsplit(url)
        result = self.get(f"{parts.scheme}://{parts.netloc}/robots.txt", check_robots=False)
        if result.status in (401, 403):
            return DISALLOW_ALL
        if result.status is not None and result.status >= 500:
            return DISALLOW_ALL  # server trouble: do not crawl until it answers
        if result.status == 200 and result.body is not None:
            return result.body.decode("utf-8", errors="replace")
        return ""  # no robots.txt (404, fault): everything allowed

    # -- GET -------------------------------------------------------------------------------
    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        now: float | None = None,
        check_robots: bool = True,
    ) -> FetchResult:
        s = self.settings
        result = FetchResult(url=url, final_url=url)
        headers: dict[str, str] = {}
        if s.conditional and etag:
            headers["If-None-Match"] = etag
        if s.conditional and last_modified:
            headers["If-Modified-Since"] = last_modified
        result.conditional = bool(headers)
        current = url
        seen = {url}
        for _hop in range(s.max_redirects + 1):
            try:
                check_url(current, s.allow_private)
            except UnsafeURL as exc:
                result.error = f"refused: {exc}"
                return result
            if check_robots and not self.robots_allows(current, now or time.time()):
                result.error = "disallowed by robots.txt"
                result.robots_blocked = True
                return result
            try:
                done = self._one(current, headers, result)
            except UnsafeURL as exc:  # the address changed between the check and the connect
                result.error = f"refused: {exc}"
                return result
            except httpx.TimeoutException:
                result.error = "timeout"
                return result
            except httpx.HTTPError as exc:
                result.error = f"{type(exc).__name__}: {exc}"[:300]
                return result
            if done is None:
                return result
            nxt = urljoin(current, done)
            if nxt in seen:
                result.error = f"redirect loop at {nxt}"
                return result
            seen.add(nxt)
            result.redirects.append(nxt)
            current = nxt
            result.final_url = nxt
        result.error = f"more than {s.max_redirects} redirects"
        return result

    def _one(self, url: str, headers: dict[str, str], result: FetchResult) -> str | None:
        """One request. Returns the redirect target, or None when ``result`` is final."""
        s = self.settings
        started = self._wall()
        with self.client.stream("GET", url, headers=headers) as resp:
            result.status = resp.status_code
            if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                return resp.headers["location"]
            result.etag = resp.headers.get("etag")
            result.last_modified = resp.headers.get("last-modified")
            result.content_type = resp.headers.get("content-type")
            if resp.status_code == 304:
                result.not_modified = True
                return None
            if resp.status_code in (429, 503):
                result.retry_after = parse_retry_after(resp.headers.get("retry-after"), time.time())
                result.error = f"HTTP {resp.status_code}"
                return None
            if resp.status_code != 200:
                return None
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > s.max_bytes:
                result.error = f"page larger than {s.max_bytes} bytes ({declared} declared)"
                return None
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > s.max_bytes:
                    result.error = f"page larger than {s.max_bytes} bytes"
                    return None
                # A server that trickles bytes forever defeats per-read timeouts.
                if self._wall() - started > s.timeout * 3:
                    result.error = "timeout (body too slow)"
                    return None
                chunks.append(chunk)
            result.body = b"".join(chunks)
        return None
