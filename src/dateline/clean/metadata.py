"""Outlet, URL and stated publication date of a capture, each with the words that state it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from dateline.clean.dates import FoundDate, full_dates, labelled_dates, partial_dates, url_date
from dateline.clean.furniture import is_body_like, is_dateline
from dateline.clean.vocab import HOST_OUTLETS, WIRES
from dateline.models import DateEstimate

_URL = re.compile(r"https?://[^\s<>\"'|)\]]+", re.IGNORECASE)
_NOT_ARTICLE_HOSTS = (
    "facebook.com",
    "twitter.com",
    "x.com",
    "t.co",
    "linkedin.com",
    "whatsapp.com",
    "pinterest.com",
    "reddit.com",
    "instagram.com",
    "youtube.com",
    "google.com",
)
_URL_CONTEXT = re.compile(
    r"\b(?:article|source|original|url|link|permalink|read it at|found at)\b", re.I
)
# "TOKYO (AP) —", "WASHINGTON, March 3 (Reuters) -": a credit in brackets before a dash
_INLINE_CREDIT = re.compile(
    r"^[A-ZÀ-Þ][\w .,'’/-]{1,80}?\(\s*(?P<c>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})\s*\)\s*[-–—:]"
)
_SLASH_CREDIT = re.compile(r"/(?P<c>[A-Z][A-Z0-9 .&-]{1,30})/")
_WIRE_NAMES = "|".join(sorted((re.escape(k) for k in WIRES if len(k) > 2), key=len, reverse=True))
_WIRE_BEFORE_DATE = re.compile(rf"\b(?P<c>{_WIRE_NAMES})\b\s*[,:]?\s*(?=\S)", re.IGNORECASE)
_WIRE_ANY = re.compile(rf"\b(?P<c>{_WIRE_NAMES})\b", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:(?:©|\(c\)|\bcopyright\b)\s*)+(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*,?\s*)?"
    r"(?P<o>[A-Z][\w&'’ -]{1,60}?)\s*(?:\.|,|;|$|\ball rights\b|\s[-–|]\s)",
    re.IGNORECASE,
)
_CORPORATE = re.compile(
    r"\s+(?:ltd|limited|inc|llc|plc|gmbh|s\.?a|ag|corp(?:oration)?)\.?$", re.IGNORECASE
)
_SITE_NAME = re.compile(
    r"\b([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|org|net|info|news|co|cn|uk|jp|de|fr|in|au|ca|kr|ru|it|es)(?:\.[a-z]{2})?)(?![\w.])"
)
_VERSIONING_SOURCE = re.compile(r"\bfrom the source '([^']+)'", re.IGNORECASE)
_VERSION_COUNT = re.compile(r"\b(?:has )?changed (\d+) times?\b", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^(?:source|from|outlet|publisher)\s*:\s*([^.;|]{2,60})", re.IGNORECASE)
_DASH_PREFIX = re.compile(r"^(.{3,120}?)\s+(?:—|–|--|-)\s+\S")
_PROSE_STARTS = frozenset(
    [
        "on",
        "in",
        "at",
        "by",
        "the",
        "a",
        "an",
        "this",
        "last",
        "since",
        "from",
        "until",
        "after",
        "before",
        "when",
    ]
)
_PUBLISHED = re.compile(
    r"\b(?:published|posted|publié|mis en ligne|veröffentlicht|publicado|pubblicato|gepubliceerd|first)\b",
    re.I,
)
_UPDATED = re.compile(
    r"\b(?:updated|modified|mis à jour|aktualisiert|actualizado|aggiornato)\b", re.I
)


@dataclass
class Meta:
    date_line: str | None = None  # the words that state the publication date, when in the text
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: DateEstimate | None = None
    evidence: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def host_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def outlet_for_host(host: str) -> str | None:
    """The outlet a host (or a versioning site's short source name) belongs to."""
    host = host.lower()
    parts = host.split(".")
    for i in range(len(parts) - 1):  # news.bbc.co.uk -> bbc.co.uk
        name = HOST_OUTLETS.get(".".join(parts[i:]))
        if name:
            return name
    return HOST_OUTLETS.get(host)


def find_url(units: list[str]) -> tuple[str, str] | None:
    """The article URL a dump states, with the line it is in."""
    found: list[tuple[int, str, str]] = []
    for unit in units:
        for m in _URL.finditer(unit):
            url = m.group(0).rstrip(".,;:")
            host = host_of(url)
            if any(host == h or host.endswith("." + h) for h in _NOT_ARTICLE_HOSTS):
                continue
            path = urlsplit(url).path
            score = (
                2 * bool(_URL_CONTEXT.search(unit)) + bool(url_date(url)) + (path.count("/") >= 2)
            )
            found.append((score, url, unit))
    if not found:
        return None
    best = max(found, key=lambda f: f[0])  # first of the best, since max keeps the first
    return best[1], best[2]


def wire_credit(units: list[str]) -> tuple[str, str] | None:
    """A news agency or outlet credited in a dateline: "(AP)", "/AJMEDIA/", "Xinhua, July 12"."""
    for unit in units:
        m = _INLINE_CREDIT.match(unit) or _SLASH_CREDIT.search(unit)
        if m:
            credit = m.group("c").strip()
            shown = m.group(0).strip() if is_body_like(unit) else unit  # quote the dateline only
            return WIRES.get(credit.lower()) or outlet_for_host(credit) or credit, shown
        if not is_body_like(unit) and re.match(r"^by\s", unit, re.IGNORECASE):
            m = _WIRE_ANY.search(unit)  # "By Jane Doe, Associated Press"
            if m:
                return WIRES[m.group("c").lower()], unit
        if not is_body_like(unit):
            for m in _WIRE_BEFORE_DATE.finditer(unit):
                dates = full_dates(unit[m.end() :]) + partial_dates(unit[m.end() :])
                if dates and dates[0].start == 0:
                    return WIRES[m.group("c").lower()], unit
    return None


def site_name(units: list[str]) -> tuple[str, str] | None:
    """A site named in furniture ("Follow China.org.cn on Twitter"), not inside a URL."""
    for unit in units:
        text = re.sub(r"(?<=[a-z)\]])(?=[A-Z])", " ", _URL.sub(" ", unit))
        for m in _SITE_NAME.finditer(text):
            name = m.group(1)
            if "@" in text[max(0, m.start() - 1) : m.start()]:
                continue  # an e-mail address
            return outlet_for_host(name) or name, f"named in '{unit}'"
    return None


def copyright_holder(units: list[str]) -> tuple[str, str] | None:
    """The outlet a copyright line names: "© 2020 Northern Daily Ltd. All rights reserved."."""
    for unit in units:
        m = _COPYRIGHT.search(unit)
        if not m:
            continue
        name = _CORPORATE.sub("", m.group("o").strip())
        if name.lower() in ("all rights reserved", "the", ""):
            continue
        key = name.lower().removeprefix("the ").strip()
        return WIRES.get(key) or outlet_for_host(key) or name, f"the copyright line '{unit}'"
    return None


def versioning_banner(units: list[str]) -> tuple[str | None, int | None, str | None]:
    """(source name, change count, banner line) of a news-versioning site's banner."""
    source = count = None
    line = None
    for unit in units:
        m = _VERSIONING_SOURCE.search(unit)
        if m:
            source, line = m.group(1), line or unit
        c = _VERSION_COUNT.search(unit)
        if c:
            count, line = int(c.group(1)), unit
            # "Source: Castelmere Chronicle. First seen ... changed 2 times"
            named = _SOURCE_LABEL.match(unit)
            if named and source is None:
                source = named.group(1).strip()
    return source, count, line


def _date_line(unit: str, removed: set[str]) -> bool:
    """A head unit that may state the capture's date: a date/credit line, a labelled line
    ("Published ...", "Updated ..."), or furniture ("0 Comment(s) Print Xinhua, July 12, 2014").
    A headline that mentions a date ("Talks set for 3 March 2021") is not one. A long line
    already judged furniture ("Source: X. First seen 18 April 2016 07:12 GMT. Checked 31
    times.") may state it too."""
    if unit in removed:
        return True
    if is_body_like(unit):
        return False
    return (
        unit in removed
        or is_dateline(unit)
        or bool(_PUBLISHED.search(unit) or _UPDATED.search(unit))
    )


def stated_date(
    head: list[str], first_body: str | None, removed: set[str] | None = None
) -> tuple[FoundDate, str] | None:
    """The publication date stated in the head of a dump (date lines, then the inline
    dateline of the first paragraph), preferring "published" over "updated"."""
    removed = removed or set()
    ranked: list[tuple[int, int, FoundDate, str]] = []
    # a wire dateline's day and month ("VALDA, March 4 (Wirenews) -") pick, among the dates
    # of the head, the one the story was filed on (not an "updated" or print-edition date)
    filed = dateline_partial(first_body)
    for i, unit in enumerate(head):
        if not _date_line(unit, removed):
            continue
        for found in full_dates(unit) or labelled_dates(unit):
            rank = 0 if _PUBLISHED.search(unit) else 2 if _UPDATED.search(unit) else 1
            if filed and found.value[4:] == filed.value[1:]:
                rank -= 3
            ranked.append((rank, i, found, unit))
    if ranked:
        _, _, found, unit = min(ranked, key=lambda r: (r[0], r[1]))
        return found, unit
    prefix = _dateline_prefix(first_body)
    if prefix:
        dates = full_dates(prefix)
        if dates:
            return dates[0], prefix
    return None


def labelled_date(units: list[str]) -> tuple[FoundDate, str] | None:
    """A "Published 3 March 2021" / "First published on ..." line anywhere in the article
    part of a dump (credits are sometimes printed at the foot)."""
    for unit in units:
        if not is_body_like(unit) and _PUBLISHED.search(unit) and not _UPDATED.search(unit):
            dates = full_dates(unit) or labelled_dates(unit)
            if dates:
                return dates[0], unit
    return None


def stated_partial(
    head: list[str], first_body: str | None, removed: set[str] | None = None
) -> tuple[FoundDate, str] | None:
    """A day and month without a year in a date line or inline dateline ("Tokyo, 7 January")."""
    removed = removed or set()
    for unit in head:
        if _date_line(unit, removed):
            dates = partial_dates(unit)
            if dates:
                return dates[0], unit
    prefix = _dateline_prefix(first_body)
    if prefix:
        dates = partial_dates(prefix)
        if dates:
            return dates[0], prefix
    return None


def dateline_partial(first_body: str | None) -> FoundDate | None:
    """The day and month of an inline dateline without a year ("VALDA, March 4 (Wirenews) -")."""
    prefix = _dateline_prefix(first_body)
    if prefix and not full_dates(prefix):
        dates = partial_dates(prefix)
        if dates:
            return dates[0]
    return None


def _dateline_prefix(paragraph: str | None) -> str | None:
    """ "WASHINGTON, March 3, 2021 (Reuters) -" of a first paragraph, if it has one."""
    if not paragraph:
        return None
    m = _INLINE_CREDIT.match(paragraph) or _DASH_PREFIX.match(paragraph)
    if not m:
        return None
    prefix = m.group(0) if m.re is _INLINE_CREDIT else m.group(1)
    first = prefix.split()[0].strip(",").lower() if prefix.split() else ""
    # "WASHINGTON, March 3 (Reuters) -" is a dateline; "On 3 March - a Tuesday - ..." is prose
    if len(prefix.split()) > 12 or first in _PROSE_STARTS or not is_dateline(prefix):
        return None
    return prefix


def estimate(found: FoundDate, basis: str, confidence: float, reason: str) -> DateEstimate:
    return DateEstimate(
        value=found.value,
        precision="day" if found.precision == "day" else "month",
        basis=basis,  # type: ignore[arg-type]
        confidence=confidence,
        reasons=[reason],
    )


def combine_outlet(
    credit: tuple[str, str] | None,
    site: tuple[str, str] | None,
    versioned: bool,
    via: str | None = None,
) -> tuple[str | None, str | None]:
    """One outlet string and the sentence saying why: the credited agency first, the site
    that carried it after "via" when they differ."""
    if credit and site and credit[0].lower() != site[0].lower():
        return (
            f"{credit[0]} (via {site[0]})",
            f"the story is credited to {credit[0]} in '{credit[1]}'; it was carried by "
            f"{site[0]} ({site[1]})",
        )
    if credit:
        return credit[0], f"credited in the dateline '{credit[1]}'"
    if site:
        if versioned:
            return (
                f"{site[0]} (via {via or 'a news-versioning site'})",
                f"{site[0]} from {site[1]}, as captured by "
                + (f"the news-versioning site {via}" if via else "a news-versioning site"),
            )
        return site[0], site[1]
    return None, None
